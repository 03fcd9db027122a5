/**
 * The fulfilment figures of a run (the engine's `report.fulfilment`, see simulator/fulfilmentReport.ts) shaped for
 * the Fulfilment tab, the HTML report and the KPI CSV: one list of metrics (label, unit, which way is better, where
 * the estimate sits in a group), the headline cards, the per-site / per-segment table with its worst cells, the
 * stock table and the cost-per-order breakdown. Pure, tested headless in test/renderer-results/.
 *
 * Counts (orders, backorders, holds) are per replication in the report; they are shown per simulated day after the
 * warm-up, like throughput, so runs of different lengths read alike. Scaling an estimate by a constant scales its
 * mean, standard deviation and interval alike, so the interval stays exact.
 */
import type { Workflow } from '../../models';
import type { DurationEstimate, Estimate, RunReport } from '../simulation/report';
import { formatInterval, formatPercent, formatValue, type ValueKind } from './format';
import type { KpiCard } from './kpis';

/** The fulfilment part of a report (non-null). */
export type FulfilmentReport = NonNullable<RunReport['fulfilment']>;
/** One group of orders: all, a site or a customer segment. */
export type FulfilmentGroup = FulfilmentReport['all'];
/** One stock: a site x product class. */
export type StockReport = FulfilmentReport['stock'][number];

/** Which fulfilment features the simulated model uses: figures of unused features are left out, not shown as 0. */
export interface FulfilmentFeatures {
  /** A source promises a ship-by date: OTIF, on time and in full are judged. */
  promise: boolean;
  /** A site has stock (fill rate or inventory): lines can be short, so fill rates and backorders mean something. */
  stock: boolean;
  /** An allocation sources short lines from other sites. */
  sourcing: boolean;
  /** A step records the `invoice` milestone. */
  invoice: boolean;
  /** A step records the `cash` milestone. */
  cash: boolean;
  /** A credit check holds orders over the customer's limit. */
  credit: boolean;
}

/**
 * The features of `model` (the model as simulated). Without the model, they are read from the report: a figure
 * that was measured means its feature is in use.
 */
export function fulfilmentFeatures(model: Workflow | undefined, f: FulfilmentReport): FulfilmentFeatures {
  const all = f.all;
  if (!model) {
    return {
      promise: all.otifRate.mean !== null,
      stock: f.stock.length > 0 || (all.backorders.mean ?? 0) > 0,
      sourcing: (all.sourcedLines.mean ?? 0) > 0,
      invoice: all.invoiceLag.mean.mean !== null,
      cash: all.orderToCash.mean.mean !== null || all.shipToCash.mean.mean !== null,
      credit: (all.creditHolds.mean ?? 0) > 0,
    };
  }
  const milestone = (m: 'invoice' | 'cash') => model.nodes.some((n) => n.milestone === m);
  return {
    promise: model.nodes.some((n) => n.kind === 'source' && n.promise !== undefined),
    stock: model.sites.some((s) => s.stock !== undefined) || f.stock.length > 0,
    sourcing: model.nodes.some((n) => n.kind === 'allocate' && n.policy === 'sourceElsewhere'),
    invoice: milestone('invoice'),
    cash: milestone('cash'),
    credit: model.nodes.some((n) => n.kind === 'creditCheck'),
  };
}

/** Simulated days after the warm-up in each replication: the denominator of "per day". */
export function observedDays(report: RunReport): number {
  return Math.max(0, report.settings.horizonMinutes - report.settings.warmupMinutes) / 1440;
}

/** An estimate times a constant (a count per replication to a count per day): mean, sd and interval scale alike. */
export function scaleEstimate(e: Estimate, factor: number): Estimate {
  const times = (x: number | null) => (x === null ? null : x * factor);
  return { mean: times(e.mean), sd: times(e.sd), halfWidth: times(e.halfWidth), low: times(e.low), high: times(e.high), n: e.n };
}

/** A ratio of two mean figures ("3% of orders"), or null when the denominator is not positive. */
function ratioOfMeans(numerator: Estimate, denominator: Estimate): number | null {
  if (numerator.mean === null || denominator.mean === null || denominator.mean <= 0) return null;
  return numerator.mean / denominator.mean;
}

// ---------------------------------------------------------------------------------------------- the metrics

/** Every fulfilment figure the studio shows for a group of orders. */
export type FulfilmentMetricId =
  | 'orders'
  | 'otif'
  | 'onTime'
  | 'inFull'
  | 'lineFill'
  | 'orderFill'
  | 'partial'
  | 'backorders'
  | 'backorderLines'
  | 'backorderAge'
  | 'openBackorders'
  | 'cancelledLines'
  | 'sourcedLines'
  | 'orderToShip'
  | 'orderToCash'
  | 'invoiceLag'
  | 'shipToCash'
  | 'wcShippedNotInvoiced'
  | 'wcInvoicedNotPaid'
  | 'wcTotal'
  | 'creditHolds'
  | 'creditHoldTime'
  | 'creditReviews';

/** How a metric's value is measured: a count per replication (shown per day), a share, a duration or money. */
type MetricValue = 'perDay' | 'count' | 'share' | 'duration' | 'days' | 'money';

export interface FulfilmentMetric {
  id: FulfilmentMetricId;
  /** Card and report label ("Line fill rate"). */
  label: string;
  /** Column header of the group table, at most two lines split by "\n" ("Line\nfill"). */
  short: string;
  value: MetricValue;
  /** A plain number's unit ("orders/day", "lines"). */
  unit?: string;
  /** Which way is better (for the worst cell of a column); null when neither (volume). */
  better: 'higher' | 'lower' | null;
  /**
   * The figure grows with the group's volume (counts per day, money tied up): a bigger site is not worse for having
   * more of it, so tables do not mark its worst row.
   */
  volume?: boolean;
  /** The feature the metric needs; null: always shown. */
  feature: keyof FulfilmentFeatures | null;
  /** Where the estimate sits in a group (durations: their mean; counts: per replication). */
  estimate(g: FulfilmentGroup): Estimate;
  /** Durations: the group's p90 (mean over replications). */
  p90?(g: FulfilmentGroup): Estimate;
  /** What the figure means (tooltip, docs). */
  help: string;
  /** KPI CSV metric name (snake case; counts get `_per_day`) and its unit. */
  csv: { metric: string; unit: string };
}

const durationMetric = (id: FulfilmentMetricId, label: string, short: string, feature: keyof FulfilmentFeatures | null, days: boolean, pick: (g: FulfilmentGroup) => DurationEstimate, help: string, csv: string): FulfilmentMetric => ({
  id,
  label,
  short,
  value: days ? 'days' : 'duration',
  better: 'lower',
  feature,
  estimate: (g) => pick(g).mean,
  p90: (g) => pick(g).p90,
  help,
  csv: { metric: csv, unit: 'minutes' },
});

/** The fulfilment metrics, in display order (docs/results.md "Fulfilment" lists the same). */
export const fulfilmentMetrics: readonly FulfilmentMetric[] = [
  { id: 'orders', label: 'Orders', short: 'Orders\nper day', value: 'perDay', unit: 'orders/day', better: null, feature: null, estimate: (g) => g.orders, help: 'Orders that arrived after the warm-up, per simulated day.', csv: { metric: 'orders_per_day', unit: 'orders/day' } },
  { id: 'otif', label: 'OTIF', short: 'OTIF', value: 'share', better: 'higher', feature: 'promise', estimate: (g) => g.otifRate, help: 'On time in full: the order\'s last shipment left by the promised ship-by time, in one shipment with every line and none cancelled. Orders still open whose promise has passed count as late and not in full.', csv: { metric: 'otif_rate', unit: 'share' } },
  { id: 'onTime', label: 'On time', short: 'On\ntime', value: 'share', better: 'higher', feature: 'promise', estimate: (g) => g.onTimeRate, help: 'The order\'s last shipment left by the promised ship-by time.', csv: { metric: 'on_time_rate', unit: 'share' } },
  { id: 'inFull', label: 'In full', short: 'In\nfull', value: 'share', better: 'higher', feature: 'promise', estimate: (g) => g.inFullRate, help: 'One shipment carried every line of the order, and no line was cancelled.', csv: { metric: 'in_full_rate', unit: 'share' } },
  { id: 'lineFill', label: 'Line fill rate', short: 'Line\nfill', value: 'share', better: 'higher', feature: null, estimate: (g) => g.lineFillRate, help: 'Lines that left in their order\'s first shipment without waiting for stock (from the shelf, at home or by transfer), over the lines of orders whose first shipment left.', csv: { metric: 'line_fill_rate', unit: 'share' } },
  { id: 'orderFill', label: 'Order fill rate', short: 'Order\nfill', value: 'share', better: 'higher', feature: null, estimate: (g) => g.orderFillRate, help: 'Orders whose first shipment carried every line, none of them having waited for stock, over orders whose first shipment left (with n independent lines each in stock with probability p, about p^n).', csv: { metric: 'order_fill_rate', unit: 'share' } },
  { id: 'partial', label: 'Partial shipments', short: 'Partial', value: 'share', better: 'lower', feature: null, estimate: (g) => g.partialShipmentRate, help: 'Orders shipped in more than one shipment, over orders that shipped anything.', csv: { metric: 'partial_shipment_rate', unit: 'share' } },
  { id: 'backorders', volume: true, label: 'Backorders', short: 'Backorders\nper day', value: 'perDay', unit: 'per day', better: 'lower', feature: 'stock', estimate: (g) => g.backorders, help: 'Follow-on shipments created for short lines (backorders, and second shipments from other sites), per simulated day.', csv: { metric: 'backorders_per_day', unit: 'shipments/day' } },
  { id: 'backorderLines', volume: true, label: 'Backordered lines', short: 'Backordered\nlines per day', value: 'perDay', unit: 'lines/day', better: 'lower', feature: 'stock', estimate: (g) => g.backorderLines, help: 'Lines that went into follow-on shipments, per simulated day.', csv: { metric: 'backorder_lines_per_day', unit: 'lines/day' } },
  durationMetric('backorderAge', 'Backorder age', 'Backorder\nage', 'stock', true, (g) => g.backorderAge, 'Time from a backorder\'s creation until its lines were available (released) or cancelled: mean (p90 on the card).', 'backorder_age_mean'),
  { id: 'openBackorders', volume: true, label: 'Open at end', short: 'Open back-\norder lines', value: 'count', unit: 'lines', better: 'lower', feature: 'stock', estimate: (g) => g.openBackorderLinesAtEnd, help: 'Backordered lines still waiting at the end of the run: a growing figure means stock never catches up.', csv: { metric: 'open_backorder_lines_at_end', unit: 'lines' } },
  { id: 'cancelledLines', volume: true, label: 'Cancelled lines', short: 'Cancelled\nlines per day', value: 'perDay', unit: 'lines/day', better: 'lower', feature: 'stock', estimate: (g) => g.cancelledLines, help: 'Lines cancelled after waiting longer than the allocation\'s maximum backorder wait, per simulated day.', csv: { metric: 'cancelled_lines_per_day', unit: 'lines/day' } },
  { id: 'sourcedLines', volume: true, label: 'Sourced lines', short: 'Sourced\nlines per day', value: 'perDay', unit: 'lines/day', better: null, feature: 'sourcing', estimate: (g) => g.sourcedLines, help: 'Lines supplied by another site (transfer or second shipment), per simulated day.', csv: { metric: 'sourced_lines_per_day', unit: 'lines/day' } },
  durationMetric('orderToShip', 'Order to ship', 'Order to\nship', null, false, (g) => g.orderToShip, 'Arrival to the last shipment\'s ship milestone: mean (p90 on the card).', 'order_to_ship_mean'),
  durationMetric('orderToCash', 'Order to cash', 'Order to\ncash', 'cash', true, (g) => g.orderToCash, 'Arrival to the last shipment\'s cash milestone, for orders fully shipped and paid: mean (p90 on the card).', 'order_to_cash_mean'),
  durationMetric('invoiceLag', 'Invoice lag', 'Invoice\nlag', 'invoice', false, (g) => g.invoiceLag, 'Per shipment, from its ship milestone to its invoice: mean (p90 on the card).', 'invoice_lag_mean'),
  durationMetric('shipToCash', 'Ship to cash', 'Ship to\ncash', 'cash', true, (g) => g.shipToCash, 'Per shipment, from ship to cash (DSO-style: days of sales outstanding as the customer sees them): mean (p90 on the card).', 'ship_to_cash_mean'),
  { id: 'wcShippedNotInvoiced', volume: true, label: 'Shipped, not invoiced', short: 'Shipped, not\ninvoiced', value: 'money', better: 'lower', feature: 'invoice', estimate: (g) => g.workingCapital.shippedNotInvoiced, help: 'Time-weighted mean value of goods shipped whose invoice has not gone out.', csv: { metric: 'working_capital_shipped_not_invoiced', unit: 'money' } },
  { id: 'wcInvoicedNotPaid', volume: true, label: 'Invoiced, not paid', short: 'Invoiced,\nnot paid', value: 'money', better: 'lower', feature: 'cash', estimate: (g) => g.workingCapital.invoicedNotPaid, help: 'Time-weighted mean value invoiced and not yet paid (receivables).', csv: { metric: 'working_capital_invoiced_not_paid', unit: 'money' } },
  { id: 'wcTotal', volume: true, label: 'Working capital tied up', short: 'Working\ncapital', value: 'money', better: 'lower', feature: null, estimate: (g) => g.workingCapital.total, help: 'Shipped-not-invoiced plus invoiced-not-paid: the time-weighted mean money the process holds.', csv: { metric: 'working_capital_total', unit: 'money' } },
  { id: 'creditHolds', volume: true, label: 'Credit holds', short: 'Holds\nper day', value: 'perDay', unit: 'per day', better: 'lower', feature: 'credit', estimate: (g) => g.creditHolds, help: 'Orders a credit check held because they would take the customer over its limit, per simulated day.', csv: { metric: 'credit_holds_per_day', unit: 'orders/day' } },
  durationMetric('creditHoldTime', 'Credit hold time', 'Hold\ntime', 'credit', false, (g) => g.creditHoldTime, 'From hold to release (a payment made room) or referral to review: mean (p90 on the card).', 'credit_hold_time_mean'),
  { id: 'creditReviews', volume: true, label: 'Sent to review', short: 'Reviews\nper day', value: 'perDay', unit: 'per day', better: 'lower', feature: 'credit', estimate: (g) => g.creditReviews, help: 'Held orders that went down the hold edge to a manual review, per simulated day.', csv: { metric: 'credit_reviews_per_day', unit: 'orders/day' } },
];

const metricById = new Map(fulfilmentMetrics.map((m) => [m.id, m]));

/** The metric of an id (every id has one). */
export function fulfilmentMetric(id: FulfilmentMetricId): FulfilmentMetric {
  const m = metricById.get(id);
  if (!m) throw new Error(`fulfilment metric "${id}" is not defined (renderer/results/fulfilment.ts)`);
  return m;
}

/** Whether a metric applies to the model (its feature is in use). */
export function metricApplies(metric: FulfilmentMetric, features: FulfilmentFeatures): boolean {
  return metric.feature === null || features[metric.feature];
}

/** How a metric's figures are written. */
export function metricKind(metric: FulfilmentMetric, currency: string): ValueKind {
  switch (metric.value) {
    case 'share':
      return { kind: 'share' };
    case 'duration':
      return { kind: 'duration' };
    case 'days':
      return { kind: 'duration', days: true };
    case 'money':
      // Working capital is a balance in the hundreds of thousands: "USD 1.02M" reads, "USD 1,021,518" does not.
      return { kind: 'money', currency, compact: true };
    case 'perDay':
    case 'count':
      return { kind: 'number' };
  }
}

/** A metric's estimate for a group as shown: counts per day, everything else as the report has it. */
export function metricEstimate(metric: FulfilmentMetric, g: FulfilmentGroup, days: number): Estimate {
  const e = metric.estimate(g);
  if (metric.value !== 'perDay') return e;
  return days > 0 ? scaleEstimate(e, 1 / days) : { ...e, mean: null, sd: null, halfWidth: null, low: null, high: null };
}

// ---------------------------------------------------------------------------------------------- headline cards

/** A headline card: the KPI card of the dock, with the figures shown beside it (OTIF: on time, in full). */
export interface FulfilmentCard extends KpiCard {
  beside: Array<{ label: string; value: string; interval: string }>;
}

export interface FulfilmentCardGroup {
  id: 'service' | 'backorders' | 'cash' | 'capital' | 'credit';
  title: string;
  cards: FulfilmentCard[];
}

function cardOf(metric: FulfilmentMetric, g: FulfilmentGroup, days: number, currency: string, detail: string): FulfilmentCard {
  const kind = metricKind(metric, currency);
  const e = metricEstimate(metric, g, days);
  const measured = e.mean !== null;
  return {
    id: `ful-${metric.id}`,
    label: metric.label,
    value: measured ? formatValue(e.mean ?? NaN, kind) : '–',
    unit: measured && metric.unit ? metric.unit : '',
    interval: measured ? formatInterval(e, kind) : '',
    detail,
    help: metric.help,
    mean: e.mean,
    beside: [],
  };
}

function p90Detail(metric: FulfilmentMetric, g: FulfilmentGroup, currency: string, prefix = ''): string {
  const p90 = metric.p90?.(g);
  if (!p90 || p90.mean === null) return `${prefix}not measured: no ${metric.id === 'backorderAge' ? 'backorder ended' : metric.id === 'creditHoldTime' ? 'hold ended' : 'order got that far'} after the warm-up`;
  return `${prefix}p90 ${formatValue(p90.mean, metricKind(metric, currency))}`;
}

/**
 * The headline cards of the fulfilment tab, in groups: service (OTIF with on time and in full beside it, line and
 * order fill, partial shipments), backorders, order to cash, working capital and credit. Groups and cards of
 * features the model does not use are left out.
 */
export function fulfilmentCards(report: RunReport, model: Workflow | undefined): FulfilmentCardGroup[] {
  const f = report.fulfilment;
  if (!f) return [];
  const features = fulfilmentFeatures(model, f);
  const g = f.all;
  const days = observedDays(report);
  const currency = report.model.currency;
  const m = fulfilmentMetric;
  const perDay = (id: FulfilmentMetricId) => metricEstimate(m(id), g, days);
  const fmtPerDay = (id: FulfilmentMetricId) => {
    const e = perDay(id);
    return e.mean === null ? '–' : formatValue(e.mean, { kind: 'number' });
  };
  const groups: FulfilmentCardGroup[] = [];

  const service: FulfilmentCard[] = [];
  if (features.promise) {
    const otif = cardOf(m('otif'), g, days, currency, `of ${fmtPerDay('orders')} orders/day, vs. promise`);
    otif.beside = (['onTime', 'inFull'] as const).map((id) => {
      const e = m(id).estimate(g);
      return { label: m(id).label, value: e.mean === null ? '–' : formatPercent(e.mean), interval: e.mean === null ? '' : formatInterval(e, { kind: 'share' }) };
    });
    if (otif.mean === null) otif.detail = 'not measured: no promise came due after the warm-up';
    service.push(otif);
  }
  service.push(
    cardOf(m('lineFill'), g, days, currency, 'lines off the shelf'),
    cardOf(m('orderFill'), g, days, currency, 'orders whole in 1st shipment'),
    cardOf(m('partial'), g, days, currency, 'orders in 2+ shipments'),
  );
  groups.push({ id: 'service', title: 'Service', cards: service });

  if (features.stock) {
    const sourced = perDay('sourcedLines');
    const cancelled = perDay('cancelledLines');
    groups.push({
      id: 'backorders',
      title: 'Backorders',
      cards: [
        cardOf(m('backorders'), g, days, currency, features.sourcing && sourced.mean !== null ? `${formatValue(sourced.mean, { kind: 'number' })} lines/day sourced` : 'follow-on shipments'),
        cardOf(m('backorderLines'), g, days, currency, cancelled.mean !== null && cancelled.mean > 0 ? `${formatValue(cancelled.mean, { kind: 'number' })}/day cancelled` : 'no line cancelled'),
        cardOf(m('backorderAge'), g, days, currency, p90Detail(m('backorderAge'), g, currency)),
        cardOf(m('openBackorders'), g, days, currency, 'still waiting at end'),
      ],
    });
  }

  const cash: FulfilmentCard[] = [cardOf(m('orderToShip'), g, days, currency, p90Detail(m('orderToShip'), g, currency))];
  if (features.cash) cash.push(cardOf(m('orderToCash'), g, days, currency, p90Detail(m('orderToCash'), g, currency)));
  if (features.invoice) cash.push(cardOf(m('invoiceLag'), g, days, currency, p90Detail(m('invoiceLag'), g, currency)));
  if (features.cash) cash.push(cardOf(m('shipToCash'), g, days, currency, p90Detail(m('shipToCash'), g, currency, 'DSO-style · ')));
  groups.push({ id: 'cash', title: features.cash ? 'Order to cash' : 'Order to ship', cards: cash });

  if (features.invoice || features.cash) {
    const carrying = report.costPerOrderBreakdown.carrying.mean;
    const capital: FulfilmentCard[] = [];
    if (features.invoice) capital.push(cardOf(m('wcShippedNotInvoiced'), g, days, currency, 'time-weighted mean'));
    if (features.cash) capital.push(cardOf(m('wcInvoicedNotPaid'), g, days, currency, 'receivables'));
    capital.push(cardOf(m('wcTotal'), g, days, currency, carrying !== null && carrying > 0 ? `carrying ${formatValue(carrying, { kind: 'money', currency })}/order` : 'time-weighted mean'));
    groups.push({ id: 'capital', title: 'Working capital', cards: capital });
  }

  if (features.credit) {
    const holdShare = ratioOfMeans(g.creditHolds, g.orders);
    const reviewShare = ratioOfMeans(g.creditReviews, g.creditHolds);
    groups.push({
      id: 'credit',
      title: 'Credit',
      cards: [
        cardOf(m('creditHolds'), g, days, currency, holdShare === null ? 'held over the limit' : `${formatPercent(holdShare)} of orders`),
        cardOf(m('creditHoldTime'), g, days, currency, p90Detail(m('creditHoldTime'), g, currency)),
        cardOf(m('creditReviews'), g, days, currency, reviewShare === null ? 'held orders referred' : `${formatPercent(reviewShare)} of holds`),
      ],
    });
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------- group table

/**
 * Columns of the per-site / per-segment table (metrics whose feature the model uses): the figures a distribution
 * leader compares across sites; the rest (open backorders, invoice lag, hold time...) are on the cards and in the
 * exports.
 */
export const groupTableMetricIds: readonly FulfilmentMetricId[] = [
  'orders',
  'otif',
  'onTime',
  'inFull',
  'lineFill',
  'orderFill',
  'partial',
  'backorders',
  'backorderAge',
  'orderToShip',
  'orderToCash',
  'shipToCash',
  'wcTotal',
  'creditHolds',
];

export interface GroupTableCell {
  value: string;
  /** "± 1.2 pp", or '' without an interval. */
  interval: string;
  mean: number | null;
  /**
   * The worst value of its column (lowest fill, longest time...), marked only when it is clearly worse than the
   * best: their 95% intervals do not overlap (with one replication, when they differ at display precision).
   */
  worst: boolean;
}

export interface GroupTableRow {
  key: string;
  label: string;
  cells: Partial<Record<FulfilmentMetricId, GroupTableCell>>;
}

export interface GroupTable {
  columns: FulfilmentMetric[];
  rows: GroupTableRow[];
}

/**
 * The per-site (or per-segment) table: one row per group, one column per metric the model uses, each cell with
 * its 95% interval; in each column with a better direction and not driven by volume, the worst row is marked
 * when it is clearly worse than the best (see `worstIndex`). Rows come in the report's order (model order of sites and segments).
 */
export function groupTable(groups: readonly FulfilmentGroup[], report: RunReport, features: FulfilmentFeatures): GroupTable {
  const days = observedDays(report);
  const currency = report.model.currency;
  const columns = groupTableMetricIds.map(fulfilmentMetric).filter((m) => metricApplies(m, features));
  const rows: GroupTableRow[] = groups.map((g) => ({ key: g.key, label: g.name, cells: {} }));
  for (const metric of columns) {
    const estimates = groups.map((g) => metricEstimate(metric, g, days));
    let kind = metricKind(metric, currency);
    // One unit per duration column, chosen by its largest mean, so rows compare at a glance.
    if (kind.kind === 'duration') kind = { ...kind, scaleMinutes: Math.max(0, ...estimates.map((e) => Math.abs(e.mean ?? 0))) };
    const worst = metric.better === null || metric.volume ? -1 : worstIndex(estimates, metric.better, kind);
    estimates.forEach((e, i) => {
      rows[i].cells[metric.id] = {
        value: e.mean === null ? '–' : formatValue(e.mean, kind),
        interval: e.mean === null ? '' : formatInterval(e, kind),
        mean: e.mean,
        worst: i === worst,
      };
    });
  }
  return { columns, rows };
}

/**
 * The index of the clearly worst of some estimates, or -1: at least two measured; the worst mean (lowest when
 * higher is better) must be told apart from the best, i.e. their 95% intervals do not overlap, or, without
 * intervals (one replication), the two read differently at display precision. Marking a mere sampling difference
 * would send a reader after noise: with two sites one of them is always "worst".
 */
export function worstIndex(estimates: readonly Estimate[], better: 'higher' | 'lower', kind: ValueKind): number {
  const measured = estimates.map((e, i) => ({ e, i })).filter((x) => x.e.mean !== null);
  if (measured.length < 2) return -1;
  const sign = better === 'higher' ? 1 : -1;
  // Sorted from worst to best; ties keep their order, so the first of equal worst rows is the one marked.
  const ordered = [...measured].sort((a, b) => sign * ((a.e.mean ?? 0) - (b.e.mean ?? 0)) || a.i - b.i);
  const worst = ordered[0].e;
  const best = ordered[ordered.length - 1].e;
  if (formatValue(worst.mean ?? 0, kind) === formatValue(best.mean ?? 0, kind)) return -1;
  const intervals = worst.low !== null && worst.high !== null && best.low !== null && best.high !== null;
  if (intervals) {
    const apart = better === 'higher' ? (worst.high ?? 0) < (best.low ?? 0) : (worst.low ?? 0) > (best.high ?? 0);
    if (!apart) return -1;
  }
  return ordered[0].i;
}

/** A sort of the group table: by the row label or by a metric, ascending or descending. */
export interface GroupSort {
  by: 'label' | FulfilmentMetricId;
  descending: boolean;
}

/** The rows sorted (a copy); rows with no value in the sort column go last either way; ties keep their order. */
export function sortGroupRows(rows: readonly GroupTableRow[], sort: GroupSort): GroupTableRow[] {
  const sign = sort.descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      if (sort.by === 'label') return sign * a.row.label.localeCompare(b.row.label) || a.index - b.index;
      const x = a.row.cells[sort.by]?.mean ?? null;
      const y = b.row.cells[sort.by]?.mean ?? null;
      if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || a.index - b.index;
      return sign * (x - y) || a.index - b.index;
    })
    .map((x) => x.row);
}

// ---------------------------------------------------------------------------------------------- stock table

/** A two-line header as one line of text ("Mean back-\nordered units" -> "Mean backordered units"). */
export function oneLine(header: string): string {
  return header.replace(/-\n/g, '').replace(/\n/g, ' ');
}

export interface StockTableRow {
  key: string;
  site: string;
  /** The product class, or "other classes" for the row that covers every class without its own. */
  productClass: string;
  /** "Fill rate" or "Inventory (s,Q)". */
  model: string;
  cells: Record<'linesPerDay' | 'fillRate' | 'meanOnHand' | 'meanBackordered' | 'replenishmentsPerDay' | 'carryingCost', GroupTableCell>;
}

export const stockColumns = [
  { id: 'linesPerDay', label: 'Lines\nper day', help: 'Lines allocated against this stock per simulated day.' },
  { id: 'fillRate', label: 'Fill rate', help: 'Lines filled from this stock at once, over lines demanded.' },
  { id: 'meanOnHand', label: 'Mean on\nhand', help: 'Time-weighted mean units on hand (inventory stock only).' },
  { id: 'meanBackordered', label: 'Mean back-\nordered units', help: 'Time-weighted mean units reserved for backorders (inventory stock only).' },
  { id: 'replenishmentsPerDay', label: 'Replenishments\nper day', help: 'Replenishment orders placed (inventory) or short lines replenished (fill rate), per simulated day.' },
  { id: 'carryingCost', label: 'Carrying\ncost', help: 'Unit cost × carrying rate × mean on hand, over the observed time of one replication.' },
] as const;

/** One row per stock (site x product class) with its figures; a clearly lowest fill rate and most backordered units are marked. */
export function stockTable(report: RunReport): StockTableRow[] {
  const f = report.fulfilment;
  if (!f) return [];
  const days = observedDays(report);
  const currency = report.model.currency;
  const number: ValueKind = { kind: 'number' };
  const perDay = (e: Estimate) => (days > 0 ? scaleEstimate(e, 1 / days) : { ...e, mean: null });
  const cell = (e: Estimate, kind: ValueKind): GroupTableCell => ({ value: e.mean === null ? '–' : formatValue(e.mean, kind), interval: e.mean === null ? '' : formatInterval(e, kind), mean: e.mean, worst: false });
  const rows: StockTableRow[] = f.stock.map((s) => ({
    key: `${s.siteId}/${s.productClass}`,
    site: s.siteName,
    productClass: s.productClass === '*' ? 'other classes' : s.productClass,
    model: s.model === 'inventory' ? 'Inventory (s,Q)' : 'Fill rate',
    cells: {
      linesPerDay: cell(perDay(s.linesDemanded), number),
      fillRate: cell(s.fillRate, { kind: 'share' }),
      meanOnHand: cell(s.meanOnHand, number),
      meanBackordered: cell(s.meanBackorderedUnits, number),
      replenishmentsPerDay: cell(perDay(s.replenishments), number),
      carryingCost: cell(s.carryingCost, { kind: 'money', currency }),
    },
  }));
  for (const [column, better, kind] of [
    ['fillRate', 'higher', { kind: 'share' }],
    ['meanBackordered', 'lower', number],
  ] as const) {
    const worst = worstIndex(
      f.stock.map((s) => (column === 'fillRate' ? s.fillRate : s.meanBackorderedUnits)),
      better,
      kind,
    );
    if (worst >= 0) rows[worst].cells[column].worst = true;
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------- cost per order

export type CostPartId = 'labour' | 'exceptionLabour' | 'systemCalls' | 'visits' | 'lineHandling' | 'sourcing' | 'carrying';

export interface CostPart {
  id: CostPartId;
  label: string;
  /** Mean cost per order of this part (labour here is the part not spent on exceptions). */
  mean: number;
  /** Share of the total cost per order (0..1). */
  share: number;
  value: string;
  /** The part's own 95% interval ("± USD 0.12"); none for labour when exception labour is split off from it. */
  interval: string;
  /** Colour of its bar segment (Okabe-Ito: distinguishable with colour-vision deficiencies). */
  color: string;
  /** Text colour on the segment: white on the dark colours, near-black on the light ones (contrast >= 4.5:1). */
  ink: string;
  help: string;
}

export interface CostPerOrder {
  total: { value: string; interval: string; mean: number | null };
  /** Parts in display order; the bar shows the parts with a positive mean. Their means add up to the total. */
  parts: CostPart[];
}

const white = '#ffffff';
const black = '#1f2430';
const costParts: ReadonlyArray<{ id: CostPartId; label: string; color: string; ink: string; help: string }> = [
  { id: 'labour', label: 'Labour', color: '#0072B2', ink: white, help: 'People on shift (busy or idle) at their cost per hour, less the exception work below.' },
  { id: 'exceptionLabour', label: 'Exception labour', color: '#D55E00', ink: black, help: 'Labour busy on steps marked as exception handling (credit review, address fixes, the backorder desk).' },
  { id: 'systemCalls', label: 'System calls', color: '#E69F00', ink: black, help: 'Cost per call of the systems called.' },
  { id: 'visits', label: 'Visits & freight', color: '#009E73', ink: black, help: 'Cost per visit of the steps: freight per shipment on the ship step, fees.' },
  { id: 'lineHandling', label: 'Line handling', color: '#56B4E9', ink: black, help: 'Cost per line at the steps the lines pass (pick and pack handling).' },
  { id: 'sourcing', label: 'Sourcing', color: '#CC79A7', ink: black, help: 'Transfers and second shipments from other sites: cost per sourced line and per batch.' },
  { id: 'carrying', label: 'Carrying', color: '#7F6A00', ink: white, help: 'Carrying rate × (working capital + stock on hand at unit cost) over the observed time.' },
];

/**
 * The cost per order split into its parts (report.costPerOrderBreakdown): labour (less exception labour),
 * exception labour, system calls, visits and freight, line handling, sourcing, carrying. Means add up to the
 * total cost per order (the engine's `total` is their sum); each part carries its own interval.
 */
export function costPerOrder(report: RunReport): CostPerOrder {
  const b = report.costPerOrderBreakdown;
  const money: ValueKind = { kind: 'money', currency: report.model.currency };
  const meanOf = (id: CostPartId): number => {
    if (id === 'labour') return Math.max(0, (b.labour.mean ?? 0) - (b.exceptionLabour.mean ?? 0));
    return b[id].mean ?? 0;
  };
  const total = b.total.mean;
  const parts = costParts.map((p) => {
    const mean = meanOf(p.id);
    return {
      ...p,
      mean,
      share: total !== null && total > 0 ? mean / total : 0,
      value: formatValue(mean, money),
      // Labour less exception labour is a difference of two estimates whose interval the report does not hold.
      interval: p.id === 'labour' && (b.exceptionLabour.mean ?? 0) > 0 ? '' : formatInterval(b[p.id], money),
    };
  });
  return { total: { value: total === null ? '–' : formatValue(total, money), interval: total === null ? '' : formatInterval(b.total, money), mean: total }, parts };
}
