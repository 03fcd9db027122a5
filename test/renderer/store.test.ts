import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addPaletteItem, connectNodes } from '../../renderer/actions/actionAddNode';
import { loadText } from '../../renderer/actions/documentCommands';
import { actionForKey, runAction } from '../../renderer/actions/register';
import { layoutGraph } from '../../renderer/canvas/layoutCore';
import { createStudioStore, type StudioStore } from '../../renderer/state';
import { blankDocument, edgesOf, nodesOf, parsePath, pathText, reconnect, renameId, setAt, type StudioDocument } from '../../renderer/state/documentOps';

const minimal = JSON.parse(readFileSync(new URL('../fixtures/minimal.flowcast.json', import.meta.url), 'utf8')) as StudioDocument;

function fresh(doc: StudioDocument = blankDocument()): StudioStore {
  return createStudioStore({ doc, name: 'Test', validateSync: true });
}
const ctx = (store: StudioStore) => ({ store, services: {} });
const history = (store: StudioStore) => store.temporal.getState();
const errorCodes = (store: StudioStore) => store.getState().validation.findings.filter((f) => f.severity === 'error').map((f) => f.code);

/** Builds source -> activity -> end on a blank document, through the same calls the canvas makes. */
function buildSmall(store: StudioStore): { source: string; activity: string; end: string } {
  const [source] = addPaletteItem(store, { type: 'kind', kind: 'source' }, { x: 0, y: 0 });
  const [activity] = addPaletteItem(store, { type: 'kind', kind: 'activity' }, { x: 260, y: 0 });
  const [end] = addPaletteItem(store, { type: 'kind', kind: 'end' }, { x: 520, y: 0 });
  expect(connectNodes(store, source, activity, 'out')).toBeDefined();
  expect(connectNodes(store, activity, end, 'out')).toBeDefined();
  return { source, activity, end };
}

describe('editing the document', () => {
  it('adds a node of each kind with defaults, creating the pool an activity needs, as one undo step', () => {
    const store = fresh();
    const [id] = addPaletteItem(store, { type: 'kind', kind: 'activity' }, { x: 10.4, y: 20.6 });
    const doc = store.getState().doc;
    const node = nodesOf(doc).find((n) => n.id === id);
    expect(node).toMatchObject({ kind: 'activity', pool: 'team', position: { x: 10, y: 21 } });
    expect(doc.pools?.map((p) => p.id)).toEqual(['team']);
    expect(store.getState().selectedNodeIds).toEqual([id]);
    expect(history(store).pastStates).toHaveLength(1);
    history(store).undo();
    expect(nodesOf(store.getState().doc)).toHaveLength(0);
    expect(store.getState().doc.pools).toEqual([]);
  });

  it('builds a valid workflow from a blank canvas and validation follows every change', () => {
    const store = fresh();
    expect(errorCodes(store)).toContain('shape'); // no nodes at all
    const { activity } = buildSmall(store);
    expect(errorCodes(store)).toEqual([]);
    expect(store.getState().validation.model).toBeDefined();
    const index = nodesOf(store.getState().doc).findIndex((n) => n.id === activity);
    store.getState().updateDocument((d) => setAt(d, ['nodes', index, 'failureProbability'], 0.1));
    const finding = store.getState().validation.findings.find((f) => f.code === 'missing-error-edge');
    expect(finding?.nodeId).toBe(activity);
    expect(store.getState().validation.byNode.get(activity)?.length).toBeGreaterThan(0);
    expect(store.getState().validation.byPath.get(`nodes[${index}].failureProbability`)?.[0].code).toBe('missing-error-edge');
    expect(store.getState().validation.model).toBeUndefined();
    history(store).undo();
    expect(errorCodes(store)).toEqual([]);
  });

  it('chooses the edge kind from the source node and handle', () => {
    const store = fresh();
    const { activity, end } = buildSmall(store);
    const [desk] = addPaletteItem(store, { type: 'kind', kind: 'end' }, { x: 520, y: 200 });
    const errorEdge = connectNodes(store, activity, desk, 'error');
    expect(edgesOf(store.getState().doc).find((e) => e.id === errorEdge)?.kind).toBe('error');
    const [call] = addPaletteItem(store, { type: 'kind', kind: 'integration' }, { x: 0, y: 300 });
    expect(store.getState().doc.systems?.map((s) => s.id)).toEqual(['erp']);
    const dl = connectNodes(store, call, end, 'deadLetter');
    expect(edgesOf(store.getState().doc).find((e) => e.id === dl)?.kind).toBe('deadLetter');
  });

  it('gives the branches of a decision default probabilities the user then edits', () => {
    const store = fresh();
    const { source, activity, end } = buildSmall(store);
    const [decision] = addPaletteItem(store, { type: 'kind', kind: 'decision' }, { x: 100, y: 100 });
    const b1 = connectNodes(store, decision, activity, 'out');
    const b2 = connectNodes(store, decision, end, 'out');
    const branches = edgesOf(store.getState().doc).filter((e) => e.from === decision);
    expect(branches.map((e) => [e.id, e.kind, e.probability])).toEqual([
      [b1, 'branch', 0.5],
      [b2, 'branch', 0.5],
    ]);
    // A third branch gets the share left (none): the sum stays 1; removing its probability marks that path.
    const [extra] = addPaletteItem(store, { type: 'kind', kind: 'end' }, { x: 600, y: 300 });
    const b3 = connectNodes(store, decision, extra, 'out')!;
    expect(edgesOf(store.getState().doc).find((e) => e.id === b3)?.probability).toBe(0);
    const i3 = edgesOf(store.getState().doc).findIndex((e) => e.id === b3);
    store.getState().updateDocument((d) => setAt(d, ['edges', i3, 'probability'], undefined));
    expect(store.getState().validation.byEdge.get(b3)?.[0].code).toBe('branch-probability');
    expect(connectNodes(store, decision, source, 'out')).toBeUndefined();
    expect(store.getState().status?.text).toMatch(/source/);
    expect(connectNodes(store, decision, decision, 'out')).toBeUndefined();
  });

  it('uses the open ends of a template for the next connections (label and share)', () => {
    const store = fresh();
    const ids = addPaletteItem(store, { type: 'template', templateId: 'edi-intake' }, { x: 0, y: 0 });
    expect(ids.length).toBeGreaterThan(1);
    const doc = store.getState().doc;
    expect(doc.systems?.length).toBeGreaterThan(0);
    const decision = nodesOf(doc).find((n) => ids.includes(n.id) && n.kind === 'decision');
    expect(decision).toBeDefined();
    const [end] = addPaletteItem(store, { type: 'kind', kind: 'end' }, { x: 600, y: 0 });
    const edgeId = connectNodes(store, decision!.id, end, 'out');
    const edge = edgesOf(store.getState().doc).find((e) => e.id === edgeId);
    expect(edge).toMatchObject({ kind: 'branch', probability: 0.65, label: 'hands-free' });
  });

  it('deletes nodes with their edges; undo and redo walk the document history, and dirty follows the saved state', async () => {
    const store = fresh(minimal);
    expect(store.getState().savedDoc).toBe(store.getState().doc);
    store.getState().setSelection(['entry'], []);
    await runAction('deleteSelection', ctx(store));
    expect(nodesOf(store.getState().doc).map((n) => n.id)).toEqual(['orders', 'done']);
    expect(edgesOf(store.getState().doc)).toEqual([]);
    expect(store.getState().savedDoc).not.toBe(store.getState().doc);
    await runAction('undo', ctx(store));
    expect(nodesOf(store.getState().doc).map((n) => n.id)).toEqual(['orders', 'entry', 'done']);
    expect(edgesOf(store.getState().doc)).toHaveLength(2);
    expect(store.getState().savedDoc).toBe(store.getState().doc);
    await runAction('redo', ctx(store));
    expect(nodesOf(store.getState().doc).map((n) => n.id)).toEqual(['orders', 'done']);
  });

  it('selection changes are not undo steps', () => {
    const store = fresh(minimal);
    store.getState().setSelection(['entry'], []);
    store.getState().setUi({ inspectorTab: 'model' });
    expect(history(store).pastStates).toHaveLength(0);
  });

  it('merges typing into one field into one undo step', () => {
    const store = fresh(minimal);
    for (const v of [1, 12, 120]) store.getState().updateDocument((d) => setAt(d, ['nodes', 0, 'arrivals', 'ratePerHour'], v), { coalesce: 'nodes[0].arrivals.ratePerHour' });
    expect(history(store).pastStates).toHaveLength(1);
    store.getState().updateDocument((d) => setAt(d, ['nodes', 0, 'name'], 'Web orders'), { coalesce: 'nodes[0].name' });
    expect(history(store).pastStates).toHaveLength(2);
    history(store).undo();
    history(store).undo();
    expect((store.getState().doc.nodes[0] as { arrivals: { ratePerHour: number } }).arrivals.ratePerHour).toBe(6);
  });

  it('copies and pastes with fresh ids, remapped inner edges and an offset', async () => {
    const store = fresh({ ...minimal, nodes: minimal.nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 } })) });
    store.getState().setSelection(['orders', 'entry'], []);
    await runAction('copySelection', ctx(store));
    expect(history(store).pastStates).toHaveLength(0);
    await runAction('pasteClipboard', ctx(store));
    const doc = store.getState().doc;
    const pasted = store.getState().selectedNodeIds;
    expect(pasted).toEqual(['orders1', 'entry1']);
    expect(nodesOf(doc).find((n) => n.id === 'entry1')?.position).toEqual({ x: 240, y: 40 });
    const inner = edgesOf(doc).filter((e) => pasted.includes(e.from));
    expect(inner.map((e) => [e.from, e.to])).toEqual([['orders1', 'entry1']]);
    expect(new Set(edgesOf(doc).map((e) => e.id)).size).toBe(edgesOf(doc).length);
    await runAction('duplicateSelection', ctx(store));
    expect(store.getState().selectedNodeIds).toEqual(['orders2', 'entry2']);
    expect(history(store).pastStates).toHaveLength(2);
  });

  it('moves the end of a path, keeping its id, place and (in the same role) its label', () => {
    const withEnd = { ...minimal, nodes: [...minimal.nodes, { id: 'desk', kind: 'end', name: 'Desk' }], edges: minimal.edges?.map((e) => (e.id === 'e2' ? { ...e, label: 'entered' } : e)) } as StudioDocument;
    const moved = reconnect(withEnd, 'e2', 'entry', 'desk', 'out');
    expect(edgesOf(moved.doc).map((e) => [e.id, e.from, e.to, e.kind ?? 'next', e.label])).toEqual([
      ['e1', 'orders', 'entry', 'next', undefined],
      ['e2', 'entry', 'desk', 'next', 'entered'],
    ]);
    const asError = reconnect(withEnd, 'e2', 'entry', 'desk', 'error');
    expect(edgesOf(asError.doc)[1]).toEqual({ id: 'e2', from: 'entry', to: 'desk', kind: 'error' });
    expect(reconnect(withEnd, 'e2', 'entry', 'orders', 'out').refused).toMatch(/source/);
  });

  it('renames an id with every reference', () => {
    const renamed = renameId(minimal, 'node', 'entry', 'order-entry');
    expect(edgesOf(renamed).map((e) => [e.from, e.to])).toEqual([
      ['orders', 'order-entry'],
      ['order-entry', 'done'],
    ]);
    const pool = renameId(minimal, 'pool', 'clerks', 'desk');
    expect(nodesOf(pool).find((n) => n.id === 'entry')).toMatchObject({ pool: 'desk' });
    expect(pool.pools?.[0].id).toBe('desk');
    expect(minimal.pools?.[0].id).toBe('clerks');
  });
});

describe('opening files', () => {
  it('keeps a file that is not JSON verbatim, with its finding', async () => {
    const store = fresh();
    await loadText(store, { name: 'broken', text: '{ "formatVersion": 2, ' });
    expect(store.getState().rawText).toBe('{ "formatVersion": 2, ');
    expect(store.getState().validation.findings[0].code).toBe('json-syntax');
    expect(store.getState().dockTab).toBe('json');
  });

  it('opens an invalid model unchanged, with its findings', async () => {
    const store = fresh();
    const placed = minimal.nodes.map((n, i) => ({ ...n, position: { x: i * 240, y: 0 } }));
    const bad = { ...minimal, nodes: placed, edges: [{ id: 'e1', from: 'orders', to: 'nowhere' }] };
    await loadText(store, { name: 'bad', text: JSON.stringify(bad) });
    expect(store.getState().doc.edges).toEqual(bad.edges);
    expect(errorCodes(store)).toContain('dangling-edge');
    expect(store.getState().dockTab).toBe('problems');
    expect(history(store).pastStates).toHaveLength(0);
  });

  it('opens a document recovered after a crash as unsaved', async () => {
    const store = fresh();
    const placed = { ...minimal, nodes: minimal.nodes.map((n, i) => ({ ...n, position: { x: i * 240, y: 0 } })) };
    await loadText(store, { name: 'minimal', path: '/tmp/m.flowcast.json', text: JSON.stringify(placed), recoveredAt: '2026-11-27T08:00:00Z' });
    expect(store.getState().savedDoc).not.toBe(store.getState().doc);
    expect(store.getState().status?.text).toMatch(/Recovered/);
  });

  it('lays out a file without positions as an undoable, unsaved change', async () => {
    const store = fresh();
    await loadText(store, { name: 'minimal', text: JSON.stringify(minimal) });
    const xs = ['orders', 'entry', 'done'].map((id) => nodesOf(store.getState().doc).find((n) => n.id === id)?.position?.x ?? NaN);
    expect(xs[0]).toBeLessThan(xs[1]);
    expect(xs[1]).toBeLessThan(xs[2]);
    expect(store.getState().savedDoc).not.toBe(store.getState().doc);
    expect(history(store).pastStates).toHaveLength(1);
  });
});

describe('layout, keys and paths', () => {
  it('lays a chain out left to right with side paths off the main line', () => {
    const { positions } = layoutGraph({
      nodes: ['a', 'b', 'c', 'x'].map((id) => ({ id, width: 200, height: 80 })),
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'b', to: 'x', kind: 'error' },
      ],
    });
    expect(positions.a.x).toBeLessThan(positions.b.x);
    expect(positions.b.x).toBeLessThan(positions.c.x);
    expect(positions.x.y).not.toBe(positions.c.y);
  });

  it('maps keys to actions, and leaves plain keys to fields', () => {
    const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    expect(actionForKey(key('z', { ctrlKey: true }), false)?.name).toBe('undo');
    expect(actionForKey(key('Z', { ctrlKey: true, shiftKey: true }), false)?.name).toBe('redo');
    expect(actionForKey(key('Delete'), false)?.name).toBe('deleteSelection');
    expect(actionForKey(key('Delete'), true)).toBeUndefined();
    expect(actionForKey(key('s', { metaKey: true }), true)?.name).toBe('saveDocument');
    expect(actionForKey(key('Escape'), false)?.name).toBe('clearSelection');
    expect(actionForKey(key('Escape'), true)).toBeUndefined();
  });

  it('round-trips finding paths', () => {
    expect(parsePath('nodes[3].duration.mean')).toEqual(['nodes', 3, 'duration', 'mean']);
    expect(pathText(parsePath('variants[1] (peak): nodes[2].pool'))).toBe('variants[1]');
    expect(setAt({ a: [1, 2, 3] }, ['a', 1], undefined)).toEqual({ a: [1, 3] });
  });
});
