/**
 * The worker_threads entry of the simulator (built to dist/cli/simWorker.js beside cli.js). It speaks the
 * protocol of simulator/worker/protocol.ts through the shared host, and can stream an event log to a CSV file.
 */
import { parentPort } from 'node:worker_threads';
import { runReplication } from '../run';
import { createWorkerHost } from '../worker/host';
import type { WorkerMessage } from '../worker/protocol';
import { openCsvEventLog } from './eventLogCsv';

if (!parentPort) throw new Error('simWorker.ts runs only as a worker thread.');
const port = parentPort;

const handle = createWorkerHost({
  runReplication,
  post: (message: WorkerMessage) => port.postMessage(message),
  now: () => performance.now(),
  yieldToEventLoop: () => new Promise<void>((resolve) => setImmediate(resolve)),
  // Part files hold rows only; the pool writes the header once when it joins them in replication order.
  openEventLogFile: (path) => openCsvEventLog(path, { header: false }),
});

port.on('message', handle);
