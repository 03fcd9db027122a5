import type { StateCreator } from 'zustand';
import type { ModelFinding, TemplateOutlet, Workflow } from '../../../models';
import type { Clipboard } from '../documentOps';
import type { StudioState } from '../createStudioStore';

export type InspectorTab = 'selection' | 'model';
export type DockTab = 'problems' | 'results' | 'json';
/** Full-window dialogs and areas over the editor. */
export type StudioDialog = 'importBpmn' | 'importEventLog' | 'exportBpmn' | 'experiments';

/** The result of validating the current document (session state: never saved, never undone). */
export interface ValidationState {
  model: Workflow | undefined;
  findings: ModelFinding[];
  /** Findings per node id (worst first), for the node badges. */
  byNode: ReadonlyMap<string, ModelFinding[]>;
  /** Findings per edge id (a branch without probability, an edge kind a step may not have), for the paths. */
  byEdge: ReadonlyMap<string, ModelFinding[]>;
  /** Findings per path (`nodes[3].duration.mean`), for the inspector fields. */
  byPath: ReadonlyMap<string, ModelFinding[]>;
  /** The document these findings belong to; differs from `doc` while a debounced validation is pending. */
  doc: unknown;
}

/** Session state of the editor: panels, overlays, clipboard, validation. None of it is undoable. */
export interface UiSlice {
  inspectorTab: InspectorTab;
  dockTab: DockTab;
  helpOpen: boolean;
  compareOpen: boolean;
  dialog: StudioDialog | null;
  showMinimap: boolean;
  snapToGrid: boolean;
  /** The first-start hint ("run it; open the target state; compare"), until dismissed. */
  hint: string | null;
  /** A short message for the status bar (what an action did or why it refused). */
  status: { text: string; tone: 'info' | 'error'; seq: number } | null;
  clipboard: Clipboard | null;
  /** Open ends of templates dropped on the canvas, per node: the next connection from there takes its label and share. */
  outlets: Readonly<Record<string, TemplateOutlet[]>>;
  validation: ValidationState;
  /**
   * Bumped to ask the canvas to fit the view: `all` shows the whole graph (zoom to fit, after a layout);
   * `readable` (after opening) shows a wide graph from its sources at a zoom where names can be read.
   */
  fitRequest: { seq: number; mode: 'all' | 'readable' };
  setUi: (patch: Partial<Pick<UiSlice, 'inspectorTab' | 'dockTab' | 'helpOpen' | 'compareOpen' | 'dialog' | 'showMinimap' | 'snapToGrid' | 'hint' | 'clipboard' | 'outlets'>>) => void;
  setStatus: (text: string, tone?: 'info' | 'error') => void;
  requestFit: (mode?: 'all' | 'readable') => void;
}

export const emptyValidation: ValidationState = { model: undefined, findings: [], byNode: new Map(), byEdge: new Map(), byPath: new Map(), doc: undefined };

export const createUiSlice: StateCreator<StudioState, [['temporal', unknown]], [], UiSlice> = (set, get) => ({
  inspectorTab: 'selection',
  dockTab: 'problems',
  helpOpen: false,
  compareOpen: false,
  dialog: null,
  showMinimap: true,
  snapToGrid: true,
  hint: null,
  status: null,
  clipboard: null,
  outlets: {},
  validation: emptyValidation,
  fitRequest: { seq: 0, mode: 'all' },
  setUi: (patch) => set(patch),
  setStatus: (text, tone = 'info') => set({ status: { text, tone, seq: (get().status?.seq ?? 0) + 1 } }),
  requestFit: (mode = 'all') => set({ fitRequest: { seq: get().fitRequest.seq + 1, mode } }),
});
