import { requestLayout } from '../canvas/layoutClient';
import { nodeSize } from '../canvas/toFlow';
import { forgetBrowserFile, openFile, saveFile, type OpenedFile } from '../platform/desktopBridge';
import { exampleTitle, examples } from '../platform/examples';
import type { StudioStore } from '../state';
import { blankDocument, edgesOf, moveNodes, nodesOf, type StudioDocument } from '../state/documentOps';
import type { ActionServices } from './types';

/** Document services on top of the platform bridge: new, open (files and examples), save, auto layout. */
export interface DocumentServices extends Required<ActionServices> {
  openExample: (id: string) => Promise<void>;
  /** Opens a model made by an import (BPMN, event log) as a new, unsaved document. */
  openImported: (model: unknown, name: string) => Promise<void>;
  openOpenedFile: (file: OpenedFile, options?: { example?: boolean }) => Promise<void>;
}

/** Asks before throwing away unsaved changes (desktop and browser alike; the shell adds its own close prompt). */
function confirmDiscard(store: StudioStore): boolean {
  const s = store.getState();
  if (s.savedDoc === s.doc) return true;
  return window.confirm(`"${s.name}" has unsaved changes. Discard them?`);
}

/**
 * Lays out the document's nodes with dagre in the layout worker, as one undo step (unless `record` is false, for
 * a document just opened), then fits the view.
 */
export async function layoutDocument(store: StudioStore, options: { record?: boolean } = {}): Promise<void> {
  const doc = store.getState().doc;
  const nodes = nodesOf(doc);
  if (nodes.length === 0) return;
  const { positions } = await requestLayout({
    nodes: nodes.map((n) => ({ id: n.id, width: nodeSize.width, height: nodeSize.height })),
    edges: edgesOf(doc).map((e) => ({ from: e.from, to: e.to, kind: e.kind })),
  });
  const s = store.getState();
  // The document changed while the worker ran: its layout would be stale.
  if (s.doc !== doc) return;
  const laid = moveNodes(doc, new Map(Object.entries(positions)));
  if (options.record === false) {
    const clean = s.savedDoc === doc;
    store.temporal.getState().pause();
    store.setState({ doc: laid, ...(clean ? { savedDoc: laid } : {}) });
    store.temporal.getState().resume();
  } else s.updateDocument(() => laid);
  s.requestFit();
}

/** Loads a file's text into the editor as it is: valid, invalid (with findings) or not even JSON (raw text). */
export async function loadText(store: StudioStore, file: OpenedFile, options: { example?: boolean } = {}): Promise<void> {
  const s = store.getState();
  let parsed: unknown;
  try {
    parsed = JSON.parse(file.text);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    s.loadDocument(blankDocument(file.name), { name: file.name, path: file.path, rawText: file.text });
    s.setUi({ dockTab: 'json', outlets: {} });
    s.setStatus(`"${file.name}" is not a JSON model file; its text is in the JSON tab to repair.`, 'error');
    return;
  }
  // A document restored after a crash is unsaved work: it opens marked so.
  s.loadDocument(parsed as StudioDocument, { name: file.name, path: options.example ? undefined : file.path, clean: !file.recoveredAt });
  s.setUi({ outlets: {} });
  const loaded = store.getState();
  const errors = loaded.validation.findings.filter((f) => f.severity === 'error').length;
  const unplaced = nodesOf(loaded.doc).filter((n) => !n.position).length;
  if (unplaced > 0) {
    // Positions are part of the file: laying out a user's file is an edit (undoable, marks it unsaved);
    // an example is laid out as shipped.
    await layoutDocument(store, { record: !options.example });
    if (!options.example) store.getState().setStatus(`Laid out ${unplaced} step${unplaced === 1 ? '' : 's'} that had no position.`);
  }
  store.getState().requestFit('readable');
  if (errors > 0) {
    store.getState().setUi({ dockTab: 'problems' });
    store.getState().setStatus(`Opened "${file.name}" with ${errors} error${errors === 1 ? '' : 's'}: see Problems. Nothing was changed.`, 'error');
  } else if (file.recoveredAt) store.getState().setStatus(`Recovered "${file.name}" from ${file.recoveredAt}.`);
}

export function createDocumentServices(store: StudioStore, onDocumentReplaced: () => void): DocumentServices {
  const openOpenedFile = async (file: OpenedFile, options: { example?: boolean } = {}) => {
    // The first-start hint is about the default scenario; another document makes it moot.
    store.getState().setUi({ hint: null });
    await loadText(store, file, options);
    onDocumentReplaced();
  };
  return {
    newDocument: async () => {
      if (!confirmDiscard(store)) return;
      forgetBrowserFile();
      store.getState().loadDocument(blankDocument(), { name: 'Untitled workflow' });
      store.getState().setUi({ outlets: {}, hint: null, inspectorTab: 'selection' });
      store.getState().requestFit();
      onDocumentReplaced();
    },
    openDocument: async () => {
      if (!confirmDiscard(store)) return;
      const file = await openFile();
      if (file) await openOpenedFile(file);
    },
    openExample: async (id: string) => {
      const entry = examples.find((e) => e.id === id);
      if (!entry) return store.getState().setStatus(`No example "${id}".`, 'error');
      if (!confirmDiscard(store)) return;
      forgetBrowserFile();
      const text = await entry.load();
      let name = exampleTitle(id);
      try {
        name = (JSON.parse(text) as { metadata?: { name?: string } }).metadata?.name ?? name;
      } catch {
        // The title from the id will do.
      }
      await openOpenedFile({ name, text }, { example: true });
    },
    openOpenedFile,
    openImported: async (model: unknown, name: string) => {
      if (!confirmDiscard(store)) return;
      forgetBrowserFile();
      await openOpenedFile({ name, text: JSON.stringify(model) });
      // Nothing on disk holds it yet.
      store.setState({ savedDoc: null });
    },
    saveDocument: async (saveAs: boolean) => {
      const s = store.getState();
      const text = s.rawText ?? `${JSON.stringify(s.doc, null, 2)}\n`;
      const docAtSave = s.doc;
      const result = await saveFile({ name: s.name, path: s.path, text }, saveAs);
      if (!result.ok) {
        if (!result.canceled) store.getState().setStatus(`Not saved: ${result.error ?? 'the file could not be written'}.`, 'error');
        return;
      }
      // Mark saved only the document that was written (edits made during the save stay unsaved).
      store.getState().markSaved({ doc: docAtSave, name: result.name, path: result.path });
      store.getState().setStatus(`Saved ${result.path ?? result.name}.`);
    },
    autoLayout: () => layoutDocument(store),
  };
}
