/**
 * The KPI tables of a run report as one CSV in long form: one header row, then one row per figure, so a
 * spreadsheet pivot or `pandas.read_csv` takes it as it is. Times are minutes, shares 0..1, money in the model's
 * currency (the `unit` column says which); every estimate carries its 95% confidence interval.
 */
import type { Estimate, RunReport } from '../../simulation/report';
import { fulfilmentMetrics, metricEstimate, observedDays, scaleEstimate, type FulfilmentGroup } from '../fulfilment';
import { slaStanding } from '../kpis';
import { csvCell, csvLine, csvNumber } from './csv';

/** Columns of the KPI CSV, in order (documented in docs/results.md, "Exports"). */
export const kpiCsvColumns = ['section', 'item', 'item_id', 'site', 'metric', 'unit', 'mean', 'ci95_low', 'ci95_high', 'ci95_half_width', 'sd', 'n', 'goal', 'standing'] as const;

interface Row {
  section: string;
  item: string;
  itemId: string;
  site: string | null;
  metric: string;
  unit: string;
  estimate: Estimate;
  goal?: number;
  standing?: string;
}

const costPartNames = {
  labour: 'Labour (exceptions included)',
  exceptionLabour: 'Exception labour',
  systemCalls: 'System calls',
  visits: 'Visits & freight',
  lineHandling: 'Line handling',
  sourcing: 'Sourcing',
  carrying: 'Carrying',
  total: 'Total',
} as const satisfies Record<keyof RunReport['costPerOrderBreakdown'], string>;

/**
 * The KPI tables of `report` as CSV text: run KPIs, SLAs, pools, systems, steps, sites, outcomes, the cost per
 * order by part and, when the report has them, the fulfilment figures (all orders, per site, per segment; counts
 * per simulated day, durations in minutes with their p90) and the stocks.
 * @example const text = kpiCsv(run.report); // "section,item,item_id,...\nrun,Throughput,throughput,,per day,..."
 */
export function kpiCsv(report: RunReport): string {
  const rows: Row[] = [];
  const currency = report.model.currency;
  const run = (metric: string, itemId: string, item: string, unit: string, estimate: Estimate) => rows.push({ section: 'run', item, itemId, site: null, metric, unit, estimate });
  run('throughput', 'throughput_per_day', 'Throughput', 'orders/day', report.throughputPerDay);
  run('throughput', 'throughput_per_hour', 'Throughput', 'orders/hour', report.throughputPerHour);
  run('cycle_time_mean', 'cycle_time', 'Cycle time', 'minutes', report.cycleTime.mean);
  run('cycle_time_p50', 'cycle_time', 'Cycle time', 'minutes', report.cycleTime.p50);
  run('cycle_time_p90', 'cycle_time', 'Cycle time', 'minutes', report.cycleTime.p90);
  run('cycle_time_p95', 'cycle_time', 'Cycle time', 'minutes', report.cycleTime.p95);
  run('cycle_time_p99', 'cycle_time', 'Cycle time', 'minutes', report.cycleTime.p99);
  run('wip_mean', 'wip', 'Work in progress', 'orders', report.wipMean);
  run('wip_max', 'wip', 'Work in progress', 'orders', report.wipMax);
  run('cost_per_order', 'cost', 'Cost per order', currency, report.costPerOrder);
  for (const sla of report.slas)
    rows.push({ section: 'sla', item: sla.name, itemId: sla.slaId, site: null, metric: `attainment_within_${csvNumber(sla.targetMinutes)}_min`, unit: 'share', estimate: sla.attainment, goal: sla.goal, standing: slaStanding(sla) });
  for (const pool of report.pools) {
    rows.push({ section: 'pool', item: pool.name, itemId: pool.poolId, site: pool.siteId, metric: 'utilisation', unit: 'share', estimate: pool.utilisation });
    rows.push({ section: 'pool', item: pool.name, itemId: pool.poolId, site: pool.siteId, metric: 'labour_cost', unit: currency, estimate: pool.labourCost });
  }
  for (const system of report.systems) {
    const add = (metric: string, unit: string, estimate: Estimate) => rows.push({ section: 'system', item: system.name, itemId: system.systemId, site: system.siteId, metric, unit, estimate });
    add('utilisation', 'share', system.utilisation);
    add('calls', 'calls', system.calls);
    add('failed_calls', 'calls', system.failedCalls);
    add('outage', 'minutes', system.outageMinutes);
  }
  for (const node of report.nodes) {
    const add = (metric: string, unit: string, estimate: Estimate) => rows.push({ section: 'step', item: node.name, itemId: node.nodeId, site: null, metric, unit, estimate });
    add('arrivals', 'visits', node.arrivals);
    add('completions', 'visits', node.completions);
    add('queue_wait_mean', 'minutes', node.queueWaitMean);
    add('queue_wait_p90', 'minutes', node.queueWaitP90);
    add('waited_share', 'share', node.waitedShare);
    add('mean_queue_length', 'orders', node.meanQueueLength);
    add('wait_share_of_order_time', 'share', node.waitShare);
    add('failures', 'visits', node.failures);
  }
  for (const [section, groups] of [['site', report.sites], ['outcome', report.outcomes]] as const) {
    for (const group of groups) {
      const add = (metric: string, unit: string, estimate: Estimate) => rows.push({ section, item: group.key, itemId: group.key, site: section === 'site' ? group.key : null, metric, unit, estimate });
      add('share_of_completions', 'share', group.share);
      add('completed_per_day', 'orders/day', group.completedPerDay);
      add('cycle_time_mean', 'minutes', group.cycleTime.mean);
      add('cycle_time_p90', 'minutes', group.cycleTime.p90);
    }
  }
  // Cost per order by part (every report): the engine's own estimates; labour includes exception labour.
  for (const [part, estimate] of Object.entries(report.costPerOrderBreakdown))
    rows.push({ section: 'cost_per_order', item: costPartNames[part as keyof typeof costPartNames], itemId: part, site: null, metric: 'cost_per_order', unit: currency, estimate });
  const f = report.fulfilment;
  if (f) {
    const days = observedDays(report);
    const group = (section: string, g: FulfilmentGroup, site: string | null) => {
      for (const metric of fulfilmentMetrics) {
        const unit = metric.csv.unit === 'money' ? currency : metric.csv.unit;
        rows.push({ section, item: g.name, itemId: g.key, site, metric: metric.csv.metric, unit, estimate: metricEstimate(metric, g, days) });
        const p90 = metric.p90?.(g);
        if (p90) rows.push({ section, item: g.name, itemId: g.key, site, metric: metric.csv.metric.replace(/_mean$/, '_p90'), unit, estimate: p90 });
      }
    };
    group('fulfilment', f.all, null);
    for (const g of f.bySite) group('fulfilment_site', g, g.key);
    for (const g of f.bySegment) group('fulfilment_segment', g, null);
    const perDay = (e: Estimate) => (days > 0 ? scaleEstimate(e, 1 / days) : { ...e, mean: null, sd: null, halfWidth: null, low: null, high: null });
    for (const s of f.stock) {
      const add = (metric: string, unit: string, estimate: Estimate) => rows.push({ section: 'stock', item: `${s.siteName} · ${s.productClass === '*' ? 'other classes' : s.productClass}`, itemId: `${s.siteId}/${s.productClass}`, site: s.siteId, metric, unit, estimate });
      add('lines_demanded_per_day', 'lines/day', perDay(s.linesDemanded));
      add('fill_rate', 'share', s.fillRate);
      add('mean_on_hand', 'units', s.meanOnHand);
      add('mean_backordered_units', 'units', s.meanBackorderedUnits);
      add('replenishments_per_day', 'orders/day', perDay(s.replenishments));
      add('carrying_cost', currency, s.carryingCost);
    }
  }
  let text = csvLine([...kpiCsvColumns]);
  for (const r of rows) {
    const e = r.estimate;
    text += csvLine([
      csvCell(r.section),
      csvCell(r.item),
      csvCell(r.itemId),
      csvCell(r.site ?? ''),
      csvCell(r.metric),
      csvCell(r.unit),
      csvNumber(e.mean),
      csvNumber(e.low),
      csvNumber(e.high),
      csvNumber(e.halfWidth),
      csvNumber(e.sd),
      String(e.n),
      csvNumber(r.goal),
      csvCell(r.standing ?? ''),
    ]);
  }
  return text;
}
