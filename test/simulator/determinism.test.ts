import { describe, expect, it } from 'vitest';
import { loadModel } from '../../models';
import { aggregateReplications, runReplication, runScenario } from '../../simulator';
import { chain, minutes, model } from './helpers';
import { tandemModel } from './theory/models';

const rich = model({
  sites: [
    { id: 'north', name: 'North', volumeShare: 2, overrides: [{ target: 'pool', id: 'desk', set: { capacity: 3 } }] },
    { id: 'south', name: 'South', volumeShare: 1 },
  ],
  calendars: [{ id: 'office', name: 'Office', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '17:00' }] }],
  pools: [{ id: 'desk', name: 'Desk', capacity: 2, calendar: 'office', costPerHour: 40 }],
  systems: [{ id: 'erp', name: 'ERP', concurrency: 2, costPerCall: 0.01, outages: { scheduled: [], random: { mtbf: { value: 2, unit: 'd' }, mttr: { kind: 'exponential', mean: 1, unit: 'h' } }, behaviour: 'hold' } }],
  nodes: [
    { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 8, hourOfDay: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 2 : 0.2)) } },
    { id: 'post', kind: 'integration', name: 'Post', system: 'erp', latency: { kind: 'lognormal', mean: 2, sd: 1, unit: 's' }, failureProbability: 0.05, retry: { maxAttempts: 3, initialBackoff: { value: 10, unit: 's' }, multiplier: 2, maxBackoff: { value: 5, unit: 'min' }, jitter: 0.3 } },
    { id: 'split', kind: 'split', name: 'Split' },
    { id: 'work', kind: 'activity', name: 'Work', pool: 'desk', duration: { kind: 'gamma', mean: 12, sd: 6, unit: 'min' } },
    { id: 'wait', kind: 'delay', name: 'Wait', duration: { kind: 'triangular', min: 5, mode: 10, max: 60, unit: 'min' } },
    { id: 'join', kind: 'join', name: 'Join', split: 'split' },
    { id: 'end', kind: 'end', name: 'Done' },
    { id: 'dlq', kind: 'end', name: 'Dead', outcome: 'failed' },
  ],
  edges: [
    ...chain('src', 'post', 'split'),
    { id: 'd', from: 'post', to: 'dlq', kind: 'deadLetter' },
    { id: 's1', from: 'split', to: 'work' },
    { id: 's2', from: 'split', to: 'wait' },
    ...chain('work', 'join'),
    ...chain('wait', 'join'),
    ...chain('join', 'end'),
  ],
  slas: [{ id: 'day', name: 'Same day', from: 'arrival', to: 'end', target: { value: 8, unit: 'h' } }],
});

describe('determinism', () => {
  it('gives byte-identical JSON reports for the same model and seed', () => {
    const a = JSON.stringify(runScenario(rich, { replications: 3, seed: 9, horizonMinutes: 14 * 1440, warmupMinutes: 1440 }));
    const b = JSON.stringify(runScenario(rich, { replications: 3, seed: 9, horizonMinutes: 14 * 1440, warmupMinutes: 1440 }));
    expect(a).toBe(b);
    const c = JSON.stringify(runScenario(rich, { replications: 3, seed: 10, horizonMinutes: 14 * 1440, warmupMinutes: 1440 }));
    expect(c).not.toBe(a);
  });

  it('gives the same report whether replications run together or in groups aggregated in index order', () => {
    const options = { seed: 4, horizonMinutes: 10 * 1440, warmupMinutes: 1440 };
    const whole = runScenario(rich, { ...options, replications: 4 });
    const results = [3, 1, 0, 2].map((replication) => runReplication(rich, { ...options, replication }));
    // Results cross worker boundaries as JSON.
    const roundTripped = results.map((r) => JSON.parse(JSON.stringify(r)) as typeof r);
    const grouped = aggregateReplications(rich, roundTripped, { ...options, variant: null });
    expect(JSON.stringify(grouped)).toBe(JSON.stringify(whole));
  });

  it('keeps other nodes draws unchanged when one node changes (common random numbers)', () => {
    const base = loadModel(tandemModel(2, 30, 1)).model;
    const changedInput = tandemModel(2, 30, 1);
    const station2 = changedInput.nodes[2] as { duration: unknown };
    station2.duration = { kind: 'exponential', mean: 1.5, unit: 'min' };
    const changed = loadModel(changedInput).model;
    if (!base || !changed) throw new Error('invalid');
    const log = (m: typeof base) => {
      const rows: Array<[number, number, number]> = [];
      runReplication(m, { replication: 0, seed: 3, horizonMinutes: 2000, warmupMinutes: 0, eventLog: (r) => r.activityId === 's1' && rows.push([r.caseId, r.startMinutes, r.completeMinutes]) });
      return rows;
    };
    // Station 1 sees the same arrivals and the same service draws although station 2 changed.
    expect(log(changed)).toEqual(log(base));
  });

  it('is not reshuffled by the replication count: replication k is the same in a run of 2 or of 5', () => {
    const options = { seed: 8, horizonMinutes: 5 * 1440, warmupMinutes: 0 };
    const two = runScenario(rich, { ...options, replications: 2 });
    const five = runScenario(rich, { ...options, replications: 5 });
    expect(five.replications.slice(0, 2)).toEqual(two.replications);
  });
});

describe('guard rails', () => {
  it('stops an overloaded model and names the queue and the offered load', () => {
    const m = model({
      pools: [{ id: 'analysts', name: 'Credit analysts', capacity: 2 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 18 } },
        { id: 'review', kind: 'activity', name: 'Manual credit review', pool: 'analysts', duration: minutes(12) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'review', 'end'),
    });
    const result = runReplication(m, { replication: 0, seed: 1, horizonMinutes: 365 * 1440, warmupMinutes: 0, guard: { maxOrdersInSystem: 2000 } });
    expect(result.status).toBe('unstable');
    expect(result.instability?.nodeId).toBe('review');
    // 18 orders/h x 12 min = 3.6 busy analysts offered to 2: 1.8x.
    // (measured from the arrivals so far, so within sampling noise of 1.8)
    expect(Math.abs((result.instability?.offeredLoad as number) - 1.8)).toBeLessThan(0.1);
    expect(result.message).toMatch(/Queue at 'Manual credit review' \(site Main\) grew to 1,99\d orders: 'Credit analysts' are offered 1\.\d\dx their capacity/);
    expect(result.simulatedMinutes).toBeLessThan(365 * 1440);
    const report = runScenario(m, { replications: 1, horizonMinutes: 365 * 1440, warmupMinutes: 0, guard: { maxOrdersInSystem: 2000 } });
    expect(report.status).toBe('unstable');
    expect(report.loadCheck[0].offeredLoad).toBeCloseTo(1.8, 9);
    expect(report.messages.join('\n')).toContain('offered 1.80x its on-shift capacity');
  });

  it('stops a loop that takes no time instead of hanging', () => {
    const m = model({
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 1 } },
        { id: 'again', kind: 'decision', name: 'Again?' },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: [
        ...chain('src', 'again'),
        { id: 'loop', from: 'again', to: 'again', kind: 'branch', probability: 1 },
        { id: 'out', from: 'again', to: 'end', kind: 'branch', probability: 0 },
      ],
    });
    const result = runReplication(m, { replication: 0, seed: 1, horizonMinutes: 1440, warmupMinutes: 0 });
    expect(result.status).toBe('unstable');
    expect(result.message).toContain('"Again?" without spending any time');
  });

  it('stops at the event budget', () => {
    const m = loadModel(tandemModel(1, 30, 1)).model;
    if (!m) throw new Error('invalid');
    const result = runReplication(m, { replication: 0, seed: 1, horizonMinutes: 1e6, warmupMinutes: 0, guard: { maxEvents: 100_000 } });
    expect(result.status).toBe('unstable');
    expect(result.instability?.limit).toBe('events');
    // The budget is checked every 16,384 loop turns (at most 3 events each here).
    expect(result.events).toBeLessThan(100_000 + 3 * 16_384);
  });

  it('returns `cancelled` when the signal aborts', () => {
    const m = loadModel(tandemModel(1, 30, 1)).model;
    if (!m) throw new Error('invalid');
    let calls = 0;
    const signal = {
      get aborted() {
        return ++calls > 2;
      },
    };
    const report = runScenario(m, { replications: 3, horizonMinutes: 1e6, warmupMinutes: 0, signal });
    expect(report.status).toBe('cancelled');
    expect(report.replications.length).toBe(1);
  });
});

describe('options', () => {
  it('refuses impossible options with a message naming them', () => {
    const m = loadModel(tandemModel(1, 30, 1)).model;
    if (!m) throw new Error('invalid');
    expect(() => runReplication(m, { replication: 0, seed: 1, horizonMinutes: 0, warmupMinutes: 0 })).toThrow(/horizonMinutes must be a positive/);
    expect(() => runReplication(m, { replication: 0, seed: 1, horizonMinutes: 100, warmupMinutes: 100 })).toThrow(/warmupMinutes must lie in/);
    expect(() => runReplication(m, { replication: 0, seed: -1, horizonMinutes: 100, warmupMinutes: 0 })).toThrow(/seed must be an integer/);
    expect(() => runReplication(m, { replication: 1.5, seed: 1, horizonMinutes: 100, warmupMinutes: 0 })).toThrow(/replication must be/);
  });
});
