/**
 * ECharts options of the Experiments area, built by pure functions from the reports (tested headless): a KPI
 * against the swept parameter with its 95% confidence band and the saturation point marked, and the stress
 * timeline (WIP with and without the shock, the shock window shaded).
 */
import type { Estimate } from '../simulation/report';
import { seriesColors, type ChartStyle } from '../results/charts/chartOptions';
import type { ChartOption } from '../results/charts/echartsSetup';
import { formatDuration, formatNumber, formatPercent } from '../results/format';

const textColor = '#1d2939';
/** Axis tick labels at the chart's type size (ECharts' own default is a fixed 12 px). */
const axisLabel = (style: ChartStyle) => ({ fontSize: style.fontSize, color: '#475467' });
import type { StressReport, SweepPoint, SweepReport } from './engine';

/** KPIs a sweep chart can show (`ff:` the point's fulfilment KPIs: OTIF, fill rates, order-to-ship...). */
export type SweepKpi = 'throughputPerDay' | 'cycleTimeMean' | 'cycleTimeP90' | 'wipMean' | 'costPerOrder' | `sla:${string}` | `ff:${string}`;

/** The KPI choices for a report, with labels. */
export function sweepKpis(report: SweepReport): Array<{ id: SweepKpi; label: string }> {
  const slas = report.points[0]?.slas ?? [];
  return [
    { id: 'throughputPerDay', label: 'Throughput (orders/day)' },
    { id: 'cycleTimeMean', label: 'Cycle time, mean' },
    { id: 'cycleTimeP90', label: 'Cycle time, p90' },
    { id: 'wipMean', label: 'Orders in process (WIP)' },
    { id: 'costPerOrder', label: `Cost per order (${report.model.currency})` },
    ...slas.map((s) => ({ id: `sla:${s.slaId}` as SweepKpi, label: `SLA attainment: ${s.name}` })),
    ...(report.points[0]?.fulfilment ?? []).map((f) => ({ id: `ff:${f.id}` as SweepKpi, label: f.kind === 'money' ? `${f.label} (${report.model.currency})` : f.label })),
  ];
}

/** The estimate of a KPI at a point. */
export function kpiEstimate(point: SweepPoint, kpi: SweepKpi): Estimate | null {
  if (kpi.startsWith('sla:')) return point.slas.find((s) => `sla:${s.slaId}` === kpi)?.attainment ?? null;
  if (kpi.startsWith('ff:')) return point.fulfilment.find((f) => `ff:${f.id}` === kpi)?.estimate ?? null;
  return point[kpi as Exclude<SweepKpi, `sla:${string}` | `ff:${string}`>];
}

type ValueKind = 'duration' | 'share' | 'number';

function kind(kpi: SweepKpi, point: SweepPoint | undefined): ValueKind {
  if (kpi.startsWith('ff:')) {
    const k = point?.fulfilment.find((f) => `ff:${f.id}` === kpi)?.kind;
    return k === 'duration' ? 'duration' : k === 'share' ? 'share' : 'number';
  }
  return kpi === 'cycleTimeMean' || kpi === 'cycleTimeP90' ? 'duration' : kpi.startsWith('sla:') ? 'share' : 'number';
}

function show(value: number, k: ValueKind): string {
  return k === 'duration' ? formatDuration(value) : k === 'share' ? formatPercent(value) : formatNumber(value);
}

/** A KPI value of a sweep as the chart and the table print it ('-' when unmeasured). */
export function showSweepValue(report: SweepReport, kpi: SweepKpi, value: number | null): string {
  return value === null ? '-' : show(value, kind(kpi, report.points[0]));
}

/**
 * KPI (mean, and the 95% band low..high as a stacked area) against the first swept parameter, one line per value of
 * the second parameter; a vertical line at each saturation point.
 */
export function sweepChartOption(report: SweepReport, kpi: SweepKpi, style: ChartStyle): ChartOption {
  const k = kind(kpi, report.points[0]);
  const first = report.parameters[0];
  const lines: Array<number | null> = report.parameters.length === 2 ? report.parameters[1].values : [null];
  const series: NonNullable<ChartOption['series']> = [];
  lines.forEach((lineValue, i) => {
    const color = seriesColors[i % seriesColors.length];
    const name = lineValue === null ? 'mean' : `${report.parameters[1].label} = ${formatNumber(lineValue)}`;
    const points = report.points.filter((p) => lineValue === null || p.values[1] === lineValue).sort((a, b) => a.values[0] - b.values[0]);
    const rows = points.map((p) => ({ x: p.values[0], e: kpiEstimate(p, kpi) }));
    const stack = `band-${i}`;
    // The band: an invisible line at the lower bound with the width (high - low) stacked on it, filled.
    series.push({ type: 'line', name: `${name} 95% low`, stack, data: rows.map((r) => [r.x, r.e?.low ?? r.e?.mean ?? null]), lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } });
    series.push({ type: 'line', name: `${name} 95% band`, stack, data: rows.map((r) => [r.x, r.e && r.e.high !== null && r.e.low !== null ? r.e.high - r.e.low : 0]), lineStyle: { opacity: 0 }, areaStyle: { color, opacity: 0.18 }, symbol: 'none', silent: true, tooltip: { show: false } });
    const saturation = report.saturation.find((s) => s.seriesValue === lineValue);
    series.push({
      type: 'line',
      name,
      data: rows.map((r) => [r.x, r.e?.mean ?? null]),
      itemStyle: { color },
      lineStyle: { color, width: 2 },
      symbolSize: 7,
      markLine:
        saturation && saturation.saturatedAt !== null
          ? { symbol: 'none', lineStyle: { color: '#b42318', type: 'dashed', width: 2 }, label: { formatter: `${saturation.stableSide === 'above' ? 'saturated up to' : 'saturates at'} ${formatNumber(saturation.saturatedAt)}`, color: '#b42318', fontSize: style.fontSize - 1, position: 'insideEndBottom' }, data: [{ xAxis: saturation.saturatedAt }] }
          : undefined,
    });
  });
  return {
    animation: style.animation,
    textStyle: { fontSize: style.fontSize, color: textColor },
    grid: { left: 16, right: 30, top: 40, bottom: 56, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: style.fontSize }, data: series.filter((s) => typeof s.name === 'string' && !s.name.includes('95%')).map((s) => s.name as string) },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? show(v, k) : '-') },
    xAxis: { type: 'value', name: first.label, nameLocation: 'middle', nameGap: style.fontSize + 20, nameTextStyle: { fontSize: style.fontSize }, scale: true, axisLabel: axisLabel(style) },
    yAxis: { type: 'value', scale: true, axisLabel: { ...axisLabel(style), formatter: (v: number) => show(v, k) } },
    series,
  };
}

/** WIP over simulated days with and without the shock; the shock window shaded. */
export function stressChartOption(report: StressReport, style: ChartStyle): ChartOption {
  const days = (bucket: number) => (bucket * report.series.bucketMinutes) / 1440;
  const line = (values: number[]) => values.map((v, b) => [Number(days(b).toFixed(4)), v]);
  const window = report.window;
  return {
    animation: style.animation,
    textStyle: { fontSize: style.fontSize, color: textColor },
    grid: { left: 16, right: 30, top: 48, bottom: 56, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: style.fontSize } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${formatNumber(v)} orders` : '-') },
    xAxis: { type: 'value', name: 'Simulated day', nameLocation: 'middle', nameGap: style.fontSize + 20, nameTextStyle: { fontSize: style.fontSize }, min: 0, max: report.settings.horizonMinutes / 1440, axisLabel: axisLabel(style) },
    yAxis: { type: 'value', name: 'Orders in process', nameTextStyle: { fontSize: style.fontSize, align: 'left' }, axisLabel: axisLabel(style) },
    dataZoom: [{ type: 'inside' }],
    series: [
      // Drawn wider and under the shocked line, so where the two coincide the baseline still shows as a halo.
      { type: 'line', name: 'No shock', data: line(report.series.baselineWip), symbol: 'none', itemStyle: { color: seriesColors[0] }, lineStyle: { width: 4, opacity: 0.55 } },
      {
        type: 'line',
        name: 'Shocked',
        data: line(report.series.shockedWip),
        symbol: 'none',
        itemStyle: { color: seriesColors[4] },
        lineStyle: { width: 1.75 },
        markArea: window ? { silent: true, itemStyle: { color: 'rgba(180, 35, 24, 0.12)' }, data: [[{ xAxis: window.startMinutes / 1440, name: 'shock' }, { xAxis: window.endMinutes / 1440 }]] } : undefined,
        markLine:
          window && report.recovery.minutesAfterShock.mean !== null
            ? { symbol: 'none', lineStyle: { color: '#027a48', type: 'dashed' }, label: { formatter: 'recovered (mean)', color: '#027a48', position: 'middle', fontSize: style.fontSize - 1 }, data: [{ xAxis: (window.endMinutes + report.recovery.minutesAfterShock.mean) / 1440 }] }
            : undefined,
      },
    ],
  };
}
