import { useCallback } from 'react';
import { useRunStoreApi } from '../../simulation/runStore';
import { useStudioStore } from '../../state';
import { exportResults, type ResultsExportKind } from './exportResults';

/**
 * The `exportResults` service of the named export actions, bound to this studio's document store and run store.
 * The app passes it to every action; the results panel's Export menu runs the same actions with it.
 */
export function useExportResults(): (kind: ResultsExportKind) => Promise<void> {
  const store = useStudioStore();
  const runStore = useRunStoreApi();
  return useCallback(
    async (kind: ResultsExportKind) => {
      const s = store.getState();
      await exportResults(kind, { run: runStore.getState().last, documentName: s.name, currentModel: s.validation.model, setStatus: s.setStatus });
    },
    [store, runStore],
  );
}
