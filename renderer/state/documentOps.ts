import {
  cloneJson,
  isPlainObject,
  type EdgeKind,
  type NodeKind,
  type WorkflowInput,
} from '../../models';

/**
 * Pure operations on the document being edited. The document is the model file's JSON (`WorkflowInput`); it may
 * be invalid while the user works on it, so every reader here is defensive and every writer returns a new
 * document (structural sharing: untouched nodes keep their identity, which keeps React Flow's memo working).
 */
export type StudioDocument = WorkflowInput;
export type DocNode = WorkflowInput['nodes'][number];
export type DocEdge = NonNullable<WorkflowInput['edges']>[number];
export interface XY {
  x: number;
  y: number;
}

/** A path into the document, as zod gives it: `['nodes', 3, 'duration', 'mean']`. */
export type DocPath = ReadonlyArray<string | number>;

/** The nodes of a document, or none when the document has no usable node list. */
export function nodesOf(doc: StudioDocument | undefined): DocNode[] {
  const nodes = (doc as { nodes?: unknown } | undefined)?.nodes;
  return Array.isArray(nodes) ? (nodes.filter((n) => isPlainObject(n) && typeof n.id === 'string') as DocNode[]) : [];
}

/** The edges of a document, or none when the document has no usable edge list. */
export function edgesOf(doc: StudioDocument | undefined): DocEdge[] {
  const edges = (doc as { edges?: unknown } | undefined)?.edges;
  return Array.isArray(edges)
    ? (edges.filter((e) => isPlainObject(e) && typeof e.id === 'string' && typeof e.from === 'string' && typeof e.to === 'string') as DocEdge[])
    : [];
}

/** Reads the value at a path, or undefined. */
export function getAt(value: unknown, path: DocPath): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * Returns a copy of `root` with `value` at `path` (copying only the objects on the way). `undefined` removes
 * the key (optional fields are omitted rather than written as null). Missing objects on the way are created.
 */
export function setAt<T>(root: T, path: DocPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const container: unknown = root;
  const child = container !== null && typeof container === 'object' ? (container as Record<string | number, unknown>)[head] : undefined;
  const nextChild = rest.length === 0 ? value : setAt(child ?? (typeof rest[0] === 'number' ? [] : {}), rest, value);
  if (Array.isArray(container)) {
    const copy = container.slice();
    if (nextChild === undefined && typeof head === 'number') copy.splice(head, 1);
    else copy[head as number] = nextChild;
    return copy as T;
  }
  const copy: Record<string | number, unknown> = isPlainObject(container) ? { ...container } : {};
  if (nextChild === undefined) delete copy[head];
  else copy[head] = nextChild;
  return copy as T;
}

/** Formats a path the way findings do: `nodes[3].duration.mean`. */
export function pathText(path: DocPath): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out;
}

/** Parses `nodes[3].duration.mean` back into `['nodes', 3, 'duration', 'mean']` (the prefix before any ':'). */
export function parsePath(text: string): Array<string | number> {
  const clean = text.split(' ')[0].split(':')[0];
  const out: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(clean)) !== null) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** A fresh, empty document: one site, no steps yet (it fails validation until a source and an end exist). */
export function blankDocument(name = 'Untitled workflow'): StudioDocument {
  return {
    formatVersion: 2,
    metadata: { name, description: '', assumptions: [] },
    currency: 'USD',
    run: { horizon: { value: 7, unit: 'd' }, warmup: { value: 1, unit: 'd' }, replications: 10, seed: 1 },
    priorityClasses: ['standard'],
    sites: [{ id: 'main', name: 'Main site', volumeShare: 1, overrides: [] }],
    calendars: [],
    pools: [],
    systems: [],
    nodes: [] as unknown as StudioDocument['nodes'],
    edges: [],
    slas: [],
    variants: [],
  };
}

/** The smallest unused id of the form `${prefix}${n}` (deterministic, readable). */
export function freshId(prefix: string, used: ReadonlySet<string>): string {
  const base = prefix.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z]+/, '') || 'n';
  for (let i = 1; ; i++) {
    const id = `${base}${i}`;
    if (!used.has(id)) return id;
  }
}

/** Ids of every node and edge, to draw new ones from. */
export function usedIds(doc: StudioDocument): Set<string> {
  return new Set([...nodesOf(doc).map((n) => n.id), ...edgesOf(doc).map((e) => e.id)]);
}

const kindLabels: Record<NodeKind, string> = {
  source: 'Order source',
  activity: 'Activity',
  integration: 'System call',
  decision: 'Decision',
  split: 'Split',
  join: 'Join',
  delay: 'Delay',
  batch: 'Batch / wave',
  allocate: 'Allocate stock',
  creditCheck: 'Credit check',
  awaitPayment: 'Await payment',
  end: 'End',
};

/** The display label of a node kind. */
export function kindLabel(kind: NodeKind): string {
  return kindLabels[kind] ?? kind;
}

/**
 * A new node of a kind with defaults that validate, given what the document already has (its first pool or
 * system, its splits). Returns the node and the document changes it needs (a default pool or system when the
 * document has none, so a new activity is valid at once).
 */
export function newNodeOfKind(doc: StudioDocument, kind: NodeKind, position: XY): { doc: StudioDocument; node: DocNode } {
  const used = usedIds(doc);
  const id = freshId(kind === 'integration' ? 'call' : kind, used);
  const base = { id, name: kindLabel(kind), position: roundPosition(position) };
  let next = doc;
  let node: DocNode;
  switch (kind) {
    case 'source':
      node = { ...base, name: 'Orders', kind, arrivals: { ratePerHour: 10 } };
      break;
    case 'activity': {
      const ensured = ensurePool(next);
      next = ensured.doc;
      node = { ...base, kind, pool: ensured.poolId, quantity: 1, duration: { kind: 'lognormal', mean: 5, sd: 2, unit: 'min' } };
      break;
    }
    case 'integration': {
      const ensured = ensureSystem(next);
      next = ensured.doc;
      node = { ...base, kind, system: ensured.systemId, latency: { kind: 'lognormal', mean: 2, sd: 1, unit: 's' } };
      break;
    }
    case 'decision':
      node = { ...base, kind, mode: 'probability' };
      break;
    case 'split':
      node = { ...base, kind };
      break;
    case 'join': {
      const split = nodesOf(doc).find((n) => n.kind === 'split');
      node = { ...base, kind, split: split?.id ?? 'split1' };
      break;
    }
    case 'delay':
      node = { ...base, kind, duration: { kind: 'constant', value: 30, unit: 'min' } };
      break;
    case 'batch':
      node = { ...base, name: 'Wave release', kind, every: { value: 60, unit: 'min' } };
      break;
    case 'allocate':
      node = { ...base, kind, policy: 'shipAvailable' };
      break;
    case 'creditCheck':
      node = { ...base, kind };
      break;
    case 'awaitPayment':
      // With customer segments the wait follows each segment's days-to-pay; without, the node needs its own.
      node = doc.customers ? { ...base, kind } : { ...base, kind, daysToPay: { kind: 'gamma', mean: 45, sd: 15, unit: 'd' } };
      break;
    case 'end':
      node = { ...base, name: 'Done', kind, outcome: 'fulfilled' };
      break;
  }
  return { doc: next, node };
}

function ensurePool(doc: StudioDocument): { doc: StudioDocument; poolId: string } {
  const pools = Array.isArray(doc.pools) ? doc.pools : [];
  if (pools.length > 0 && typeof pools[0].id === 'string') return { doc, poolId: pools[0].id };
  return { doc: { ...doc, pools: [...pools, { id: 'team', name: 'Team', scope: 'site', capacity: 2, costPerHour: 30 }] }, poolId: 'team' };
}

function ensureSystem(doc: StudioDocument): { doc: StudioDocument; systemId: string } {
  const systems = Array.isArray(doc.systems) ? doc.systems : [];
  if (systems.length > 0 && typeof systems[0].id === 'string') return { doc, systemId: systems[0].id };
  return { doc: { ...doc, systems: [...systems, { id: 'erp', name: 'ERP', kind: 'erp' }] }, systemId: 'erp' };
}

function roundPosition(p: XY): XY {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** Returns the document with one more node. */
export function addNode(doc: StudioDocument, node: DocNode): StudioDocument {
  return { ...doc, nodes: [...nodesOf(doc), node] as StudioDocument['nodes'] };
}

/** Source handles a node kind offers, and the edge kind each one makes. */
export function sourceHandles(node: DocNode): Array<{ id: string; kind: EdgeKind; label: string }> {
  switch (node.kind) {
    case 'end':
      return [];
    case 'decision':
      return [{ id: 'out', kind: 'branch', label: 'branch' }];
    case 'activity':
      return [
        { id: 'out', kind: 'next', label: 'next' },
        { id: 'error', kind: 'error', label: 'error' },
        { id: 'overflow', kind: 'overflow', label: 'overflow' },
      ];
    case 'integration':
      return [
        { id: 'out', kind: 'next', label: 'next' },
        { id: 'deadLetter', kind: 'deadLetter', label: 'dead letter' },
      ];
    case 'allocate':
      // The error path takes shipments whose every line was cancelled (waited longer than maxBackorderWait).
      return [
        { id: 'out', kind: 'next', label: 'next' },
        { id: 'error', kind: 'error', label: 'all lines cancelled' },
      ];
    case 'creditCheck':
      return [
        { id: 'out', kind: 'next', label: 'released' },
        { id: 'hold', kind: 'hold', label: 'credit hold (manual review)' },
      ];
    default:
      return [{ id: 'out', kind: 'next', label: 'next' }];
  }
}

/** The source handle an edge is drawn from. */
export function handleForEdgeKind(kind: EdgeKind | undefined): string {
  return kind === 'error' || kind === 'overflow' || kind === 'deadLetter' || kind === 'hold' ? kind : 'out';
}

/**
 * Connects two nodes from a source handle. The edge kind follows from the source node and handle; a decision's
 * new branch gets a default probability (the share not yet given to its other branches) or, in condition mode,
 * becomes the `otherwise` branch if there is none yet. Refuses self-loops, edges into a source, duplicates.
 */
export function connect(
  doc: StudioDocument,
  from: string,
  to: string,
  handleId: string | null | undefined,
  hint?: { probability?: number; label?: string },
): { doc: StudioDocument; edgeId?: string; refused?: string } {
  const nodes = nodesOf(doc);
  const source = nodes.find((n) => n.id === from);
  const target = nodes.find((n) => n.id === to);
  if (!source || !target) return { doc, refused: 'Both ends must be steps of this workflow.' };
  if (from === to) return { doc, refused: 'A step cannot lead to itself.' };
  if (target.kind === 'source') return { doc, refused: 'No edge may lead into an order source.' };
  const handle = sourceHandles(source).find((h) => h.id === (handleId ?? 'out')) ?? sourceHandles(source)[0];
  if (!handle) return { doc, refused: `An ${source.kind} step has no outgoing edges.` };
  const edges = edgesOf(doc);
  if (edges.some((e) => e.from === from && e.to === to && (e.kind ?? 'next') === handle.kind)) return { doc, refused: 'These steps are already connected that way.' };
  const id = freshId('e', usedIds(doc));
  const edge: DocEdge = { id, from, to, kind: handle.kind };
  if (handle.kind === 'branch' && source.kind === 'decision') {
    const branches = edges.filter((e) => e.from === from && e.kind === 'branch');
    if ((source.mode ?? 'probability') === 'probability') {
      const given = branches.reduce((sum, e) => sum + (typeof e.probability === 'number' ? e.probability : 0), 0);
      edge.probability = branches.length === 0 ? 0.5 : Math.max(0, Math.round((1 - given) * 1e6) / 1e6);
    } else if (!branches.some((e) => e.otherwise)) edge.otherwise = true;
    else edge.condition = { attribute: 'channel', op: 'eq', value: 'edi' };
    if (hint?.probability !== undefined && (source.mode ?? 'probability') === 'probability') edge.probability = hint.probability;
  }
  if (hint?.label) edge.label = hint.label;
  return { doc: { ...doc, edges: [...edges, edge] }, edgeId: id };
}

/**
 * Moves an end of an edge (dragging its end onto another step). The edge keeps its id and place; it keeps its
 * label, probability and condition when it still leaves the same step in the same role, and otherwise takes the
 * defaults a new connection would get. Refused for the same reasons as `connect`.
 */
export function reconnect(doc: StudioDocument, edgeId: string, from: string, to: string, handleId: string | null | undefined): { doc: StudioDocument; refused?: string } {
  const edges = edgesOf(doc);
  const index = edges.findIndex((e) => e.id === edgeId);
  if (index < 0) return { doc, refused: `There is no path "${edgeId}".` };
  const old = edges[index];
  const without = { ...doc, edges: edges.filter((e) => e.id !== edgeId) };
  const made = connect(without, from, to, handleId);
  if (made.refused || !made.edgeId) return { doc, refused: made.refused };
  const madeEdges = edgesOf(made.doc);
  const fresh = madeEdges[madeEdges.length - 1];
  const sameRole = old.from === fresh.from && (old.kind ?? 'next') === fresh.kind;
  const kept: DocEdge = sameRole
    ? { ...old, to: fresh.to }
    : { ...fresh, id: old.id };
  const next = madeEdges.slice(0, -1);
  next.splice(index, 0, kept);
  return { doc: { ...doc, edges: next } };
}

/** Removes nodes (and every edge touching them) and edges. */
export function deleteElements(doc: StudioDocument, nodeIds: readonly string[], edgeIds: readonly string[]): StudioDocument {
  if (nodeIds.length === 0 && edgeIds.length === 0) return doc;
  const nodeSet = new Set(nodeIds);
  const edgeSet = new Set(edgeIds);
  return {
    ...doc,
    nodes: nodesOf(doc).filter((n) => !nodeSet.has(n.id)) as StudioDocument['nodes'],
    edges: edgesOf(doc).filter((e) => !edgeSet.has(e.id) && !nodeSet.has(e.from) && !nodeSet.has(e.to)),
  };
}

/** Moves nodes to new positions in one change (one undo step for a whole drag). */
export function moveNodes(doc: StudioDocument, positions: ReadonlyMap<string, XY>): StudioDocument {
  if (positions.size === 0) return doc;
  let changed = false;
  const nodes = nodesOf(doc).map((n) => {
    const p = positions.get(n.id);
    if (!p) return n;
    const rounded = roundPosition(p);
    if (n.position && n.position.x === rounded.x && n.position.y === rounded.y) return n;
    changed = true;
    return { ...n, position: rounded };
  });
  // Nothing moved (a click, or the end of a drag already committed): no new document, no undo step.
  return changed ? { ...doc, nodes: nodes as StudioDocument['nodes'] } : doc;
}

/** What copy puts on the clipboard: the nodes and the edges between them. */
export interface Clipboard {
  nodes: DocNode[];
  edges: DocEdge[];
}

export function copyElements(doc: StudioDocument, nodeIds: readonly string[]): Clipboard | undefined {
  const set = new Set(nodeIds);
  const nodes = nodesOf(doc).filter((n) => set.has(n.id));
  if (nodes.length === 0) return undefined;
  return { nodes: cloneJson(nodes), edges: cloneJson(edgesOf(doc).filter((e) => set.has(e.from) && set.has(e.to))) };
}

/**
 * Pastes a clipboard with fresh ids, offset so the copies do not hide the originals; edges between pasted
 * nodes follow their copies. Returns the ids of the new nodes (to select them).
 */
export function pasteElements(doc: StudioDocument, clip: Clipboard, offset: XY = { x: 40, y: 40 }): { doc: StudioDocument; nodeIds: string[] } {
  const used = usedIds(doc);
  const mapping = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = freshId(stripCounter(n.id), used);
    used.add(id);
    mapping.set(n.id, id);
    const position = n.position ? { x: n.position.x + offset.x, y: n.position.y + offset.y } : undefined;
    return { ...cloneJson(n), id, ...(position ? { position } : {}) } as DocNode;
  });
  const edges = clip.edges.map((e) => {
    const id = freshId('e', used);
    used.add(id);
    return { ...cloneJson(e), id, from: mapping.get(e.from) ?? e.from, to: mapping.get(e.to) ?? e.to };
  });
  return {
    doc: { ...doc, nodes: [...nodesOf(doc), ...nodes] as StudioDocument['nodes'], edges: [...edgesOf(doc), ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}

function stripCounter(id: string): string {
  return id.replace(/\d+$/, '') || 'n';
}

/** Which lists of the document hold ids that other parts refer to, and where those references are. */
export type RenameTarget = 'node' | 'pool' | 'system' | 'calendar' | 'site';

/**
 * Renames an id and every reference to it (edges, SLAs and joins for nodes; activities for pools; calls for
 * systems; pools for calendars; source shares and allocation candidate sites for sites; overrides and variant
 * patches for all).
 */
export function renameId(doc: StudioDocument, target: RenameTarget, from: string, to: string): StudioDocument {
  if (from === to) return doc;
  const swap = (v: unknown) => (v === from ? to : v);
  let next: StudioDocument = cloneJson(doc);
  const d = next as unknown as Record<string, unknown[] | undefined>;
  const list = (key: string): Array<Record<string, unknown>> => (Array.isArray(d[key]) ? (d[key] as Array<Record<string, unknown>>) : []);
  const listKey = { node: 'nodes', pool: 'pools', system: 'systems', calendar: 'calendars', site: 'sites' }[target];
  for (const item of list(listKey)) if (item.id === from) item.id = to;
  if (target === 'node') {
    for (const e of list('edges')) {
      e.from = swap(e.from);
      e.to = swap(e.to);
    }
    for (const s of list('slas')) {
      s.from = swap(s.from);
      s.to = swap(s.to);
    }
  }
  for (const n of list('nodes')) {
    if (target === 'node' && n.kind === 'join') n.split = swap(n.split);
    if (target === 'pool' && n.kind === 'activity') n.pool = swap(n.pool);
    if (target === 'system' && n.kind === 'integration') n.system = swap(n.system);
    if (target === 'site' && Array.isArray(n.siteShares)) for (const s of n.siteShares as Array<Record<string, unknown>>) s.site = swap(s.site);
    const sourcing = n.sourcing as { sites?: unknown[] } | undefined;
    if (target === 'site' && n.kind === 'allocate' && sourcing && Array.isArray(sourcing.sites)) sourcing.sites = sourcing.sites.map(swap);
  }
  if (target === 'calendar') for (const p of list('pools')) p.calendar = swap(p.calendar);
  const overrideTarget = target === 'node' || target === 'pool' || target === 'system' ? target : undefined;
  for (const site of list('sites'))
    if (overrideTarget && Array.isArray(site.overrides))
      for (const o of site.overrides as Array<Record<string, unknown>>) if (o.target === overrideTarget) o.id = swap(o.id);
  for (const variant of list('variants'))
    if (Array.isArray(variant.patches))
      for (const p of variant.patches as Array<Record<string, unknown>>) if (p.target === target) p.id = swap(p.id);
  next = d as unknown as StudioDocument;
  return next;
}

/** The node kinds in palette order. */
export const paletteKinds: readonly NodeKind[] = ['source', 'activity', 'integration', 'decision', 'split', 'join', 'delay', 'batch', 'allocate', 'creditCheck', 'awaitPayment', 'end'];
