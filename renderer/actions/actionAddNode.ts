import { findTemplate, type NodeKind } from '../../models';
import type { StudioStore } from '../state';
import { addNode, connect, edgesOf, freshId, newNodeOfKind, nodesOf, sourceHandles, usedIds, type DocNode, type StudioDocument, type XY } from '../state/documentOps';

/** What the palette offers: a bare node kind or a ready-made template. */
export type PaletteItem = { type: 'kind'; kind: NodeKind } | { type: 'template'; templateId: string };

/** The drag-and-drop payload type on the canvas. */
export const paletteMime = 'application/x-flowcast-palette';

/**
 * Adds a palette item at a canvas position as one undo step and selects what was added. A template may bring
 * several nodes, internal edges and the pools, systems and calendars it needs (the model's own resources with
 * the same id win). Its open ends are remembered so the next connection from there gets their label and share.
 */
export function addPaletteItem(store: StudioStore, item: PaletteItem, position: XY): string[] {
  const state = store.getState();
  if (state.rawText !== null) {
    state.setStatus('Repair the JSON first: this document is not a model yet.', 'error');
    return [];
  }
  if (item.type === 'kind') {
    let added: DocNode | undefined;
    state.updateDocument((doc) => {
      const made = newNodeOfKind(doc, item.kind, position);
      added = made.node;
      return addNode(made.doc, made.node);
    });
    if (!added) return [];
    state.setSelection([added.id], []);
    return [added.id];
  }
  const template = findTemplate(item.templateId);
  if (!template) {
    state.setStatus(`Unknown template "${item.templateId}".`, 'error');
    return [];
  }
  const used = usedIds(state.doc);
  const entryId = freshId(item.templateId.replace(/-/g, '_').replace(/_+$/, '') + '_', used);
  const built = template.build(entryId, { x: Math.round(position.x), y: Math.round(position.y) });
  // Extra nodes are named `${entryId}-...`; make sure none collides with what exists.
  const clash = built.nodes.find((n) => used.has(n.id));
  if (clash) {
    state.setStatus(`Cannot add "${template.label}": id "${clash.id}" is taken.`, 'error');
    return [];
  }
  state.updateDocument((doc) => mergeBuild(doc, built));
  const outlets = { ...store.getState().outlets };
  for (const outlet of built.outlets) outlets[outlet.from] = [...(outlets[outlet.from] ?? []), outlet];
  state.setUi({ outlets });
  const ids = built.nodes.map((n) => n.id);
  state.setSelection(ids, []);
  state.setStatus(`Added "${template.label}"${built.outlets.length ? `: connect its ${built.outlets.length} open end${built.outlets.length === 1 ? '' : 's'}` : ''}.`);
  return ids;
}

function mergeBuild(doc: StudioDocument, built: ReturnType<NonNullable<ReturnType<typeof findTemplate>>['build']>): StudioDocument {
  const mergeById = <T extends { id: string }>(existing: unknown, extra: readonly T[]): T[] => {
    const list = Array.isArray(existing) ? (existing as T[]) : [];
    const ids = new Set(list.map((x) => x.id));
    return [...list, ...extra.filter((x) => !ids.has(x.id))];
  };
  return {
    ...doc,
    nodes: [...nodesOf(doc), ...built.nodes] as StudioDocument['nodes'],
    edges: [...edgesOf(doc), ...built.edges],
    pools: mergeById(doc.pools, built.pools),
    systems: mergeById(doc.systems, built.systems),
    calendars: mergeById(doc.calendars, built.calendars),
  };
}

/**
 * Connects two nodes from a handle (one undo step), using a template's open end when one is waiting there.
 * Returns the new edge id, or undefined (with a status message saying why) when refused.
 */
export function connectNodes(store: StudioStore, from: string, to: string, handleId: string | null | undefined): string | undefined {
  const state = store.getState();
  const pending = state.outlets[from] ?? [];
  const source = nodesOf(state.doc).find((n) => n.id === from);
  // The edge kind the handle makes (a credit check's "hold" handle makes a hold edge), so the right open end is used.
  const edgeKind = source ? (sourceHandles(source).find((h) => h.id === (handleId ?? 'out')) ?? sourceHandles(source)[0])?.kind : undefined;
  const outletIndex = pending.findIndex((o) => o.kind === edgeKind);
  const outlet = outletIndex >= 0 ? pending[outletIndex] : undefined;
  const result = connect(state.doc, from, to, handleId, outlet ? { probability: outlet.probability, label: outlet.label } : undefined);
  if (result.refused || !result.edgeId) {
    state.setStatus(result.refused ?? 'Not connected.', 'error');
    return undefined;
  }
  state.updateDocument(() => result.doc);
  if (outlet) state.setUi({ outlets: { ...state.outlets, [from]: pending.filter((_, i) => i !== outletIndex) } });
  return result.edgeId;
}
