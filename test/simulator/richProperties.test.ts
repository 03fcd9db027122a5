import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel, type WorkflowInput } from '../../models';
import { runReplication } from '../../simulator';

/**
 * Random models that use every node kind and every mechanism at once (two sites, shifts, priority queues with a
 * limit, shared systems with concurrency, timeouts, retries with jitter, hold or fail outages, batch calls, split
 * and join, waves, condition decisions). Whatever the draw: no crash, orders are conserved, shares stay in range,
 * waits are not negative, and the same seed gives the same result.
 */
interface RichSpec {
  ratePerHour: number;
  northShare: number;
  rushShare: number;
  shift: boolean;
  capacity: number;
  queueLimit: number | null;
  concurrency: number;
  failure: number;
  timeoutMinutes: number | null;
  attempts: number;
  jitter: number;
  behaviour: 'hold' | 'fail';
  randomOutages: boolean;
  batchCalls: boolean;
  waveMinutes: number;
  waveCount: number | null;
}

const specArb: fc.Arbitrary<RichSpec> = fc.record({
  ratePerHour: fc.double({ min: 2, max: 30, noNaN: true }),
  northShare: fc.double({ min: 0, max: 1, noNaN: true }),
  rushShare: fc.double({ min: 0, max: 1, noNaN: true }),
  shift: fc.boolean(),
  capacity: fc.integer({ min: 1, max: 5 }),
  queueLimit: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  concurrency: fc.integer({ min: 1, max: 4 }),
  failure: fc.double({ min: 0, max: 0.5, noNaN: true }),
  timeoutMinutes: fc.option(fc.double({ min: 0.5, max: 5, noNaN: true }), { nil: null }),
  attempts: fc.integer({ min: 1, max: 4 }),
  jitter: fc.double({ min: 0, max: 1, noNaN: true }),
  behaviour: fc.constantFrom('hold' as const, 'fail' as const),
  randomOutages: fc.boolean(),
  batchCalls: fc.boolean(),
  waveMinutes: fc.integer({ min: 10, max: 240 }),
  waveCount: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
});

function build(s: RichSpec): WorkflowInput {
  const min = (value: number) => ({ value, unit: 'min' as const });
  return {
    formatVersion: 2,
    metadata: { name: 'rich' },
    run: { horizon: { value: 3, unit: 'd' } },
    priorityClasses: ['rush', 'standard'],
    sites: [
      { id: 'north', name: 'North', volumeShare: s.northShare, overrides: [{ target: 'node', id: 'work', set: { duration: { kind: 'gamma', mean: 6, sd: 3, unit: 'min' } } }] },
      { id: 'south', name: 'South', volumeShare: 1 - s.northShare + 0.01 },
    ],
    calendars: [{ id: 'day', name: 'Day', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '07:00', end: '19:00' }] }],
    pools: [{ id: 'team', name: 'Team', capacity: s.capacity, ...(s.shift ? { calendar: 'day' } : {}), costPerHour: 20 }],
    systems: [
      {
        id: 'erp',
        name: 'ERP',
        concurrency: s.concurrency,
        costPerCall: 0.1,
        outages: {
          scheduled: [{ start: { value: 10, unit: 'h' }, duration: { value: 90, unit: 'min' }, repeatEvery: { value: 1, unit: 'd' } }],
          ...(s.randomOutages ? { random: { mtbf: { value: 12, unit: 'h' }, mttr: { kind: 'exponential' as const, mean: 30, unit: 'min' as const } } } : {}),
          behaviour: s.behaviour,
        },
        failureSpikes: [{ start: { value: 30, unit: 'h' }, duration: { value: 2, unit: 'h' }, extraFailureProbability: 0.3 }],
      },
    ],
    nodes: [
      { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: s.ratePerHour, hourOfDay: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 1.5 : 0.4)) }, priorityMix: [{ value: 'rush', share: s.rushShare }, { value: 'standard', share: 1 - s.rushShare + 0.01 }], lines: { kind: 'lognormal', mean: 4, sd: 3 } },
      {
        id: 'post',
        kind: 'integration',
        name: 'Post',
        system: 'erp',
        latency: { kind: 'lognormal', mean: 1, sd: 1, unit: 'min' },
        failureProbability: s.failure,
        ...(s.timeoutMinutes !== null ? { timeout: min(s.timeoutMinutes) } : {}),
        retry: { maxAttempts: s.attempts, initialBackoff: min(1), multiplier: 2, maxBackoff: min(10), jitter: s.jitter },
        ...(s.batchCalls ? { mode: 'batch' as const, batch: { interval: min(30), cutoff: min(5) } } : {}),
      },
      { id: 'route', kind: 'decision', name: 'Route', mode: 'condition' },
      { id: 'split', kind: 'split', name: 'Split' },
      { id: 'work', kind: 'activity', name: 'Work', pool: 'team', duration: { kind: 'exponential', mean: 0.8, unit: 'min' }, durationPer: 'line', queue: { discipline: 'priority', ...(s.queueLimit !== null ? { capacity: s.queueLimit } : {}) } },
      { id: 'paper', kind: 'delay', name: 'Paperwork', duration: { kind: 'triangular', min: 1, mode: 5, max: 30, unit: 'min' } },
      { id: 'join', kind: 'join', name: 'Join', split: 'split' },
      { id: 'wave', kind: 'batch', name: 'Wave', every: min(s.waveMinutes), ...(s.waveCount !== null ? { atCount: s.waveCount } : {}) },
      { id: 'shipped', kind: 'end', name: 'Shipped' },
      { id: 'manual', kind: 'end', name: 'Manual', outcome: 'failed' },
      { id: 'lost', kind: 'end', name: 'Lost', outcome: 'rejected' },
    ],
    edges: [
      { id: 'a', from: 'src', to: 'post' },
      { id: 'b', from: 'post', to: 'route' },
      { id: 'dl', from: 'post', to: 'manual', kind: 'deadLetter' },
      { id: 'r1', from: 'route', to: 'wave', kind: 'branch', condition: { attribute: 'site', op: 'eq', value: 'north' } },
      { id: 'r2', from: 'route', to: 'split', kind: 'branch', otherwise: true },
      { id: 's1', from: 'split', to: 'work' },
      { id: 's2', from: 'split', to: 'paper' },
      { id: 'w1', from: 'work', to: 'join' },
      { id: 'ov', from: 'work', to: 'lost', kind: 'overflow' },
      { id: 'p1', from: 'paper', to: 'join' },
      { id: 'j1', from: 'join', to: 'shipped' },
      { id: 'v1', from: 'wave', to: 'shipped' },
    ],
    slas: [{ id: 'day', name: 'Same day', from: 'arrival', to: 'shipped', target: { value: 8, unit: 'h' } }],
  };
}

describe('engine properties on rich random models', () => {
  it('never crashes, conserves orders and is deterministic', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 0, max: 10_000 }), (spec, seed) => {
        const loaded = loadModel(build(spec));
        if (!loaded.model) throw new Error(loaded.findings.map((f) => `${f.path}: ${f.message}`).join('\n'));
        const options = { replication: 1, seed, horizonMinutes: 3 * 1440, warmupMinutes: 360, guard: { maxOrdersInSystem: 20_000 } };
        const r = runReplication(loaded.model, options);
        expect(['ok', 'unstable']).toContain(r.status);
        expect(r.ordersArrived).toBe(r.ordersCompleted + r.ordersInSystemAtEnd);
        for (const p of r.pools) if (p.utilisation !== null) expect(p.utilisation).toBeLessThanOrEqual(1 + 1e-12);
        for (const s of r.systems) if (s.utilisation !== null) expect(s.utilisation).toBeLessThanOrEqual(1 + 1e-12);
        for (const n of r.nodes) {
          if (n.queueWaitMean !== null) expect(n.queueWaitMean).toBeGreaterThanOrEqual(0);
          expect(n.meanQueueLength).toBeGreaterThanOrEqual(-1e-9);
        }
        for (const s of r.slas) if (s.attainment !== null) expect(s.attainment).toBeLessThanOrEqual(1);
        expect(r.cost.total).toBeGreaterThanOrEqual(0);
        expect(JSON.stringify(runReplication(loaded.model, options))).toBe(JSON.stringify(r));
      }),
      { numRuns: 30, seed: 424242 },
    );
  });
});
