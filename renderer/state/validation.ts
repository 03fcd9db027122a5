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
  const byPath = new Map<string, ModelFinding[]>();
  const nodes = rawText === null && Array.isArray(doc.nodes) ? doc.nodes : [];
  for (const f of findings) {
    const nodeId = f.nodeId ?? nodeIdOfPath(nodes, f.path);
    if (nodeId !== undefined) byNode.set(nodeId, [...(byNode.get(nodeId) ?? []), f]);
    const key = pathText(parsePath(f.path));
    byPath.set(key, [...(byPath.get(key) ?? []), f]);
  }
  return { model: result.model, findings, byNode, byPath, doc };
}

function nodeIdOfPath(nodes: readonly unknown[], path: string): string | undefined {
  const segments = parsePath(path);
  if (segments[0] !== 'nodes' || typeof segments[1] !== 'number') return undefined;
  const node = nodes[segments[1]] as { id?: unknown } | undefined;
  return typeof node?.id === 'string' ? node.id : undefined;
}

/** Validation runs at once for small documents and after a pause in typing for big ones (in nodes). */
export const debounceAboveNodes = 150;
export const debounceMs = 200;
