import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../simulator/report';
import type { ReplicationOptions } from '../../simulator/run';
import { createWorkerHost } from '../../simulator/worker/host';
import { RunCancelledError, runReplicationsOnWorkers, type WorkerPort } from '../../simulator/worker/pool';

/**
 * In-memory workers: each port runs the shared worker host with a fake engine, delivering messages
 * asynchronously like postMessage does. `delayFor` makes some replications slower, so that results arrive
 * out of order.
 */
function fakeWorkers(engine: (options: ReplicationOptions) => ReplicationResult, delayFor: (replication: number) => number = () => 0) {
  const stats = { created: 0, terminated: 0, runMessages: 0 };
  const create = (): WorkerPort => {
    stats.created++;
    let onMessage: (m: unknown) => void = () => undefined;
    let alive = true;
    // Messages of one port arrive in the order they were posted, as with postMessage; a slow result delays
    // everything after it.
    let queue = Promise.resolve();
    const host = createWorkerHost({
      runReplication: (_model, options) => engine(options),
      post: (message) => {
        const delay = message.type === 'result' ? delayFor(message.replication) : 0;
        const copy = structuredClone(message);
        queue = queue.then(() => new Promise<void>((resolve) => setTimeout(() => {
          if (alive) onMessage(copy);
          resolve();
        }, delay)));
      },
      now: () => 0,
      yieldToEventLoop: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
    });
    return {
      post: (message) => {
        if (message.type === 'run') stats.runMessages++;
        setTimeout(() => alive && host(structuredClone(message)), 0);
      },
      listen: (handler) => {
        onMessage = handler;
      },
      terminate: () => {
        alive = false;
        stats.terminated++;
      },
    };
  };
  return { create, stats };
}

const result = (replication: number): ReplicationResult => ({ replication, status: 'ok', events: replication * 10 }) as unknown as ReplicationResult;
const job = { model: {} as never, seed: 1, horizonMinutes: 100, warmupMinutes: 0 };

describe('runReplicationsOnWorkers (client-agnostic pool)', () => {
  it('returns results in replication order although they finish out of order', async () => {
    const workers = fakeWorkers((o) => result(o.replication), (r) => (r % 2 === 0 ? 15 : 1));
    const results = await runReplicationsOnWorkers(workers.create, 3, { ...job, replications: 7 });
    expect(results.map((r) => r.replication)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(workers.stats.created).toBe(3);
    expect(workers.stats.runMessages).toBe(7);
    expect(workers.stats.terminated).toBe(3);
  });

  it('never starts more workers than replications, and handles zero replications', async () => {
    const workers = fakeWorkers((o) => result(o.replication));
    await runReplicationsOnWorkers(workers.create, 8, { ...job, replications: 2 });
    expect(workers.stats.created).toBe(2);
    expect(await runReplicationsOnWorkers(workers.create, 2, { ...job, replications: 0 })).toEqual([]);
  });

  it('rejects with the replication named when the engine fails, and terminates every worker', async () => {
    const workers = fakeWorkers((o) => {
      if (o.replication === 3) throw new Error('the model has no end reachable from "pick"');
      return result(o.replication);
    });
    await expect(runReplicationsOnWorkers(workers.create, 2, { ...job, replications: 6 })).rejects.toThrow('Replication 4 failed: the model has no end reachable from "pick"');
    expect(workers.stats.terminated).toBe(2);
  });

  it('rejects with RunCancelledError when aborted mid-run', async () => {
    const workers = fakeWorkers((o) => result(o.replication), () => 20);
    const controller = new AbortController();
    const run = runReplicationsOnWorkers(workers.create, 2, { ...job, replications: 10, signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(run).rejects.toBeInstanceOf(RunCancelledError);
    expect(workers.stats.terminated).toBe(2);
  });

  it('offsets replication indices with firstReplication', async () => {
    const seen: number[] = [];
    const workers = fakeWorkers((o) => {
      seen.push(o.replication);
      return result(o.replication);
    });
    const results = await runReplicationsOnWorkers(workers.create, 2, { ...job, replications: 3, firstReplication: 10 });
    expect(results.map((r) => r.replication)).toEqual([10, 11, 12]);
    expect([...seen].sort((a, b) => a - b)).toEqual([10, 11, 12]);
  });
});
