import { loadModel, loadModelText, type ModelFinding } from '../../models';
import { parsePath, pathText, type StudioDocument } from './documentOps';
import type { ValidationState } from './slices/uiSlice';

const severityRank: Record<ModelFinding['severity'], number> = { error: 0, warning: 1, info: 2 };

/**
 * Validates the document with the models' loader (shape, meaning, overrides, variants) and indexes the
 * findings by node and by path. A document held as raw text (not JSON) is validated as text.
 */
export function validateDocument(doc: StudioDocument, rawText: string | null): ValidationState {
  const result = rawText !== null ? loadModelText(rawText) : loadModel(doc);
  const findings = [...result.findings].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
  const byNode = new Map<string, ModelFinding[]>();
  const byEdge = new Map<string, ModelFinding[]>();
  const byPath = new Map<string, ModelFinding[]>();
  const nodes = rawText === null && Array.isArray(doc.nodes) ? doc.nodes : [];
  const edges = rawText === null && Array.isArray(doc.edges) ? doc.edges : [];
  for (const f of findings) {
    const nodeId = f.nodeId ?? nodeIdOfPath(nodes, f.path);
    if (nodeId !== undefined) byNode.set(nodeId, [...(byNode.get(nodeId) ?? []), f]);
    const edgeId = idAt(edges, 'edges', f.path);
    if (edgeId !== undefined) byEdge.set(edgeId, [...(byEdge.get(edgeId) ?? []), f]);
    const key = pathText(parsePath(f.path));
    byPath.set(key, [...(byPath.get(key) ?? []), f]);
  }
  return { model: result.model, findings, byNode, byEdge, byPath, doc };
}

function nodeIdOfPath(nodes: readonly unknown[], path: string): string | undefined {
  return idAt(nodes, 'nodes', path);
}

/** The id of the list item a path points into (`edges[4].probability` -> the id of edges[4]). */
function idAt(list: readonly unknown[], key: 'nodes' | 'edges', path: string): string | undefined {
  const segments = parsePath(path);
  if (segments[0] !== key || typeof segments[1] !== 'number') return undefined;
  const item = list[segments[1]] as { id?: unknown } | undefined;
  return typeof item?.id === 'string' ? item.id : undefined;
}

/** Validation runs at once for small documents and after a pause in typing for big ones (in nodes). */
export const debounceAboveNodes = 150;
export const debounceMs = 200;
