import type { ModelFinding } from '../../models';
import { useStudio, useStudioStore } from '../state';
import { edgesOf, nodesOf, parsePath } from '../state/documentOps';

/**
 * Every finding of the live validation. Clicking one selects and centres its node (or edge), and focuses the
 * field at its path in the inspector.
 */
export function ProblemsPanel() {
  const store = useStudioStore();
  const findings = useStudio((s) => s.validation.findings);
  const pending = useStudio((s) => s.validation.doc !== s.doc);
  if (findings.length === 0)
    return (
      <div className="dock-empty" data-testid="problems-empty">
        {pending ? 'Checking…' : 'No problems: the model is valid and ready to run.'}
      </div>
    );
  const open = (f: ModelFinding) => {
    const doc = store.getState().doc;
    const segments = parsePath(f.path);
    let nodeId = f.nodeId;
    let edgeId: string | undefined;
    if (!nodeId && segments[0] === 'nodes' && typeof segments[1] === 'number') nodeId = nodesOf(doc)[segments[1]]?.id;
    if (segments[0] === 'edges' && typeof segments[1] === 'number') edgeId = edgesOf(doc)[segments[1]]?.id;
    if (edgeId && !f.path.startsWith('nodes')) store.getState().requestFocus({ edgeId, path: f.path });
    else if (nodeId) store.getState().requestFocus({ nodeId, path: f.path.startsWith('nodes') ? f.path : undefined });
    else store.getState().requestFocus({ path: f.path || 'metadata' });
  };
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <div className="problems" data-testid="problems">
      <div className="problems-summary">
        {errors} error{errors === 1 ? '' : 's'}, {findings.length - errors} warning{findings.length - errors === 1 ? '' : 's'}
        {pending ? ' · checking…' : ''}
      </div>
      <table>
        <tbody>
          {findings.map((f, i) => (
            <tr key={i} className={`finding ${f.severity}`} onClick={() => open(f)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && open(f)} data-code={f.code}>
              <td className="sev">
                <span className={`sev-dot ${f.severity}`} aria-label={f.severity} />
              </td>
              <td className="msg">{f.message}</td>
              <td className="path">{f.path || '(file)'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
