/**
 * Spreads the replications of a run over a few simulation workers and collects the results in replication
 * order. Client-agnostic: it only sees `WorkerPort`s, which the Node pool (worker_threads) and the renderer
 * (Web Workers) build around their own worker objects. No DOM and no Node APIs here.
 *
 * Scheduling is dynamic (a worker gets the next replication index when it finishes one), which balances
 * replications of uneven cost; determinism does not depend on it because a replication's random streams depend
 * only on the seed and its index, and results are placed by index.
 */
import type { Workflow } from '../../models';
import type { EventLogRow, GuardLimits, ReplicationResult } from '../report';
import { isWorkerMessage, workerProtocolVersion, type ClientMessage, type EventLogTarget, type WorkerMessage } from './protocol';

/** A worker as the pool sees it. */
export interface WorkerPort {
  post: (message: ClientMessage) => void;
  /** Registers the handlers; called once, right after the port is created. */
  listen: (onMessage: (message: unknown) => void, onFailure: (error: Error) => void) => void;
  terminate: () => void;
}

/** An abort signal the pool can listen to (`AbortSignal` fits; the simulator compiles without the DOM lib). */
export interface PoolSignal {
  readonly aborted: boolean;
  addEventListener?: (type: 'abort', listener: () => void) => void;
  removeEventListener?: (type: 'abort', listener: () => void) => void;
}

/** Progress of a whole run. */
export interface PoolProgress {
  /** Share of simulated time done over all replications (0..1). */
  fraction: number;
  replicationsDone: number;
  replications: number;
}

/** A run to spread over workers. `model` has its variant applied. */
export interface PoolJob {
  model: Workflow;
  replications: number;
  /** Index of the first replication (default 0): replications `first .. first + replications - 1` are run. */
  firstReplication?: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  bucketMinutes?: number;
  guard?: Partial<GuardLimits>;
  eventLog?: EventLogTarget;
  progressIntervalMs?: number;
  onProgress?: (progress: PoolProgress) => void;
  /** Receives event-log batches when `eventLog.mode` is `messages`. */
  onEventLog?: (replication: number, rows: EventLogRow[]) => void;
  signal?: PoolSignal;
}

/** Thrown (as a rejection) when the job's signal aborts. */
export class RunCancelledError extends Error {
  constructor() {
    super('The run was cancelled.');
    this.name = 'RunCancelledError';
  }
}

let nextJobId = 1;

/**
 * Runs `job.replications` replications on `workerCount` workers made by `createWorker` and resolves with the
 * results in replication order. Workers are terminated when the job ends, fails or is cancelled.
 * @example const results = await runReplicationsOnWorkers(() => nodePort(), 2, { model, replications: 10, ... });
 */
export function runReplicationsOnWorkers(createWorker: (index: number) => WorkerPort, workerCount: number, job: PoolJob): Promise<ReplicationResult[]> {
  const total = job.replications;
  const first = job.firstReplication ?? 0;
  if (!Number.isInteger(total) || total < 0) return Promise.reject(new RangeError(`replications must be a whole number >= 0 (got ${total}).`));
  if (total === 0) return Promise.resolve([]);
  if (job.signal?.aborted) return Promise.reject(new RunCancelledError());
  const count = Math.max(1, Math.min(Math.floor(workerCount), total));
  const jobId = nextJobId++;
  const results: Array<ReplicationResult | undefined> = new Array(total);
  const doneMinutes = new Float64Array(total);
  let nextIndex = 0;
  let finished = 0;

  return new Promise<ReplicationResult[]>((resolve, reject) => {
    const ports: WorkerPort[] = [];
    const stopped = new Set<WorkerPort>();
    const stop = (port: WorkerPort) => {
      if (stopped.has(port)) return;
      stopped.add(port);
      try {
        port.terminate();
      } catch {
        // A worker that is already gone needs no terminating.
      }
    };
    let settled = false;
    const onAbort = () => settle(new RunCancelledError());
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      job.signal?.removeEventListener?.('abort', onAbort);
      for (const port of ports) stop(port);
      if (error) reject(error);
      else resolve(results as ReplicationResult[]);
    };
    job.signal?.addEventListener?.('abort', onAbort);

    const reportProgress = () => {
      if (!job.onProgress) return;
      let sum = 0;
      for (let i = 0; i < total; i++) sum += doneMinutes[i];
      const fraction = job.horizonMinutes > 0 ? Math.min(1, sum / (total * job.horizonMinutes)) : finished / total;
      job.onProgress({ fraction, replicationsDone: finished, replications: total });
    };

    const assign = (port: WorkerPort): boolean => {
      if (nextIndex >= total) return false;
      const replication = first + nextIndex++;
      port.post({
        type: 'run',
        protocol: workerProtocolVersion,
        jobId,
        model: job.model,
        replications: [replication],
        seed: job.seed,
        horizonMinutes: job.horizonMinutes,
        warmupMinutes: job.warmupMinutes,
        bucketMinutes: job.bucketMinutes,
        guard: job.guard,
        eventLog: job.eventLog,
        progressIntervalMs: job.progressIntervalMs,
      });
      return true;
    };

    const handle = (port: WorkerPort, raw: unknown) => {
      if (settled) return;
      if (!isWorkerMessage(raw)) return settle(new Error('A simulation worker sent a message the pool does not understand.'));
      const message: WorkerMessage = raw;
      if (message.jobId !== jobId) return;
      switch (message.type) {
        case 'progress': {
          const i = message.replication - first;
          if (i >= 0 && i < total) doneMinutes[i] = Math.min(message.simulatedMinutes, job.horizonMinutes);
          reportProgress();
          return;
        }
        case 'eventLog':
          job.onEventLog?.(message.replication, message.rows);
          return;
        case 'result': {
          const i = message.replication - first;
          if (i < 0 || i >= total || results[i] !== undefined) return settle(new Error(`A simulation worker returned an unexpected replication ${message.replication}.`));
          results[i] = message.result;
          doneMinutes[i] = job.horizonMinutes;
          finished++;
          reportProgress();
          if (finished === total) settle();
          return;
        }
        case 'done':
          if (message.cancelled) return settle(new RunCancelledError());
          if (finished === total) return settle();
          // A worker with nothing left to do stops; the others are finishing theirs.
          if (!assign(port)) stop(port);
          return;
        case 'error':
          return settle(new Error(message.replication === null ? message.message : `Replication ${message.replication + 1} failed: ${message.message}`));
      }
    };

    try {
      for (let w = 0; w < count; w++) {
        const port = createWorker(w);
        ports.push(port);
        port.listen(
          (raw) => handle(port, raw),
          (error) => settle(new Error(`A simulation worker stopped: ${error.message}`)),
        );
      }
      for (const port of ports) assign(port);
    } catch (error) {
      settle(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
