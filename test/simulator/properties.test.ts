import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel, type WorkflowInput } from '../../models';
import { runReplication } from '../../simulator';

/**
 * Properties of the engine over random small models (a line of stations with random capacities and duration
 * kinds, and a rework loop): orders are conserved, utilisations stay in [0, 1], the same seed gives the same
 * result, and doubling every time (durations, inter-arrival times, horizon) doubles every cycle time exactly
 * (scaling by 2 is exact in binary floating point, and the histogram buckets are powers of two; lognormal
 * parameters pass through log(), hence a 1e-9 tolerance).
 */
const durationArb: fc.Arbitrary<Duration> = fc.oneof(
  fc.record({ kind: fc.constant('exponential' as const), mean: fc.double({ min: 0.5, max: 4, noNaN: true }) }),
  fc.record({ kind: fc.constant('lognormal' as const), mean: fc.double({ min: 0.5, max: 4, noNaN: true }), sd: fc.double({ min: 0.1, max: 2, noNaN: true }) }),
  fc.record({ kind: fc.constant('constant' as const), value: fc.double({ min: 0.5, max: 4, noNaN: true }) }),
);
const modelArb: fc.Arbitrary<Spec> = fc.record({
  ratePerHour: fc.double({ min: 5, max: 40, noNaN: true }),
  stations: fc.array(fc.record({ capacity: fc.integer({ min: 1, max: 4 }), duration: durationArb }), { minLength: 1, maxLength: 3 }),
  rework: fc.double({ min: 0, max: 0.4, noNaN: true }),
});

type Duration = { kind: 'exponential'; mean: number } | { kind: 'lognormal'; mean: number; sd: number } | { kind: 'constant'; value: number };
interface Spec {
  ratePerHour: number;
  stations: Array<{ capacity: number; duration: Duration }>;
  rework: number;
}

function build(spec: Spec, scale: number): WorkflowInput {
  const scaled = (d: Duration) =>
    d.kind === 'constant' ? { ...d, value: d.value * scale, unit: 'min' as const } : d.kind === 'lognormal' ? { ...d, mean: d.mean * scale, sd: d.sd * scale, unit: 'min' as const } : { ...d, mean: d.mean * scale, unit: 'min' as const };
  const nodes: WorkflowInput['nodes'] = [{ id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: spec.ratePerHour / scale } }];
  const edges: WorkflowInput['edges'] = [];
  let previous = 'src';
  spec.stations.forEach((s, i) => {
    nodes.push({ id: `s${i}`, kind: 'activity', name: `S${i}`, pool: `p${i}`, duration: scaled(s.duration) });
    edges.push({ id: `e${i}`, from: previous, to: `s${i}` });
    previous = `s${i}`;
  });
  nodes.push({ id: 'check', kind: 'decision', name: 'Check' }, { id: 'end', kind: 'end', name: 'Done' });
  edges.push(
    { id: 'toCheck', from: previous, to: 'check' },
    { id: 'again', from: 'check', to: 's0', kind: 'branch', probability: spec.rework },
    { id: 'done', from: 'check', to: 'end', kind: 'branch', probability: 1 - spec.rework },
  );
  return {
    formatVersion: 2,
    metadata: { name: 'property' },
    run: { horizon: { value: 1, unit: 'd' } },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    pools: spec.stations.map((s, i) => ({ id: `p${i}`, name: `P${i}`, capacity: s.capacity })),
    nodes,
    edges,
  };
}

describe('engine properties', () => {
  it('conserves orders, keeps utilisation in [0, 1], is deterministic and scales exactly with time', () => {
    fc.assert(
      fc.property(modelArb, fc.integer({ min: 0, max: 1000 }), (spec, seed) => {
        const m1 = loadModel(build(spec, 1)).model;
        const m2 = loadModel(build(spec, 2)).model;
        if (!m1 || !m2) throw new Error('invalid generated model');
        const horizon = 2 * 1440;
        const options = { replication: 0, seed, horizonMinutes: horizon, warmupMinutes: 0, guard: { maxOrdersInSystem: 5000 } };
        const a = runReplication(m1, options);
        expect(a.ordersArrived).toBe(a.ordersCompleted + a.ordersInSystemAtEnd);
        for (const p of a.pools) if (p.utilisation !== null) expect(p.utilisation).toBeLessThanOrEqual(1 + 1e-12);
        expect(JSON.stringify(runReplication(m1, options))).toBe(JSON.stringify(a));
        const b = runReplication(m2, { ...options, horizonMinutes: 2 * horizon });
        expect(b.ordersCompleted).toBe(a.ordersCompleted);
        // Exact for exponential and constant times; lognormal parameters go through log(), so allow rounding.
        const twice = (x: number | null, y: number | null, tolerance: number) => {
          if (x === null || y === null) return expect(y).toBe(x);
          expect(Math.abs(y - 2 * x)).toBeLessThanOrEqual(tolerance * 2 * x);
        };
        twice(a.cycleTime.mean, b.cycleTime.mean, 1e-9);
        twice(a.cycleTime.max, b.cycleTime.max, 1e-9);
        twice(a.cycleTime.p90, b.cycleTime.p90, 0.008);
        expect(b.wipMean).toBeCloseTo(a.wipMean, 9);
      }),
      { numRuns: 25, seed: 20261127 },
    );
  });
});
