import dagre from '@dagrejs/dagre';

/** What the layout needs to know: node boxes and who follows whom. */
export interface LayoutRequest {
  nodes: Array<{ id: string; width: number; height: number }>;
  edges: Array<{ from: string; to: string; kind?: string }>;
  direction?: 'LR' | 'TB';
}

export interface LayoutResult {
  /** Top-left positions (React Flow's node origin), rounded to whole pixels. */
  positions: Record<string, { x: number; y: number }>;
}

/**
 * Lays a workflow out left to right with dagre (layered, crossing-reduced). Error, overflow, dead-letter and
 * credit-hold edges weigh less, so the main path stays straight and exception paths hang below it.
 */
export function layoutGraph(request: LayoutRequest): LayoutResult {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: request.direction ?? 'LR', nodesep: 40, ranksep: 80, edgesep: 20, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set<string>();
  for (const n of request.nodes) {
    g.setNode(n.id, { width: n.width, height: n.height });
    ids.add(n.id);
  }
  request.edges.forEach((e, i) => {
    if (!ids.has(e.from) || !ids.has(e.to) || e.from === e.to) return;
    const side = e.kind === 'error' || e.kind === 'overflow' || e.kind === 'deadLetter' || e.kind === 'hold';
    g.setEdge(e.from, e.to, { weight: side ? 1 : 4, minlen: 1 }, `e${i}`);
  });
  dagre.layout(g);
  const positions: LayoutResult['positions'] = {};
  for (const n of request.nodes) {
    const laid = g.node(n.id) as { x: number; y: number } | undefined;
    if (laid) positions[n.id] = { x: Math.round(laid.x - n.width / 2), y: Math.round(laid.y - n.height / 2) };
  }
  return { positions };
}
