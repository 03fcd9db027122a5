import type { EventLogOutcome, EventLogRequest } from './eventLogCore';

/**
 * Builds the event log (CSV or XES) in a module Web Worker (a fresh one per export), or on the main thread when no worker
 * can run (a worker that fails to start). The engine is loaded only then, not with the app.
 * @example const outcome = await buildEventLogOffThread(request);
 */
export function buildEventLogOffThread(request: EventLogRequest): Promise<EventLogOutcome> {
  let worker: Worker | null;
  try {
    worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./eventLogWorker.ts', import.meta.url), { type: 'module', name: 'flowcast-event-log' });
  } catch {
    worker = null;
  }
  if (!worker) return buildOnMainThread(request);
  const w = worker;
  return new Promise<EventLogOutcome>((resolve) => {
    let settled = false;
    w.addEventListener('message', (event: MessageEvent<{ id: number; outcome: EventLogOutcome }>) => {
      settled = true;
      w.terminate();
      resolve(event.data.outcome);
    });
    w.addEventListener('error', (event) => {
      // The worker could not start or crashed: do the work here instead.
      event.preventDefault();
      if (settled) return;
      settled = true;
      w.terminate();
      void buildOnMainThread(request).then(resolve);
    });
    w.postMessage({ id: 1, request });
  });
}

async function buildOnMainThread(request: EventLogRequest): Promise<EventLogOutcome> {
  const [{ buildEventLog }, { runReplication }] = await Promise.all([import('./eventLogCore'), import('../../simulation/eventLog')]);
  // Let the status "Making the event log…" paint before the main thread is busy.
  await new Promise<void>((resolve) => setTimeout(resolve, 30));
  return buildEventLog(request, runReplication);
}
