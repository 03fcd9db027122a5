/**
 * A comparison in progress: a zustand store (one per compare view) that runs each candidate in turn with the same
 * seed, replication count and horizon (common random numbers), each spread over the Web Workers.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ProgressTracker, type RunProgress } from '../simulation/progress';
import { startRun, type RunHandle, type RunnerFactory } from '../simulation/simulationClient';
import type { Candidate, CandidateRun } from './compareRows';

export interface CompareSettings {
  horizonMinutes: number;
  warmupMinutes: number;
  replications: number;
  seed: number;
}

export interface CompareState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  /** Progress over all candidates; `completedReplications` counts finished candidates here. */
  progress: (RunProgress & { current: string }) | null;
  runs: CandidateRun[];
  settings: CompareSettings | null;
  error: string | null;
  start(candidates: readonly Candidate[], settings: CompareSettings): Promise<void>;
  cancel(): void;
}

export type CompareStore = StoreApi<CompareState>;

/** Creates the store of one compare view. `runners` lets tests run without workers. */
export function createCompareStore(runners?: RunnerFactory): CompareStore {
  let handle: RunHandle | undefined;
  let generation = 0;
  return createStore<CompareState>()((set) => ({
    status: 'idle',
    progress: null,
    runs: [],
    settings: null,
    error: null,
    async start(candidates, settings) {
      handle?.cancel();
      const mine = ++generation;
      set({ status: 'running', runs: [], settings, error: null, progress: null });
      const tracker = new ProgressTracker(Math.max(1, candidates.length), 0, performance.now());
      const runs: CandidateRun[] = [];
      for (const [i, candidate] of candidates.entries()) {
        if (mine !== generation) return;
        const publish = () => set({ progress: { ...tracker.snapshot(performance.now()), current: candidate.label } });
        publish();
        handle = startRun(
          { model: candidate.model, variantId: candidate.variantId, ...settings },
          {
            onProgress: (p) => {
              if (mine !== generation) return;
              tracker.update(i, p.fraction, performance.now());
              publish();
            },
          },
          runners,
        );
        try {
          const outcome = await handle.outcome;
          if (mine !== generation) return;
          if (outcome.kind === 'cancelled') {
            set({ status: 'cancelled', progress: null });
            return;
          }
          runs.push({ candidate, report: outcome.report, results: outcome.results });
          tracker.complete(i, performance.now());
        } catch (error) {
          if (mine !== generation) return;
          set({ status: 'failed', progress: null, error: `${candidate.label}: ${error instanceof Error ? error.message : String(error)}` });
          return;
        }
      }
      if (mine === generation) set({ status: 'done', progress: null, runs });
    },
    cancel() {
      generation++;
      handle?.cancel();
      set({ status: 'cancelled', progress: null });
    },
  }));
}
