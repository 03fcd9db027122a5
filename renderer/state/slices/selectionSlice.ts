import type { StateCreator } from 'zustand';
import type { StudioState } from '../createStudioStore';

/** What is selected, and a request to bring something into view (a node to centre, a field to focus). */
export interface SelectionSlice {
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  /** Bumped `seq` makes the canvas centre `nodeId` and the inspector focus the field at `path`. */
  focusRequest: { nodeId?: string; edgeId?: string; path?: string; seq: number } | null;
  setSelection: (nodeIds: string[], edgeIds: string[]) => void;
  requestFocus: (request: { nodeId?: string; edgeId?: string; path?: string }) => void;
}

export const createSelectionSlice: StateCreator<StudioState, [['temporal', unknown]], [], SelectionSlice> = (set, get) => ({
  selectedNodeIds: [],
  selectedEdgeIds: [],
  focusRequest: null,
  setSelection: (nodeIds, edgeIds) => {
    const s = get();
    if (sameList(s.selectedNodeIds, nodeIds) && sameList(s.selectedEdgeIds, edgeIds)) return;
    set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds });
  },
  requestFocus: (request) => {
    const s = get();
    set({
      focusRequest: { ...request, seq: (s.focusRequest?.seq ?? 0) + 1 },
      selectedNodeIds: request.nodeId ? [request.nodeId] : request.edgeId ? [] : s.selectedNodeIds,
      selectedEdgeIds: request.edgeId ? [request.edgeId] : request.nodeId ? [] : s.selectedEdgeIds,
    });
  },
});

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
