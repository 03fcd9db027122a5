import { describe, expect, it } from 'vitest';
import { batchesFor, ExperimentCancelledError, inProcessRunner, runPlan, type ExperimentPlan, type RunReplications } from '../../simulator/experiments';
import { singleQueue } from './models';

describe('experiment runner', () => {
  const model = singleQueue({ ratePerHour: 20, serviceMinutes: 1, servers: 1, horizonDays: 1, warmupDays: 0.25 });
  const plan: ExperimentPlan = { points: [{ id: 'a', model }, { id: 'b', model }, { id: 'c', model }], replications: 4, seed: 3, horizonMinutes: 1440, warmupMinutes: 360 };

  it('cuts a slice of work items into contiguous batches per point', () => {
    expect(batchesFor(plan, 2, 9)).toEqual([
      { point: 0, firstReplication: 2, replications: 2 },
      { point: 1, firstReplication: 0, replications: 4 },
      { point: 2, firstReplication: 0, replications: 1 },
    ]);
  });

  it('gives the same results whatever the concurrency, in replication order, with progress per replication', async () => {
    const progress: string[] = [];
    const serial = await runPlan(plan, inProcessRunner());
    const parallel = await runPlan(plan, inProcessRunner(), { concurrency: 3, onProgress: (d, t) => progress.push(`${d}/${t}`) });
    expect(JSON.stringify([...parallel.entries()])).toBe(JSON.stringify([...serial.entries()]));
    expect(serial.get(1)?.map((r) => r.replication)).toEqual([0, 1, 2, 3]);
    expect(progress[0]).toBe('0/12');
    expect(progress[progress.length - 1]).toBe('12/12');
  });

  it('stops between batches when cancelled', async () => {
    const signal = { aborted: false };
    let batches = 0;
    const run: RunReplications = async (batch, onDone) => {
      batches++;
      const results = await inProcessRunner()(batch, onDone);
      signal.aborted = true;
      return results;
    };
    await expect(runPlan(plan, run, { signal })).rejects.toBeInstanceOf(ExperimentCancelledError);
    expect(batches).toBe(1);
    await expect(runPlan(plan, inProcessRunner(), { items: { start: 0, end: 13 } })).rejects.toThrow(/outside the plan/);
  });
});
