import { describe, expect, it } from 'vitest';
import { createWorkerRunner, WorkerBrokenError, type ReplicationJob } from '../../renderer/simulation/simulationClient';
import { runReplication } from '../../simulator';
import { createWorkerHost } from '../../simulator/worker/host';
import type { ClientMessage, WorkerMessage } from '../../simulator/worker/protocol';
import { branchingModelInput, buildModel } from './helpers';

const model = buildModel(branchingModelInput);
const job: ReplicationJob = { model, replication: 2, seed: 5, horizonMinutes: 1440, warmupMinutes: 120 };

/**
 * A stand-in for a browser Worker running the real worker host (simulator/worker/host.ts) in this thread, with
 * messages delivered asynchronously like postMessage.
 */
class HostWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  sent: ClientMessage[] = [];
  private readonly host = createWorkerHost({
    runReplication,
    post: (message: WorkerMessage) => setTimeout(() => !this.terminated && this.onmessage?.({ data: message }), 0),
    now: () => performance.now(),
    yieldToEventLoop: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  });
  postMessage(message: ClientMessage): void {
    this.sent.push(message);
    setTimeout(() => this.host(structuredClone(message)), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('the Web Worker runner speaks the worker protocol', () => {
  it('runs one replication per job and returns the same result as the engine on this thread', async () => {
    const worker = new HostWorker();
    const runner = createWorkerRunner(() => worker as never);
    const fractions: number[] = [];
    const result = await runner.run(job, (f) => fractions.push(f));
    expect(worker.sent).toHaveLength(1);
    expect(worker.sent[0]).toMatchObject({ type: 'run', replications: [2], seed: 5, horizonMinutes: 1440, warmupMinutes: 120 });
    const direct = runReplication(model, { replication: 2, seed: 5, horizonMinutes: 1440, warmupMinutes: 120 });
    expect(JSON.stringify(result)).toBe(JSON.stringify(direct));
    for (const f of fractions) expect(f).toBeGreaterThanOrEqual(0);
    // The worker stays alive for the next replication.
    const next = await runner.run({ ...job, replication: 3 }, () => {});
    expect(next.replication).toBe(3);
    runner.dispose();
    expect(worker.terminated).toBe(true);
  });

  it('turns a worker that cannot load into WorkerBrokenError, so the client falls back', async () => {
    const worker = new HostWorker();
    worker.postMessage = () => setTimeout(() => worker.onerror?.({ message: 'Refused to load the script', preventDefault() {} }), 0);
    const runner = createWorkerRunner(() => worker as never);
    await expect(runner.run(job, () => {})).rejects.toBeInstanceOf(WorkerBrokenError);
    const unavailable = createWorkerRunner(() => {
      throw new Error('Worker is not defined');
    });
    await expect(unavailable.run(job, () => {})).rejects.toThrow(/Web Workers are unavailable: Worker is not defined/);
  });

  it('reports an engine error with the replication it happened in', async () => {
    const worker = new HostWorker();
    worker.postMessage = (message) =>
      setTimeout(() => worker.onmessage?.({ data: { type: 'error', jobId: message.jobId, replication: 2, message: "Node 'entry' failed at minute 12" } satisfies WorkerMessage }), 0);
    const runner = createWorkerRunner(() => worker as never);
    await expect(runner.run(job, () => {})).rejects.toThrow("Replication 3: Node 'entry' failed at minute 12");
  });

  it('ignores messages of other jobs and malformed messages', async () => {
    const worker = new HostWorker();
    const original = worker.postMessage.bind(worker);
    worker.postMessage = (message) => {
      setTimeout(() => {
        worker.onmessage?.({ data: { type: 'done', jobId: 999, cancelled: false } });
        worker.onmessage?.({ data: 'garbage' });
      }, 0);
      original(message);
    };
    const runner = createWorkerRunner(() => worker as never);
    const result = await runner.run(job, () => {});
    expect(result.replication).toBe(2);
  });
});
