/**
 * Fulfilment results of a replication from a tiny order-level simulation, for tests of what reads them (paired
 * comparisons, the CLI's tables) independently of the engine. Each order draws its lines, each line its
 * availability (`u < fillProbability`), a replenishment time for a short line, a site and a credit check, from a
 * stream keyed by (seed, replication) only: two specs with the same seed see the same draws (common random
 * numbers), so they differ exactly where the fill probability makes them differ.
 */
import type { FulfilmentConservation, FulfilmentGroupReplication, FulfilmentReplication } from '../../simulator/fulfilmentReport';
import type { Workflow } from '../../models';
import type { DurationSummary, ReplicationResult, RunReport } from '../../simulator/report';
import { aggregateReplications, runReplication } from '../../simulator/run';

export interface SyntheticSpec {
  fillProbability: number;
  seed?: number;
  orders?: number;
  /** Observed days (for working capital and carrying). */
  days?: number;
  /** Order value (money). */
  valuePerOrder?: number;
  /** Site ids; orders go to the first with probability 0.6, else the second. */
  sites?: readonly [string, string];
}

/** splitmix32 turned into uniforms in (0, 1). */
export function uniformStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return (z + 0.5) / 4294967296;
  };
}

/** Exact summary of a list of minutes (nearest-rank quantiles). */
export function summary(values: readonly number[]): DurationSummary {
  if (values.length === 0) return { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { count: sorted.length, mean: sorted.reduce((s, v) => s + v, 0) / sorted.length, p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99), max: sorted[sorted.length - 1] };
}

interface OrderOutcome {
  site: string;
  lines: number;
  shortLines: number;
  /** Minutes from arrival to the last shipment's ship, and to its cash. */
  toShip: number;
  toCash: number;
  backorderAge: number | null;
  onTime: boolean;
  held: boolean;
}

const day = 1440;

function group(key: string, orders: readonly OrderOutcome[], spec: Required<SyntheticSpec>): FulfilmentGroupReplication {
  const n = orders.length;
  const lines = orders.reduce((s, o) => s + o.lines, 0);
  const filled = orders.filter((o) => o.shortLines === 0).length;
  const shortLines = orders.reduce((s, o) => s + o.shortLines, 0);
  const backorders = n - filled;
  const onTime = orders.filter((o) => o.onTime).length;
  const otif = orders.filter((o) => o.onTime && o.shortLines === 0).length;
  const value = spec.valuePerOrder;
  // Little's law on money: value per day times the days it stays in each state.
  const shippedNotInvoiced = (n / spec.days) * value * 0.25;
  const invoicedNotPaid = (n / spec.days) * value * 30;
  const years = spec.days / 365;
  const lineHandling = 0.35 * lines;
  const visits = 18 * (n + backorders);
  const carrying = 0.1 * (shippedNotInvoiced + invoicedNotPaid) * years;
  const total = lineHandling + visits + carrying;
  return {
    key,
    orders: n,
    linesOrdered: lines,
    ordersFirstShipped: n,
    linesInFirstShipment: lines - shortLines,
    ordersFilledInFirstShipment: filled,
    ordersShipped: n,
    ordersPartial: backorders,
    backorders,
    backorderLines: shortLines,
    sourcedLines: 0,
    cancelledLines: 0,
    ordersJudged: n,
    onTime,
    inFull: filled,
    otif,
    creditHolds: orders.filter((o) => o.held).length,
    creditReviews: 0,
    lineFillRate: lines === 0 ? null : (lines - shortLines) / lines,
    orderFillRate: n === 0 ? null : filled / n,
    partialShipmentRate: n === 0 ? null : backorders / n,
    onTimeRate: n === 0 ? null : onTime / n,
    inFullRate: n === 0 ? null : filled / n,
    otifRate: n === 0 ? null : otif / n,
    orderToShip: summary(orders.map((o) => o.toShip)),
    orderToCash: summary(orders.map((o) => o.toCash)),
    invoiceLag: summary(orders.map(() => 0.25 * day)),
    shipToCash: summary(orders.map((o) => o.toCash - o.toShip)),
    backorderAge: summary(orders.flatMap((o) => (o.backorderAge === null ? [] : [o.backorderAge]))),
    creditHoldTime: summary(orders.filter((o) => o.held).map(() => 240)),
    workingCapital: { shippedNotInvoiced, invoicedNotPaid, total: shippedNotInvoiced + invoicedNotPaid },
    cost: { lineHandling, visits, sourcing: 0, systemCalls: 0, carrying, total, perOrder: n === 0 ? null : total / n },
    openBackorderLinesAtEnd: 0,
  };
}

/** The fulfilment part of replication `replication` under `spec` (deterministic for a seed and replication). */
export function syntheticFulfilment(replication: number, spec: SyntheticSpec): FulfilmentReplication {
  const full: Required<SyntheticSpec> = { seed: 1, orders: 400, days: 20, valuePerOrder: 1000, sites: ['east', 'west'], ...spec };
  const u = uniformStream(full.seed * 7919 + replication * 104729 + 1);
  const orders: OrderOutcome[] = [];
  for (let i = 0; i < full.orders; i++) {
    // A fixed number of draws per order keeps the streams aligned across specs (common random numbers).
    const site = u() < 0.6 ? full.sites[0] : full.sites[1];
    const lines = 1 + Math.floor(u() * 5);
    let shortLines = 0;
    let replenishment = 0;
    for (let l = 0; l < 5; l++) {
      const available = u();
      const lead = -Math.log(u()) * 3 * day;
      if (l < lines && available >= full.fillProbability) {
        shortLines++;
        replenishment = Math.max(replenishment, lead);
      }
    }
    const payDays = 30 + 10 * (u() - 0.5);
    const held = u() < 0.05;
    const toShip = 0.5 * day + replenishment;
    orders.push({ site, lines, shortLines, toShip, toCash: toShip + 0.25 * day + payDays * day, backorderAge: shortLines > 0 ? replenishment : null, onTime: toShip <= 1.5 * day, held });
  }
  const linesOrdered = orders.reduce((s, o) => s + o.lines, 0);
  const all = group('all', orders, full);
  const conservation: FulfilmentConservation = {
    linesOrdered,
    linesShipped: linesOrdered,
    linesCancelled: 0,
    linesOpen: 0,
    valueOrdered: full.orders * full.valuePerOrder,
    valueShipped: full.orders * full.valuePerOrder,
    valueCancelled: 0,
    valueOpen: 0,
    valueInvoiced: full.orders * full.valuePerOrder,
    valuePaid: full.orders * full.valuePerOrder - all.workingCapital.invoicedNotPaid,
    valueShippedNotInvoicedAtEnd: 0,
    valueInvoicedNotPaidAtEnd: all.workingCapital.invoicedNotPaid,
  };
  return {
    all,
    bySite: full.sites.map((site) => group(site, orders.filter((o) => o.site === site), full)),
    bySegment: [],
    stock: full.sites.map((site) => {
      const lines = orders.filter((o) => o.site === site);
      const demanded = lines.reduce((s, o) => s + o.lines, 0);
      return { siteId: site, productClass: '*', model: 'fillRate' as const, linesDemanded: demanded, linesFilledAtOnce: demanded - lines.reduce((s, o) => s + o.shortLines, 0), meanOnHand: null, meanBackorderedUnits: null, onHandAtEnd: null, replenishments: lines.reduce((s, o) => s + o.shortLines, 0), carryingCost: 0 };
    }),
    conservation,
  };
}

/**
 * Real replications of a model (the engine's own results) with the fulfilment part and its costs from the tiny
 * simulation above, aggregated the way the CLI and the studio do: a `RunReport` with `fulfilment` and a cost
 * breakdown, whatever the engine measures itself.
 */
export function runWithSyntheticFulfilment(
  model: Workflow,
  spec: SyntheticSpec,
  settings: { replications: number; seed: number; horizonMinutes: number; warmupMinutes: number },
): { report: RunReport; results: ReplicationResult[] } {
  const results = Array.from({ length: settings.replications }, (_, replication) => {
    const result = runReplication(model, { replication, seed: settings.seed, horizonMinutes: settings.horizonMinutes, warmupMinutes: settings.warmupMinutes });
    const fulfilment = syntheticFulfilment(replication, { seed: settings.seed, ...spec });
    const completed = result.cost.perOrder === null ? 0 : result.cost.total / result.cost.perOrder;
    const { lineHandling, visits, carrying } = fulfilment.all.cost;
    const total = result.cost.labour + result.cost.systemCalls + result.cost.visits + visits + lineHandling + result.cost.sourcing + carrying;
    const cost = { ...result.cost, visits: result.cost.visits + visits, lineHandling, carrying, total, perOrder: completed > 0 ? total / completed : null };
    return { ...result, fulfilment, cost };
  });
  const report = aggregateReplications(model, results, { variant: null, seed: settings.seed, horizonMinutes: settings.horizonMinutes, warmupMinutes: settings.warmupMinutes });
  return { report, results };
}
