import { expect } from 'vitest';
import { loadModel, type Workflow, type WorkflowInput } from '../../../models';
import { aggregateReplications, estimate, runReplication, type EventLogRow, type ReplicationResult, type RunReport } from '../../../simulator';
import type { FulfilmentReplication } from '../../../simulator/fulfilmentReport';

/**
 * Shared pieces of the fulfilment theory tests: model building, replications, and the interval check. As in
 * test/simulator/theory, a closed form is accepted when it lies inside the 99% Student-t interval of the
 * per-replication estimates, and the interval must be narrow enough that a few percent of error would fall outside.
 */

type Nodes = WorkflowInput['nodes'];
type Edges = WorkflowInput['edges'];

/** A validated model from the parts that vary (one site "main", no warm-up in the file: runs pass their own). */
export function load(input: Partial<WorkflowInput> & { nodes: Nodes; edges: Edges }): Workflow {
  const document: WorkflowInput = {
    formatVersion: 2,
    metadata: { name: 'fulfilment theory' },
    run: { horizon: { value: 7, unit: 'd' }, replications: 1, seed: 1 },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    ...input,
  };
  const result = loadModel(document);
  if (!result.model) throw new Error(`invalid test model:\n${result.findings.map((f) => `${f.path}: ${f.message}`).join('\n')}`);
  return result.model;
}

/** `next` edges along a chain of node ids. */
export function chain(...ids: string[]): Edges {
  const edges: Edges = [];
  for (let i = 0; i + 1 < ids.length; i++) edges.push({ id: `${ids[i]}-${ids[i + 1]}`, from: ids[i], to: ids[i + 1] });
  return edges;
}

export const constantMinutes = (value: number) => ({ kind: 'constant' as const, value, unit: 'min' as const });

/** A zero-length delay right after the source: its event-log row gives each case's arrival time. */
export const intake = { id: 'intake', kind: 'delay' as const, name: 'Intake', duration: constantMinutes(0) };

export function delay(id: string, minutesOrDistribution: number | Record<string, unknown>, extra: Record<string, unknown> = {}): Nodes[number] {
  const duration = typeof minutesOrDistribution === 'number' ? constantMinutes(minutesOrDistribution) : { unit: 'min', ...minutesOrDistribution };
  return { id, kind: 'delay', name: id, duration, ...extra } as Nodes[number];
}

export interface Replicated {
  results: ReplicationResult[];
  fulfilment: FulfilmentReplication[];
  report: RunReport;
}

/** Runs `n` independent replications and aggregates them (the per-replication fulfilment parts must be present). */
export function replicate(model: Workflow, n: number, horizonMinutes: number, warmupMinutes: number, seed = 17): Replicated {
  const results: ReplicationResult[] = [];
  for (let r = 0; r < n; r++) results.push(runReplication(model, { replication: r, seed, horizonMinutes, warmupMinutes }));
  for (const r of results) {
    expect(r.status, r.message ?? '').toBe('ok');
    expect(r.fulfilment, 'a fulfilment model reports fulfilment').not.toBeNull();
  }
  const report = aggregateReplications(model, results, { variant: null, seed, horizonMinutes, warmupMinutes });
  return { results, fulfilment: results.map((r) => r.fulfilment as FulfilmentReplication), report };
}

/** One replication with its event log. */
export function runLogged(model: Workflow, horizonMinutes: number, seed = 3, replication = 0): { result: ReplicationResult; rows: EventLogRow[] } {
  const rows: EventLogRow[] = [];
  const result = runReplication(model, { replication, seed, horizonMinutes, warmupMinutes: 0, eventLog: (row) => rows.push(row) });
  expect(result.status, result.message ?? '').toBe('ok');
  return { result, rows };
}

/** The rows of one node, one per case (throws when a case has two: the tests below use nodes visited once). */
export function rowByCase(rows: EventLogRow[], activityId: string): Map<number, EventLogRow> {
  const map = new Map<number, EventLogRow>();
  for (const row of rows) {
    if (row.activityId !== activityId) continue;
    if (map.has(row.caseId)) throw new Error(`case ${row.caseId} passed ${activityId} twice`);
    map.set(row.caseId, row);
  }
  return map;
}

/** The rows of one node, grouped by case. */
export function rowsByCase(rows: EventLogRow[], activityId: string): Map<number, EventLogRow[]> {
  const map = new Map<number, EventLogRow[]>();
  for (const row of rows) if (row.activityId === activityId) map.set(row.caseId, [...(map.get(row.caseId) ?? []), row]);
  return map;
}

/**
 * Asserts that `theory` lies in the 99% interval of the per-replication `values`, and that the interval's half-width
 * is below `maxHalfWidth` (absolute), so that the check could fail.
 */
export function expectInInterval(label: string, values: Array<number | null>, theory: number, maxHalfWidth: number): void {
  const e = estimate(values, 0.99);
  const detail = `${label}: theory ${theory.toFixed(5)}, simulated ${e.mean?.toFixed(5)} +- ${e.halfWidth?.toFixed(5)} (99%, n=${e.n})`;
  expect(e.halfWidth, detail).not.toBeNull();
  expect(Math.abs((e.mean as number) - theory), detail).toBeLessThanOrEqual(e.halfWidth as number);
  expect(e.halfWidth as number, `${detail}: interval too wide to be a test`).toBeLessThan(maxHalfWidth);
}

/** Ratio of two per-replication counts. */
export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

// ---------------------------------------------------------------------------------------------- closed forms

/** P(X = k) for X ~ Poisson(mean), by recurrence (mean up to a few hundred). */
export function poissonPmf(mean: number, kMax: number): number[] {
  const p = [Math.exp(-mean)];
  for (let k = 1; k <= kMax; k++) p.push((p[k - 1] * mean) / k);
  return p;
}
