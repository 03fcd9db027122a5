import { useCallback, useEffect, useRef, useState } from 'react';
import { studioRunner, type RunReplications } from './engine';

/** The state of one experiment run in a panel. */
export interface ExperimentRunState<T> {
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  /** 0..1 over the whole experiment; null when the amount of work is not known in advance (a search). */
  progress: number | null;
  result: T | null;
  error: string | null;
}

/** Work of an experiment: given the studio runner and a progress callback (replications done, to do). */
export type ExperimentWork<T> = (run: RunReplications, onProgress: (done: number, total: number) => void, signal: AbortSignal) => Promise<T>;

/**
 * Runs one experiment at a time for a panel: progress, cancel, and cleanup when the panel closes (a run in flight
 * is cancelled, its workers stopped).
 */
export function useExperimentRun<T>(): { state: ExperimentRunState<T>; start: (work: ExperimentWork<T>, options?: { indeterminate?: boolean }) => void; cancel: () => void } {
  const [state, setState] = useState<ExperimentRunState<T>>({ status: 'idle', progress: 0, result: null, error: null });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  const cancel = useCallback(() => controller.current?.abort(), []);
  const start = useCallback((work: ExperimentWork<T>, options: { indeterminate?: boolean } = {}) => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    const indeterminate = options.indeterminate === true;
    setState({ status: 'running', progress: indeterminate ? null : 0, result: null, error: null });
    // Replications done give the coarse progress; the batch in flight adds its own share, so the bar moves smoothly.
    let done = 0;
    let total = 1;
    const runner = studioRunner(own.signal, (inFlight) => {
      if (!own.signal.aborted && !indeterminate) setState((s) => (s.status === 'running' ? { ...s, progress: Math.min(1, (done + inFlight) / Math.max(1, total)) } : s));
    });
    work(
      runner,
      (d, t) => {
        done = d;
        total = t;
        if (!own.signal.aborted && !indeterminate) setState((s) => (s.status === 'running' ? { ...s, progress: t > 0 ? d / t : 1 } : s));
      },
      own.signal,
    ).then(
      (result) => {
        if (controller.current === own && !own.signal.aborted) setState({ status: 'done', progress: 1, result, error: null });
      },
      (error: unknown) => {
        if (controller.current !== own) return;
        if (own.signal.aborted || (error instanceof Error && error.name === 'ExperimentCancelledError')) setState({ status: 'cancelled', progress: 0, result: null, error: null });
        else setState({ status: 'failed', progress: 0, result: null, error: error instanceof Error ? error.message : String(error) });
      },
    );
  }, []);
  return { state, start, cancel };
}
