import { describe, expect, it } from 'vitest';
import {
  barChartHeight,
  cycleTimeHistogramBars,
  cycleTimeHistogramOption,
  cycleTimeOption,
  dayTickLabel,
  histogramAxisUnit,
  nodeLabels,
  overlaidQueueWaitOption,
  queueWaitRows,
  seriesPoints,
  throughputWipOption,
  utilisationRows,
} from '../../renderer/results/charts/chartOptions';
import { branchingModelInput, buildModel, simulate } from './helpers';

const model = buildModel(branchingModelInput);
const { report } = simulate(model);
const style = { animation: false, fontSize: 12 };

describe('time series', () => {
  it('places buckets at their mid-points in days and turns throughput into orders per hour', () => {
    const points = seriesPoints(report, 'throughput');
    const bucket = report.series.bucketMinutes;
    expect(points).toHaveLength(report.series.throughput.length);
    expect(points[0][0]).toBeCloseTo(bucket / 2 / 1440, 12);
    expect(points[3][1]).toBeCloseTo((report.series.throughput[3] * 60) / bucket, 12);
    expect(seriesPoints(report, 'wip')[3][1]).toBe(report.series.wip[3]);
  });
  it('shades the warm-up and switches animation off for automation', () => {
    const option = throughputWipOption(report, style) as { animation: boolean; series: Array<{ markArea?: { data: unknown[] } }> };
    expect(option.animation).toBe(false);
    expect(option.series[0].markArea?.data).toEqual([[{ xAxis: 0 }, { xAxis: report.settings.warmupMinutes / 1440 }]]);
  });
  it('names weekdays for short runs and numbers days for long ones', () => {
    expect(dayTickLabel(0, 7)).toBe('Mon');
    expect(dayTickLabel(5, 7)).toBe('Sat');
    expect(dayTickLabel(8, 14)).toBe('Tue');
    expect(dayTickLabel(7, 7)).toBe('');
    expect(dayTickLabel(120, 365)).toBe('120');
  });
});

describe('bars', () => {
  it('lists utilisation busiest first, without repeating the only site', () => {
    const rows = utilisationRows(report, model);
    expect(rows.map((r) => r.label)).toEqual(['Clerks', 'Analysts']);
    expect(rows[0].value).toBeGreaterThanOrEqual(rows[1].value);
  });
  it('lists queue waits longest first, only where orders waited', () => {
    const rows = queueWaitRows(report);
    expect(rows.length).toBeGreaterThan(0);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1].mean).toBeGreaterThanOrEqual(rows[i].mean);
    expect(rows.every((r) => r.mean > 0)).toBe(true);
    expect(queueWaitRows(report, 1)).toHaveLength(1);
  });
  it('draws one group of cycle-time bars for all orders and one per outcome that occurred', () => {
    const option = cycleTimeOption(report, style) as { series: Array<{ name: string; data: unknown[] }> };
    expect(option.series[0].name).toBe('All orders');
    expect(option.series.every((s) => s.data.length === 4)).toBe(true);
  });
  it('draws the pooled cycle-time histogram: one bar per bin, shares of all orders adding up to 1', () => {
    const h = report.cycleTime.histogram;
    const bars = cycleTimeHistogramBars(report);
    expect(bars).toHaveLength(h.counts.length);
    expect(bars.length).toBeGreaterThan(3);
    expect(bars.reduce((a, b) => a + b.share, 0)).toBeCloseTo(1, 12);
    expect(bars.reduce((a, b) => a + b.count, 0)).toBe(h.total);
    bars.forEach((b, i) => {
      expect(b.lowMinutes).toBe(h.edgesMinutes[i]);
      expect(b.highMinutes).toBe(h.edgesMinutes[i + 1]);
    });
    const option = cycleTimeHistogramOption(report, style) as { series: Array<{ data: Array<{ value: number }>; markLine?: { data: Array<{ name: string }> } }>; xAxis: { data: string[] } };
    expect(option.xAxis.data).toHaveLength(bars.length);
    expect(option.series[0].data.map((d) => d.value)).toEqual(bars.map((b) => b.share));
    expect(option.series[0].markLine?.data.map((m) => m.name.split(' ')[0])).toEqual(['median', 'p90']);
  });
  it('labels histogram bins in the unit that makes the bin width whole', () => {
    const bar = (lowMinutes: number, highMinutes: number) => ({ lowMinutes, highMinutes, count: 1, share: 0.5, tail: false });
    expect(histogramAxisUnit([bar(0, 240), bar(240, 480)]).unit).toBe('h');
    expect(histogramAxisUnit([bar(0, 2880), bar(2880, 5760)]).unit).toBe('d');
    expect(histogramAxisUnit([bar(10, 15), bar(15, 20)]).unit).toBe('min');
    expect(histogramAxisUnit([bar(0, 0.5), bar(0.5, 1)]).unit).toBe('s');
  });
  it('has no histogram bars for a report without a histogram', () => {
    const { histogram: _histogram, ...cycle } = report.cycleTime;
    expect(cycleTimeHistogramBars({ ...report, cycleTime: cycle } as unknown as typeof report)).toEqual([]);
  });
  it('compares queue waits of several runs on the same steps', () => {
    const option = overlaidQueueWaitOption(
      [
        { label: 'A', report },
        { label: 'B', report },
      ],
      style,
    ) as { series: Array<{ name: string; data: Array<number | null> }>; yAxis: { data: string[] } };
    expect(option.series.map((s) => s.name)).toEqual(['A', 'B']);
    expect(option.series[0].data).toEqual(option.series[1].data);
    expect(option.yAxis.data.length).toBe(option.series[0].data.length);
  });
  it('tells apart steps that share a name', () => {
    const labels = nodeLabels([
      { nodeId: 'review-a', name: 'Daily review' },
      { nodeId: 'review-b', name: 'Daily review' },
      { nodeId: 'pick', name: 'Pick' },
    ]);
    expect([...labels.values()]).toEqual(['Daily review (review-a)', 'Daily review (review-b)', 'Pick']);
  });
  it('grows bar charts with their rows', () => {
    expect(barChartHeight(2)).toBe(180);
    expect(barChartHeight(20, 26)).toBe(20 * 26 + 70);
  });
});
