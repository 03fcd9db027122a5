/**
 * Real engine reports for the results tests (small models run for a few simulated days: fast, deterministic), and a
 * hand-made fulfilment report for the fulfilment views.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel, loadModelText, type Workflow, type WorkflowInput } from '../../models';
import { aggregateReplications, runReplication, type DurationEstimate, type Estimate, type ReplicationResult, type RunReport } from '../../simulator';
import type { FulfilmentGroupReport, FulfilmentReport } from '../../simulator/fulfilmentReport';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Loads a model file of the repository (relative to its root); throws with the findings when it does not load. */
export function loadRepoModel(path: string): Workflow {
  const { model, findings } = loadModelText(readFileSync(root + path, 'utf8'));
  if (!model) throw new Error(`${path}: ${findings.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  return model;
}

/** Builds a model from JSON input; throws with the findings when it does not validate. */
export function buildModel(input: WorkflowInput): Workflow {
  const { model, findings } = loadModel(input);
  if (!model) throw new Error(findings.map((f) => `${f.path}: ${f.message}`).join('; '));
  return model;
}

/** Runs `replications` replications and aggregates them, returning the report and the raw results. */
export function simulate(model: Workflow, options: { replications?: number; days?: number; warmupDays?: number; seed?: number; variant?: string } = {}): { report: RunReport; results: ReplicationResult[] } {
  const replications = options.replications ?? 3;
  const horizonMinutes = (options.days ?? 3) * 1440;
  const warmupMinutes = (options.warmupDays ?? 0.5) * 1440;
  const seed = options.seed ?? 7;
  const results = Array.from({ length: replications }, (_, replication) => runReplication(model, { replication, seed, horizonMinutes, warmupMinutes }));
  const report = aggregateReplications(model, results, { variant: options.variant ?? null, seed, horizonMinutes, warmupMinutes });
  return { report, results };
}

/** A line with a probabilistic decision, an error path and an SLA: enough to test flows, overlays and KPIs. */
export const branchingModelInput: WorkflowInput = {
  formatVersion: 2,
  metadata: { name: 'Branching test line' },
  run: { horizon: { value: 3, unit: 'd' }, warmup: { value: 0.5, unit: 'd' }, replications: 3, seed: 7 },
  sites: [{ id: 'main', name: 'Main DC', volumeShare: 1 }],
  pools: [
    { id: 'clerks', name: 'Clerks', capacity: 2, costPerHour: 30 },
    { id: 'analysts', name: 'Analysts', capacity: 1, costPerHour: 50 },
  ],
  nodes: [
    { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 10 } },
    { id: 'entry', kind: 'activity', name: 'Order entry', pool: 'clerks', duration: { kind: 'exponential', mean: 9, unit: 'min' }, failureProbability: 0.1 },
    { id: 'fix', kind: 'activity', name: 'Fix entry', pool: 'clerks', duration: { kind: 'constant', value: 3, unit: 'min' } },
    { id: 'check', kind: 'decision', name: 'Credit hold?' },
    { id: 'review', kind: 'activity', name: 'Credit review', pool: 'analysts', duration: { kind: 'exponential', mean: 12, unit: 'min' } },
    { id: 'done', kind: 'end', name: 'Booked' },
  ],
  edges: [
    { id: 'e1', from: 'orders', to: 'entry' },
    { id: 'e2', from: 'entry', to: 'check' },
    { id: 'e3', from: 'entry', to: 'fix', kind: 'error' },
    { id: 'e4', from: 'fix', to: 'check' },
    { id: 'e5', from: 'check', to: 'review', kind: 'branch', probability: 0.3 },
    { id: 'e6', from: 'check', to: 'done', kind: 'branch', probability: 0.7 },
    { id: 'e7', from: 'review', to: 'done' },
  ],
  slas: [{ id: 'book', name: 'Booked within 1 h', from: 'arrival', to: 'done', target: { value: 1, unit: 'h' }, goal: 0.9 }],
  variants: [{ id: 'more-analysts', name: 'Two analysts', patches: [{ target: 'pool', id: 'analysts', set: { capacity: 2 } }] }],
};

// ---------------------------------------------------------------------------------------------- hand-made fulfilment

/** An estimate with a symmetric 95% interval (`halfWidth` null: one replication, no interval). */
export function est(mean: number | null, halfWidth: number | null = null, n = 5): Estimate {
  if (mean === null) return { mean: null, sd: null, halfWidth: null, low: null, high: null, n: 0 };
  return { mean, sd: halfWidth === null ? null : halfWidth / 1.24, halfWidth, low: halfWidth === null ? null : mean - halfWidth, high: halfWidth === null ? null : mean + halfWidth, n };
}

/** A duration estimate (minutes): mean and p90 with intervals; the other percentiles in between. */
export function durationEst(meanMinutes: number | null, p90Minutes: number | null = meanMinutes === null ? null : meanMinutes * 1.8, halfWidth: number | null = meanMinutes === null ? null : meanMinutes * 0.05): DurationEstimate {
  const at = (x: number | null) => est(x, x === null ? null : halfWidth);
  return { mean: at(meanMinutes), p50: at(meanMinutes === null ? null : meanMinutes * 0.9), p90: at(p90Minutes), p95: at(p90Minutes === null ? null : p90Minutes * 1.1), p99: at(p90Minutes === null ? null : p90Minutes * 1.4), max: p90Minutes === null ? null : p90Minutes * 2 };
}

const day = 1440;

/**
 * A group of orders with plausible figures for a week observed (counts per replication); `over` replaces any field.
 * Defaults: 340 orders, OTIF 88% (on time 93%, in full 94%), line fill 96%, order to cash 41 days.
 */
export function fulfilmentGroup(key: string, name: string, over: Partial<FulfilmentGroupReport> = {}): FulfilmentGroupReport {
  return {
    key,
    name,
    orders: est(340, 12),
    linesOrdered: est(1020, 40),
    ordersFirstShipped: est(330, 12),
    linesInFirstShipment: est(980, 38),
    ordersFilledInFirstShipment: est(300, 11),
    ordersShipped: est(332, 12),
    ordersPartial: est(25, 4),
    backorders: est(28, 5),
    backorderLines: est(40, 6),
    sourcedLines: est(6, 2),
    cancelledLines: est(1.4, 1),
    ordersJudged: est(320, 11),
    onTime: est(298, 10),
    inFull: est(301, 10),
    otif: est(282, 10),
    creditHolds: est(14, 3),
    creditReviews: est(5, 2),
    lineFillRate: est(0.96, 0.006),
    orderFillRate: est(0.905, 0.01),
    partialShipmentRate: est(0.075, 0.01),
    onTimeRate: est(0.93, 0.012),
    inFullRate: est(0.94, 0.01),
    otifRate: est(0.88, 0.015),
    orderToShip: durationEst(1.6 * day, 3.1 * day),
    orderToCash: durationEst(41 * day, 58 * day),
    invoiceLag: durationEst(25, 31),
    shipToCash: durationEst(39.5 * day, 56 * day),
    backorderAge: durationEst(3.2 * day, 6 * day),
    creditHoldTime: durationEst(3.1 * 60, 4 * 60),
    workingCapital: { shippedNotInvoiced: est(2400, 150), invoicedNotPaid: est(980_000, 40_000), total: est(982_400, 40_000) },
    cost: { lineHandling: est(357, 14), visits: est(6480, 220), sourcing: est(249, 60), systemCalls: est(0), carrying: est(1890, 80), total: est(8976, 260), perOrder: est(26.4, 0.8) },
    openBackorderLinesAtEnd: est(9, 3),
    ...over,
  };
}

/**
 * A hand-made fulfilment report: two DCs (West worse on OTIF, fill and order-to-cash), two customer segments and
 * three stocks (East inventory A and the other classes, West fill rate).
 */
export function handMadeFulfilment(): FulfilmentReport {
  return {
    all: fulfilmentGroup('all', 'All orders'),
    bySite: [
      fulfilmentGroup('east', 'East DC', { orders: est(204, 9), otifRate: est(0.91, 0.012), lineFillRate: est(0.975, 0.005), orderToCash: durationEst(40 * day, 55 * day) }),
      fulfilmentGroup('west', 'West DC', { orders: est(136, 8), otifRate: est(0.835, 0.03), lineFillRate: est(0.935, 0.01), orderToCash: durationEst(42.5 * day, 61 * day), backorderAge: durationEst(4.4 * day, 8 * day) }),
    ],
    bySegment: [
      fulfilmentGroup('key', 'key', { orders: est(102, 6), creditHolds: est(1, 1), creditHoldTime: durationEst(120, 200) }),
      fulfilmentGroup('small', 'small', { orders: est(238, 10), creditHolds: est(13, 3), shipToCash: durationEst(44 * day, 62 * day) }),
    ],
    stock: [
      { siteId: 'east', siteName: 'East DC', productClass: 'A', model: 'inventory', linesDemanded: est(420, 15), fillRate: est(0.985, 0.004), meanOnHand: est(810, 40), meanBackorderedUnits: est(3.5, 1.2), replenishments: est(3, 0.4), carryingCost: est(620, 30) },
      { siteId: 'east', siteName: 'East DC', productClass: '*', model: 'inventory', linesDemanded: est(180, 9), fillRate: est(0.95, 0.01), meanOnHand: est(260, 20), meanBackorderedUnits: est(11, 3), replenishments: est(2, 0.5), carryingCost: est(125, 9) },
      { siteId: 'west', siteName: 'West DC', productClass: '*', model: 'fillRate', linesDemanded: est(400, 14), fillRate: est(0.945, 0.008), meanOnHand: est(null), meanBackorderedUnits: est(null), replenishments: est(22, 4), carryingCost: est(0) },
    ],
  };
}

/** `report` with a fulfilment part and a matching cost-per-order breakdown (labour 14, exception 1.5, ...). */
export function withFulfilment(report: RunReport, fulfilment: FulfilmentReport | null = handMadeFulfilment()): RunReport {
  return {
    ...report,
    settings: { ...report.settings, horizonMinutes: 8 * day, warmupMinutes: 1 * day },
    costPerOrderBreakdown: {
      labour: est(14, 0.6),
      exceptionLabour: est(1.5, 0.2),
      systemCalls: est(0.4, 0.01),
      visits: est(19.5, 0.3),
      lineHandling: est(1.05, 0.04),
      sourcing: est(0.75, 0.2),
      carrying: est(5.6, 0.3),
      total: est(41.3, 0.9),
    },
    fulfilment,
  };
}
