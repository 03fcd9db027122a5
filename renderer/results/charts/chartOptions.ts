/**
 * ECharts options for the results and compare views, built from reports by pure functions (tested headless).
 * Times on axes are simulated days from Monday 00:00 of week 1; durations are formatted in planner units.
 */
import type { Workflow } from '../../../models';
import type { DurationEstimate, Estimate, RunReport } from '../../simulation/report';
import { sequentialColor } from '../colorScale';
import { durationUnit, formatDuration, formatNumber, formatPercent } from '../format';
import type { ChartOption } from './echartsSetup';

/** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies and on a projector. */
export const seriesColors = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000'] as const;

export interface ChartStyle {
  /** Off under automation (`navigator.webdriver`) so screenshots are stable; on for people. */
  animation: boolean;
  /** Base font size: 12 in the results panel, larger in the compare view for projectors. */
  fontSize: number;
}

/** A report with the label it is shown under (variant or scenario name). */
export interface LabelledReport {
  label: string;
  report: RunReport;
}

const textColor = '#1d2939';
const axisColor = '#667085';
const gridLine = '#eaecf0';

function baseOption(style: ChartStyle): ChartOption {
  return {
    animation: style.animation,
    textStyle: { fontSize: style.fontSize, color: textColor },
    color: [...seriesColors],
  };
}

function axisLabel(style: ChartStyle) {
  return { fontSize: style.fontSize, color: axisColor };
}

// ---------------------------------------------------------------------------------------------- over time

/** Bucket mid-points in simulated days, and a bucket's throughput as orders per hour. */
export function seriesPoints(report: RunReport, metric: 'throughput' | 'wip'): Array<[number, number]> {
  const bucket = report.series.bucketMinutes;
  const values = metric === 'throughput' ? report.series.throughput : report.series.wip;
  const perHour = metric === 'throughput' ? 60 / bucket : 1;
  return values.map((v, i) => [((i + 0.5) * bucket) / 1440, v * perHour]);
}

function warmupArea(report: RunReport) {
  const days = report.settings.warmupMinutes / 1440;
  if (days <= 0) return undefined;
  return {
    silent: true,
    itemStyle: { color: 'rgba(152, 162, 179, 0.18)' },
    label: { show: true, position: 'insideTop' as const, color: axisColor, formatter: 'warm-up (not counted)' },
    data: [[{ xAxis: 0 }, { xAxis: days }]] as [{ xAxis: number }, { xAxis: number }][],
  };
}

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Tick label of a simulated day: weekday names for runs of up to two weeks (the clock starts Monday 00:00). */
export function dayTickLabel(day: number, maxDays: number): string {
  if (maxDays <= 14 && Number.isInteger(day)) return day === maxDays ? '' : weekdayNames[day % 7];
  return formatNumber(day);
}

const dayAxis = (style: ChartStyle, maxDays: number) => ({
  type: 'value' as const,
  name: maxDays <= 14 ? 'simulated days from Monday 00:00' : 'simulated day',
  nameLocation: 'middle' as const,
  nameGap: 26,
  min: 0,
  max: maxDays,
  minInterval: 1,
  axisLabel: { ...axisLabel(style), formatter: (v: number) => dayTickLabel(v, maxDays) },
  splitLine: { show: maxDays <= 14, lineStyle: { color: gridLine } },
});

function zoomFor(style: ChartStyle, buckets: number): ChartOption['dataZoom'] {
  // Long runs hold thousands of buckets: let the user zoom into a week.
  if (buckets < 200) return undefined;
  return [
    { type: 'inside', xAxisIndex: 0 },
    { type: 'slider', xAxisIndex: 0, height: 18, bottom: 4, textStyle: { fontSize: style.fontSize - 2 } },
  ];
}

/** Throughput (orders/hour, left axis) and WIP (orders, right axis) over simulated time, warm-up shaded. */
export function throughputWipOption(report: RunReport, style: ChartStyle): ChartOption {
  const maxDays = report.settings.horizonMinutes / 1440;
  const zoom = zoomFor(style, report.series.throughput.length);
  return {
    ...baseOption(style),
    grid: { left: 56, right: 56, top: 40, bottom: zoom ? 64 : 40 },
    legend: { top: 0, textStyle: { fontSize: style.fontSize } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v) : String(v)),
    },
    xAxis: dayAxis(style, maxDays),
    yAxis: [
      { type: 'value', name: 'orders/hour', axisLabel: axisLabel(style), splitLine: { lineStyle: { color: gridLine } } },
      { type: 'value', name: 'orders in progress', axisLabel: axisLabel(style), splitLine: { show: false } },
    ],
    dataZoom: zoom,
    series: [
      { type: 'line', name: 'Throughput (orders/hour)', data: seriesPoints(report, 'throughput'), showSymbol: false, lineStyle: { width: 1.5 }, markArea: warmupArea(report) },
      { type: 'line', name: 'WIP (orders in progress)', yAxisIndex: 1, data: seriesPoints(report, 'wip'), showSymbol: false, lineStyle: { width: 2 } },
    ],
  };
}

/** One metric over time for several runs overlaid (compare view). */
export function overlaidSeriesOption(runs: readonly LabelledReport[], metric: 'throughput' | 'wip', style: ChartStyle): ChartOption {
  const maxDays = Math.max(...runs.map((r) => r.report.settings.horizonMinutes / 1440), 1);
  const zoom = zoomFor(style, Math.max(...runs.map((r) => r.report.series.throughput.length), 0));
  return {
    ...baseOption(style),
    grid: { left: 64, right: 24, top: 48, bottom: zoom ? 70 : 44 },
    legend: { top: 0, textStyle: { fontSize: style.fontSize } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v) : String(v)) },
    xAxis: dayAxis(style, maxDays),
    yAxis: { type: 'value', name: metric === 'throughput' ? 'orders/hour' : 'orders in progress', axisLabel: axisLabel(style), splitLine: { lineStyle: { color: gridLine } } },
    dataZoom: zoom,
    series: runs.map((r, i) => ({
      type: 'line' as const,
      name: r.label,
      data: seriesPoints(r.report, metric),
      showSymbol: false,
      lineStyle: { width: 2 },
      markArea: i === 0 ? warmupArea(r.report) : undefined,
    })),
  };
}

// ---------------------------------------------------------------------------------------------- cycle time

const percentiles = [
  { key: 'p50', label: 'p50 (median)' },
  { key: 'p90', label: 'p90' },
  { key: 'p95', label: 'p95' },
  { key: 'p99', label: 'p99' },
] as const;

/** A bar value with its interval carried along for the tooltip. */
interface BarDatum {
  value: number | null;
  low: number | null;
  high: number | null;
}

function bar(e: Estimate): BarDatum {
  return { value: e.mean, low: e.low, high: e.high };
}

/** Unit for a duration axis chosen from the largest value, so ticks read "12 h", not "720 min". */
export function durationAxisUnit(maxMinutes: number): { factor: number; unit: string } {
  return durationUnit(maxMinutes);
}

function durationGroups(groups: ReadonlyArray<{ name: string; cycle: DurationEstimate }>, style: ChartStyle): ChartOption {
  let max = 0;
  for (const g of groups) for (const p of percentiles) max = Math.max(max, g.cycle[p.key].mean ?? 0);
  const { factor, unit } = durationAxisUnit(max);
  return {
    ...baseOption(style),
    grid: { left: 64, right: 24, top: 48, bottom: 36 },
    legend: { top: 0, textStyle: { fontSize: style.fontSize } },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0] : p;
        const d = item.data as BarDatum | undefined;
        if (!d || d.value === null) return `${item.seriesName}: not measured`;
        const ci = d.low !== null && d.high !== null ? `<br/>95% CI ${formatDuration(d.low * factor)} – ${formatDuration(d.high * factor)}` : '';
        return `${item.seriesName}, ${item.name}: <b>${formatDuration(d.value * factor)}</b>${ci}`;
      },
    },
    xAxis: { type: 'category', data: percentiles.map((p) => p.label), axisLabel: axisLabel(style) },
    yAxis: { type: 'value', name: unit, axisLabel: { ...axisLabel(style), formatter: (v: number) => formatNumber(v) }, splitLine: { lineStyle: { color: gridLine } } },
    series: groups.map((g) => ({
      type: 'bar' as const,
      name: g.name,
      barMaxWidth: 48,
      data: percentiles.map((p) => {
        const d = bar(g.cycle[p.key]);
        return { value: d.value === null ? null : d.value / factor, low: d.low === null ? null : d.low / factor, high: d.high === null ? null : d.high / factor } as never;
      }),
    })),
  };
}

/** Cycle-time percentiles of all orders and of each outcome (bars), with 95% intervals in the tooltip. */
export function cycleTimeOption(report: RunReport, style: ChartStyle): ChartOption {
  const groups = [{ name: 'All orders', cycle: report.cycleTime }, ...report.outcomes.filter((o) => (o.share.mean ?? 0) > 0).map((o) => ({ name: o.key, cycle: o.cycleTime }))];
  return durationGroups(groups, style);
}

/** One bar of the cycle-time histogram: orders whose cycle time lies in [lowMinutes, highMinutes). */
export interface HistogramBar {
  lowMinutes: number;
  highMinutes: number;
  count: number;
  /** Share of all measured orders (0..1). */
  share: number;
  /** The last bin when it gathers the long tail (wider than the others). */
  tail: boolean;
}

/**
 * The bars of the pooled cycle-time histogram (`report.cycleTime.histogram`, all replications together); empty for
 * reports without one (older reports, or no order completed).
 */
export function cycleTimeHistogramBars(report: RunReport): HistogramBar[] {
  const h = (report.cycleTime as Partial<RunReport['cycleTime']>).histogram;
  if (!h || h.total <= 0 || h.counts.length === 0) return [];
  const width = h.edgesMinutes.length > 2 ? h.edgesMinutes[1] - h.edgesMinutes[0] : Infinity;
  return h.counts.map((count, i) => {
    const lowMinutes = h.edgesMinutes[i];
    const highMinutes = h.edgesMinutes[i + 1];
    // Regular bins share one width; only the last one can be wider (the tail up to the longest order).
    const tail = i === h.counts.length - 1 && i > 0 && highMinutes - lowMinutes > width * 1.000001;
    return { lowMinutes, highMinutes, count, share: count / h.total, tail };
  });
}

/**
 * The unit of the histogram's bin labels: the largest unit in which the regular bin width is a whole number, so
 * edges read "0, 4, 8 h" rather than "0, 0.167, 0.333 d" (every edge is a multiple of the width).
 */
export function histogramAxisUnit(bars: readonly HistogramBar[]): { factor: number; unit: 's' | 'min' | 'h' | 'd' } {
  if (bars.length === 0) return { factor: 1, unit: 'min' };
  const width = bars[0].highMinutes - bars[0].lowMinutes;
  const whole = (x: number) => Math.abs(x - Math.round(x)) < 1e-9 * Math.max(1, Math.abs(x));
  if (whole(width / 1440)) return { factor: 1440, unit: 'd' };
  if (whole(width / 60)) return { factor: 60, unit: 'h' };
  if (whole(width)) return { factor: 1, unit: 'min' };
  return { factor: 1 / 60, unit: 's' };
}

/**
 * The distribution of cycle times as a histogram: the share of orders per bin (all replications pooled), with the
 * median and p90 marked; bin labels in one unit chosen from the longest bin edge.
 */
export function cycleTimeHistogramOption(report: RunReport, style: ChartStyle): ChartOption {
  const bars = cycleTimeHistogramBars(report);
  const { factor, unit } = histogramAxisUnit(bars);
  const labels = bars.map((b) => (b.tail ? `≥ ${formatNumber(b.lowMinutes / factor)}` : formatNumber(b.lowMinutes / factor)));
  const binOf = (minutes: number | null): number => (minutes === null ? -1 : bars.findIndex((b) => minutes >= b.lowMinutes && (minutes < b.highMinutes || b === bars[bars.length - 1])));
  const marks = [
    { name: 'median', at: binOf(report.cycleTime.p50.mean), value: report.cycleTime.p50.mean },
    { name: 'p90', at: binOf(report.cycleTime.p90.mean), value: report.cycleTime.p90.mean },
  ].filter((m) => m.at >= 0 && m.value !== null);
  const replications = report.settings.replications;
  return {
    ...baseOption(style),
    grid: { left: 56, right: 24, top: 40, bottom: 44 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0] : p;
        const b = bars[item.dataIndex];
        if (!b) return '';
        const range = b.tail ? `${formatDuration(b.lowMinutes)} to ${formatDuration(b.highMinutes)} (the longest)` : `${formatDuration(b.lowMinutes)} to ${formatDuration(b.highMinutes)}`;
        return `${range}<br/><b>${formatPercent(b.share)}</b> of orders (${formatNumber(b.count)} over ${formatNumber(replications)} replication${replications === 1 ? '' : 's'})`;
      },
    },
    xAxis: {
      type: 'category',
      data: labels,
      name: `cycle time (${unit}), bins start at`,
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: axisLabel(style),
      axisTick: { alignWithLabel: false },
    },
    yAxis: { type: 'value', name: '% of orders', axisLabel: { ...axisLabel(style), formatter: (v: number) => `${formatNumber(v * 100)}%` }, splitLine: { lineStyle: { color: gridLine } } },
    series: [
      {
        type: 'bar',
        name: 'Orders',
        barCategoryGap: '8%',
        data: bars.map((b) => ({ value: b.share, itemStyle: b.tail ? { color: '#98a2b3' } : undefined })) as never,
        markLine:
          marks.length > 0
            ? {
                silent: true,
                symbol: 'none',
                lineStyle: { color: textColor, type: 'dashed' },
                label: { formatter: (m: { name?: string }) => m.name ?? '', color: textColor, fontSize: style.fontSize - 1, backgroundColor: 'rgba(255, 255, 255, 0.85)', padding: 1 },
                // Labels run along the lines on opposite sides, so that the two never overlap when the bins are close.
                data: marks.map((m, k) => ({ xAxis: m.at, name: `${m.name} ${formatDuration(m.value as number)}`, label: { position: k === 0 ? ('insideEndTop' as const) : ('insideEndBottom' as const) } })),
              }
            : undefined,
      },
    ],
  };
}

/** Cycle-time percentiles of several runs side by side (compare view). */
export function overlaidCycleTimeOption(runs: readonly LabelledReport[], style: ChartStyle): ChartOption {
  return durationGroups(runs.map((r) => ({ name: r.label, cycle: r.report.cycleTime })), style);
}

// ---------------------------------------------------------------------------------------------- utilisation

export interface UtilisationRow {
  label: string;
  value: number;
  low: number | null;
  high: number | null;
}

/** Utilisation per pool and site (and per limited system), busiest first. */
export function utilisationRows(report: RunReport, model: Workflow | undefined): UtilisationRow[] {
  const siteName = (id: string) => model?.sites.find((s) => s.id === id)?.name ?? id;
  // One site: no need to repeat its name on every bar.
  const manySites = (model?.sites.length ?? 2) > 1;
  const rows: UtilisationRow[] = [];
  for (const p of report.pools) {
    if (p.utilisation.mean === null) continue;
    const where = p.siteId === null ? ' · shared' : manySites ? ` · ${siteName(p.siteId)}` : '';
    rows.push({ label: `${p.name}${where}`, value: p.utilisation.mean, low: p.utilisation.low, high: p.utilisation.high });
  }
  for (const s of report.systems) {
    if (s.utilisation.mean === null) continue;
    const where = s.siteId !== null && manySites ? ` · ${siteName(s.siteId)}` : '';
    rows.push({ label: `${s.name} (system)${where}`, value: s.utilisation.mean, low: s.utilisation.low, high: s.utilisation.high });
  }
  return rows.sort((a, b) => b.value - a.value);
}

/** Horizontal bars of utilisation coloured by the overlay's scale, with an 85% guide line. */
export function utilisationOption(rows: readonly UtilisationRow[], style: ChartStyle): ChartOption {
  const ordered = [...rows].reverse(); // ECharts draws the first category at the bottom.
  return {
    ...baseOption(style),
    grid: { left: 8, right: 48, top: 24, bottom: 28, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0] : p;
        const row = ordered[item.dataIndex];
        const ci = row.low !== null && row.high !== null ? `<br/>95% CI ${formatPercent(row.low)} – ${formatPercent(row.high)}` : '';
        return `${row.label}: <b>${formatPercent(row.value)}</b> busy${ci}`;
      },
    },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { ...axisLabel(style), formatter: (v: number) => formatPercent(v) }, splitLine: { lineStyle: { color: gridLine } } },
    yAxis: { type: 'category', data: ordered.map((r) => r.label), axisLabel: { ...axisLabel(style), color: textColor, width: 220, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: 'Utilisation',
        barMaxWidth: 22,
        data: ordered.map((r) => ({ value: r.value, itemStyle: { color: sequentialColor(r.value).fill, borderColor: '#98a2b3', borderWidth: 0.5 } })),
        label: { show: true, position: 'right', fontSize: style.fontSize - 1, formatter: (p: { value: unknown }) => formatPercent(Number(p.value)) },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#b42318', type: 'dashed' },
          label: { formatter: '85%', color: '#b42318', fontSize: style.fontSize - 2 },
          data: [{ xAxis: 0.85 }],
        },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------- queue wait

export interface QueueWaitRow {
  nodeId: string;
  label: string;
  mean: number;
  p90: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Step names for chart categories: two steps may share a name ("Daily spreadsheet review" at intake and at
 * shipping), so a repeated name gets its id to tell the bars apart.
 */
export function nodeLabels(nodes: ReadonlyArray<{ nodeId: string; name: string }>): Map<string, string> {
  const count = new Map<string, number>();
  for (const n of nodes) count.set(n.name, (count.get(n.name) ?? 0) + 1);
  return new Map(nodes.map((n) => [n.nodeId, (count.get(n.name) ?? 0) > 1 ? `${n.name} (${n.nodeId})` : n.name]));
}

/** Nodes where orders wait, longest mean wait first (at most `limit`). */
export function queueWaitRows(report: RunReport, limit = 15): QueueWaitRow[] {
  const labels = nodeLabels(report.nodes);
  return report.nodes
    .filter((n) => (n.queueWaitMean.mean ?? 0) > 0)
    .map((n) => ({ nodeId: n.nodeId, label: labels.get(n.nodeId) ?? n.name, mean: n.queueWaitMean.mean ?? 0, p90: n.queueWaitP90.mean, low: n.queueWaitMean.low, high: n.queueWaitMean.high }))
    .sort((a, b) => b.mean - a.mean)
    .slice(0, limit);
}

/** Horizontal bars of mean and p90 queue wait per node. */
export function queueWaitOption(rows: readonly QueueWaitRow[], style: ChartStyle): ChartOption {
  const ordered = [...rows].reverse();
  const max = Math.max(0, ...rows.map((r) => Math.max(r.mean, r.p90 ?? 0)));
  const { factor, unit } = durationAxisUnit(max);
  return {
    ...baseOption(style),
    grid: { left: 8, right: 32, top: 32, bottom: 28, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: style.fontSize } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p) => {
        const items = Array.isArray(p) ? p : [p];
        const row = ordered[items[0]?.dataIndex ?? 0];
        if (!row) return '';
        const ci = row.low !== null && row.high !== null ? ` (95% CI ${formatDuration(row.low)} – ${formatDuration(row.high)})` : '';
        return `<b>${row.label}</b><br/>mean wait ${formatDuration(row.mean)}${ci}${row.p90 !== null ? `<br/>p90 wait ${formatDuration(row.p90)}` : ''}`;
      },
    },
    xAxis: { type: 'value', name: unit, axisLabel: { ...axisLabel(style), formatter: (v: number) => formatNumber(v) }, splitLine: { lineStyle: { color: gridLine } } },
    yAxis: { type: 'category', data: ordered.map((r) => r.label), axisLabel: { ...axisLabel(style), color: textColor, width: 200, overflow: 'truncate' } },
    series: [
      { type: 'bar', name: 'Mean wait', barMaxWidth: 16, data: ordered.map((r) => r.mean / factor), itemStyle: { color: seriesColors[0] } },
      { type: 'bar', name: 'p90 wait', barMaxWidth: 16, data: ordered.map((r) => (r.p90 === null ? null : r.p90 / factor)), itemStyle: { color: '#9ecae1' } },
    ],
  };
}

/** Mean queue wait per node for several runs side by side (compare view); nodes by id, union of all runs. */
export function overlaidQueueWaitOption(runs: readonly LabelledReport[], style: ChartStyle, limit = 12): ChartOption {
  const worst = new Map<string, { label: string; max: number }>();
  for (const r of runs)
    for (const n of r.report.nodes) {
      const m = n.queueWaitMean.mean ?? 0;
      if (m <= 0) continue;
      const prev = worst.get(n.nodeId);
      if (!prev || m > prev.max) worst.set(n.nodeId, { label: n.name, max: m });
    }
  const labels = nodeLabels([...worst.entries()].map(([nodeId, v]) => ({ nodeId, name: v.label })));
  const nodes = [...worst.entries()]
    .map(([id, v]) => [id, { ...v, label: labels.get(id) ?? v.label }] as const)
    .sort((a, b) => b[1].max - a[1].max)
    .slice(0, limit)
    .reverse();
  const max = Math.max(0, ...nodes.map(([, v]) => v.max));
  const { factor, unit } = durationAxisUnit(max);
  return {
    ...baseOption(style),
    grid: { left: 8, right: 32, top: 40, bottom: 32, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: style.fontSize } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? `${formatNumber(v)} ${unit}` : '–') },
    xAxis: { type: 'value', name: unit, axisLabel: { ...axisLabel(style), formatter: (v: number) => formatNumber(v) }, splitLine: { lineStyle: { color: gridLine } } },
    yAxis: { type: 'category', data: nodes.map(([, v]) => v.label), axisLabel: { ...axisLabel(style), color: textColor, width: 240, overflow: 'truncate' } },
    series: runs.map((r) => ({
      type: 'bar' as const,
      name: r.label,
      barMaxWidth: 14,
      data: nodes.map(([id]) => {
        const n = r.report.nodes.find((x) => x.nodeId === id);
        return n?.queueWaitMean.mean == null ? null : n.queueWaitMean.mean / factor;
      }),
    })),
  };
}

/** Height in pixels for a horizontal bar chart of `rows` categories. */
export function barChartHeight(rows: number, perRow = 26, min = 180): number {
  return Math.max(min, rows * perRow + 70);
}
