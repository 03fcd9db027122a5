/**
 * The simulation report format (documented in docs/report-format.md), versioned like the model format.
 *
 * Two layers:
 * - `ReplicationResult`: what one replication measured. Plain JSON (numbers, strings, arrays, plain objects, `null`),
 *   so it crosses worker boundaries (`postMessage`, worker_threads) unchanged.
 * - `RunReport`: the replications aggregated (mean, sd, 95% Student-t confidence interval), plus bottlenecks,
 *   time series, warm-up and precision advice. It holds no wall-clock time and no `Date`: the same model, variant
 *   and seed give byte-identical `JSON.stringify(report)` in Node and in a browser worker.
 *
 * Units: times are minutes (`...Minutes`), rates say their unit (`perHour`), shares and utilisations are 0..1,
 * money is in the model's `currency`. A value that could not be measured (no order finished, no capacity) is `null`.
 */

import type { FulfilmentReplication, FulfilmentReport } from './fulfilmentReport';

/** Bump on any incompatible change of `RunReport` or `ReplicationResult`; docs/report-format.md lists the history. */
export const reportFormatVersion = 2;

/** Something that can be cancelled; `AbortSignal` satisfies it (the simulator compiles without the DOM lib). */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Engine guard rails (see `defaultGuardLimits`). */
export interface GuardLimits {
  /** Orders in the system at once before the replication stops as `unstable`. */
  maxOrdersInSystem: number;
  /** Events processed in one replication before it stops as `unstable` (a runaway loop). */
  maxEvents: number;
}

/** One row of the optional event log (one per completed step), for process-mining tools. */
export interface EventLogRow {
  /** Order number within the replication (1, 2, ...). */
  caseId: number;
  replication: number;
  /** Node id and name of the step. */
  activityId: string;
  activity: string;
  /** Simulated minutes since Monday 00:00 of week 1: when the work (or call, or delay) started and completed. */
  startMinutes: number;
  completeMinutes: number;
  /** Pool or system name; '' for delays. */
  resource: string;
  /** Site id of the order. */
  site: string;
  /** For integrations: attempt number (1 = first call); 0 otherwise. */
  attempt: number;
  /** `ok`, `failed` (activity error, failed call), `timeout`. */
  status: 'ok' | 'failed' | 'timeout';
}

// ---------------------------------------------------------------------------------------------- one replication

/** Distribution summary of a set of durations (minutes), from a bounded-memory histogram (relative error <= 0.4%). */
export interface DurationSummary {
  count: number;
  /** Exact mean (a running sum, not from the histogram); null when count is 0. */
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  /** Exact maximum. */
  max: number | null;
}

export interface NodeReplication {
  nodeId: string;
  /** Visits that arrived at the node (orders arriving after the warm-up). */
  arrivals: number;
  /** Visits that left the node (any edge). */
  completions: number;
  /** Time from arrival at the node to the start of work (activities), the calls (integrations: queue for the system, holds in outages, batch waits), the release (batch), the last branch (join). */
  queueWaitMean: number | null;
  queueWaitP90: number | null;
  /** Share of visits that waited at all (wait > 0): the probability of waiting (Erlang C for M/M/c). */
  waitedShare: number | null;
  /** Sum of the waits above (minutes). */
  queueWaitTotalMinutes: number;
  /**
   * Share of the time order branches spent in the system after the warm-up that they spent waiting at this node:
   * meanQueueLength / branchesMean (both time-weighted over the same window). Null when nothing was in the system.
   */
  waitShare: number | null;
  /** Largest number of orders waiting at the node at once (all sites), over the whole horizon. */
  maxQueueLength: number;
  /** Time-weighted mean number waiting, from the warm-up on. */
  meanQueueLength: number;
  /** Activities: visits that ended in an error. Integrations: failed attempts (errors, timeouts, outages). */
  failures: number;
  /** Integrations: attempts after the first. */
  retries: number;
  /** Integrations: orders sent down the dead-letter edge after the last attempt. */
  deadLetters: number;
  /** Activities: orders that found the queue full and took the overflow edge. */
  overflows: number;
  /** Integrations: timed-out attempts (also counted in failures). */
  timeouts: number;
}

export interface PoolReplication {
  poolId: string;
  /** Site id for a site-scoped pool; null for a shared pool. */
  siteId: string | null;
  capacity: number;
  /** Busy unit-minutes while on shift, from the warm-up on. */
  busyMinutes: number;
  /** Available unit-minutes (capacity x on-shift minutes), from the warm-up on. */
  availableMinutes: number;
  /** busyMinutes / availableMinutes; null when the pool was never on shift. */
  utilisation: number | null;
  /** Labour paid: capacity x on-shift hours x cost per hour. */
  labourCost: number;
}

export interface SystemReplication {
  systemId: string;
  /** Site id when a site override gives the site its own instance of the system; null for the shared one. */
  siteId: string | null;
  calls: number;
  failedCalls: number;
  /** Minutes the system was down (scheduled or random outages), from the warm-up on. */
  outageMinutes: number;
  /** Busy call slots / concurrency, time-weighted; null when concurrency is unlimited. */
  utilisation: number | null;
  callCost: number;
}

export interface SlaReplication {
  slaId: string;
  /** Orders (arrived after the warm-up) whose clock stopped within the horizon. */
  measured: number;
  met: number;
  /** met / measured; null when nothing was measured. */
  attainment: number | null;
}

export interface GroupReplication {
  /** Outcome name or site id. */
  key: string;
  /**
   * Orders of the group completed after the warm-up, whenever they arrived (the population of the throughput):
   * the groups add up to the replication's completions after the warm-up.
   */
  completed: number;
  /** Cycle times of the group's orders that arrived after the warm-up and completed (`cycleTime.count` of them). */
  cycleTime: DurationSummary;
}

/** A duration histogram's non-empty buckets (log-linear buckets of `simulator/core/histogram.ts`), plain JSON. */
export interface HistogramData {
  /** Values below 2^-10 minutes (counted as 0). */
  zeros: number;
  /** Indices of the non-empty buckets, ascending. */
  buckets: number[];
  /** Count of each bucket in `buckets`. */
  counts: number[];
}

export interface EdgeReplication {
  edgeId: string;
  /** Tokens that went along the edge after the warm-up (any order; each branch of a split counts). */
  traversals: number;
}

/** Fixed-width time series over the whole horizon (warm-up included), one value per bucket. */
export interface ReplicationSeries {
  bucketMinutes: number;
  /** Orders completed in each bucket. */
  throughput: number[];
  /** Time-weighted mean orders in the system in each bucket. */
  wip: number[];
  /** Time-weighted mean orders waiting, per node that can hold a queue. */
  queueLength: Array<{ nodeId: string; values: number[] }>;
  /** Busy / available unit-minutes per pool (all sites together) in each bucket; null when off shift. */
  utilisation: Array<{ poolId: string; values: Array<number | null> }>;
}

/** Why a replication stopped early. */
export interface InstabilityInfo {
  /** `orders`: too many orders in the system; `events`: the event budget was spent. */
  limit: 'orders' | 'events';
  nodeId: string | null;
  siteId: string | null;
  queueLength: number;
  /** Offered load of what the node needs (work arriving / capacity available); null when unknown. */
  offeredLoad: number | null;
  atMinutes: number;
}

/** What one replication measured. Plain JSON. */
export interface ReplicationResult {
  replication: number;
  /** The seed of the whole run (streams are derived from it, the replication index and each source's id). */
  seed: number;
  status: 'ok' | 'unstable' | 'cancelled';
  /** Plain-language reason when status is not `ok`. */
  message: string | null;
  instability: InstabilityInfo | null;
  horizonMinutes: number;
  warmupMinutes: number;
  /** Simulated minutes actually run (less than the horizon when stopped early). */
  simulatedMinutes: number;
  /**
   * Model events: 1 per arrival, per start and per end of work, of a call, of a delay, per order released by a
   * batch, per shift change and outage start or end. Routing (decisions, splits, joins, ends) is not counted.
   */
  events: number;
  ordersArrived: number;
  ordersCompleted: number;
  ordersInSystemAtEnd: number;
  /** Completions per hour (per day) of observed time after the warm-up. */
  throughputPerHour: number;
  throughputPerDay: number;
  /** Arrival rate after the warm-up (orders per hour), for Little's law. */
  arrivalsPerHour: number;
  cycleTime: DurationSummary;
  /** The histogram behind `cycleTime` (bounded: at most 4,352 buckets), pooled over replications in the report. */
  cycleTimeHistogram: HistogramData;
  byOutcome: GroupReplication[];
  bySite: GroupReplication[];
  slas: SlaReplication[];
  wipMean: number;
  wipMax: number;
  /**
   * Time-weighted mean number of order branches in the system after the warm-up: orders, plus one for each extra
   * parallel branch between a split and its join (equal to wipMean without splits). The denominator of waitShare.
   */
  branchesMean: number;
  nodes: NodeReplication[];
  /** One per edge of the model, in model order. */
  edges: EdgeReplication[];
  pools: PoolReplication[];
  systems: SystemReplication[];
  cost: CostReplication;
  series: ReplicationSeries;
  /** Lines, stock, shipments, OTIF, credit and working capital; null when the model uses none of them. */
  fulfilment: FulfilmentReplication | null;
}

/** Costs after the warm-up, in the model's currency. `total` = labour + systemCalls + visits + lineHandling + sourcing + carrying. */
export interface CostReplication {
  labour: number;
  /** The part of `labour` spent busy on steps marked `exception` (credit review, address fixes, backorder desk). */
  exceptionLabour: number;
  systemCalls: number;
  visits: number;
  lineHandling: number;
  sourcing: number;
  /** Working capital (receivables, shipped-not-invoiced) and stock on hand at finance.carryingRatePerYear. */
  carrying: number;
  total: number;
  perOrder: number | null;
}

// ---------------------------------------------------------------------------------------------- the aggregated report

/** Mean over replications with a 95% confidence interval (Student t with n-1 degrees of freedom). */
export interface Estimate {
  mean: number | null;
  sd: number | null;
  /** Half-width of the 95% interval; null with fewer than 2 values. */
  halfWidth: number | null;
  low: number | null;
  high: number | null;
  /** Replications that gave a value. */
  n: number;
}

export interface DurationEstimate {
  mean: Estimate;
  p50: Estimate;
  p90: Estimate;
  p95: Estimate;
  p99: Estimate;
  /** Largest value over all replications. */
  max: number | null;
}

export interface NodeReport {
  nodeId: string;
  name: string;
  kind: string;
  arrivals: Estimate;
  completions: Estimate;
  queueWaitMean: Estimate;
  queueWaitP90: Estimate;
  waitedShare: Estimate;
  meanQueueLength: Estimate;
  /** Share of order time spent waiting here (see `NodeReplication.waitShare`; `Bottleneck.waitShare` is its mean). */
  waitShare: Estimate;
  maxQueueLength: number;
  failures: Estimate;
  retries: Estimate;
  deadLetters: Estimate;
  overflows: Estimate;
  timeouts: Estimate;
}

export interface PoolReport {
  poolId: string;
  name: string;
  siteId: string | null;
  capacity: number;
  utilisation: Estimate;
  labourCost: Estimate;
}

export interface SystemReport {
  systemId: string;
  name: string;
  siteId: string | null;
  calls: Estimate;
  failedCalls: Estimate;
  outageMinutes: Estimate;
  utilisation: Estimate;
}

export interface SlaReport {
  slaId: string;
  name: string;
  targetMinutes: number;
  goal: number;
  attainment: Estimate;
  /** Whether the mean attainment reaches the goal. */
  meetsGoal: boolean | null;
}

export interface GroupReport {
  key: string;
  /** Share of completed orders (outcomes) or completions (sites). */
  share: Estimate;
  completedPerDay: Estimate;
  cycleTime: DurationEstimate;
}

export interface Bottleneck {
  rank: number;
  nodeId: string;
  name: string;
  /** Utilisation of what the node needs (its pool at the busiest site, its system's call slots); null if nothing limited. */
  utilisation: number | null;
  /** Where that utilisation was measured, e.g. `pool analysts at North`. */
  resource: string | null;
  /**
   * Share of all order time after the warm-up spent waiting at this node (mean over replications of
   * `NodeReplication.waitShare`); the shares of all nodes add up to at most 1.
   */
  waitShare: number;
  meanWaitMinutes: number | null;
  explanation: string;
}

/** Pooled histogram of cycle times for display: `counts[i]` values lie in [edgesMinutes[i], edgesMinutes[i + 1]). */
export interface CycleTimeHistogram {
  /** counts.length + 1 ascending edges; equal widths except possibly the last bin, which gathers the tail up to the max. */
  edgesMinutes: number[];
  /** Orders per bin, summed over replications (at most 60 bins; empty when no order completed). */
  counts: number[];
  /** All orders counted (the sum of counts). */
  total: number;
}

/** Cycle time of the whole run: the estimates plus the pooled histogram. */
export interface CycleTimeEstimate extends DurationEstimate {
  histogram: CycleTimeHistogram;
}

/** Traffic along one edge of the model. */
export interface EdgeReport {
  edgeId: string;
  from: string;
  to: string;
  kind: string;
  /** Tokens that went along the edge after the warm-up, per replication. */
  traversals: Estimate;
  /** The same per day of time after the warm-up. */
  traversalsPerDay: Estimate;
}

/** Offered load of a pool (or system) from the traffic equations over branch probabilities, before running. */
export interface LoadCheck {
  resource: 'pool' | 'system';
  id: string;
  siteId: string | null;
  /** Work arriving per unit of capacity available (>= 1 means queues grow without bound). */
  offeredLoad: number;
  /** True when a condition decision was approximated by equal branch shares. */
  approximate: boolean;
  message: string;
}

export interface SeriesReport {
  bucketMinutes: number;
  /** Means over replications, per bucket. */
  throughput: number[];
  wip: number[];
  queueLength: Array<{ nodeId: string; values: number[] }>;
  utilisation: Array<{ poolId: string; values: Array<number | null> }>;
}

/** Per-replication key figures, kept so that comparisons can pair replications (common random numbers). */
export interface ReplicationSummary {
  replication: number;
  status: ReplicationResult['status'];
  message: string | null;
  events: number;
  throughputPerHour: number;
  cycleTimeMean: number | null;
  cycleTimeP90: number | null;
  wipMean: number;
  costPerOrder: number | null;
  slaAttainment: Array<number | null>;
}

/** The aggregated result of a run. Serialises to the same bytes for the same model, variant and seed. */
export interface RunReport {
  reportFormatVersion: number;
  model: { name: string; variant: string | null; currency: string };
  settings: { seed: number; replications: number; horizonMinutes: number; warmupMinutes: number; bucketMinutes: number };
  /** `ok` when every replication finished; `unstable` if any stopped at a guard; `cancelled` if cancelled. */
  status: 'ok' | 'unstable' | 'cancelled';
  /** Plain-language warnings: unstable replications, offered load >= 1, too short warm-up, low precision. */
  messages: string[];
  totals: { events: number; ordersArrived: number; ordersCompleted: number };
  throughputPerHour: Estimate;
  throughputPerDay: Estimate;
  cycleTime: CycleTimeEstimate;
  wipMean: Estimate;
  wipMax: Estimate;
  costPerOrder: Estimate;
  /** Each cost of `CostReplication` divided by the orders completed, per replication. */
  costPerOrderBreakdown: { [K in Exclude<keyof CostReplication, 'perOrder'>]: Estimate };
  /** L = lambda W check: L is the time-weighted WIP, lambda the arrival rate, W the mean cycle time. */
  littlesLaw: { wip: number | null; arrivalsPerHour: number | null; cycleTimeMinutes: number | null; relativeError: number | null };
  outcomes: GroupReport[];
  sites: GroupReport[];
  slas: SlaReport[];
  nodes: NodeReport[];
  /** One per edge of the model, in model order. */
  edges: EdgeReport[];
  pools: PoolReport[];
  systems: SystemReport[];
  bottlenecks: Bottleneck[];
  loadCheck: LoadCheck[];
  series: SeriesReport;
  warmup: {
    usedMinutes: number;
    /** MSER-5 truncation point of the mean WIP series (minutes from the start); null if it could not be computed. */
    suggestedMinutes: number | null;
  };
  precision: {
    /** Requested relative half-width of the 95% interval (0.05 = 5%). */
    target: number;
    /** Replications needed for the target on mean cycle time and on throughput: n x (achieved / target)^2. */
    suggestedReplications: { cycleTimeMean: number | null; throughput: number | null };
    achieved: { cycleTimeMean: number | null; throughput: number | null };
  };
  replications: ReplicationSummary[];
  fulfilment: FulfilmentReport | null;
}
