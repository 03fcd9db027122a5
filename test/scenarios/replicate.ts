import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyVariant, loadModelText, type Workflow } from '../../models';
import type { FulfilmentGroupReplication } from '../../simulator/fulfilmentReport';
import type { ReplicationResult } from '../../simulator/report';
import { runReplication } from '../../simulator/run';
import { pairedComparison, type PairedDifference } from '../../simulator/stats/compare';

/**
 * Runs a shipped scenario replication by replication, so that tests can pair the replications of two variants
 * (same seed and replication index: common random numbers) and judge a difference with the paired-t interval of
 * simulator/stats/compare.ts instead of comparing two single numbers.
 */

const scenarioDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
export const minutesPerDay = 1440;

/** A shipped scenario, validated; throws naming the file and the findings when it does not load. */
export function loadScenario(file: string): Workflow {
  const { model, findings } = loadModelText(readFileSync(scenarioDir + file, 'utf8'));
  if (!model) throw new Error(`${file}: ${findings.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  return model;
}

export interface ShortRun {
  horizonDays: number;
  warmupDays: number;
  replications: number;
}

const cache = new Map<string, ReplicationResult[]>();

/** A shipped scenario with `variant` applied (the base model when undefined). */
export function scenarioVariant(file: string, variant: string | undefined): Workflow {
  const model = loadScenario(file);
  if (!variant) return model;
  const applied = applyVariant(model, variant);
  if (!applied.model) throw new Error(`${file}: variant ${variant} does not apply`);
  return applied.model;
}

/** The replications of `file` (with `variant` applied) under a shortened run, seeded as the model says. */
export function replicate(file: string, variant: string | undefined, run: ShortRun): ReplicationResult[] {
  return replicateModel(`${file}|${variant ?? ''}`, scenarioVariant(file, variant), run);
}

/** The replications of a model (named for the cache and for messages) under a shortened run. */
export function replicateModel(name: string, model: Workflow, run: ShortRun): ReplicationResult[] {
  const key = `${name}|${run.horizonDays}|${run.warmupDays}|${run.replications}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const results: ReplicationResult[] = [];
  for (let r = 0; r < run.replications; r++) {
    const result = runReplication(model, { replication: r, seed: model.run.seed, horizonMinutes: run.horizonDays * minutesPerDay, warmupMinutes: run.warmupDays * minutesPerDay });
    if (result.status !== 'ok') throw new Error(`${name} replication ${r}: ${result.status} ${result.message ?? ''}`);
    results.push(result);
  }
  cache.set(key, results);
  return results;
}

/** The fulfilment group of one replication: `all`, a site id or a segment value. */
export function group(result: ReplicationResult, key = 'all'): FulfilmentGroupReplication {
  const f = result.fulfilment;
  if (!f) throw new Error(`replication ${result.replication} has no fulfilment figures`);
  const found = key === 'all' ? f.all : [...f.bySite, ...f.bySegment].find((g) => g.key === key);
  if (!found) throw new Error(`replication ${result.replication} has no fulfilment group ${key}`);
  return found;
}

/** One number per replication; throws when a replication did not measure it. */
export function perReplication(results: readonly ReplicationResult[], kpi: (r: ReplicationResult) => number | null): number[] {
  return results.map((r) => {
    const v = kpi(r);
    if (v === null || !Number.isFinite(v)) throw new Error(`replication ${r.replication} did not measure the figure`);
    return v;
  });
}

/** Paired-t comparison of a KPI between two sets of replications run with the same seeds (B minus A). */
export function paired(a: readonly ReplicationResult[], b: readonly ReplicationResult[], kpi: (r: ReplicationResult) => number | null): PairedDifference {
  return pairedComparison(perReplication(a, kpi), perReplication(b, kpi));
}

/** Mean and 95% half-width (Student t) of a KPI over replications. */
export function meanWithHalfWidth(values: readonly number[]): { mean: number; halfWidth: number } {
  const zeros = values.map(() => 0);
  const c = pairedComparison(zeros, values);
  return { mean: c.meanB, halfWidth: c.halfWidth ?? Infinity };
}
