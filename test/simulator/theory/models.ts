import type { WorkflowInput } from '../../../models';

/** Models for the theory tests and the speed check, written as model files would be. */

const base = (name: string, horizonDays = 30): Pick<WorkflowInput, 'formatVersion' | 'metadata' | 'run' | 'sites'> => ({
  formatVersion: 2,
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

/** One station: source -> activity with `servers` servers -> end (optionally a queue limit with an overflow end). */
export function stationModel(options: {
  ratePerHour: number;
  servers: number;
  service: Record<string, unknown>;
  queueCapacity?: number;
}): WorkflowInput {
  const { ratePerHour, servers, service, queueCapacity } = options;
  const nodes = [
    { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour } },
    {
      id: 'work',
      kind: 'activity',
      name: 'Work',
      pool: 'team',
      duration: { unit: 'min', ...service },
      ...(queueCapacity !== undefined ? { queue: { discipline: 'fifo', capacity: queueCapacity } } : {}),
    },
    { id: 'end', kind: 'end', name: 'Done' },
    ...(queueCapacity !== undefined ? [{ id: 'lost', kind: 'end', name: 'Lost', outcome: 'rejected' }] : []),
  ] as WorkflowInput['nodes'];
  const edges: WorkflowInput['edges'] = [
    { id: 'e1', from: 'src', to: 'work' },
    { id: 'e2', from: 'work', to: 'end' },
    ...(queueCapacity !== undefined ? [{ id: 'e3', from: 'work', to: 'lost', kind: 'overflow' as const }] : []),
  ];
  return { ...base('Station'), pools: [{ id: 'team', name: 'Team', capacity: servers }], nodes, edges };
}
