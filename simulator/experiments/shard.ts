/**
 * Scale-out for sweeps and stress tests. The work of an experiment is the flat list of (point x replication) items;
 * shard i of n runs the contiguous slice `shardRange(items, i, n)` and writes a partial result holding the experiment
 * definition, the model and its replication results. `mergePartials` checks that the slices are of the same
 * experiment and cover every item exactly once, then builds the report with the same code as a single-machine run:
 * since a replication's result depends only on (model, seed, index), the merged report is identical to it.
 *
 * Recommendation searches are adaptive (each step depends on the previous one), so they are not sharded.
 */
import type { Workflow } from '../../models';
import type { ReplicationResult } from '../report';
import { ExperimentError } from './parameters';
import { runPlan, shardRange, type ExperimentPlan, type PointResults, type RunPlanOptions, type RunReplications } from './runner';
import { finishStress, planStress, type StressReport, type StressSpec } from './stress';
import { finishSweep, planSweep, type SweepReport, type SweepSpec } from './sweep';

/** An experiment that can be sharded. */
export type ShardableExperiment = { kind: 'sweep'; spec: SweepSpec } | { kind: 'stress'; spec: StressSpec };

/** The report of a sharded experiment, by kind. */
export type ExperimentReport = { kind: 'sweep'; report: SweepReport } | { kind: 'stress'; report: StressReport };

/** What one shard writes. Plain JSON. */
export interface PartialResult {
  partialFormatVersion: 1;
  experiment: ShardableExperiment;
  /** The base model (variant applied), so that the merge needs nothing but the partial files. */
  model: Workflow;
  shard: { index: number; count: number };
  /** Work items [start, end) of `total` (= points x replications). */
  items: { start: number; end: number; total: number };
  results: Array<{ point: number; results: ReplicationResult[] }>;
}

/** The plan of an experiment (points and replications). */
export function planExperiment(model: Workflow, experiment: ShardableExperiment): ExperimentPlan {
  return experiment.kind === 'sweep' ? planSweep(model, experiment.spec) : planStress(model, experiment.spec);
}

/** Builds the report of an experiment from all of its results. */
export function finishExperiment(model: Workflow, experiment: ShardableExperiment, plan: ExperimentPlan, results: PointResults): ExperimentReport {
  return experiment.kind === 'sweep'
    ? { kind: 'sweep', report: finishSweep(model, experiment.spec, plan, results) }
    : { kind: 'stress', report: finishStress(model, experiment.spec, plan, results) };
}

/**
 * Runs shard `index` of `count` and returns its partial result.
 * @example const part = await runShard(model, { kind: 'sweep', spec }, runner, { index: 0, count: 4 });
 */
export async function runShard(model: Workflow, experiment: ShardableExperiment, run: RunReplications, shard: { index: number; count: number }, options: Omit<RunPlanOptions, 'items'> = {}): Promise<PartialResult> {
  const plan = planExperiment(model, experiment);
  const total = plan.points.length * plan.replications;
  const items = shardRange(total, shard.index, shard.count);
  const results = await runPlan(plan, run, { ...options, items });
  return {
    partialFormatVersion: 1,
    experiment,
    model,
    shard: { index: shard.index, count: shard.count },
    items: { ...items, total },
    results: [...results.entries()].sort((a, b) => a[0] - b[0]).map(([point, list]) => ({ point, results: list })),
  };
}

/** Parses "i/n" (0-based index) as used by `--shard`; throws `ExperimentError` with the expected form. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new ExperimentError(`--shard "${text}" must be INDEX/COUNT with a 0-based index, e.g. 0/4 (Kubernetes: $JOB_COMPLETION_INDEX/4).`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index >= count) throw new ExperimentError(`--shard ${text}: the index must be 0 to ${Math.max(0, count - 1)} and the count at least 1.`);
  return { index, count };
}

function isPartial(value: unknown): value is PartialResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<PartialResult>;
  return v.partialFormatVersion === 1 && typeof v.experiment === 'object' && typeof v.model === 'object' && typeof v.shard === 'object' && typeof v.items === 'object' && Array.isArray(v.results);
}

/**
 * Joins the partial results of every shard into the experiment's report. Throws `ExperimentError` naming the
 * problem when the partials are of different experiments, models or shard counts, or when a shard is missing or
 * given twice. `names` label the inputs in messages (file names).
 */
export function mergePartials(partials: readonly unknown[], names: readonly string[] = []): ExperimentReport & { model: Workflow } {
  const label = (i: number) => names[i] ?? `partial ${i + 1}`;
  if (partials.length === 0) throw new ExperimentError('Give the partial result files of every shard.');
  partials.forEach((p, i) => {
    if (!isPartial(p)) throw new ExperimentError(`${label(i)} is not a Flowcast partial result (written by --shard).`);
  });
  const list = partials as PartialResult[];
  const first = list[0];
  const experimentJson = JSON.stringify(first.experiment);
  const modelJson = JSON.stringify(first.model);
  const count = first.shard.count;
  const seen = new Map<number, number>();
  list.forEach((p, i) => {
    if (JSON.stringify(p.experiment) !== experimentJson) throw new ExperimentError(`${label(i)} is a different experiment from ${label(0)} (its parameters, shocks or settings differ).`);
    if (JSON.stringify(p.model) !== modelJson) throw new ExperimentError(`${label(i)} was run on a different model from ${label(0)}.`);
    if (p.shard.count !== count) throw new ExperimentError(`${label(i)} is shard ${p.shard.index}/${p.shard.count}, but ${label(0)} is one of ${count} shards.`);
    const other = seen.get(p.shard.index);
    if (other !== undefined) throw new ExperimentError(`${label(i)} and ${label(other)} are both shard ${p.shard.index}/${count}.`);
    seen.set(p.shard.index, i);
  });
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new ExperimentError(`Shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`);

  const plan = planExperiment(first.model, first.experiment);
  const total = plan.points.length * plan.replications;
  const results: PointResults = new Map();
  for (const [i, p] of list.entries()) {
    const expected = shardRange(total, p.shard.index, count);
    if (p.items.start !== expected.start || p.items.end !== expected.end || p.items.total !== total) throw new ExperimentError(`${label(i)} covers items ${p.items.start}..${p.items.end} of ${p.items.total}; shard ${p.shard.index}/${count} should cover ${expected.start}..${expected.end} of ${total}.`);
    let held = 0;
    for (const entry of p.results) {
      const existing = results.get(entry.point) ?? [];
      existing.push(...entry.results);
      results.set(entry.point, existing);
      held += entry.results.length;
    }
    if (held !== expected.end - expected.start) throw new ExperimentError(`${label(i)} holds ${held} replication results; its slice has ${expected.end - expected.start}.`);
  }
  for (const [point, listOfPoint] of results) {
    listOfPoint.sort((a, b) => a.replication - b.replication);
    listOfPoint.forEach((r, k) => {
      if (r.replication !== k) throw new ExperimentError(`Point ${point} has replication ${r.replication} where ${k} belongs (a shard is damaged or duplicated).`);
    });
  }
  return { ...finishExperiment(first.model, first.experiment, plan, results), model: first.model };
}

/** Runs a whole shardable experiment on one machine (the reference the merge reproduces). */
export async function runExperiment(model: Workflow, experiment: ShardableExperiment, run: RunReplications, options: Omit<RunPlanOptions, 'items'> = {}): Promise<ExperimentReport> {
  const plan = planExperiment(model, experiment);
  return finishExperiment(model, experiment, plan, await runPlan(plan, run, options));
}
