import type { StudioState, StudioStore } from '../state';
import type { StudioDocument } from '../state/documentOps';

/** Names of the user intents; menus, shortcuts, the help overlay and tests all refer to them. */
export type ActionName =
  | 'newDocument'
  | 'openDocument'
  | 'saveDocument'
  | 'saveDocumentAs'
  | 'undo'
  | 'redo'
  | 'deleteSelection'
  | 'copySelection'
  | 'cutSelection'
  | 'pasteClipboard'
  | 'duplicateSelection'
  | 'selectAll'
  | 'clearSelection'
  | 'zoomToFit'
  | 'autoLayout'
  | 'toggleHelp'
  | 'toggleMinimap'
  | 'toggleSnap'
  | 'showModelSettings'
  | 'showProblems'
  | 'openCompare'
  | 'openExperiments'
  | 'importBpmn'
  | 'importEventLog'
  | 'exportBpmn'
  | 'exportReport'
  | 'exportReportPdf'
  | 'exportCsv'
  | 'exportEventLog'
  | 'exportEventLogXes';

/** The keys of a keyboard event that shortcuts look at (so tests can pass plain objects). */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** What a pure action returns: the next document (undoable) and/or session state. */
export interface ActionPatch {
  doc?: StudioDocument;
  selection?: { nodeIds: string[]; edgeIds: string[] };
  ui?: Partial<Pick<StudioState, 'clipboard' | 'helpOpen' | 'showMinimap' | 'snapToGrid' | 'inspectorTab' | 'dockTab' | 'compareOpen' | 'dialog'>>;
  status?: string;
}

/** Platform services an action may need; the app provides them, headless tests may leave them out. */
export interface ActionServices {
  newDocument?: () => Promise<void>;
  openDocument?: () => Promise<void>;
  saveDocument?: (saveAs: boolean) => Promise<void>;
  autoLayout?: () => Promise<void>;
}

/** The results' services (renderer/results/export), apart from the document's: the results panel provides them too. */
export interface ResultsServices {
  /** Exports the last run's results; says to run first when there are none. */
  exportResults?: (kind: 'report-html' | 'report-pdf' | 'csv' | 'event-log' | 'event-log-xes') => Promise<void>;
}

export interface ActionContext {
  store: StudioStore;
  services: ActionServices & ResultsServices;
}

/** One user intent (Excalidraw-style): `perform` is pure where it can be, returning a patch. */
export interface StudioAction {
  name: ActionName;
  label: string;
  /** Shortcut as shown in the help overlay and tooltips, e.g. "Ctrl+Z". */
  shortcut?: string;
  keyTest?: (event: KeyLike) => boolean;
  /** Whether the action applies now (disables buttons, skips shortcuts). */
  predicate?: (state: StudioState) => boolean;
  perform: (state: StudioState, context: ActionContext) => ActionPatch | void | Promise<void>;
  /** Shortcuts that still work while typing in a field (save, for instance). */
  inFields?: boolean;
}
