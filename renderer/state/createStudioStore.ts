import { temporal } from 'zundo';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { blankDocument, nodesOf, type StudioDocument } from './documentOps';
import { createDocumentSlice, type DocumentSlice } from './slices/documentSlice';
import { createSelectionSlice, type SelectionSlice } from './slices/selectionSlice';
import { createUiSlice, type UiSlice } from './slices/uiSlice';
import { debounceAboveNodes, debounceMs, validateDocument } from './validation';

export type StudioState = DocumentSlice & SelectionSlice & UiSlice;

/** The undoable part of the state: the document only (not selection, viewport or panels). */
export type HistoryState = Pick<StudioState, 'doc' | 'rawText'>;

export type StudioStore = ReturnType<typeof createStudioStore>;

/**
 * Creates one studio store (xyflow-style: one store per editor instance, passed through context), with undo
 * history on the document and live validation of every document change.
 * @example const store = createStudioStore({ doc: blankDocument(), name: 'Untitled' });
 */
export function createStudioStore(initial: { doc?: StudioDocument; name?: string; path?: string; validateSync?: boolean } = {}) {
  const doc = initial.doc ?? blankDocument();
  const store = createStore<StudioState>()(
    temporal(
      (set, get, api) => ({
        ...createDocumentSlice({ doc, name: initial.name ?? 'Untitled workflow', path: initial.path })(set, get, api),
        ...createSelectionSlice(set, get, api),
        ...createUiSlice(set, get, api),
      }),
      {
        partialize: (s): HistoryState => ({ doc: s.doc, rawText: s.rawText }),
        // Only document changes make history entries; selection and panel changes pass by.
        equality: (a, b) => a.doc === b.doc && a.rawText === b.rawText,
        limit: 200,
      },
    ),
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  const validateNow = () => {
    timer = undefined;
    const s = store.getState();
    store.setState({ validation: validateDocument(s.doc, s.rawText) });
  };
  validateNow();
  store.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.rawText === prev.rawText) return;
    if (timer !== undefined) clearTimeout(timer);
    if (initial.validateSync || nodesOf(s.doc).length <= debounceAboveNodes) validateNow();
    else timer = setTimeout(validateNow, debounceMs);
  });
  return Object.assign(store, {
    /** Runs a pending debounced validation at once (before a save or a run). */
    flushValidation: () => {
      if (timer !== undefined) {
        clearTimeout(timer);
        validateNow();
      }
    },
  });
}

export type { StoreApi };
