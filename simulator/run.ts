import { applyVariant, toMinutes, type Workflow } from '../models';
import type { CancelSignal, EventLogRow, GuardLimits, ReplicationResult, RunReport } from './report';
import { simulateReplication } from './engine/simulation';
import { aggregate } from './stats/aggregate';

/** Default guard rails of the engine (documented in docs/report-format.md, "Guard rails"). */
export const defaultGuardLimits: GuardLimits = {
  // Far above any stable distribution model (a national network holds ~20k open orders), far below memory trouble.
  maxOrdersInSystem: 200_000,
  // About 3 minutes of CPU at 10M events/s; a 10-year national model needs far fewer.
  maxEvents: 2_000_000_000,
};

/** Options of one replication. */
export interface ReplicationOptions {
  /** Replication index (0, 1, ...): selects the independent random streams. */
  replication: number;
  /** Seed of the run (0 .. 2^32-1). */
  seed: number;
  horizonMinutes: number;
  /** Statistics on orders count only orders arriving after this; time-weighted statistics start here. */
  warmupMinutes: number;
  /** Width of time-series buckets; default hourly, coarsened to at most ~2,000 buckets (see `seriesBucketMinutes`). */
  bucketMinutes?: number;
  guard?: Partial<GuardLimits>;
  /** Called now and then with the share of simulated time done (0..1). */
  onProgress?: (fractionOfSimTimeDone: number) => void;
  /** Checked every few thousand events; an aborted run returns status `cancelled`. */
  signal?: CancelSignal;
  /** Receives one row per completed step (activities, calls, delays), in simulated-time order. */
  eventLog?: (row: EventLogRow) => void;
}

/** Metadata for `aggregateReplications`. */
export interface AggregateMeta {
  variant: string | null;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  /** Relative half-width wanted on mean cycle time and throughput (default 0.05). */
  relativePrecision?: number;
}

/** Options of `runScenario`; omitted values come from the model's `run` settings. */
export interface ScenarioOptions {
  variant?: string;
  replications?: number;
  seed?: number;
  horizonMinutes?: number;
  warmupMinutes?: number;
  bucketMinutes?: number;
  relativePrecision?: number;
  guard?: Partial<GuardLimits>;
  /** Share of the whole run done (0..1), counting replications in order. */
  onProgress?: (fractionDone: number) => void;
  signal?: CancelSignal;
  eventLog?: (row: EventLogRow) => void;
}

/**
 * Runs one replication of a model. `model` must be a validated `Workflow` (from `loadModel`) with the variant
 * already applied (`applyVariant`). Deterministic: the same model, seed and replication give the same result.
 * @example const r = runReplication(model, { replication: 0, seed: 1, horizonMinutes: 7 * 1440, warmupMinutes: 1440 });
 */
export function runReplication(model: Workflow, options: ReplicationOptions): ReplicationResult {
  return simulateReplication(model, options);
}

/**
 * Aggregates replication results into a report. Results are sorted by replication index first, so the report is
 * identical however the replications were spread over workers.
 */
export function aggregateReplications(model: Workflow, results: ReplicationResult[], meta: AggregateMeta): RunReport {
  const sorted = [...results].sort((a, b) => a.replication - b.replication);
  return aggregate(model, sorted, meta);
}

/** The model with `variant` applied; throws an Error naming the variant when it does not apply. */
export function modelForVariant(model: Workflow, variant: string | undefined): Workflow {
  if (variant === undefined) return model;
  const result = applyVariant(model, variant);
  if (!result.model) throw new Error(result.findings.map((f) => `${f.path}: ${f.message}`).join('\n'));
  return result.model;
}

/**
 * Runs every replication one after the other on this thread and aggregates them: used by tests and as the
 * main-thread fallback of the worker pools.
 * @example const report = runScenario(model, { replications: 5, seed: 7 });
 */
export function runScenario(model: Workflow, options: ScenarioOptions = {}): RunReport {
  const variantModel = modelForVariant(model, options.variant);
  const replications = options.replications ?? variantModel.run.replications;
  const seed = options.seed ?? variantModel.run.seed;
  const horizonMinutes = options.horizonMinutes ?? toMinutes(variantModel.run.horizon);
  const warmupMinutes = options.warmupMinutes ?? toMinutes(variantModel.run.warmup);
  const results: ReplicationResult[] = [];
  for (let r = 0; r < replications; r++) {
    const onProgress = options.onProgress;
    const result = runReplication(variantModel, {
      replication: r,
      seed,
      horizonMinutes,
      warmupMinutes,
      bucketMinutes: options.bucketMinutes,
      guard: options.guard,
      signal: options.signal,
      eventLog: options.eventLog,
      onProgress: onProgress ? (f) => onProgress((r + f) / replications) : undefined,
    });
    results.push(result);
    if (result.status === 'cancelled') break;
  }
  return aggregateReplications(variantModel, results, {
    variant: options.variant ?? null,
    seed,
    horizonMinutes,
    warmupMinutes,
    relativePrecision: options.relativePrecision,
  });
}
