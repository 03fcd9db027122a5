/**
 * The worker side of the protocol, shared by the Node worker (simulator/node/simWorker.ts) and the browser
 * worker (simulator/worker/webWorker.ts), so both run replications through one code path. Platform pieces
 * (posting, yielding to the event loop, opening a CSV file) are injected.
 */
import type { Workflow } from '../../models';
import type { EventLogRow, ReplicationResult } from '../report';
import type { ReplicationOptions } from '../run';
import { isClientMessage, workerProtocolVersion, type RunRequest, type WorkerMessage } from './protocol';

/** What a worker host needs from its platform. */
export interface WorkerHostDeps {
  runReplication: (model: Workflow, options: ReplicationOptions) => ReplicationResult;
  post: (message: WorkerMessage) => void;
  /** Milliseconds of wall-clock time (only used to throttle progress messages). */
  now: () => number;
  /** Lets queued messages (a `cancel`) in between two replications. */
  yieldToEventLoop: () => Promise<void>;
  /** Opens a sink that writes one replication's event log to a file; absent where files cannot be written. */
  openEventLogFile?: (path: string, replication: number) => EventLogFileSink;
}

/** A streaming writer of event-log rows. */
export interface EventLogFileSink {
  write: (row: EventLogRow) => void;
  close: () => void;
}

/** The file a replication's event log is written to: `{replication}` in the template is replaced. */
export function eventLogPartPath(pathTemplate: string, replication: number): string {
  return pathTemplate.replace('{replication}', String(replication));
}

/**
 * Creates the message handler of a simulation worker.
 * @example parentPort.on('message', createWorkerHost({ runReplication, post: (m) => parentPort.postMessage(m), ... }));
 */
export function createWorkerHost(deps: WorkerHostDeps): (message: unknown) => void {
  const cancelled = new Set<number>();
  return (message: unknown) => {
    if (!isClientMessage(message)) {
      deps.post({ type: 'error', jobId: -1, replication: null, message: 'The simulation worker received a message it does not understand.' });
      return;
    }
    if (message.type === 'cancel') {
      cancelled.add(message.jobId);
      return;
    }
    void runJob(message, deps, cancelled);
  };
}

async function runJob(request: RunRequest, deps: WorkerHostDeps, cancelled: Set<number>): Promise<void> {
  const { jobId } = request;
  if (request.protocol !== workerProtocolVersion) {
    deps.post({ type: 'error', jobId, replication: null, message: `Worker protocol mismatch: the client speaks version ${request.protocol}, this worker ${workerProtocolVersion}.` });
    return;
  }
  // A `cancel` for this job can only follow its `run` message; one left from an earlier job with the same id
  // (a client that reuses ids) must not stop this one.
  cancelled.delete(jobId);
  // The engine polls `aborted` every few thousand events: a shared flag can flip it mid-replication.
  const flag = request.cancelFlag ? new Int32Array(request.cancelFlag, 0, 1) : undefined;
  const signal = {
    get aborted(): boolean {
      return flag !== undefined && Atomics.load(flag, 0) !== 0;
    },
  };
  const intervalMs = request.progressIntervalMs ?? 100;
  for (const replication of request.replications) {
    await deps.yieldToEventLoop();
    if (cancelled.has(jobId) || signal.aborted) {
      cancelled.delete(jobId);
      deps.post({ type: 'done', jobId, cancelled: true });
      return;
    }
    let sink: EventLogFileSink | undefined;
    let eventLog: ((row: EventLogRow) => void) | undefined;
    let flushRows: (() => void) | undefined;
    try {
      const target = request.eventLog;
      if (target?.mode === 'csvFile') {
        if (!deps.openEventLogFile) throw new Error('This worker cannot write files; ask for the event log as messages.');
        sink = deps.openEventLogFile(eventLogPartPath(target.pathTemplate, replication), replication);
        eventLog = sink.write;
      } else if (target?.mode === 'messages') {
        const batchRows = Math.max(1, target.batchRows ?? 5000);
        let rows: EventLogRow[] = [];
        flushRows = () => {
          if (rows.length === 0) return;
          deps.post({ type: 'eventLog', jobId, replication, rows });
          rows = [];
        };
        const flush = flushRows;
        eventLog = (row) => {
          rows.push(row);
          if (rows.length >= batchRows) flush();
        };
      }
      let lastPost = -Infinity;
      const result = deps.runReplication(request.model, {
        replication,
        seed: request.seed,
        horizonMinutes: request.horizonMinutes,
        warmupMinutes: request.warmupMinutes,
        bucketMinutes: request.bucketMinutes,
        guard: request.guard,
        signal,
        eventLog,
        onProgress: (fraction) => {
          const now = deps.now();
          if (now - lastPost < intervalMs) return;
          lastPost = now;
          deps.post({ type: 'progress', jobId, replication, simulatedMinutes: fraction * request.horizonMinutes, horizonMinutes: request.horizonMinutes });
        },
      });
      flushRows?.();
      sink?.close();
      sink = undefined;
      deps.post({ type: 'progress', jobId, replication, simulatedMinutes: request.horizonMinutes, horizonMinutes: request.horizonMinutes });
      deps.post({ type: 'result', jobId, replication, result });
      if (result.status === 'cancelled') {
        cancelled.delete(jobId);
        deps.post({ type: 'done', jobId, cancelled: true });
        return;
      }
    } catch (error) {
      try {
        sink?.close();
      } catch {
        // The original error is the one worth reporting.
      }
      deps.post({ type: 'error', jobId, replication, message: error instanceof Error ? error.message : String(error) });
      return;
    }
  }
  deps.post({ type: 'done', jobId, cancelled: false });
}
