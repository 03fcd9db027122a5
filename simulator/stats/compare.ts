/**
 * Paired comparison of two variants run with common random numbers (CRN).
 *
 * With CRN, replication i of variant A and replication i of variant B use the same seed, so their KPIs are
 * positively correlated and the per-replication difference d_i = B_i - A_i has a much smaller variance than
 * the difference of two independent means. The test is the paired t: mean(d) ± t(1 - α/2, n - 1) · sd(d) / √n,
 * and the difference is called significant when that interval excludes 0 (Law, "Simulation Modeling and
 * Analysis", 5th ed., §10.2.1, the paired-t confidence interval).
 *
 * Pure TypeScript without platform APIs: the CLI and the renderer both import it.
 */

import type { FulfilmentGroupReplication, FulfilmentGroupReport } from '../fulfilmentReport';
import type { CostReplication, Estimate, ReplicationResult, RunReport } from '../report';
import { studentTQuantile } from './studentT';

/** Options of a paired comparison. */
export interface PairedOptions {
  /** Two-sided confidence level, default 0.95. */
  confidence?: number;
  /** Upper bound of a replication suggestion (the format allows at most 10,000 replications). */
  maxSuggestedReplications?: number;
}

/** The paired comparison of one KPI. Differences are B minus A. */
export interface PairedDifference {
  /** Number of pairs. */
  n: number;
  meanA: number;
  meanB: number;
  /** mean(B_i - A_i). */
  meanDifference: number;
  /** (meanB - meanA) / |meanA|; null when meanA is 0. */
  relativeDifference: number | null;
  /** Sample standard deviation of the differences (0 when n < 2). */
  sdDifference: number;
  confidence: number;
  /** Half width of the confidence interval of the mean difference; null when n < 2. */
  halfWidth: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** True when the interval excludes 0. */
  significant: boolean;
  /**
   * `significant`: the interval excludes 0. `no-difference`: every pair is identical (nothing to decide).
   * `undecided`: the interval contains 0; more replications may decide it (see `suggestedReplications`).
   * `too-few`: fewer than 2 pairs, no interval can be formed.
   */
  verdict: 'significant' | 'no-difference' | 'undecided' | 'too-few';
  /**
   * When undecided: the number of replications at which the half width, at the observed standard deviation,
   * would fall below the observed |mean difference| (the smallest n with t(n-1)·s/√n < |d̄|). Null when
   * not needed, when the mean difference is exactly 0, or when it would exceed `maxSuggestedReplications`
   * (then `suggestionCapped` is true).
   */
  suggestedReplications: number | null;
  suggestionCapped: boolean;
}

/**
 * Paired-t comparison of two equally long samples: `a[i]` and `b[i]` come from the same replication seed.
 * @example pairedComparison([10, 11, 12], [9, 10.5, 11]).significant
 */
export function pairedComparison(a: readonly number[], b: readonly number[], options: PairedOptions = {}): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`pairedComparison needs samples of equal length (got ${a.length} and ${b.length}).`);
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie strictly between 0 and 1 (got ${confidence}).`);
  const cap = options.maxSuggestedReplications ?? 10_000;
  const n = a.length;
  const differences = a.map((x, i) => b[i] - x);
  const meanA = mean(a);
  const meanB = mean(b);
  const meanDifference = mean(differences);
  const relativeDifference = meanA === 0 || n === 0 ? null : (meanB - meanA) / Math.abs(meanA);
  const base = { n, meanA, meanB, meanDifference, relativeDifference, confidence };
  if (n < 2) {
    return { ...base, sdDifference: 0, halfWidth: null, ciLow: null, ciHigh: null, significant: false, verdict: 'too-few', suggestedReplications: null, suggestionCapped: false };
  }
  const sdDifference = sampleSd(differences, meanDifference);
  const alpha = 1 - confidence;
  const t = studentTQuantile(1 - alpha / 2, n - 1);
  const halfWidth = (t * sdDifference) / Math.sqrt(n);
  const ciLow = meanDifference - halfWidth;
  const ciHigh = meanDifference + halfWidth;
  if (sdDifference === 0) {
    // Every pair differs by the same amount: either no difference at all, or a deterministic shift.
    const significant = meanDifference !== 0;
    return { ...base, sdDifference, halfWidth, ciLow, ciHigh, significant, verdict: significant ? 'significant' : 'no-difference', suggestedReplications: null, suggestionCapped: false };
  }
  const significant = ciLow > 0 || ciHigh < 0;
  if (significant) {
    return { ...base, sdDifference, halfWidth, ciLow, ciHigh, significant, verdict: 'significant', suggestedReplications: null, suggestionCapped: false };
  }
  const suggestion = suggestReplications(sdDifference, Math.abs(meanDifference), alpha, n, cap);
  return { ...base, sdDifference, halfWidth, ciLow, ciHigh, significant, verdict: 'undecided', ...suggestion };
}

/**
 * Smallest n (> current) with t(1-α/2, n-1)·s/√n < target, or a capped/absent answer.
 * Uses the observed s; the estimate is the usual sequential-procedure starting point, not a guarantee.
 */
function suggestReplications(sd: number, target: number, alpha: number, current: number, cap: number): { suggestedReplications: number | null; suggestionCapped: boolean } {
  if (target === 0) return { suggestedReplications: null, suggestionCapped: false };
  const fits = (n: number) => (studentTQuantile(1 - alpha / 2, n - 1) * sd) / Math.sqrt(n) < target;
  if (!fits(cap)) return { suggestedReplications: null, suggestionCapped: true };
  // The half width decreases monotonically in n, so bisect between the current count and the cap.
  let low = current;
  let high = cap;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) high = mid;
    else low = mid;
  }
  return { suggestedReplications: high, suggestionCapped: false };
}

// ---------------------------------------------------------------------------------------------- KPI tables

/** One KPI's per-replication values for both variants, in replication order. */
export interface KpiSeries {
  /** Stable key, e.g. `throughputPerDay`. */
  id: string;
  label: string;
  /** Display unit, e.g. `orders/day`, `min`, `%`. */
  unit: string;
  /** Whether a larger value is an improvement (throughput) or a worsening (cycle time). */
  higherIsBetter: boolean;
  a: readonly number[];
  b: readonly number[];
}

/** A KPI row of a variant comparison. */
export interface KpiComparison extends PairedDifference {
  id: string;
  label: string;
  unit: string;
  higherIsBetter: boolean;
  /** `better`/`worse` for B relative to A when significant, else `same` (no evidence of a difference). */
  direction: 'better' | 'worse' | 'same';
}

/** Compares every KPI pairwise; rows keep the input order. */
export function compareKpis(series: readonly KpiSeries[], options: PairedOptions = {}): KpiComparison[] {
  return series.map((s) => {
    const paired = pairedComparison(s.a, s.b, options);
    const direction = !paired.significant ? 'same' : paired.meanDifference > 0 === s.higherIsBetter ? 'better' : 'worse';
    return { id: s.id, label: s.label, unit: s.unit, higherIsBetter: s.higherIsBetter, ...paired, direction };
  });
}

// ---------------------------------------------------------------------------------------------- fulfilment KPIs

/** How a KPI reads: a share 0..1, a count per replication, minutes, or money in the model's currency. */
export type KpiKind = 'share' | 'count' | 'duration' | 'money';

/**
 * A KPI read from each replication (to pair replications) and from the aggregated report (to display the value
 * with its interval). The CLI (`flowcast compare`) and the studio's compare view use the same list.
 */
export interface ReplicationKpi {
  /** Stable key, e.g. `otifRate`, `costPerOrder:carrying`. */
  id: string;
  label: string;
  kind: KpiKind;
  /** For counts: what is counted, e.g. `shipments`. */
  unit?: string;
  higherIsBetter: boolean;
  perReplication(result: ReplicationResult): number | null;
  estimate(report: RunReport): Estimate | undefined;
}

/** One row of the fulfilment table: how to read the KPI from a group of one replication and of the report. */
interface FulfilmentKpiRow {
  id: string;
  label: string;
  kind: KpiKind;
  unit?: string;
  higherIsBetter: boolean;
  replication: (group: FulfilmentGroupReplication) => number | null;
  report: (group: FulfilmentGroupReport) => Estimate;
}

/** The fulfilment KPIs compared, on all orders (definitions in simulator/fulfilmentReport.ts). Add a row to add a KPI. */
const fulfilmentKpiRows: readonly FulfilmentKpiRow[] = [
  { id: 'otifRate', label: 'OTIF', kind: 'share', higherIsBetter: true, replication: (g) => g.otifRate, report: (g) => g.otifRate },
  { id: 'lineFillRate', label: 'Line fill rate', kind: 'share', higherIsBetter: true, replication: (g) => g.lineFillRate, report: (g) => g.lineFillRate },
  { id: 'orderFillRate', label: 'Order fill rate', kind: 'share', higherIsBetter: true, replication: (g) => g.orderFillRate, report: (g) => g.orderFillRate },
  { id: 'backorders', label: 'Backorders', kind: 'count', unit: 'shipments', higherIsBetter: false, replication: (g) => g.backorders, report: (g) => g.backorders },
  { id: 'orderToShipMean', label: 'Order-to-ship mean', kind: 'duration', higherIsBetter: false, replication: (g) => g.orderToShip.mean, report: (g) => g.orderToShip.mean },
  { id: 'orderToCashMean', label: 'Order-to-cash mean', kind: 'duration', higherIsBetter: false, replication: (g) => g.orderToCash.mean, report: (g) => g.orderToCash.mean },
  { id: 'workingCapitalTotal', label: 'Working capital', kind: 'money', higherIsBetter: false, replication: (g) => g.workingCapital.total, report: (g) => g.workingCapital.total },
  { id: 'creditHolds', label: 'Credit holds', kind: 'count', unit: 'orders', higherIsBetter: false, replication: (g) => g.creditHolds, report: (g) => g.creditHolds },
];

/** The parts of `CostReplication` shown per order, in display order (`exceptionLabour` is a part of `labour`; `visits` are the steps' `costPerVisit`: freight, fees). */
export const costPerOrderParts = ['labour', 'exceptionLabour', 'systemCalls', 'visits', 'lineHandling', 'sourcing', 'carrying'] as const;
export type CostPerOrderPart = (typeof costPerOrderParts)[number];

export const costPartLabels: Record<CostPerOrderPart, string> = {
  labour: 'labour',
  exceptionLabour: 'exception labour',
  systemCalls: 'system calls',
  visits: 'freight and fees',
  lineHandling: 'line handling',
  sourcing: 'sourcing',
  carrying: 'carrying',
};

/**
 * One cost of a replication per completed order (what `RunReport.costPerOrderBreakdown` estimates); null when no
 * order completed. The order count is recovered as the whole number total / perOrder, so that a part two runs
 * share exactly (the same labour) gives exactly the same value, not one that differs in the last bit.
 */
export function costPerOrderPart(cost: CostReplication, part: CostPerOrderPart | 'total'): number | null {
  if (cost.perOrder === null) return null;
  if (cost.total === 0 || cost.perOrder === 0) return 0;
  return cost[part] / Math.round(cost.total / cost.perOrder);
}

/**
 * The fulfilment KPIs worth comparing for these runs: each row of the table above that some run measured (a
 * model without promises has no OTIF), and the cost-per-order parts that are not zero in every run, when at least
 * two are (one part alone is the cost per order itself). Nothing for runs of models without fulfilment features.
 * @example fulfilmentKpis([reportA, reportB]).map((k) => k.id) // ['otifRate', 'lineFillRate', ...]
 */
export function fulfilmentKpis(reports: readonly RunReport[]): ReplicationKpi[] {
  const fulfilment = reports.map((r) => r.fulfilment).filter((f) => f !== null && f !== undefined);
  if (fulfilment.length === 0) return [];
  const kpis: ReplicationKpi[] = [];
  for (const row of fulfilmentKpiRows) {
    if (!fulfilment.some((f) => row.report(f.all).n > 0)) continue;
    kpis.push({
      id: row.id,
      label: row.label,
      kind: row.kind,
      ...(row.unit === undefined ? {} : { unit: row.unit }),
      higherIsBetter: row.higherIsBetter,
      perReplication: (r) => (r.fulfilment ? row.replication(r.fulfilment.all) : null),
      estimate: (report) => (report.fulfilment ? row.report(report.fulfilment.all) : undefined),
    });
  }
  const parts = costPerOrderParts.filter((part) => reports.some((r) => (r.costPerOrderBreakdown?.[part].mean ?? 0) !== 0));
  if (parts.filter((p) => p !== 'exceptionLabour').length >= 2) {
    for (const part of parts) {
      kpis.push({
        id: `costPerOrder:${part}`,
        label: `Cost per order: ${costPartLabels[part]}`,
        kind: 'money',
        higherIsBetter: false,
        perReplication: (r) => costPerOrderPart(r.cost, part),
        estimate: (report) => report.costPerOrderBreakdown?.[part],
      });
    }
  }
  return kpis;
}

/** The unit string of a comparison row: `%` for shares, `min` for durations, the currency, or what is counted. */
export function kpiUnit(kpi: ReplicationKpi, currency: string): string {
  switch (kpi.kind) {
    case 'share':
      return '%';
    case 'duration':
      return 'min';
    case 'money':
      return currency;
    case 'count':
      return kpi.unit ?? '';
  }
}

// The Student t quantile, CDF and normal quantile are the shared ones of ./studentT (re-exported for callers).
export { normalQuantile, studentTCdf, studentTQuantile } from './studentT';

// ---------------------------------------------------------------------------------------------- helpers

function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Two-pass sample standard deviation (numerically stable for KPI magnitudes). */
function sampleSd(values: readonly number[], m: number): number {
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (values.length - 1));
}
