/**
 * Small models with answers known in closed form, built in code so each test states its queue's parameters.
 */
import { loadModel, type Workflow } from '../../models';

/** Loads a model object or fails the test with its findings. */
export function model(document: unknown): Workflow {
  const result = loadModel(document);
  if (!result.model) throw new Error(result.findings.map((f) => `${f.path}: ${f.message}`).join('\n'));
  return result.model;
}

/**
 * One queue: Poisson arrivals at `ratePerHour`, `servers` clerks, service time exponential (M/M/c) or constant
 * (M/D/c) with mean `serviceMinutes`; one SLA from arrival to the end of the step when `sla` is given.
 */
export function singleQueue(options: { ratePerHour: number; serviceMinutes: number; servers: number; service?: 'exponential' | 'constant'; sla?: { targetMinutes: number; goal: number }; horizonDays?: number; warmupDays?: number; replications?: number; costPerHour?: number }): Workflow {
  const service = options.service ?? 'exponential';
  return model({
    formatVersion: 2,
    metadata: { name: `M/${service === 'constant' ? 'D' : 'M'}/${options.servers}` },
    run: { horizon: { value: options.horizonDays ?? 7, unit: 'd' }, warmup: { value: options.warmupDays ?? 1, unit: 'd' }, replications: options.replications ?? 5, seed: 11 },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    pools: [{ id: 'clerks', name: 'Clerks', capacity: options.servers, costPerHour: options.costPerHour ?? 30 }],
    nodes: [
      { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: options.ratePerHour } },
      { id: 'work', kind: 'activity', name: 'Work', pool: 'clerks', duration: service === 'constant' ? { kind: 'constant', value: options.serviceMinutes, unit: 'min' } : { kind: 'exponential', mean: options.serviceMinutes, unit: 'min' } },
      { id: 'done', kind: 'end', name: 'Done' },
    ],
    edges: [
      { id: 'e1', from: 'orders', to: 'work' },
      { id: 'e2', from: 'work', to: 'done' },
    ],
    slas: options.sla ? [{ id: 'fast', name: 'Fast service', from: 'arrival', to: 'work', target: { value: options.sla.targetMinutes, unit: 'min' }, goal: options.sla.goal }] : [],
  });
}

/**
 * Two M/M/c stations in tandem (A then B), one SLA on each station's sojourn time. Departures of a stable M/M/c are
 * Poisson (Burke), so B is M/M/c too and each SLA has the closed form of `mmcSojournCdf`.
 */
export function tandem(options: { ratePerHour: number; a: { serviceMinutes: number; servers: number; costPerHour: number; targetMinutes: number; goal: number }; b: { serviceMinutes: number; servers: number; costPerHour: number; targetMinutes: number; goal: number }; horizonDays: number; warmupDays: number }): Workflow {
  const { a, b } = options;
  return model({
    formatVersion: 2,
    metadata: { name: 'Tandem M/M/c' },
    run: { horizon: { value: options.horizonDays, unit: 'd' }, warmup: { value: options.warmupDays, unit: 'd' }, replications: 8, seed: 3 },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    pools: [
      { id: 'alpha', name: 'Team A', capacity: a.servers, costPerHour: a.costPerHour },
      { id: 'beta', name: 'Team B', capacity: b.servers, costPerHour: b.costPerHour },
    ],
    nodes: [
      { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: options.ratePerHour } },
      { id: 'stepA', kind: 'activity', name: 'Step A', pool: 'alpha', duration: { kind: 'exponential', mean: a.serviceMinutes, unit: 'min' } },
      { id: 'stepB', kind: 'activity', name: 'Step B', pool: 'beta', duration: { kind: 'exponential', mean: b.serviceMinutes, unit: 'min' } },
      { id: 'done', kind: 'end', name: 'Done' },
    ],
    edges: [
      { id: 'e1', from: 'orders', to: 'stepA' },
      { id: 'e2', from: 'stepA', to: 'stepB' },
      { id: 'e3', from: 'stepB', to: 'done' },
    ],
    slas: [
      { id: 'slaA', name: 'Step A sojourn', from: 'arrival', to: 'stepA', target: { value: a.targetMinutes, unit: 'min' }, goal: a.goal },
      { id: 'slaB', name: 'Step B sojourn', from: 'stepA', to: 'stepB', target: { value: b.targetMinutes, unit: 'min' }, goal: b.goal },
    ],
  });
}

/**
 * An API behind one call slot: Poisson arrivals, a constant latency, calls held during outages (an M/D/1 queue for
 * the system). An SLA from arrival to the end of the call.
 */
export function apiQueue(options: { ratePerHour: number; latencyMinutes: number; slaMinutes: number; horizonDays: number; warmupDays: number }): Workflow {
  return model({
    formatVersion: 2,
    metadata: { name: 'API queue' },
    run: { horizon: { value: options.horizonDays, unit: 'd' }, warmup: { value: options.warmupDays, unit: 'd' }, replications: 10, seed: 5 },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    pools: [{ id: 'clerks', name: 'Clerks', capacity: 2, costPerHour: 30 }],
    systems: [{ id: 'api', name: 'Order API', concurrency: 1, outages: { scheduled: [], behaviour: 'hold' } }],
    nodes: [
      { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: options.ratePerHour } },
      { id: 'call', kind: 'integration', name: 'Post order', system: 'api', latency: { kind: 'constant', value: options.latencyMinutes, unit: 'min' } },
      { id: 'done', kind: 'end', name: 'Done' },
      { id: 'lost', kind: 'end', name: 'Dead letter', outcome: 'failed' },
    ],
    edges: [
      { id: 'e1', from: 'orders', to: 'call' },
      { id: 'e2', from: 'call', to: 'done' },
      { id: 'e3', from: 'call', to: 'lost', kind: 'deadLetter' },
    ],
    slas: [{ id: 'posted', name: 'Posted within target', from: 'arrival', to: 'call', target: { value: options.slaMinutes, unit: 'min' }, goal: 0.95 }],
  });
}

/** Erlang C: the probability that an arrival waits in M/M/c with offered load a = lambda / mu (a < c). */
export function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = ((term * a) / c) * (c / (c - a));
  return last / (sum + last);
}

/** P(sojourn <= t) in M/M/c: no wait w.p. 1 - C, else wait ~ Exp(c mu - lambda); plus service ~ Exp(mu). */
export function mmcSojournCdf(c: number, lambda: number, mu: number, t: number): number {
  const C = erlangC(c, lambda / mu);
  const a = c * mu - lambda;
  const b = mu;
  const tail2 = Math.abs(a - b) < 1e-12 ? (1 + a * t) * Math.exp(-a * t) : (a * Math.exp(-b * t) - b * Math.exp(-a * t)) / (a - b);
  return 1 - ((1 - C) * Math.exp(-b * t) + C * tail2);
}
