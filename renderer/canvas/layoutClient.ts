import { layoutGraph, type LayoutRequest, type LayoutResult } from './layoutCore';

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (r: LayoutResult) => void; reject: (e: Error) => void }>();

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module', name: 'flowcast-layout' });
  } catch {
    worker = null;
  }
  worker?.addEventListener('message', (event: MessageEvent<{ id: number; result?: LayoutResult; error?: string }>) => {
    const job = pending.get(event.data.id);
    if (!job) return;
    pending.delete(event.data.id);
    if (event.data.result) job.resolve(event.data.result);
    else job.reject(new Error(`Layout failed: ${event.data.error ?? 'unknown error'}`));
  });
  worker?.addEventListener('error', () => {
    // A worker that cannot start (CSP, old browser): reject what waits and fall back to the main thread.
    for (const job of pending.values()) job.reject(new Error('The layout worker failed to start.'));
    pending.clear();
    worker = null;
  });
  return worker;
}

/**
 * Computes a layout off the main thread (module Web Worker), or on it when no worker can run (tests in Node).
 * @example const { positions } = await requestLayout({ nodes, edges });
 */
export async function requestLayout(request: LayoutRequest): Promise<LayoutResult> {
  const w = getWorker();
  if (!w) return layoutGraph(request);
  const id = nextId++;
  try {
    return await new Promise<LayoutResult>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ id, request });
    });
  } catch {
    return layoutGraph(request);
  }
}
