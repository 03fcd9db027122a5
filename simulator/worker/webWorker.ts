/**
 * The browser Web Worker entry of the simulator: the renderer creates it as a module worker
 * (`new Worker(new URL('../../simulator/worker/webWorker.ts', import.meta.url), { type: 'module' })`) and talks to
 * it with the messages of ./protocol.ts, usually through `runReplicationsOnWorkers` of ./pool.ts.
 * The event log can only come back as `eventLog` messages here (a browser worker writes no files).
 */
import { runReplication } from '../run';
import { createWorkerHost } from './host';
import type { WorkerMessage } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const handle = createWorkerHost({
  runReplication,
  post: (message: WorkerMessage) => self.postMessage(message),
  now: () => performance.now(),
  // A zero-delay timeout lets a queued `cancel` message run between two replications.
  yieldToEventLoop: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
});

self.addEventListener('message', (event: MessageEvent<unknown>) => handle(event.data));
