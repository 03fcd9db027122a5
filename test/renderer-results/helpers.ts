/** Real engine reports for the results tests: small models run for a few simulated days (fast, deterministic). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel, loadModelText, type Workflow, type WorkflowInput } from '../../models';
import { aggregateReplications, runReplication, type ReplicationResult, type RunReport } from '../../simulator';

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
