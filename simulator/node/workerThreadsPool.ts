/**
 * Runs replications on a pool of worker_threads, through the same protocol and scheduler as the browser
 * (simulator/worker/protocol.ts, pool.ts). Results come back in replication order, so the aggregated report is
 * byte-identical whatever the number of workers.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Workflow } from '../../models';
import type { ReplicationResult, RunReport } from '../report';
import { aggregateReplications } from '../run';
import { eventLogPartPath } from '../worker/host';
import { runReplicationsOnWorkers, type PoolJob, type PoolProgress, type PoolSignal, type WorkerPort } from '../worker/pool';
import { joinEventLogParts } from './eventLogCsv';

/** Options of the Node pool. */
export interface NodePoolOptions {
  /** Worker threads (default: the number of cores). */
  workers?: number;
  /** V8 limits per worker; by default the old generation gets a share of the machine's memory (at most 4 GB). */
  resourceLimits?: ResourceLimits;
}

/** The number of workers used when none is asked for: one per core. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

function defaultResourceLimits(workers: number): ResourceLimits {
  const totalMb = totalmem() / (1024 * 1024);
  return { maxOldGenerationSizeMb: Math.max(256, Math.min(4096, Math.floor((totalMb * 0.7) / workers))) };
}

/**
 * Where the worker entry is: `simWorker.js` beside the bundled cli.js, or `simWorker.ts` when running from source
 * (tsx, vitest). A TypeScript worker is started through a tiny bootstrap that registers tsx inside the worker,
 * because Node 20 does not apply `--import tsx` to a worker's entry module.
 */
function workerSource(): { url: URL; bootstrap?: string } {
  const fromSource = fileURLToPath(import.meta.url).endsWith('.ts');
  const url = new URL(fromSource ? './simWorker.ts' : './simWorker.js', import.meta.url);
  if (!fromSource) return { url };
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return { url, bootstrap };
}

/** Wraps a new worker thread as a pool `WorkerPort`. */
export function createNodeWorkerPort(resourceLimits: ResourceLimits): WorkerPort {
  const source = workerSource();
  const worker = source.bootstrap
    ? new Worker(source.bootstrap, { eval: true, resourceLimits })
    : new Worker(source.url, { resourceLimits });
  let terminated = false;
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onFailure) {
      worker.on('message', onMessage);
      worker.on('error', (error: Error) => onFailure(error));
      worker.on('exit', (code) => {
        if (!terminated) onFailure(new Error(`it exited with code ${code} before finishing its work`));
      });
      worker.on('messageerror', (error: Error) => onFailure(error));
    },
    terminate() {
      terminated = true;
      void worker.terminate();
    },
  };
}

/**
 * Runs a pool job on worker threads; resolves with the results in replication order.
 * @example const results = await runOnWorkerThreads({ model, replications: 10, seed: 1, horizonMinutes, warmupMinutes }, { workers: 2 });
 */
export function runOnWorkerThreads(job: PoolJob, options: NodePoolOptions = {}): Promise<ReplicationResult[]> {
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkerCount(), job.replications || 1));
  const limits = options.resourceLimits ?? defaultResourceLimits(workers);
  return runReplicationsOnWorkers(() => createNodeWorkerPort(limits), workers, job);
}

/** A whole run on worker threads, aggregated into a report. */
export interface NodeRunOptions extends NodePoolOptions {
  /** The model with its variant applied. */
  model: Workflow;
  /** Variant id, recorded in the report (null for the base model). */
  variant: string | null;
  replications: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  bucketMinutes?: number;
  /** Write the event log of every replication to this CSV file (rows in replication order). */
  eventLogPath?: string;
  onProgress?: (progress: PoolProgress) => void;
  signal?: PoolSignal;
}

/** Runs the replications on worker threads and returns the aggregated report (and the raw results). */
export async function runReportOnWorkerThreads(options: NodeRunOptions): Promise<{ report: RunReport; results: ReplicationResult[] }> {
  const { model, replications } = options;
  // Each replication streams its rows to its own part file; the parts are joined in replication order at the
  // end, so the log is deterministic whatever the scheduling.
  const partTemplate = options.eventLogPath ? join(tmpdir(), `flowcast-events-${process.pid}-${randomBytes(4).toString('hex')}-{replication}.csv`) : undefined;
  const parts = partTemplate ? Array.from({ length: replications }, (_, r) => eventLogPartPath(partTemplate, r)) : [];
  try {
    const results = await runOnWorkerThreads(
      {
        model,
        replications,
        seed: options.seed,
        horizonMinutes: options.horizonMinutes,
        warmupMinutes: options.warmupMinutes,
        bucketMinutes: options.bucketMinutes,
        eventLog: partTemplate ? { mode: 'csvFile', pathTemplate: partTemplate } : undefined,
        onProgress: options.onProgress,
        signal: options.signal,
      },
      options,
    );
    if (options.eventLogPath) await joinEventLogParts(options.eventLogPath, parts);
    const report = aggregateReplications(model, results, {
      variant: options.variant,
      seed: options.seed,
      horizonMinutes: options.horizonMinutes,
      warmupMinutes: options.warmupMinutes,
    });
    return { report, results };
  } finally {
    await removeParts(parts);
  }
}

async function removeParts(parts: readonly string[]): Promise<void> {
  await Promise.all(parts.map((part) => rm(part, { force: true })));
}
