import type { TemporalState } from 'zundo';
import type { StateCreator, StoreApi } from 'zustand';
import type { StudioDocument } from '../documentOps';
import type { HistoryState, StudioState } from '../createStudioStore';

/**
 * The document being edited. `doc` is the only undoable state (zundo partializes to it); `rawText` holds a file
 * that is not JSON at all, kept verbatim so the user can repair it in the JSON view instead of losing it.
 */
export interface DocumentSlice {
  doc: StudioDocument;
  rawText: string | null;
  name: string;
  /** Where the document lives (a desktop path or a browser file name); undefined before the first save. */
  path: string | undefined;
  /** The document as last opened or saved: dirty is `doc !== savedDoc`, so undoing back to it clears the marker. */
  savedDoc: StudioDocument | null;
  /** Replaces the whole document (new, open): clears undo history and selection. */
  loadDocument: (doc: StudioDocument, meta: { name: string; path?: string; rawText?: string | null; clean?: boolean }) => void;
  /**
   * Changes the document. `coalesce` merges consecutive edits with the same key within a second into one undo
   * step (typing "120" into a field is one change, not three).
   */
  updateDocument: (recipe: (doc: StudioDocument) => StudioDocument, options?: { coalesce?: string }) => void;
  setRawText: (text: string | null) => void;
  /** Marks `doc` (the document as it was written, which may be older than the current one) as saved. */
  markSaved: (meta: { name: string; path?: string; doc: StudioDocument }) => void;
}

export const createDocumentSlice =
  (initial: { doc: StudioDocument; name: string; path?: string }): StateCreator<StudioState, [['temporal', unknown]], [], DocumentSlice> =>
  (set, get, api) => {
    // zundo types its own store as `unknown` inside the creator; this is that store.
    const history = () => (api as unknown as { temporal: StoreApi<TemporalState<HistoryState>> }).temporal;
    let lastCoalesce: { key: string; at: number } | undefined;
    return {
      doc: initial.doc,
      rawText: null,
      name: initial.name,
      path: initial.path,
      savedDoc: initial.doc,
      loadDocument: (doc, meta) => {
        lastCoalesce = undefined;
        set({
          doc,
          rawText: meta.rawText ?? null,
          name: meta.name,
          path: meta.path,
          savedDoc: meta.clean === false ? null : doc,
          selectedNodeIds: [],
          selectedEdgeIds: [],
        });
        history().getState().clear();
      },
      updateDocument: (recipe, options) => {
        const before = get().doc;
        const after = recipe(before);
        if (after === before) return;
        const now = Date.now();
        const temporal = history().getState();
        const merge = options?.coalesce !== undefined && lastCoalesce?.key === options.coalesce && now - lastCoalesce.at < 1000 && temporal.pastStates.length > 0;
        lastCoalesce = options?.coalesce !== undefined ? { key: options.coalesce, at: now } : undefined;
        if (merge) {
          // The step already holds the state before the first keystroke; later keystrokes join it.
          temporal.pause();
          set({ doc: after });
          temporal.resume();
          // A redo branch makes no sense after an edit, whether merged or not.
          if (temporal.futureStates.length > 0) history().setState({ futureStates: [] });
        } else set({ doc: after });
      },
      setRawText: (text) => set({ rawText: text }),
      markSaved: (meta) => set({ savedDoc: meta.doc, name: meta.name, path: meta.path }),
    };
  };
