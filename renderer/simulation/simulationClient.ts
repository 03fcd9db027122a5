/**
 * Runs simulations for the studio without blocking the UI: replications are spread over Web Workers (one
 * replication at a time per worker, taken from a shared queue so fast and slow replications balance out), and
 * the main thread only receives progress and results. Without workers (a browser that refuses module workers, a
 * worker that fails to start) the same replications run on the main thread, one per macrotask.
 *
 * Results are identical however many workers run: every replication is seeded by (seed, replication index) and
 * `aggregateReplications` sorts by index.
 */
import { toMinutes, type Workflow } from '../../models';
import type { ReplicationResult, RunReport } from './report';
import { isWorkerMessage, workerProtocolVersion, type ClientMessage, type WorkerMessage } from '../../simulator/worker/protocol';
import { ProgressTracker, type RunProgress } from './progress';

/** What to run. `model` is the document model (validated); the variant is applied here. */
export interface RunRequest {
  model: Workflow;
  /** A variant id of `model`, or null for the base model. */
  variantId: string | null;
  replications: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
}

/** How a run ended. */
export type RunOutcome =
  | {
      kind: 'done';
      report: RunReport;
      /** The model as simulated: the request's model with the variant applied. */
      simulatedModel: Workflow;
      wallSeconds: number;
      workers: number;
      instabilities: Instability[];
      results: ReplicationResult[];
    }
  | { kind: 'cancelled'; wallSeconds: number };

/** Where and why a replication stopped at a guard rail (the engine's own words, plus the node to show). */
export interface Instability {
  replication: number;
  message: string;
  nodeId: string | null;
}

export interface RunHandle {
  /** Settles when the run ends; rejects with an Error naming the cause when the engine or a worker fails. */
  readonly outcome: Promise<RunOutcome>;
  /** Stops the run at once: workers are terminated, the main-thread loop stops before its next replication. */
  cancel(): void;
}

export interface RunCallbacks {
  /** Throttled to about ten calls a second. */
  onProgress?: (progress: RunProgress) => void;
}

/** One replication to run, as sent to a runner. */
export interface ReplicationJob {
  model: Workflow;
  replication: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
}

/**
 * Runs replications one at a time: a Web Worker, or the main thread. `run` rejects when the runner broke (the
 * scheduler then retries the job elsewhere or fails the run); `dispose` frees it.
 */
export interface ReplicationRunner {
  readonly kind: 'worker' | 'main-thread';
  run(job: ReplicationJob, onProgress: (fraction: number) => void): Promise<ReplicationResult>;
  dispose(): void;
}

/** Creates the runners for a run; injectable so tests and the compare view can control parallelism. */
export type RunnerFactory = (count: number) => ReplicationRunner[];

const PROGRESS_INTERVAL_MS = 100;

/**
 * Starts a run. Replications go to min(hardwareConcurrency - 1, replications) workers (at least 1).
 * @example const handle = startRun({ model, variantId: null, replications: 10, seed: 1, horizonMinutes: 30 * 1440, warmupMinutes: 1440 }, { onProgress });
 */
export function startRun(request: RunRequest, callbacks: RunCallbacks = {}, createRunners: RunnerFactory = defaultRunners): RunHandle {
  const controller = new AbortController();
  const outcome = execute(request, callbacks, createRunners, controller.signal);
  return { outcome, cancel: () => controller.abort() };
}

/** Workers to use for `replications` on this machine: one core is left for the UI. */
export function workerCountFor(replications: number, hardwareConcurrency: number | undefined): number {
  const cores = hardwareConcurrency && hardwareConcurrency > 0 ? hardwareConcurrency : 2;
  return Math.max(1, Math.min(cores - 1, replications));
}

/** The engine on this thread (variants, aggregation, the fallback), loaded on the first run, not with the app. */
function loadEngine() {
  return import('../../simulator');
}

async function execute(request: RunRequest, callbacks: RunCallbacks, createRunners: RunnerFactory, signal: AbortSignal): Promise<RunOutcome> {
  const started = performance.now();
  const { aggregateReplications, modelForVariant } = await loadEngine();
  const model = modelForVariant(request.model, request.variantId ?? undefined);
  const wanted = workerCountFor(request.replications, typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency);
  let runners = createRunners(wanted);
  const tracker = new ProgressTracker(request.replications, runners[0]?.kind === 'worker' ? runners.length : 0, started);
  let lastProgressAt = -Infinity;
  const report = (force: boolean) => {
    const now = performance.now();
    if (!force && now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
    lastProgressAt = now;
    callbacks.onProgress?.(tracker.snapshot(now));
  };
  report(true);

  const queue = Array.from({ length: request.replications }, (_, i) => i);
  const results: ReplicationResult[] = [];
  let failure: Error | undefined;
  let cancelled = false;
  const usedWorkers = new Set<ReplicationRunner>();
  const onAbort = () => {
    cancelled = true;
    for (const r of runners) r.dispose();
  };
  signal.addEventListener('abort', onAbort, { once: true });

  const drive = async (runner: ReplicationRunner): Promise<void> => {
    while (!cancelled && failure === undefined) {
      const replication = queue.shift();
      if (replication === undefined) return;
      const job: ReplicationJob = { model, replication, seed: request.seed, horizonMinutes: request.horizonMinutes, warmupMinutes: request.warmupMinutes };
      try {
        const result = await runner.run(job, (f) => {
          tracker.update(replication, f, performance.now());
          report(false);
        });
        if (cancelled) return;
        if (runner.kind === 'worker') usedWorkers.add(runner);
        results.push(result);
        tracker.complete(replication, performance.now());
        report(false);
        if (result.status === 'cancelled') cancelled = true;
      } catch (error) {
        if (cancelled) return;
        if (runner.kind === 'worker' && error instanceof WorkerBrokenError) {
          // A worker that cannot run (blocked by policy, crashed on load): give the job back, let the others or
          // the main-thread fallback take it.
          queue.unshift(replication);
          runner.dispose();
          return;
        }
        failure = error instanceof Error ? error : new Error(String(error));
        // The run has failed: stop the other workers now rather than wait for their replications.
        for (const r of runners) if (r !== runner) r.dispose();
      }
    }
  };

  try {
    await Promise.all(runners.map(drive));
    if (!cancelled && failure === undefined && queue.length > 0) {
      // Every worker broke: finish on the main thread.
      runners = [createMainThreadRunner()];
      tracker.workers = 0;
      report(true);
      await drive(runners[0]);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    for (const r of runners) r.dispose();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  if (failure) throw failure;
  if (cancelled || signal.aborted) return { kind: 'cancelled', wallSeconds };
  report(true);
  const aggregated = aggregateReplications(model, results, {
    variant: request.variantId,
    seed: request.seed,
    horizonMinutes: request.horizonMinutes,
    warmupMinutes: request.warmupMinutes,
  });
  const instabilities: Instability[] = results
    .filter((r) => r.status === 'unstable')
    .sort((a, b) => a.replication - b.replication)
    .map((r) => ({ replication: r.replication, message: r.message ?? 'The run stopped at a guard rail.', nodeId: r.instability?.nodeId ?? null }));
  results.sort((a, b) => a.replication - b.replication);
  return { kind: 'done', report: aggregated, simulatedModel: model, wallSeconds, workers: usedWorkers.size, instabilities, results };
}

/** Thrown by a runner that could not run at all (as opposed to an engine error inside a replication). */
export class WorkerBrokenError extends Error {
  override name = 'WorkerBrokenError';
}

/** Default runners: Web Workers when the platform has them, else the main thread. */
export function defaultRunners(count: number): ReplicationRunner[] {
  if (typeof Worker === 'undefined') return [createMainThreadRunner()];
  return Array.from({ length: count }, () => createWorkerRunner());
}

/** Creates the engine's module worker (a function so Vite sees the `new URL` pattern and bundles the worker). */
function spawnSimulationWorker(): Worker {
  return new Worker(new URL('../../simulator/worker/webWorker.ts', import.meta.url), { type: 'module', name: 'flowcast-simulation' });
}

/**
 * A runner on one Web Worker that lives for the whole run: each replication is a job of the worker protocol
 * (simulator/worker/protocol.ts) with a single replication index, so idle workers pull the next replication.
 */
export function createWorkerRunner(spawn: () => Worker = spawnSimulationWorker): ReplicationRunner {
  let worker: Worker | undefined;
  let startError: string | undefined;
  try {
    worker = spawn();
  } catch (error) {
    startError = error instanceof Error ? error.message : String(error);
  }
  let nextJobId = 1;
  let pending:
    | { jobId: number; resolve: (r: ReplicationResult) => void; reject: (e: Error) => void; onProgress: (f: number) => void; result?: ReplicationResult }
    | undefined;
  const fail = (error: Error) => {
    const p = pending;
    pending = undefined;
    p?.reject(error);
  };
  if (worker) {
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isWorkerMessage(message) || !pending || message.jobId !== pending.jobId) return;
      handleMessage(message);
    };
    worker.onerror = (event: ErrorEvent) => {
      // A load failure (CSP, a missing chunk) or an uncaught exception: this worker is unusable.
      event.preventDefault();
      fail(new WorkerBrokenError(`The simulation worker stopped: ${event.message || 'it could not be loaded'}.`));
    };
    worker.onmessageerror = () => fail(new WorkerBrokenError('The simulation worker sent a message that could not be read.'));
  }
  const handleMessage = (message: WorkerMessage) => {
    const p = pending;
    if (!p) return;
    switch (message.type) {
      case 'progress':
        if (message.horizonMinutes > 0) p.onProgress(message.simulatedMinutes / message.horizonMinutes);
        return;
      case 'result':
        p.result = message.result;
        return;
      case 'done':
        pending = undefined;
        if (p.result) p.resolve(p.result);
        else p.reject(new Error(`The simulation worker finished job ${p.jobId} without a result${message.cancelled ? ' (cancelled)' : ''}.`));
        return;
      case 'error':
        pending = undefined;
        p.reject(new Error(message.replication === null ? `The simulation worker refused the run: ${message.message}` : `Replication ${message.replication + 1}: ${message.message}`));
        return;
      case 'eventLog':
        return;
    }
  };
  return {
    kind: 'worker',
    run(job, onProgress) {
      if (!worker) return Promise.reject(new WorkerBrokenError(`Web Workers are unavailable: ${startError ?? 'unknown reason'}.`));
      if (pending) return Promise.reject(new Error('A worker runner runs one replication at a time.'));
      const jobId = nextJobId++;
      const request: ClientMessage = {
        type: 'run',
        protocol: workerProtocolVersion,
        jobId,
        model: job.model,
        replications: [job.replication],
        seed: job.seed,
        horizonMinutes: job.horizonMinutes,
        warmupMinutes: job.warmupMinutes,
        progressIntervalMs: PROGRESS_INTERVAL_MS,
      };
      const target = worker;
      return new Promise<ReplicationResult>((resolve, reject) => {
        pending = { jobId, resolve, reject, onProgress };
        try {
          target.postMessage(request);
        } catch (error) {
          fail(new WorkerBrokenError(`Could not send the model to the simulation worker: ${error instanceof Error ? error.message : String(error)}.`));
        }
      });
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
      fail(new WorkerBrokenError('The simulation worker was stopped.'));
    },
  };
}

/**
 * Runs each replication on the main thread after yielding a macrotask, so input and paint get a turn between
 * replications. The last resort: a long replication still blocks the UI while it runs.
 */
export function createMainThreadRunner(): ReplicationRunner {
  let disposed = false;
  const controller = new AbortController();
  return {
    kind: 'main-thread',
    async run(job, onProgress) {
      const { runReplication } = await loadEngine();
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (disposed) throw new WorkerBrokenError('The main-thread runner was stopped.');
      return runReplication(job.model, {
        replication: job.replication,
        seed: job.seed,
        horizonMinutes: job.horizonMinutes,
        warmupMinutes: job.warmupMinutes,
        signal: controller.signal,
        onProgress,
      });
    },
    dispose() {
      disposed = true;
      controller.abort();
    },
  };
}

/** The horizon and warm-up of a model's own run settings, in minutes (the run panel's defaults). */
export function defaultRunMinutes(model: Workflow): { horizonMinutes: number; warmupMinutes: number } {
  return { horizonMinutes: toMinutes(model.run.horizon), warmupMinutes: toMinutes(model.run.warmup) };
}
