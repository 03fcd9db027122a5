import type { ModelFinding } from '../../models';
import type { DocumentServices } from '../actions/documentCommands';
import { runAction } from '../actions/register';
import type { ActionName } from '../actions/types';
import type { StudioStore } from '../state';
import { cloneJson } from '../../models';

/**
 * `window.__flowcastTest`: a small typed door for the Playwright fixtures, to load data and read state without
 * going through file dialogs. Everything it does, a user can do too (it changes nothing a user could not).
 */
export interface FlowcastTestApi {
  /** A deep copy of the document being edited. */
  getDocument(): unknown;
  /** Loads a document as if opened from a file named `name` (validated, laid out when it has no positions). */
  loadDocument(json: unknown, name?: string): Promise<void>;
  /** Opens a shipped example by id. */
  openExample(id: string): Promise<void>;
  /** The current findings (runs a pending debounced validation first). */
  getFindings(): ModelFinding[];
  getSelection(): { nodeIds: string[]; edgeIds: string[] };
  select(nodeIds: string[], edgeIds?: string[]): void;
  runAction(name: ActionName): Promise<boolean>;
  isDirty(): boolean;
  historySize(): { past: number; future: number };
  /** The document title shown in the toolbar (with the unsaved marker). */
  title(): string;
}

declare global {
  interface Window {
    __flowcastTest?: FlowcastTestApi;
  }
}

export function installTestApi(store: StudioStore, services: DocumentServices): void {
  const api: FlowcastTestApi = {
    getDocument: () => cloneJson(store.getState().doc),
    loadDocument: (json, name = 'Test document') => services.openOpenedFile({ name, text: typeof json === 'string' ? json : JSON.stringify(json) }),
    openExample: (id) => services.openExample(id),
    getFindings: () => {
      store.flushValidation();
      return store.getState().validation.findings.map((f) => ({ ...f }));
    },
    getSelection: () => ({ nodeIds: [...store.getState().selectedNodeIds], edgeIds: [...store.getState().selectedEdgeIds] }),
    select: (nodeIds, edgeIds = []) => store.getState().setSelection(nodeIds, edgeIds),
    runAction: (name) => runAction(name, { store, services }),
    isDirty: () => store.getState().savedDoc !== store.getState().doc,
    historySize: () => ({ past: store.temporal.getState().pastStates.length, future: store.temporal.getState().futureStates.length }),
    title: () => document.title,
  };
  window.__flowcastTest = api;
}
