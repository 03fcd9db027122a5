/**
 * How experiments get their replications run. An experiment (sweep, stress test, recommendation search) is a list
 * of "points" (one model each), and every point needs the same replication indices 0..R-1 with the same seed, so
 * that point k and point j are compared with common random numbers. The experiment never runs the engine itself:
 * it is handed a `RunReplications` function, which the CLI backs with the worker_threads pool, the studio with its
 * Web Worker client, and tests with the engine in-process. Results depend only on (model, seed, replication index),
 * so every runner gives the same report.
 */
import type { Workflow } from '../../models';
import type { CancelSignal, ReplicationResult } from '../report';
import { runReplication } from '../run';

/** A contiguous range of replications of one model. */
export interface ReplicationBatch {
  model: Workflow;
  /** Index of the first replication of the range. */
  firstReplication: number;
  /** Number of replications in the range. */
  replications: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  /** Width of time-series buckets (the engine coarsens it for long horizons); undefined means the engine's default. */
  bucketMinutes?: number;
}

/**
 * Runs a batch and resolves with its results in replication order. `onReplicationDone` is called once per finished
 * replication (progress only). Rejects when the engine or a worker fails.
 */
export type RunReplications = (batch: ReplicationBatch, onReplicationDone?: () => void) => Promise<ReplicationResult[]>;

/** One model to run as part of an experiment, with a stable id (used in partial results and reports). */
export interface PlanPoint {
  id: string;
  model: Workflow;
}

/** The work of an experiment: every point times replications 0..replications-1. */
export interface ExperimentPlan {
  points: PlanPoint[];
  replications: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  bucketMinutes?: number;
}

/** Results of some or all work items, grouped by point index (each list in replication order). */
export type PointResults = Map<number, ReplicationResult[]>;

/** Options of `runPlan`. */
export interface RunPlanOptions {
  /** Work items [start, end) of the flattened (point x replication) list; default: all of them. */
  items?: { start: number; end: number };
  /** Batches (points) run at the same time; the CLI sets it so that small batches still fill every worker. */
  concurrency?: number;
  /** Called after each replication with the count done and the count to do. */
  onProgress?: (done: number, total: number) => void;
  signal?: CancelSignal;
}

/** Thrown when an experiment is cancelled between batches. */
export class ExperimentCancelledError extends Error {
  constructor() {
    super('The experiment was cancelled.');
    this.name = 'ExperimentCancelledError';
  }
}

/**
 * The slice [start, end) of `total` work items that shard `index` (0-based) of `count` runs: contiguous and as even
 * as possible, so each shard holds whole runs of consecutive replications of few points.
 * @example shardRange(10, 1, 3) // { start: 3, end: 6 }
 */
export function shardRange(total: number, index: number, count: number): { start: number; end: number } {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`The shard count must be a whole number >= 1 (got ${count}).`);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`The shard index must be a whole number from 0 to ${count - 1} (got ${index}).`);
  return { start: Math.floor((index * total) / count), end: Math.floor(((index + 1) * total) / count) };
}

/** The batches (point, first replication, count) that cover work items [start, end) of a plan. */
export function batchesFor(plan: ExperimentPlan, start: number, end: number): Array<{ point: number; firstReplication: number; replications: number }> {
  const out: Array<{ point: number; firstReplication: number; replications: number }> = [];
  const r = plan.replications;
  let k = start;
  while (k < end) {
    const point = Math.floor(k / r);
    const first = k - point * r;
    const last = Math.min(end, (point + 1) * r);
    out.push({ point, firstReplication: first, replications: last - k });
    k = last;
  }
  return out;
}

/**
 * Runs the work items of a plan (all, or a shard's slice) through `run` and groups the results by point.
 * Deterministic whatever the concurrency: each result depends only on its model, seed and replication index.
 */
export async function runPlan(plan: ExperimentPlan, run: RunReplications, options: RunPlanOptions = {}): Promise<PointResults> {
  const total = plan.points.length * plan.replications;
  const { start, end } = options.items ?? { start: 0, end: total };
  if (start < 0 || end > total || start > end) throw new RangeError(`Work items ${start}..${end} lie outside the plan's 0..${total}.`);
  const batches = batchesFor(plan, start, end);
  const results: PointResults = new Map();
  const todo = end - start;
  let done = 0;
  options.onProgress?.(0, todo);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      if (options.signal?.aborted) throw new ExperimentCancelledError();
      const batch = batches[next++];
      const point = plan.points[batch.point];
      const list = await run(
        {
          model: point.model,
          firstReplication: batch.firstReplication,
          replications: batch.replications,
          seed: plan.seed,
          horizonMinutes: plan.horizonMinutes,
          warmupMinutes: plan.warmupMinutes,
          bucketMinutes: plan.bucketMinutes,
        },
        () => options.onProgress?.(++done, todo),
      );
      if (list.length !== batch.replications) throw new Error(`Point "${point.id}": expected ${batch.replications} replications, the runner returned ${list.length}.`);
      if (list.some((r) => r.status === 'cancelled')) throw new ExperimentCancelledError();
      const existing = results.get(batch.point) ?? [];
      existing.push(...list);
      results.set(batch.point, existing);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 1, batches.length));
  await Promise.all(Array.from({ length: lanes }, () => worker()));
  for (const list of results.values()) list.sort((a, b) => a.replication - b.replication);
  return results;
}

/**
 * A runner that runs the engine on this thread, one replication after the other: for tests, and as the fallback
 * of the other runners. It yields to the caller between replications only through the promise chain.
 * @example const report = await runSweep(model, spec, inProcessRunner());
 */
export function inProcessRunner(signal?: CancelSignal): RunReplications {
  return async (batch, onReplicationDone) => {
    const out: ReplicationResult[] = [];
    for (let i = 0; i < batch.replications; i++) {
      out.push(
        runReplication(batch.model, {
          replication: batch.firstReplication + i,
          seed: batch.seed,
          horizonMinutes: batch.horizonMinutes,
          warmupMinutes: batch.warmupMinutes,
          bucketMinutes: batch.bucketMinutes,
          signal,
        }),
      );
      onReplicationDone?.();
    }
    return out;
  };
}
