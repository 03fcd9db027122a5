import { describe, expect, it } from 'vitest';
import { loadModel, type Workflow, type WorkflowInput } from '../../../models';
import { aggregateReplications, estimate, runReplication, type ReplicationResult, type RunReport } from '../../../simulator';
import { stationModel } from './models';

/**
 * Engine vs queueing theory. Each case runs n independent replications (own random streams), computes the
 * per-replication estimate of a quantity, and checks that the closed-form value lies inside the 99% Student-t
 * confidence interval of those estimates. So that the check has teeth, each interval must also be narrow
 * (relative half-width under the stated bound): a 5-10% error in the engine falls outside it.
 * Every run also checks Little's law L = lambda W on the aggregated report.
 */

function load(input: WorkflowInput): Workflow {
  const result = loadModel(input);
  if (!result.model) throw new Error(result.findings.map((f) => f.message).join('\n'));
  return result.model;
}

function replicate(model: Workflow, n: number, horizonMinutes: number, warmupMinutes: number, seed = 11): { results: ReplicationResult[]; report: RunReport } {
  const results: ReplicationResult[] = [];
  for (let r = 0; r < n; r++) results.push(runReplication(model, { replication: r, seed, horizonMinutes, warmupMinutes }));
  const report = aggregateReplications(model, results, { variant: null, seed, horizonMinutes, warmupMinutes });
  // Little's law: L = lambda W up to the orders straddling the window edges (O(W / T), well below 2% here).
  expect(report.littlesLaw.relativeError as number).toBeLessThan(0.02);
  expect(report.status).toBe('ok');
  return { results, report };
}

/** Asserts that `theory` lies in the 99% interval of `values` and that the interval is narrower than `maxRelative`. */
function expectInInterval(label: string, values: Array<number | null>, theory: number, maxRelative: number): void {
  const e = estimate(values, 0.99);
  const detail = `${label}: theory ${theory.toFixed(4)}, simulated ${e.mean?.toFixed(4)} +- ${e.halfWidth?.toFixed(4)}`;
  expect(e.halfWidth, detail).not.toBeNull();
  expect(Math.abs((e.mean as number) - theory), detail).toBeLessThanOrEqual(e.halfWidth as number);
  expect((e.halfWidth as number) / theory, `${detail}: interval too wide to be a test`).toBeLessThan(maxRelative);
}

const work = (r: ReplicationResult) => r.nodes.find((n) => n.nodeId === 'work') as ReplicationResult['nodes'][number];

/** Erlang C: probability that an arrival waits in M/M/c with offered load a = lambda / mu. */
function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = term / (1 - a / c); // a^c / c! / (1 - rho)
  return top / (sum + top);
}

describe('M/M/1 (W = 1/(mu - lambda), Wq = rho/(mu - lambda), L = rho/(1 - rho))', () => {
  const cases = [
    { rho: 0.5, horizon: 60_000, warmup: 1_000, bound: 0.04 },
    { rho: 0.8, horizon: 150_000, warmup: 3_000, bound: 0.05 },
    { rho: 0.9, horizon: 300_000, warmup: 10_000, bound: 0.07 },
  ];
  for (const { rho, horizon, warmup, bound } of cases) {
    it(`at load ${rho}`, () => {
      const mu = 1; // per minute: mean service 1 min
      const lambda = rho * mu;
      const model = load(stationModel({ ratePerHour: lambda * 60, servers: 1, service: { kind: 'exponential', mean: 1 / mu } }));
      const { results } = replicate(model, 20, horizon, warmup);
      expectInInterval('W', results.map((r) => r.cycleTime.mean), 1 / (mu - lambda), bound);
      expectInInterval('Wq', results.map((r) => work(r).queueWaitMean), rho / (mu - lambda), bound * 1.3);
      expectInInterval('L', results.map((r) => r.wipMean), rho / (1 - rho), bound);
      expectInInterval('utilisation', results.map((r) => r.pools[0].utilisation), rho, 0.02);
    });
  }
});

describe('M/M/c (Erlang C: P(wait) = C(c, a), Wq = C / (c mu - lambda))', () => {
  it('3 servers at 80% load', () => {
    const c = 3;
    const mu = 1 / 4;
    const lambda = 0.8 * c * mu;
    const model = load(stationModel({ ratePerHour: lambda * 60, servers: c, service: { kind: 'exponential', mean: 4 } }));
    const { results } = replicate(model, 20, 150_000, 3_000);
    const C = erlangC(c, lambda / mu);
    expectInInterval('P(wait)', results.map((r) => work(r).waitedShare), C, 0.03);
    expectInInterval('Wq', results.map((r) => work(r).queueWaitMean), C / (c * mu - lambda), 0.06);
    // P(Wq > t) = C exp(-(c mu - lambda) t): the 90th percentile of the wait is ln(C / 0.1) / (c mu - lambda).
    expectInInterval('Wq p90', results.map((r) => work(r).queueWaitP90), Math.log(C / 0.1) / (c * mu - lambda), 0.06);
  });
});

describe('M/G/1 (Pollaczek-Khinchine: Wq = lambda E[S^2] / (2 (1 - rho)))', () => {
  it('M/D/1: constant service, Wq = rho S / (2 (1 - rho))', () => {
    const S = 1;
    const lambda = 0.7;
    const model = load(stationModel({ ratePerHour: lambda * 60, servers: 1, service: { kind: 'constant', value: S } }));
    const { results } = replicate(model, 20, 100_000, 2_000);
    const rho = lambda * S;
    expectInInterval('Wq', results.map((r) => work(r).queueWaitMean), (rho * S) / (2 * (1 - rho)), 0.05);
  });

  it('gamma service with mean 1 and sd 2 (squared coefficient of variation 4)', () => {
    const lambda = 0.6;
    const model = load(stationModel({ ratePerHour: lambda * 60, servers: 1, service: { kind: 'gamma', mean: 1, sd: 2 } }));
    const { results } = replicate(model, 20, 300_000, 5_000);
    const secondMoment = 2 * 2 + 1 * 1;
    expectInInterval('Wq', results.map((r) => work(r).queueWaitMean), (lambda * secondMoment) / (2 * (1 - lambda)), 0.08);
  });

  it('lognormal service with mean 2 and sd 1', () => {
    const lambda = 0.35;
    const model = load(stationModel({ ratePerHour: lambda * 60, servers: 1, service: { kind: 'lognormal', mean: 2, sd: 1 } }));
    const { results } = replicate(model, 20, 150_000, 3_000);
    const secondMoment = 1 + 4;
    expectInInterval('Wq', results.map((r) => work(r).queueWaitMean), (lambda * secondMoment) / (2 * (1 - lambda * 2)), 0.06);
  });
});

describe('tandem line (Burke: each station is M/M/1, W = sum 1/(mu_i - lambda))', () => {
  it('three stations at loads 0.5, 0.7, 0.8', () => {
    const lambda = 0.5;
    const means = [1, 1.4, 1.6];
    const input: WorkflowInput = {
      formatVersion: 2,
      metadata: { name: 'tandem' },
      run: { horizon: { value: 30, unit: 'd' } },
      sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
      pools: means.map((_, i) => ({ id: `p${i}`, name: `Team ${i}`, capacity: 1 })),
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: lambda * 60 } },
        ...means.map((mean, i) => ({ id: `s${i}`, kind: 'activity' as const, name: `Station ${i}`, pool: `p${i}`, duration: { kind: 'exponential' as const, mean, unit: 'min' as const } })),
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: [
        { id: 'a', from: 'src', to: 's0' },
        { id: 'b', from: 's0', to: 's1' },
        { id: 'c', from: 's1', to: 's2' },
        { id: 'd', from: 's2', to: 'end' },
      ],
    };
    const { results } = replicate(load(input), 20, 150_000, 3_000);
    const W = means.reduce((sum, m) => sum + 1 / (1 / m - lambda), 0);
    expectInInterval('W', results.map((r) => r.cycleTime.mean), W, 0.05);
    means.forEach((m, i) => {
      const wq = (lambda * m) / (1 / m - lambda);
      expectInInterval(`Wq station ${i}`, results.map((r) => r.nodes.find((n) => n.nodeId === `s${i}`)?.queueWaitMean ?? null), wq, 0.08);
    });
  });
});

describe('open Jackson network with a probabilistic split and a rework loop', () => {
  it('matches the traffic equations and the product-form mean cycle time', () => {
    // Orders -> A (2 servers, mean 2 min) -> 25% rework back to A, 75% on to B (1 server, mean 1 min)
    // -> 50% to C (1 server, mean 1.5 min), 50% done. Visit ratios: A 1/0.75 = 4/3, B 1, C 0.5.
    const lambda = 0.5;
    const activity = (id: string, pool: string, mean: number) => ({ id, kind: 'activity' as const, name: id, pool, duration: { kind: 'exponential' as const, mean, unit: 'min' as const } });
    const input: WorkflowInput = {
      formatVersion: 2,
      metadata: { name: 'jackson' },
      run: { horizon: { value: 30, unit: 'd' } },
      sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
      pools: [
        { id: 'pa', name: 'A team', capacity: 2 },
        { id: 'pb', name: 'B team', capacity: 1 },
        { id: 'pc', name: 'C team', capacity: 1 },
      ],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: lambda * 60 } },
        activity('A', 'pa', 2),
        { id: 'rework', kind: 'decision', name: 'Rework?' },
        activity('B', 'pb', 1),
        { id: 'route', kind: 'decision', name: 'Needs C?' },
        activity('C', 'pc', 1.5),
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: [
        { id: 'e1', from: 'src', to: 'A' },
        { id: 'e2', from: 'A', to: 'rework' },
        { id: 'r1', from: 'rework', to: 'A', kind: 'branch', probability: 0.25 },
        { id: 'r2', from: 'rework', to: 'B', kind: 'branch', probability: 0.75 },
        { id: 'e3', from: 'B', to: 'route' },
        { id: 'c1', from: 'route', to: 'C', kind: 'branch', probability: 0.5 },
        { id: 'c2', from: 'route', to: 'end', kind: 'branch', probability: 0.5 },
        { id: 'e4', from: 'C', to: 'end' },
      ],
    };
    const { results, report } = replicate(load(input), 20, 150_000, 3_000);
    const mmc = (c: number, lam: number, mean: number) => {
      const mu = 1 / mean;
      return erlangC(c, lam / mu) / (c * mu - lam) + mean; // sojourn per visit
    };
    const visits = { A: 4 / 3, B: 1, C: 0.5 };
    const W = visits.A * mmc(2, lambda * visits.A, 2) + visits.B * mmc(1, lambda * visits.B, 1) + visits.C * mmc(1, lambda * visits.C, 1.5);
    expectInInterval('W', results.map((r) => r.cycleTime.mean), W, 0.05);
    // Visit ratios from the routing counts.
    const perOrder = (id: string) => results.map((r) => (r.nodes.find((n) => n.nodeId === id)?.arrivals ?? 0) / (r.nodes[0].arrivals || 1));
    expectInInterval('visits A', perOrder('A'), visits.A, 0.01);
    expectInInterval('visits C', perOrder('C'), visits.C, 0.02);
    // The static offered-load check solves the same traffic equations.
    const poolA = report.loadCheck.find((l) => l.id === 'pa');
    expect(poolA?.offeredLoad).toBeCloseTo((lambda * visits.A * 2) / 2, 9);
  });
});

describe('M/M/c/K blocking (queue limit + overflow edge)', () => {
  it('2 servers, 3 waiting places, offered load 2: P(block) = p_K', () => {
    const c = 2;
    const waiting = 3;
    const K = c + waiting;
    const lambda = 2;
    const mu = 1;
    const a = lambda / mu;
    // p_n proportional to a^n / n! for n <= c, a^n / (c! c^(n - c)) above.
    const weights: number[] = [];
    let factorial = 1;
    for (let n = 0; n <= K; n++) {
      if (n > 0 && n <= c) factorial *= n;
      weights.push(n <= c ? a ** n / factorial : a ** n / (factorial * c ** (n - c)));
    }
    const pK = weights[K] / weights.reduce((x, y) => x + y, 0);
    const model = load(stationModel({ ratePerHour: lambda * 60, servers: c, service: { kind: 'exponential', mean: 1 / mu }, queueCapacity: waiting }));
    const { results } = replicate(model, 20, 40_000, 500);
    expectInInterval('P(block)', results.map((r) => work(r).overflows / work(r).arrivals), pK, 0.03);
  });
});
