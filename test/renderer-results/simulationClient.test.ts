import { describe, expect, it } from 'vitest';
import {
  createMainThreadRunner,
  startRun,
  workerCountFor,
  WorkerBrokenError,
  type ReplicationRunner,
  type RunRequest,
} from '../../renderer/simulation/simulationClient';
import { runReplication } from '../../simulator';
import { createRunStore } from '../../renderer/simulation/runStore';
import { branchingModelInput, buildModel } from './helpers';

const model = buildModel(branchingModelInput);
const request: RunRequest = { model, variantId: null, replications: 4, seed: 3, horizonMinutes: 2 * 1440, warmupMinutes: 360 };

/** A stand-in for a Web Worker: runs the engine on this thread but reports as a worker. */
function fakeWorker(log: number[], options: { broken?: boolean } = {}): ReplicationRunner {
  return {
    kind: 'worker',
    async run(job, onProgress) {
      await Promise.resolve();
      if (options.broken) throw new WorkerBrokenError('blocked by policy');
      log.push(job.replication);
      onProgress(0.5);
      return runReplication(job.model, { replication: job.replication, seed: job.seed, horizonMinutes: job.horizonMinutes, warmupMinutes: job.warmupMinutes });
    },
    dispose() {},
  };
}

describe('workerCountFor', () => {
  it('leaves one core for the UI and never uses more workers than replications', () => {
    expect(workerCountFor(10, 8)).toBe(7);
    expect(workerCountFor(3, 8)).toBe(3);
    expect(workerCountFor(10, 2)).toBe(1);
    expect(workerCountFor(10, 1)).toBe(1);
    expect(workerCountFor(10, undefined)).toBe(1);
  });
});

describe('startRun', () => {
  it('gives the same report whether one or three workers run the replications', async () => {
    const one = await startRun(request, {}, () => [fakeWorker([])]).outcome;
    const three = await startRun(request, {}, () => [fakeWorker([]), fakeWorker([]), fakeWorker([])]).outcome;
    const main = await startRun(request, {}, () => [createMainThreadRunner()]).outcome;
    if (one.kind !== 'done' || three.kind !== 'done' || main.kind !== 'done') throw new Error('a run did not finish');
    expect(JSON.stringify(three.report)).toBe(JSON.stringify(one.report));
    expect(JSON.stringify(main.report)).toBe(JSON.stringify(one.report));
    expect(three.workers).toBe(3);
    expect(main.workers).toBe(0);
    expect(one.results.map((r) => r.replication)).toEqual([0, 1, 2, 3]);
  });
  it('hands every replication out exactly once', async () => {
    const logs: number[][] = [[], []];
    await startRun(request, {}, () => logs.map((l) => fakeWorker(l))).outcome;
    expect([...logs[0], ...logs[1]].sort()).toEqual([0, 1, 2, 3]);
  });
  it('finishes on the remaining workers, then on the main thread, when workers cannot start', async () => {
    const log: number[] = [];
    const partly = await startRun(request, {}, () => [fakeWorker([], { broken: true }), fakeWorker(log)]).outcome;
    expect(partly.kind).toBe('done');
    expect(log.sort()).toEqual([0, 1, 2, 3]);
    const none = await startRun(request, {}, () => [fakeWorker([], { broken: true })]).outcome;
    if (none.kind !== 'done') throw new Error('fallback did not finish');
    expect(none.workers).toBe(0);
    expect(none.report.settings.replications).toBe(4);
  });
  it('applies the chosen variant', async () => {
    const outcome = await startRun({ ...request, variantId: 'more-analysts', replications: 1 }, {}, () => [createMainThreadRunner()]).outcome;
    if (outcome.kind !== 'done') throw new Error('not done');
    expect(outcome.report.model.variant).toBe('more-analysts');
    expect(outcome.report.pools.find((p) => p.poolId === 'analysts')?.capacity).toBe(2);
    expect(outcome.simulatedModel.pools.find((p) => p.id === 'analysts')?.capacity).toBe(2);
    expect(outcome.simulatedModel.variants).toEqual([]);
  });
  it('rejects with the engine\'s message when the variant does not exist', async () => {
    await expect(startRun({ ...request, variantId: 'nope' }, {}, () => [createMainThreadRunner()]).outcome).rejects.toThrow(/nope/);
  });
  it('reports progress and stops when cancelled', async () => {
    const fractions: number[] = [];
    const handle = startRun({ ...request, replications: 50 }, { onProgress: (p) => fractions.push(p.fraction) }, () => [createMainThreadRunner()]);
    setTimeout(() => handle.cancel(), 30);
    const outcome = await handle.outcome;
    expect(outcome.kind).toBe('cancelled');
    expect(fractions[0]).toBe(0);
  });
  it('stops the other workers as soon as one replication fails', async () => {
    let disposed = 0;
    let hangingReject: ((e: Error) => void) | undefined;
    const failing: ReplicationRunner = { kind: 'worker', run: () => Promise.reject(new Error('Replication 1: boom')), dispose() {} };
    const hanging: ReplicationRunner = {
      kind: 'worker',
      run: () =>
        new Promise((_, reject) => {
          // Settles only when disposed, like a worker busy with a long replication until it is terminated.
          hangingReject = reject;
        }),
      dispose() {
        disposed++;
        hangingReject?.(new WorkerBrokenError('terminated'));
      },
    };
    await expect(startRun(request, {}, () => [hanging, failing]).outcome).rejects.toThrow('boom');
    expect(disposed).toBeGreaterThan(0);
  });
  it('passes an engine error through with its message', async () => {
    const failing: ReplicationRunner = { kind: 'worker', run: () => Promise.reject(new Error('Replication 1: node "x" exploded')), dispose() {} };
    await expect(startRun(request, {}, () => [failing]).outcome).rejects.toThrow('node "x" exploded');
  });
});

describe('run store', () => {
  it('keeps the last results and the settings that made them', async () => {
    const store = createRunStore(() => [createMainThreadRunner()]);
    const settings = { variantId: null, horizonMinutes: 1440, warmupMinutes: 120, replications: 2, seed: 9 };
    const running = store.getState().start(model, settings);
    expect(store.getState().status).toBe('running');
    await running;
    const state = store.getState();
    expect(state.status).toBe('done');
    expect(state.last?.settings).toEqual(settings);
    expect(state.last?.model).toBe(model);
    expect(state.last?.report.settings.replications).toBe(2);
    store.getState().clear();
    expect(store.getState().last).toBeNull();
  });
  it('never lets a superseded run overwrite the newer one', async () => {
    const store = createRunStore(() => [createMainThreadRunner()]);
    const slow = { variantId: null, horizonMinutes: 3 * 1440, warmupMinutes: 0, replications: 3, seed: 1 };
    const fast = { variantId: 'more-analysts', horizonMinutes: 1440, warmupMinutes: 0, replications: 1, seed: 2 };
    const first = store.getState().start(model, slow);
    const second = store.getState().start(model, fast);
    await Promise.all([first, second]);
    expect(store.getState().status).toBe('done');
    expect(store.getState().last?.settings).toEqual(fast);
    expect(store.getState().last?.report.model.variant).toBe('more-analysts');
  });
  it('records a failure with the reason', async () => {
    const store = createRunStore(() => [createMainThreadRunner()]);
    await store.getState().start(model, { variantId: 'missing', horizonMinutes: 1440, warmupMinutes: 0, replications: 1, seed: 1 });
    expect(store.getState().status).toBe('failed');
    expect(store.getState().error).toMatch(/missing/);
  });
});
