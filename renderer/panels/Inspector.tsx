import { useDeferredValue, useEffect, useRef } from 'react';
import { useStudio } from '../state';
import { edgesOf, nodesOf, parsePath, pathText } from '../state/documentOps';
import { EdgeForm } from './EdgeForm';
import { ErrorBoundary } from './ErrorBoundary';
import { ModelForm } from './ModelForm';
import { NodeForm } from './NodeForm';

/**
 * The right-hand panel: the selection's parameters, or the model's settings. Focus requests (from the problems
 * panel) switch to the right tab and focus the field at the finding's path, or the nearest one above it.
 */
export function Inspector({ onRunAction }: { onRunAction: (name: 'deleteSelection' | 'duplicateSelection') => void }) {
  const tab = useStudio((s) => s.inspectorTab);
  const setUi = useStudio((s) => s.setUi);
  const focusRequest = useStudio((s) => s.focusRequest);
  const doc = useStudio((s) => s.doc);
  const body = useRef<HTMLDivElement>(null);
  const handled = useRef(0);

  useEffect(() => {
    if (!focusRequest || focusRequest.seq === handled.current || !focusRequest.path) return;
    handled.current = focusRequest.seq;
    const segments = parsePath(focusRequest.path);
    const wantModel = segments[0] !== 'nodes' && segments[0] !== 'edges';
    setUi({ inspectorTab: wantModel ? 'model' : 'selection' });
    // The form of a new selection renders a few frames later (it is deferred): look for the exact field for a
    // while, then settle for the nearest one above it.
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      tries++;
      if (focusPath(body.current, segments, tries < 30)) return;
      if (tries < 31) frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [focusRequest, setUi]);

  return (
    <aside className="inspector" aria-label="Inspector">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'selection'} className={tab === 'selection' ? 'active' : ''} onClick={() => setUi({ inspectorTab: 'selection' })}>
          Selection
        </button>
        <button type="button" role="tab" aria-selected={tab === 'model'} className={tab === 'model' ? 'active' : ''} onClick={() => setUi({ inspectorTab: 'model' })} data-testid="tab-model">
          Model
        </button>
      </div>
      <div className="inspector-body" ref={body}>
        <ErrorBoundary area="the inspector" resetKey={doc}>
          {tab === 'selection' ? <SelectionInspector onRunAction={onRunAction} /> : <ModelForm />}
        </ErrorBoundary>
      </div>
    </aside>
  );
}

function SelectionInspector({ onRunAction }: { onRunAction: (name: 'deleteSelection' | 'duplicateSelection') => void }) {
  const doc = useStudio((s) => s.doc);
  const rawText = useStudio((s) => s.rawText);
  // Deferred: selecting a node (also the first step of a drag) paints the canvas first, the form after. When the
  // deferred selection names something gone (its id was just renamed), the live one is used, so the form stays.
  const liveNodeIds = useStudio((s) => s.selectedNodeIds);
  const liveEdgeIds = useStudio((s) => s.selectedEdgeIds);
  const deferredNodeIds = useDeferredValue(liveNodeIds);
  const deferredEdgeIds = useDeferredValue(liveEdgeIds);
  const known = new Set([...nodesOf(doc).map((n) => n.id), ...edgesOf(doc).map((e) => e.id)]);
  const stale = [...deferredNodeIds, ...deferredEdgeIds].some((id) => !known.has(id));
  const nodeIds = stale ? liveNodeIds : deferredNodeIds;
  const edgeIds = stale ? liveEdgeIds : deferredEdgeIds;
  if (rawText !== null) return <div className="empty-state">The document is not JSON yet; repair it in the JSON tab below.</div>;
  if (nodeIds.length === 1 && edgeIds.length === 0) {
    const nodes = nodesOf(doc);
    const index = (doc.nodes as unknown[]).indexOf(nodes.find((n) => n.id === nodeIds[0]));
    // Keyed by position in the list, not id: renaming the id as one types must not remount the form.
    if (index >= 0) return <NodeForm key={`node-${index}`} node={doc.nodes[index]} index={index} />;
  }
  if (edgeIds.length === 1 && nodeIds.length === 0) {
    const edges = edgesOf(doc);
    const edge = edges.find((e) => e.id === edgeIds[0]);
    const index = edge ? (doc.edges as unknown[]).indexOf(edge) : -1;
    if (edge && index >= 0) return <EdgeForm key={`edge-${index}`} edge={edge} index={index} />;
  }
  if (nodeIds.length + edgeIds.length > 1)
    return (
      <div className="empty-state">
        <p>
          {nodeIds.length} step{nodeIds.length === 1 ? '' : 's'} and {edgeIds.length} path{edgeIds.length === 1 ? '' : 's'} selected.
        </p>
        <div className="button-row">
          <button type="button" className="btn" onClick={() => onRunAction('duplicateSelection')} disabled={nodeIds.length === 0}>
            Duplicate
          </button>
          <button type="button" className="btn danger" onClick={() => onRunAction('deleteSelection')}>
            Delete
          </button>
        </div>
      </div>
    );
  return (
    <div className="empty-state" data-testid="inspector-empty">
      <p>
        <b>Select a step or a path</b> on the canvas to edit it.
      </p>
      <p>Pools, sites and their stock, customers and credit, shifts, systems, SLAs and variants are in the Model tab.</p>
    </div>
  );
}

/** Focuses the field at a path, or the closest field above it (a finding on `nodes[2]` focuses the node's name). */
function focusPath(root: HTMLElement | null, segments: Array<string | number>, exactOnly: boolean): boolean {
  if (!root) return false;
  for (let n = segments.length; n > (exactOnly ? segments.length - 1 : 0); n--) {
    const key = pathText(segments.slice(0, n));
    const exact = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(key)}"]`);
    const target = exact ?? (n === segments.length ? root.querySelector<HTMLElement>(`[data-path^="${CSS.escape(key)}."], [data-path^="${CSS.escape(key)}["]`) : null);
    if (!target) continue;
    for (let el: HTMLElement | null = target; el && el !== root; el = el.parentElement) if (el instanceof HTMLDetailsElement) el.open = true;
    const focusable = target.matches('input, select, textarea') ? target : target.querySelector<HTMLElement>('input, select, textarea');
    target.scrollIntoView({ block: 'center' });
    (focusable ?? target).focus({ preventScroll: true });
    target.classList.add('flash');
    setTimeout(() => target.classList.remove('flash'), 1200);
    return true;
  }
  return false;
}
