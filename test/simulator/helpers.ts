import { loadModel, type Workflow, type WorkflowInput } from '../../models';
import { runReplication, type EventLogRow, type ReplicationResult } from '../../simulator';

type Input = Partial<WorkflowInput> & Pick<WorkflowInput, 'nodes' | 'edges'>;

/** A validated model from a partial model file (one site "main" and a 7-day horizon unless given). */
export function model(input: Input): Workflow {
  const document: WorkflowInput = {
    formatVersion: 2,
    metadata: { name: 'test' },
    run: { horizon: { value: 7, unit: 'd' }, warmup: { value: 0, unit: 'd' }, replications: 1, seed: 1 },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    ...input,
  };
  const result = loadModel(document);
  if (!result.model) throw new Error(`invalid test model:\n${result.findings.map((f) => `${f.path}: ${f.message}`).join('\n')}`);
  return result.model;
}

/** Chain edges: next edges from each id to the following one. */
export function chain(...ids: string[]): WorkflowInput['edges'] {
  const edges: WorkflowInput['edges'] = [];
  for (let i = 0; i + 1 < ids.length; i++) edges.push({ id: `${ids[i]}-${ids[i + 1]}`, from: ids[i], to: ids[i + 1] });
  return edges;
}

export const minutes = (value: number) => ({ kind: 'constant' as const, value, unit: 'min' as const });

/** Runs one replication and collects its event log. */
export function runLogged(m: Workflow, horizonMinutes: number, seed = 1): { result: ReplicationResult; rows: EventLogRow[] } {
  const rows: EventLogRow[] = [];
  const result = runReplication(m, { replication: 0, seed, horizonMinutes, warmupMinutes: 0, eventLog: (row) => rows.push(row) });
  return { result, rows };
}

/** Rows of one activity, by case id. */
export function byCase(rows: EventLogRow[], activityId: string): Map<number, EventLogRow[]> {
  const map = new Map<number, EventLogRow[]>();
  for (const row of rows) {
    if (row.activityId !== activityId) continue;
    map.set(row.caseId, [...(map.get(row.caseId) ?? []), row]);
  }
  return map;
}

/** Arrival time per case, from a zero-length delay "intake" placed right after the source. */
export function arrivals(rows: EventLogRow[], intakeId = 'intake'): Array<{ caseId: number; at: number; site: string }> {
  return rows.filter((r) => r.activityId === intakeId).map((r) => ({ caseId: r.caseId, at: r.startMinutes, site: r.site }));
}

export function node(result: ReplicationResult, id: string) {
  const n = result.nodes.find((x) => x.nodeId === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}
