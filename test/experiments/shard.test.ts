import { describe, expect, it } from 'vitest';
import { inProcessRunner, mergePartials, parseShard, runExperiment, runShard, shardRange, type ShardableExperiment } from '../../simulator/experiments';
import { apiQueue, singleQueue } from './models';

/** Runs every shard of n, passes each partial through JSON (as files do) and returns them in a scrambled order. */
async function shards(model: Parameters<typeof runShard>[0], experiment: ShardableExperiment, n: number): Promise<unknown[]> {
  const parts: unknown[] = [];
  for (let i = 0; i < n; i++) parts.push(JSON.parse(JSON.stringify(await runShard(model, experiment, inProcessRunner(), { index: i, count: n }))));
  return parts.map((p, i) => ({ p, k: (i * 7) % n })).sort((a, b) => a.k - b.k).map(({ p }) => p);
}

describe('sharding', () => {
  const model = singleQueue({ ratePerHour: 40, serviceMinutes: 1.2, servers: 1, sla: { targetMinutes: 5, goal: 0.8 }, horizonDays: 2, warmupDays: 0.5 });
  const sweep: ShardableExperiment = {
    kind: 'sweep',
    spec: { parameters: [{ parameter: 'volume', values: [0.8, 1, 1.2] }], replications: 4, seed: 5, horizonMinutes: 2 * 1440, warmupMinutes: 720 },
  };

  it('slices the work items contiguously and completely', () => {
    for (const total of [1, 7, 12, 100]) {
      for (const n of [1, 2, 3, 5, 13]) {
        const ranges = Array.from({ length: n }, (_, i) => shardRange(total, i, n));
        expect(ranges[0].start).toBe(0);
        expect(ranges[n - 1].end).toBe(total);
        for (let i = 1; i < n; i++) expect(ranges[i].start).toBe(ranges[i - 1].end);
      }
    }
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    expect(() => parseShard('5/5')).toThrow(/index must be 0 to 4/);
    expect(() => parseShard('1-of-3')).toThrow(/INDEX\/COUNT/);
  });

  it.each([1, 3, 5])('a sweep in %i shards merges into exactly the single-machine report', async (n) => {
    const single = await runExperiment(model, sweep, inProcessRunner());
    const merged = mergePartials(await shards(model, sweep, n));
    const { model: _model, ...report } = merged;
    expect(JSON.stringify(report)).toBe(JSON.stringify(single));
  });

  it('a stress test in 4 shards merges into exactly the single-machine report', async () => {
    const api = apiQueue({ ratePerHour: 30, latencyMinutes: 1, slaMinutes: 10, horizonDays: 3, warmupDays: 1 });
    const stress: ShardableExperiment = { kind: 'stress', spec: { shocks: [{ kind: 'outage', system: 'api', startMinutes: 1800, durationMinutes: 90 }], replications: 5, seed: 2, horizonMinutes: 3 * 1440, warmupMinutes: 1440 } };
    const single = await runExperiment(api, stress, inProcessRunner());
    const { model: _model, ...merged } = mergePartials(await shards(api, stress, 4));
    expect(JSON.stringify(merged)).toBe(JSON.stringify(single));
  });

  it('refuses a missing, repeated or foreign shard', async () => {
    const parts = await shards(model, sweep, 3);
    expect(() => mergePartials(parts.slice(0, 2), ['a.json', 'b.json'])).toThrow(/is missing/);
    expect(() => mergePartials([parts[0], parts[0], parts[1]], ['a.json', 'b.json', 'c.json'])).toThrow(/a\.json and b\.json are both shard|b\.json and a\.json are both shard/);
    const other = JSON.parse(JSON.stringify(parts[1])) as { experiment: { spec: { seed: number } } };
    other.experiment.spec.seed = 6;
    expect(() => mergePartials([parts[0], other, parts[2]], ['a.json', 'b.json', 'c.json'])).toThrow(/b\.json is a different experiment/);
    const damaged = JSON.parse(JSON.stringify(parts[2])) as { results: Array<{ results: unknown[] }> };
    damaged.results[0].results.pop();
    expect(() => mergePartials([parts[0], parts[1], damaged], ['a.json', 'b.json', 'c.json'])).toThrow(/c\.json holds \d+ replication results/);
    expect(() => mergePartials([{ hello: 1 }], ['x.json'])).toThrow(/x\.json is not a Flowcast partial result/);
  });
});
