import { describe, expect, it } from 'vitest';
import { runReplication, runScenario } from '../../simulator';
import { chain, minutes, model, runLogged } from './helpers';

/** Arrival processes, order attributes, per-site overrides and variants. */
describe('sources', () => {
  it('follow the hour-of-day and day-of-week profiles (non-homogeneous Poisson by thinning)', () => {
    const hourOfDay = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 12 ? 3 : h >= 12 && h < 18 ? 1 : 0));
    const dayOfWeek = [1, 1, 1, 1, 0.5, 0, 0];
    const m = model({
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 20, hourOfDay, dayOfWeek } },
        { id: 'intake', kind: 'delay', name: 'Intake', duration: minutes(0) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'intake', 'end'),
    });
    const weeks = 8;
    const { rows } = runLogged(m, weeks * 10080);
    const perSlot = new Map<string, number>();
    for (const r of rows) {
      const t = r.startMinutes;
      const key = `${Math.floor(t / 1440) % 7}:${Math.floor(t / 60) % 24}`;
      perSlot.set(key, (perSlot.get(key) ?? 0) + 1);
    }
    // Expected count per (day, hour) over all weeks; Poisson, so a 4-sigma band each, and 0 where the rate is 0.
    for (let d = 0; d < 7; d++)
      for (let h = 0; h < 24; h++) {
        const expected = 20 * hourOfDay[h] * dayOfWeek[d] * weeks;
        const seen = perSlot.get(`${d}:${h}`) ?? 0;
        if (expected === 0) expect(seen).toBe(0);
        else expect(Math.abs(seen - expected)).toBeLessThan(4 * Math.sqrt(expected) + 1);
      }
  });

  it('apply surges and the volume multiplier', () => {
    const m = model({
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 10, volumeMultiplier: 2, surges: [{ start: { value: 2, unit: 'd' }, duration: { value: 1, unit: 'd' }, multiplier: 3 }] } },
        { id: 'intake', kind: 'delay', name: 'Intake', duration: minutes(0) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'intake', 'end'),
    });
    const { rows } = runLogged(m, 4 * 1440);
    const day = (d: number) => rows.filter((r) => Math.floor(r.startMinutes / 1440) === d).length;
    for (const [d, expected] of [[0, 480], [1, 480], [2, 1440], [3, 480]] as const) expect(Math.abs(day(d) - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('draw sites from siteShares or site volume shares, with per-site overrides', () => {
    const m = model({
      sites: [
        { id: 'north', name: 'North', volumeShare: 3, overrides: [{ target: 'node', id: 'work', set: { duration: { kind: 'constant', value: 5, unit: 'min' } } }] },
        { id: 'south', name: 'South', volumeShare: 1 },
      ],
      pools: [{ id: 'desk', name: 'Desk', capacity: 100 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 60 } },
        { id: 'work', kind: 'activity', name: 'Work', pool: 'desk', duration: minutes(1) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'work', 'end'),
    });
    const { result, rows } = runLogged(m, 2 * 1440);
    const north = rows.filter((r) => r.site === 'north');
    expect(Math.abs(north.length / rows.length - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / rows.length));
    for (const r of rows) expect(r.completeMinutes - r.startMinutes).toBeCloseTo(r.site === 'north' ? 5 : 1, 9);
    // Site-scoped pools are one instance per site.
    expect(result.pools.map((p) => p.siteId)).toEqual(['north', 'south']);
    expect(result.bySite.map((s) => s.key)).toEqual(['north', 'south']);
  });

  it('run a variant through runScenario', () => {
    const m = model({
      pools: [{ id: 'desk', name: 'Desk', capacity: 1 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 5 } },
        { id: 'work', kind: 'activity', name: 'Work', pool: 'desk', duration: minutes(10) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'work', 'end'),
      variants: [{ id: 'double', name: 'Two clerks', patches: [{ target: 'pool', id: 'desk', set: { capacity: 2 } }] }],
    });
    const options = { replications: 3, seed: 2, horizonMinutes: 5 * 1440, warmupMinutes: 0 };
    const base = runScenario(m, options);
    const variant = runScenario(m, { ...options, variant: 'double' });
    expect(variant.model.variant).toBe('double');
    expect(variant.pools[0].capacity).toBe(2);
    expect(variant.cycleTime.mean.mean as number).toBeLessThan(base.cycleTime.mean.mean as number);
    // Common random numbers: the same arrivals in both.
    expect(variant.totals.ordersArrived).toBe(base.totals.ordersArrived);
    expect(() => runScenario(m, { ...options, variant: 'nope' })).toThrow(/no variant "nope"/);
  });

  it('counts costs: labour per paid hour, calls and visits', () => {
    const m = model({
      pools: [{ id: 'desk', name: 'Desk', capacity: 2, costPerHour: 30 }],
      systems: [{ id: 'erp', name: 'ERP', costPerCall: 0.5 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 6 } },
        { id: 'work', kind: 'activity', name: 'Work', pool: 'desk', duration: minutes(5), costPerVisit: 2 },
        { id: 'post', kind: 'integration', name: 'Post', system: 'erp', latency: minutes(0.1) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'work', 'post', 'end'),
    });
    const r = runReplication(m, { replication: 0, seed: 1, horizonMinutes: 1440, warmupMinutes: 0 });
    expect(r.cost.labour).toBeCloseTo(2 * 24 * 30, 6);
    expect(r.cost.systemCalls).toBeCloseTo(0.5 * r.systems[0].calls, 9);
    expect(r.cost.visits).toBeCloseTo(2 * r.nodes[1].arrivals, 9);
    expect(r.cost.perOrder).toBeCloseTo(r.cost.total / r.ordersCompleted, 9);
  });
});
