import { useContext, useSyncExternalStore } from 'react';
import type { Workflow } from '../../models';
import { StudioStoreContext } from '../state';

const noSubscription = () => () => {};

/**
 * The open document's validated model when the results panel sits inside the studio (undefined while the document
 * has errors), or `null` outside a studio (a test harness). Used to tell whether results are from an older model.
 */
export function useCurrentModel(): Workflow | undefined | null {
  const studio = useContext(StudioStoreContext);
  return useSyncExternalStore(studio ? studio.subscribe : noSubscription, () => (studio ? studio.getState().validation.model : null));
}
