import { useCallback } from 'react';
import type { ModelFinding, Workflow } from '../../models';
import { useStudio, useStudioStore } from './context';

export { createStudioStore, type StudioState, type StudioStore, type HistoryState } from './createStudioStore';
export { StudioStoreContext, useStudio, useStudioStore } from './context';
export * from './documentOps';

/**
 * The current document as a validated model (defaults filled in), or undefined while it has errors, with all
 * findings. For the run, results and compare panels.
 */
export function useDocumentModel(): { model: Workflow | undefined; findings: ModelFinding[] } {
  const model = useStudio((s) => s.validation.model);
  const findings = useStudio((s) => s.validation.findings);
  return { model, findings };
}

/** A function that selects a node and centres it on the canvas (used by the bottleneck list, problems panel). */
export function useSelectNode(): (nodeId: string) => void {
  const store = useStudioStore();
  return useCallback((nodeId: string) => store.getState().requestFocus({ nodeId }), [store]);
}
