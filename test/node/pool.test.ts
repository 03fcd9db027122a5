import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelText, type Workflow } from '../../models';
import { runScenario } from '../../simulator/run';
import { createNodeWorkerPort, runOnWorkerThreads, runReportOnWorkerThreads } from '../../simulator/node/workerThreadsPool';
import { RunCancelledError } from '../../simulator/worker/pool';
import { workerProtocolVersion, type WorkerMessage } from '../../simulator/worker/protocol';
import { minimalModel, variantsModel } from './helpers';

function load(file: string): Workflow {
  const model = loadModelText(readFileSync(file, 'utf8')).model;
  if (!model) throw new Error(`${file} does not load`);
  return model;
}

const settings = { variant: null, replications: 5, seed: 42, horizonMinutes: 3 * 1440, warmupMinutes: 360 };

describe('worker_threads pool', () => {
  it('gives a byte-identical report with 1 and 2 workers, equal to the in-process run', async () => {
    const model = load(minimalModel);
    const one = await runReportOnWorkerThreads({ model, ...settings, workers: 1 });
    const two = await runReportOnWorkerThreads({ model, ...settings, workers: 2 });
    const oneJson = JSON.stringify(one.report);
    expect(JSON.stringify(two.report)).toBe(oneJson);
    expect(one.results.map((r) => r.replication)).toEqual([0, 1, 2, 3, 4]);
    // The main-thread fallback (runScenario) computes the same report.
    const inline = runScenario(model, { replications: 5, seed: 42, horizonMinutes: settings.horizonMinutes, warmupMinutes: settings.warmupMinutes });
    expect(JSON.stringify(inline)).toBe(oneJson);
  });

  it('reports progress up to 1 and counts replications', async () => {
    const model = load(variantsModel);
    const seen: number[] = [];
    let lastDone = 0;
    await runOnWorkerThreads(
      { model, replications: 4, seed: 3, horizonMinutes: 2 * 1440, warmupMinutes: 0, progressIntervalMs: 0, onProgress: (p) => { seen.push(p.fraction); lastDone = p.replicationsDone; } },
      { workers: 2 },
    );
    expect(seen.length).toBeGreaterThan(4);
    expect(seen.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
    expect(lastDone).toBe(4);
  });

  it('cancels: the promise rejects with RunCancelledError and the workers stop', async () => {
    const model = load(minimalModel);
    const controller = new AbortController();
    const started = performance.now();
    const run = runOnWorkerThreads(
      {
        model,
        replications: 50,
        seed: 1,
        horizonMinutes: 3000 * 1440,
        warmupMinutes: 0,
        signal: controller.signal,
        progressIntervalMs: 0,
        onProgress: () => controller.abort(),
      },
      { workers: 2 },
    );
    await expect(run).rejects.toBeInstanceOf(RunCancelledError);
    // 50 replications of 3,000 days would take far longer than this.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('stops a replication from inside through a shared cancel flag, keeping the worker alive', async () => {
    const model = load(minimalModel);
    const port = createNodeWorkerPort({ maxOldGenerationSizeMb: 512 });
    const flagBuffer = new SharedArrayBuffer(4);
    const flag = new Int32Array(flagBuffer);
    const messages: WorkerMessage[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        port.listen(
          (raw) => {
            const message = raw as WorkerMessage;
            messages.push(message);
            if (message.type === 'progress') Atomics.store(flag, 0, 1);
            if (message.type === 'done' || message.type === 'error') resolve();
          },
          reject,
        );
        port.post({ type: 'run', protocol: workerProtocolVersion, jobId: 1, model, replications: [0, 1], seed: 1, horizonMinutes: 3000 * 1440, warmupMinutes: 0, progressIntervalMs: 0, cancelFlag: flagBuffer });
      });
    } finally {
      port.terminate();
    }
    const results = messages.filter((m) => m.type === 'result');
    expect(results).toHaveLength(1);
    expect(results[0].type === 'result' && results[0].result.status).toBe('cancelled');
    expect(messages[messages.length - 1]).toEqual({ type: 'done', jobId: 1, cancelled: true });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runOnWorkerThreads({ model: load(minimalModel), replications: 2, seed: 1, horizonMinutes: 100, warmupMinutes: 0, signal: controller.signal })).rejects.toBeInstanceOf(RunCancelledError);
  });

  it('turns a worker out of memory into an error naming the worker', async () => {
    const model = load(minimalModel);
    // 8 MB of old generation cannot hold the model and the engine: the worker dies, the pool says so.
    const run = runOnWorkerThreads({ model, replications: 1, seed: 1, horizonMinutes: 3000 * 1440, warmupMinutes: 0 }, { workers: 1, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 } });
    await expect(run).rejects.toThrow(/A simulation worker stopped/);
  });
});
