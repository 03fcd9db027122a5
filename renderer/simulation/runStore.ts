/**
 * The state of simulation runs: a zustand store factory (one store per instance, house style), and the studio's
 * own instance that the run panel, the results panel and the canvas overlay share.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Workflow } from '../../models';
import type { RunProgress } from './progress';
import type { RunReport } from './report';
import { startRun, type Instability, type RunHandle, type RunRequest, type RunnerFactory } from './simulationClient';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** The settings a user picks in the run panel. */
export interface RunSettings {
  variantId: string | null;
  horizonMinutes: number;
  warmupMinutes: number;
  replications: number;
  seed: number;
}

/** A finished run: its report, what produced it, and how long it took. */
export interface CompletedRun {
  report: RunReport;
  settings: RunSettings;
  /** The document's model the run started from: the UI compares it with the open document to flag stale results. */
  model: Workflow;
  /** The model as simulated (the variant applied): what overlays and flows are read against. */
  simulatedModel: Workflow;
  wallSeconds: number;
  /** Workers that ran replications; 0 when the main-thread fallback ran them all. */
  workers: number;
  /** Replications stopped by a guard rail (an unstable model), with the node to show. */
  instabilities: Instability[];
}

export interface RunState {
  status: RunStatus;
  progress: RunProgress | null;
  /** The last finished run; kept while a new run goes, so results stay on screen. */
  last: CompletedRun | null;
  /** Why the last run failed (names the place when the engine does). */
  error: string | null;
  /** Settings of the run going now (or last started). */
  settings: RunSettings | null;
  start(model: Workflow, settings: RunSettings): Promise<void>;
  cancel(): void;
  /** Forgets results (e.g. when another document is opened). */
  clear(): void;
}

export type RunStore = StoreApi<RunState>;

/**
 * Creates a run store. `runners` lets tests run without workers.
 * @example const store = createRunStore(); await store.getState().start(model, settings);
 */
export function createRunStore(runners?: RunnerFactory): RunStore {
  let handle: RunHandle | undefined;
  // Runs are numbered so a late result of a cancelled or superseded run never overwrites a newer one.
  let generation = 0;
  return createStore<RunState>()((set) => ({
    status: 'idle',
    progress: null,
    last: null,
    error: null,
    settings: null,
    async start(model, settings) {
      handle?.cancel();
      const mine = ++generation;
      const request: RunRequest = { model, ...settings };
      set({ status: 'running', progress: null, error: null, settings });
      handle = startRun(request, { onProgress: (progress) => mine === generation && set({ progress }) }, runners);
      try {
        const outcome = await handle.outcome;
        if (mine !== generation) return;
        if (outcome.kind === 'cancelled') set({ status: 'cancelled', progress: null });
        else set({ status: 'done', progress: null, last: { report: outcome.report, settings, model, simulatedModel: outcome.simulatedModel, wallSeconds: outcome.wallSeconds, workers: outcome.workers, instabilities: outcome.instabilities } });
      } catch (error) {
        if (mine !== generation) return;
        set({ status: 'failed', progress: null, error: error instanceof Error ? error.message : String(error) });
      } finally {
        if (mine === generation) handle = undefined;
      }
    },
    cancel() {
      handle?.cancel();
    },
    clear() {
      handle?.cancel();
      generation++;
      handle = undefined;
      set({ status: 'idle', progress: null, last: null, error: null, settings: null });
    },
  }));
}

/** The studio's run store: the one the run panel fills and the results panel and canvas overlay read. */
export const studioRunStore: RunStore = createRunStore();

/** Lets a subtree (a test, a second document window) use another run store; defaults to the studio's. */
export const RunStoreContext = createContext<RunStore>(studioRunStore);

/** Selects from the run store in context. Select narrowly: the progress field changes ten times a second. */
export function useRunStore<T>(selector: (state: RunState) => T): T {
  return useStore(useContext(RunStoreContext), selector);
}

/** The run store in context itself (for actions: `useRunStoreApi().getState().start(...)`). */
export function useRunStoreApi(): RunStore {
  return useContext(RunStoreContext);
}
