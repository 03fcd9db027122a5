/**
 * A validation finding: what is wrong, and where. `path` points into the model file the way a person would
 * read it (`nodes[4].duration.sd`); `nodeId` lets the studio select the node.
 */
export interface ModelFinding {
  severity: 'error' | 'warning' | 'info';
  /** Stable kebab-case code, e.g. `dangling-edge`; the studio and tests key on it. */
  code: string;
  path: string;
  message: string;
  nodeId?: string;
}

/** Joins a path like zod's `['nodes', 4, 'duration', 'sd']` into `nodes[4].duration.sd`. */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function hasErrors(findings: readonly ModelFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
