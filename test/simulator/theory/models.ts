import type { WorkflowInput } from '../../../models';

/** Models for the theory tests and the speed check, written as model files would be. */

const base = (name: string, horizonDays = 30): Pick<WorkflowInput, 'formatVersion' | 'metadata' | 'run' | 'sites'> => ({
  formatVersion: 1,
  metadata: { name },
  run: { horizon: { value: horizonDays, unit: 'd' }, warmup: { value: 1, unit: 'd' }, replications: 10, seed: 1 },
  sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
});

/** Source -> n activities (each its own pool of `servers`, exponential service of mean `serviceMinutes`) -> end. */
export function tandemModel(stations: number, ratePerHour: number, serviceMinutes: number, servers = 1): WorkflowInput {
  const nodes: WorkflowInput['nodes'] = [{ id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour } }];
  const pools: NonNullable<WorkflowInput['pools']> = [];
  const edges: WorkflowInput['edges'] = [];
  let previous = 'src';
  for (let i = 1; i <= stations; i++) {
    pools.push({ id: `p${i}`, name: `Team ${i}`, capacity: servers });
    nodes.push({ id: `s${i}`, kind: 'activity', name: `Station ${i}`, pool: `p${i}`, duration: { kind: 'exponential', mean: serviceMinutes, unit: 'min' } });
    edges.push({ id: `e${i}`, from: previous, to: `s${i}` });
    previous = `s${i}`;
  }
  nodes.push({ id: 'end', kind: 'end', name: 'Done' });
  edges.push({ id: 'eEnd', from: previous, to: 'end' });
  return { ...base(`Tandem ${stations}`), pools, nodes, edges };
}
