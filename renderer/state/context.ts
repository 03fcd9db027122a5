import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StudioState, StudioStore } from './createStudioStore';

/** The studio store of the nearest provider (one per editor instance). */
export const StudioStoreContext = createContext<StudioStore | null>(null);

/** The store itself, for event handlers and actions (reading state without subscribing). */
export function useStudioStore(): StudioStore {
  const store = useContext(StudioStoreContext);
  if (!store) throw new Error('Flowcast error 001: useStudio* was called outside <StudioStoreContext.Provider>.');
  return store;
}

/** Subscribes to a narrow slice of the studio state. */
export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(useStudioStore(), selector);
}
