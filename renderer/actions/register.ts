import type { StudioState } from '../state';
import { copyElements, deleteElements, edgesOf, nodesOf, pasteElements } from '../state/documentOps';
import type { ActionContext, ActionName, ActionPatch, KeyLike, StudioAction } from './types';

const mod = (e: KeyLike) => e.ctrlKey || e.metaKey;
const plain = (e: KeyLike) => !e.ctrlKey && !e.metaKey && !e.altKey;
const hasSelection = (s: StudioState) => s.selectedNodeIds.length > 0 || s.selectedEdgeIds.length > 0;
const canEditGraph = (s: StudioState) => s.rawText === null;

/** Every action of the studio, in help-overlay order. */
export const actions: readonly StudioAction[] = [
  {
    name: 'newDocument',
    label: 'New workflow',
    shortcut: 'Alt+N',
    keyTest: (e) => e.altKey && !mod(e) && e.key.toLowerCase() === 'n',
    perform: async (_s, ctx) => ctx.services.newDocument?.(),
  },
  {
    name: 'openDocument',
    label: 'Open…',
    shortcut: 'Ctrl+O',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'o',
    inFields: true,
    perform: async (_s, ctx) => ctx.services.openDocument?.(),
  },
  {
    name: 'saveDocument',
    label: 'Save',
    shortcut: 'Ctrl+S',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 's',
    inFields: true,
    perform: async (_s, ctx) => ctx.services.saveDocument?.(false),
  },
  {
    name: 'saveDocumentAs',
    label: 'Save as…',
    shortcut: 'Ctrl+Shift+S',
    keyTest: (e) => mod(e) && e.shiftKey && e.key.toLowerCase() === 's',
    inFields: true,
    perform: async (_s, ctx) => ctx.services.saveDocument?.(true),
  },
  {
    name: 'undo',
    label: 'Undo',
    shortcut: 'Ctrl+Z',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z',
    predicate: () => true,
    perform: (_s, ctx) => {
      ctx.store.temporal.getState().undo();
    },
  },
  {
    name: 'redo',
    label: 'Redo',
    shortcut: 'Ctrl+Shift+Z / Ctrl+Y',
    keyTest: (e) => mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || (!e.shiftKey && e.key.toLowerCase() === 'y')),
    perform: (_s, ctx) => {
      ctx.store.temporal.getState().redo();
    },
  },
  {
    name: 'deleteSelection',
    label: 'Delete selection',
    shortcut: 'Delete / Backspace',
    keyTest: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace'),
    predicate: (s) => hasSelection(s) && canEditGraph(s),
    perform: (s) => {
      const count = s.selectedNodeIds.length + s.selectedEdgeIds.length;
      return {
        doc: deleteElements(s.doc, s.selectedNodeIds, s.selectedEdgeIds),
        selection: { nodeIds: [], edgeIds: [] },
        status: `Deleted ${count} item${count === 1 ? '' : 's'}.`,
      };
    },
  },
  {
    name: 'copySelection',
    label: 'Copy',
    shortcut: 'Ctrl+C',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'c',
    predicate: (s) => s.selectedNodeIds.length > 0,
    perform: (s) => {
      const clip = copyElements(s.doc, s.selectedNodeIds);
      return clip ? { ui: { clipboard: clip }, status: `Copied ${clip.nodes.length} step${clip.nodes.length === 1 ? '' : 's'}.` } : undefined;
    },
  },
  {
    name: 'cutSelection',
    label: 'Cut',
    shortcut: 'Ctrl+X',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'x',
    predicate: (s) => s.selectedNodeIds.length > 0 && canEditGraph(s),
    perform: (s) => {
      const clip = copyElements(s.doc, s.selectedNodeIds);
      if (!clip) return undefined;
      return { ui: { clipboard: clip }, doc: deleteElements(s.doc, s.selectedNodeIds, s.selectedEdgeIds), selection: { nodeIds: [], edgeIds: [] } };
    },
  },
  {
    name: 'pasteClipboard',
    label: 'Paste',
    shortcut: 'Ctrl+V',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'v',
    predicate: (s) => s.clipboard !== null && canEditGraph(s),
    perform: (s) => {
      if (!s.clipboard) return undefined;
      const pasted = pasteElements(s.doc, s.clipboard);
      // The next paste lands a step further, so repeated pastes fan out instead of stacking.
      const clipboard = { ...s.clipboard, nodes: s.clipboard.nodes.map((n) => (n.position ? { ...n, position: { x: n.position.x + 40, y: n.position.y + 40 } } : n)) };
      return { doc: pasted.doc, selection: { nodeIds: pasted.nodeIds, edgeIds: [] }, ui: { clipboard } };
    },
  },
  {
    name: 'duplicateSelection',
    label: 'Duplicate',
    shortcut: 'Ctrl+D',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'd',
    predicate: (s) => s.selectedNodeIds.length > 0 && canEditGraph(s),
    perform: (s) => {
      const clip = copyElements(s.doc, s.selectedNodeIds);
      if (!clip) return undefined;
      const pasted = pasteElements(s.doc, clip);
      return { doc: pasted.doc, selection: { nodeIds: pasted.nodeIds, edgeIds: [] } };
    },
  },
  {
    name: 'selectAll',
    label: 'Select all',
    shortcut: 'Ctrl+A',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'a',
    perform: (s) => ({ selection: { nodeIds: nodesOf(s.doc).map((n) => n.id), edgeIds: edgesOf(s.doc).map((e) => e.id) } }),
  },
  {
    name: 'clearSelection',
    label: 'Clear selection / close overlay',
    shortcut: 'Esc',
    // Not while typing: Esc in a field must not take the form away.
    keyTest: (e) => e.key === 'Escape',
    perform: (s) => (s.helpOpen ? { ui: { helpOpen: false } } : s.dialog ? { ui: { dialog: null } } : { selection: { nodeIds: [], edgeIds: [] } }),
  },
  {
    name: 'zoomToFit',
    label: 'Zoom to fit',
    shortcut: 'Shift+1',
    keyTest: (e) => e.shiftKey && !mod(e) && (e.code === 'Digit1' || e.key === '!'),
    perform: (_s, ctx) => ctx.store.getState().requestFit(),
  },
  {
    name: 'autoLayout',
    label: 'Auto layout',
    shortcut: 'Shift+L',
    keyTest: (e) => e.shiftKey && !mod(e) && !e.altKey && e.key.toLowerCase() === 'l',
    predicate: (s) => canEditGraph(s) && nodesOf(s.doc).length > 0,
    perform: async (_s, ctx) => ctx.services.autoLayout?.(),
  },
  {
    name: 'toggleHelp',
    label: 'Keyboard shortcuts',
    shortcut: '?',
    keyTest: (e) => !mod(e) && e.key === '?',
    perform: (s) => ({ ui: { helpOpen: !s.helpOpen } }),
  },
  {
    name: 'toggleMinimap',
    label: 'Show / hide minimap',
    shortcut: 'M',
    keyTest: (e) => plain(e) && !e.shiftKey && e.key.toLowerCase() === 'm',
    perform: (s) => ({ ui: { showMinimap: !s.showMinimap } }),
  },
  {
    name: 'toggleSnap',
    label: 'Snap to grid on / off',
    shortcut: 'G',
    keyTest: (e) => plain(e) && !e.shiftKey && e.key.toLowerCase() === 'g',
    perform: (s) => ({ ui: { snapToGrid: !s.snapToGrid }, status: s.snapToGrid ? 'Snap to grid off.' : 'Snap to grid on.' }),
  },
  {
    name: 'showModelSettings',
    label: 'Model settings (pools, sites, shifts, SLAs, variants)',
    shortcut: 'Ctrl+,',
    keyTest: (e) => mod(e) && e.key === ',',
    perform: () => ({ ui: { inspectorTab: 'model' } }),
  },
  {
    name: 'showProblems',
    label: 'Show problems',
    shortcut: 'Ctrl+Shift+M',
    keyTest: (e) => mod(e) && e.shiftKey && e.key.toLowerCase() === 'm',
    perform: () => ({ ui: { dockTab: 'problems' } }),
  },
  {
    name: 'openCompare',
    label: 'Compare variants',
    perform: () => ({ ui: { compareOpen: true } }),
  },
  {
    name: 'openExperiments',
    label: 'Experiments (sweep, stress, recommend)',
    perform: () => ({ ui: { dialog: 'experiments' } }),
  },
  {
    name: 'importBpmn',
    label: 'Import BPMN…',
    perform: () => ({ ui: { dialog: 'importBpmn' } }),
  },
  {
    name: 'importEventLog',
    label: 'Import event log (calibrate)…',
    perform: () => ({ ui: { dialog: 'importEventLog' } }),
  },
  {
    name: 'exportBpmn',
    label: 'Export BPMN…',
    perform: () => ({ ui: { dialog: 'exportBpmn' } }),
  },
  // Exports of the last run's results: without results they say to run first, so they have no predicate.
  {
    name: 'exportReport',
    label: 'Export report (HTML)…',
    perform: async (_s, ctx) => ctx.services.exportResults?.('report-html'),
  },
  {
    name: 'exportReportPdf',
    label: 'Export report (PDF)…',
    perform: async (_s, ctx) => ctx.services.exportResults?.('report-pdf'),
  },
  {
    name: 'exportCsv',
    label: 'Export KPI tables (CSV)…',
    perform: async (_s, ctx) => ctx.services.exportResults?.('csv'),
  },
  {
    name: 'exportEventLog',
    label: 'Export event log (CSV)…',
    perform: async (_s, ctx) => ctx.services.exportResults?.('event-log'),
  },
  {
    name: 'exportEventLogXes',
    label: 'Export event log (XES)…',
    perform: async (_s, ctx) => ctx.services.exportResults?.('event-log-xes'),
  },
];

const byName = new Map(actions.map((a) => [a.name, a] as const));

/** The action with this name. */
export function getAction(name: ActionName): StudioAction {
  const action = byName.get(name);
  if (!action) throw new Error(`Flowcast error 002: no action named "${name}".`);
  return action;
}

/** Applies what a pure action returned to the store (the document change becomes one undo step). */
export function applyPatch(context: ActionContext, patch: ActionPatch): void {
  const state = context.store.getState();
  if (patch.doc !== undefined) {
    const doc = patch.doc;
    state.updateDocument(() => doc);
  }
  if (patch.selection) state.setSelection(patch.selection.nodeIds, patch.selection.edgeIds);
  if (patch.ui) state.setUi(patch.ui);
  if (patch.status) state.setStatus(patch.status);
}

/**
 * Runs an action by name if its predicate allows. Returns false when it did not apply.
 * @example await runAction('undo', { store, services: {} });
 */
export async function runAction(name: ActionName, context: ActionContext): Promise<boolean> {
  const action = getAction(name);
  const state = context.store.getState();
  if (action.predicate && !action.predicate(state)) return false;
  try {
    const result = await action.perform(state, context);
    if (result) applyPatch(context, result);
    return true;
  } catch (error) {
    context.store.getState().setStatus(`${action.label} failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
    return false;
  }
}

/** The action a key press asks for, if any (ignoring plain keys while the user types in a field). */
export function actionForKey(event: KeyLike, inField: boolean): StudioAction | undefined {
  return actions.find((a) => a.keyTest?.(event) && (!inField || a.inFields));
}
