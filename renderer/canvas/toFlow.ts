import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { EdgeKind } from '../../models';
import { handleForEdgeKind, type DocEdge, type DocNode, type XY } from '../state/documentOps';

/** Data of a step node on the canvas: the document's node itself (read-only here). */
export type StepNodeData = { node: DocNode };
export type StepFlowNode = Node<StepNodeData, 'step'>;
export type FlowEdgeData = { kind: EdgeKind; label: string | undefined };
export type FlowEdgeModel = Edge<FlowEdgeData, 'flow'>;

/** Node box size used by the layout and by nodes without a measured size yet. */
export const nodeSize = { width: 220, height: 84 } as const;

export const edgeColors: Record<EdgeKind, string> = {
  next: '#5b6472',
  branch: '#2f6fdb',
  error: '#d03a3a',
  overflow: '#e07b00',
  deadLetter: '#8a3fd1',
  hold: '#a61e4d',
};

interface NodeCacheEntry {
  source: DocNode;
  selected: boolean;
  position: XY;
  size: { width: number; height: number } | undefined;
  flow: StepFlowNode;
}

/**
 * Maps document nodes to React Flow nodes, reusing the previous object when nothing about a node changed so
 * memoised node components do not re-render (a drag of one node re-renders one node, not three hundred).
 */
export function createNodeMapper() {
  let cache = new Map<string, NodeCacheEntry>();
  return (
    nodes: readonly DocNode[],
    selected: ReadonlySet<string>,
    dragging: ReadonlyMap<string, XY> | null,
    measured: ReadonlyMap<string, { width: number; height: number }>,
    fallback: (index: number) => XY,
  ): StepFlowNode[] => {
    const next = new Map<string, NodeCacheEntry>();
    const out = nodes.map((node, index) => {
      const isSelected = selected.has(node.id);
      const position = dragging?.get(node.id) ?? node.position ?? fallback(index);
      const size = measured.get(node.id);
      const previous = cache.get(node.id);
      if (
        previous &&
        previous.source === node &&
        previous.selected === isSelected &&
        previous.size === size &&
        previous.position.x === position.x &&
        previous.position.y === position.y
      ) {
        next.set(node.id, previous);
        return previous.flow;
      }
      const data = previous && previous.source === node ? previous.flow.data : { node };
      // `measured` travels with the node: React Flow re-measures a new node object that comes without it.
      const flow: StepFlowNode = { id: node.id, type: 'step', position, data, selected: isSelected, ...(size ? { measured: size } : {}) };
      next.set(node.id, { source: node, selected: isSelected, position, size, flow });
      return flow;
    });
    cache = next;
    return out;
  };
}

/** Maps document edges to React Flow edges (same reuse rule as nodes). */
export function createEdgeMapper() {
  let cache = new Map<string, { source: DocEdge; selected: boolean; flow: FlowEdgeModel }>();
  return (edges: readonly DocEdge[], selected: ReadonlySet<string>): FlowEdgeModel[] => {
    const next = new Map<string, { source: DocEdge; selected: boolean; flow: FlowEdgeModel }>();
    const out = edges.map((edge) => {
      const isSelected = selected.has(edge.id);
      const previous = cache.get(edge.id);
      if (previous && previous.source === edge && previous.selected === isSelected) {
        next.set(edge.id, previous);
        return previous.flow;
      }
      const kind = edge.kind ?? 'next';
      const flow: FlowEdgeModel = {
        id: edge.id,
        source: edge.from,
        target: edge.to,
        sourceHandle: handleForEdgeKind(kind),
        targetHandle: 'in',
        type: 'flow',
        selected: isSelected,
        data: { kind, label: edgeLabel(edge) },
        markerEnd: { type: MarkerType.ArrowClosed, color: edgeColors[kind] ?? edgeColors.next, width: 16, height: 16 },
      };
      next.set(edge.id, { source: edge, selected: isSelected, flow });
      return flow;
    });
    cache = next;
    return out;
  };
}

/** The label drawn on an edge: a branch's probability or condition, an error path's kind. */
export function edgeLabel(edge: DocEdge): string | undefined {
  const kind = edge.kind ?? 'next';
  const prefix = edge.label ? `${edge.label} ` : '';
  if (kind === 'branch') {
    if (edge.otherwise) return `${prefix}otherwise`.trim();
    if (edge.condition) return `${prefix}${conditionText(edge.condition)}`.trim();
    if (typeof edge.probability === 'number') return `${prefix}${Math.round(edge.probability * 1000) / 10}%`.trim();
    return `${prefix}? %`.trim();
  }
  if (kind === 'error') return edge.label ?? 'error';
  if (kind === 'overflow') return edge.label ?? 'overflow';
  if (kind === 'deadLetter') return edge.label ?? 'dead letter';
  if (kind === 'hold') return edge.label ?? 'credit hold';
  return edge.label;
}

const opText: Record<string, string> = { eq: '=', neq: '≠', in: 'in', lt: '<', lte: '≤', gt: '>', gte: '≥' };

function conditionText(c: NonNullable<DocEdge['condition']>): string {
  const value = Array.isArray(c.value) ? c.value.join(', ') : String(c.value);
  return `${c.attribute} ${opText[c.op] ?? c.op} ${value}`;
}
