/**
 * The typed messages between a client (the CLI's worker_threads pool, the renderer's Web Worker client) and a
 * simulation worker. One protocol for both runtimes: everything here is plain JSON-compatible data, so it
 * crosses `postMessage` in a browser and `worker_threads` in Node unchanged.
 *
 * A conversation: the client sends `run` for a job with the replication indices this worker should run; the
 * worker answers with `progress` (throttled), `eventLog` batches (when asked for), one `result` per replication,
 * then `done`. Any failure answers `error` and ends the job. `cancel` stops a job between replications (a
 * replication runs synchronously and cannot read messages); to stop inside a replication, share a `cancelFlag`,
 * or terminate the worker.
 */
import type { Workflow } from '../../models';
import type { EventLogRow, GuardLimits, ReplicationResult } from '../report';

/** Bump when a message changes shape; a worker refuses a request of another version. */
export const workerProtocolVersion = 1;

/** Where the event log of a job goes. */
export type EventLogTarget =
  /** Rows are posted back in `eventLog` messages of at most `batchRows` rows (browser, tests). */
  | { mode: 'messages'; batchRows?: number }
  /** Node workers only: the worker streams rows as CSV to this file (one file per replication). */
  | { mode: 'csvFile'; pathTemplate: string };

/** Asks a worker to run some replications of one (already variant-applied) model. */
export interface RunRequest {
  type: 'run';
  protocol: number;
  jobId: number;
  model: Workflow;
  /** Replication indices (0-based) this worker runs, in this order. */
  replications: number[];
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  bucketMinutes?: number;
  guard?: Partial<GuardLimits>;
  eventLog?: EventLogTarget;
  /** Minimum wall-clock milliseconds between two progress messages of one worker (default 100). */
  progressIntervalMs?: number;
  /**
   * Optional cooperative cancellation that reaches a replication while it runs: a SharedArrayBuffer of at least
   * 4 bytes; when the client stores a non-zero Int32 at index 0, the engine's `signal.aborted` turns true, the
   * running replication ends with status `cancelled` and the job ends with `done { cancelled: true }`.
   * (Browsers share memory only when the page is cross-origin isolated; otherwise terminate the worker.)
   */
  cancelFlag?: SharedArrayBuffer;
}

/** Asks a worker to stop a job after the replication it is running. */
export interface CancelRequest {
  type: 'cancel';
  jobId: number;
}

export type ClientMessage = RunRequest | CancelRequest;

/** Simulated time reached in one replication. */
export interface ProgressMessage {
  type: 'progress';
  jobId: number;
  replication: number;
  simulatedMinutes: number;
  horizonMinutes: number;
}

/** A batch of event-log rows of one replication, in simulation order. */
export interface EventLogMessage {
  type: 'eventLog';
  jobId: number;
  replication: number;
  rows: EventLogRow[];
}

/** One replication finished (also when it stopped early as unstable or cancelled: see `result.status`). */
export interface ResultMessage {
  type: 'result';
  jobId: number;
  replication: number;
  result: ReplicationResult;
}

/** The worker finished every replication it was given (or stopped after a `cancel`). */
export interface DoneMessage {
  type: 'done';
  jobId: number;
  cancelled: boolean;
}

/** A failure: `replication` is null when the request itself was refused. */
export interface ErrorMessage {
  type: 'error';
  jobId: number;
  replication: number | null;
  message: string;
}

export type WorkerMessage = ProgressMessage | EventLogMessage | ResultMessage | DoneMessage | ErrorMessage;

/** A structural check of a message arriving at a worker (messages from a client are trusted but not blind). */
export function isClientMessage(value: unknown): value is ClientMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; jobId?: unknown; replications?: unknown };
  if (typeof message.jobId !== 'number') return false;
  if (message.type === 'cancel') return true;
  return message.type === 'run' && Array.isArray(message.replications);
}

/** A structural check of a message arriving at a client. */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; jobId?: unknown };
  return (
    typeof message.jobId === 'number' &&
    (message.type === 'progress' || message.type === 'eventLog' || message.type === 'result' || message.type === 'done' || message.type === 'error')
  );
}
