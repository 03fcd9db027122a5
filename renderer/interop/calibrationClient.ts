import { runCalibration, type CalibrationOutcome, type CalibrationRequest } from './calibrationCore';

/**
 * Calibrates in a module Web Worker (a fresh one per job, so closing the dialog can stop it), or on the main thread
 * when no worker can run (Node tests, a worker that fails to start).
 * @example const job = startCalibration(request); const outcome = await job.outcome; job.cancel();
 */
export function startCalibration(request: CalibrationRequest): { outcome: Promise<CalibrationOutcome>; cancel: () => void } {
  let worker: Worker | null;
  try {
    worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./calibrationWorker.ts', import.meta.url), { type: 'module', name: 'flowcast-calibration' });
  } catch {
    worker = null;
  }
  if (!worker) {
    // Let the caller's "Calibrating…" state paint before the main thread is busy.
    return { outcome: new Promise((resolve) => setTimeout(() => resolve(runCalibration(request)), 30)), cancel: () => undefined };
  }
  const w = worker;
  let settled = false;
  const outcome = new Promise<CalibrationOutcome>((resolve) => {
    w.addEventListener('message', (event: MessageEvent<{ id: number; outcome: CalibrationOutcome }>) => {
      settled = true;
      w.terminate();
      resolve(event.data.outcome);
    });
    w.addEventListener('error', () => {
      // The worker could not start or crashed: do the work here instead.
      if (settled) return;
      settled = true;
      w.terminate();
      resolve(runCalibration(request));
    });
    w.postMessage({ id: 1, request });
  });
  return {
    outcome,
    cancel: () => {
      settled = true;
      w.terminate();
    },
  };
}
