import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import OverlayToggle from '../results/OverlayToggle';
import { getAction } from '../actions/register';
import type { ActionName } from '../actions/types';
import { exampleTitle, examples } from '../platform/examples';
import { useStudio, useStudioStore } from '../state';

/** The top bar: document title with unsaved marker, file, edit and view commands, overlay and compare. */
export function Toolbar({ run, onOpenExample, examplesOpen, setExamplesOpen }: { run: (name: ActionName) => void; onOpenExample: (id: string) => void; examplesOpen: boolean; setExamplesOpen: (open: boolean) => void }) {
  const store = useStudioStore();
  const name = useStudio((s) => s.name);
  const dirty = useStudio((s) => s.savedDoc !== s.doc);
  const hasSelection = useStudio((s) => s.selectedNodeIds.length + s.selectedEdgeIds.length > 0);
  const canUndo = useStore(store.temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(store.temporal, (t) => t.futureStates.length > 0);
  const menu = useRef<HTMLDivElement>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const interopMenu = useRef<HTMLDivElement>(null);
  const [interopOpen, setInteropOpen] = useState(false);

  useEffect(() => {
    if (!interopOpen) return;
    const close = (e: MouseEvent) => {
      if (!interopMenu.current?.contains(e.target as Node)) setInteropOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [interopOpen]);

  useEffect(() => {
    if (!examplesOpen) return;
    const close = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) setExamplesOpen(false);
    };
    window.addEventListener('mousedown', close);
    // Read the examples' own names once, for the menu.
    if (Object.keys(titles).length === 0)
      void Promise.all(examples.map(async (e) => [e.id, ((JSON.parse(await e.load()) as { metadata?: { name?: string } }).metadata?.name ?? exampleTitle(e.id))] as const))
        .then((pairs) => setTitles(Object.fromEntries(pairs)))
        .catch(() => undefined);
    return () => window.removeEventListener('mousedown', close);
  }, [examplesOpen, setExamplesOpen, titles]);

  const button = (action: ActionName, label: string, title: string, enabled = true, testId?: string) => (
    <button type="button" className="tb-btn" onClick={() => run(action)} disabled={!enabled} title={title} data-testid={testId ?? `tb-${action}`}>
      {label}
    </button>
  );
  return (
    <header className="toolbar">
      <div className="brand" aria-label="Flowcast">
        <span className="brand-mark">◆</span> Flowcast
      </div>
      <div className="doc-title" data-testid="doc-title" title={name}>
        {name}
        {dirty && (
          <span className="dirty" aria-label="unsaved changes" title="Unsaved changes">
            {' '}
            •
          </span>
        )}
      </div>
      <div className="tb-group">
        {button('newDocument', 'New', 'New workflow (Alt+N)')}
        {button('openDocument', 'Open…', 'Open a model file (Ctrl+O)')}
        <div className="menu" ref={menu}>
          <button type="button" className="tb-btn" aria-haspopup="menu" aria-expanded={examplesOpen} onClick={() => setExamplesOpen(!examplesOpen)} data-testid="tb-examples">
            Examples ▾
          </button>
          {examplesOpen && (
            <div className="menu-list" role="menu">
              {examples.length === 0 && <div className="menu-empty">No examples are shipped in this build.</div>}
              {examples.map((e) => (
                <button
                  type="button"
                  role="menuitem"
                  key={e.id}
                  className="menu-item"
                  data-testid={`example-${e.id}`}
                  onClick={() => {
                    setExamplesOpen(false);
                    onOpenExample(e.id);
                  }}
                >
                  {titles[e.id] ?? exampleTitle(e.id)}
                </button>
              ))}
            </div>
          )}
        </div>
        {button('saveDocument', 'Save', 'Save (Ctrl+S)')}
        <div className="menu" ref={interopMenu}>
          <button type="button" className="tb-btn" aria-haspopup="menu" aria-expanded={interopOpen} onClick={() => setInteropOpen(!interopOpen)} data-testid="tb-interop" title="Import from BPMN or an event log; export BPMN">
            BPMN ▾
          </button>
          {interopOpen && (
            <div className="menu-list" role="menu">
              {(['importBpmn', 'importEventLog', 'exportBpmn'] as const).map((action) => (
                <button
                  type="button"
                  role="menuitem"
                  key={action}
                  className="menu-item"
                  data-testid={`menu-${action}`}
                  onClick={() => {
                    setInteropOpen(false);
                    run(action);
                  }}
                >
                  {getAction(action).label}
                </button>
              ))}
            </div>
          )}
        </div>
      </div>
      <div className="tb-sep" />
      <div className="tb-group">
        {button('undo', '↶', 'Undo (Ctrl+Z)', canUndo)}
        {button('redo', '↷', 'Redo (Ctrl+Shift+Z)', canRedo)}
        {button('deleteSelection', 'Delete', 'Delete selection (Del)', hasSelection)}
      </div>
      <div className="tb-sep" />
      <div className="tb-group">
        {button('zoomToFit', 'Fit', 'Zoom to fit (Shift+1)')}
        {button('autoLayout', 'Layout', 'Auto layout: lay the graph out left to right (Shift+L)')}
      </div>
      <div className="tb-spacer" />
      <OverlayToggle />
      <button type="button" className="tb-btn" onClick={() => run('openExperiments')} data-testid="tb-experiments" title="Experiments: sweep a parameter, stress test, recommend capacity">
        Experiments
      </button>
      <button type="button" className="tb-btn primary" onClick={() => run('openCompare')} data-testid="tb-compare" title="Compare variants side by side">
        Compare
      </button>
      <button type="button" className="tb-btn" onClick={() => run('toggleHelp')} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
        ?
      </button>
    </header>
  );
}
