import { ReactFlowProvider } from '@xyflow/react';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { createDocumentServices, type DocumentServices } from './actions/documentCommands';
import { actionForKey, runAction } from './actions/register';
import type { ActionName } from './actions/types';
import { FlowCanvas } from './canvas/FlowCanvas';
import { Dock } from './panels/Dock';
import { ErrorBoundary } from './panels/ErrorBoundary';
import { HelpOverlay } from './panels/HelpOverlay';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { StatusBar } from './panels/StatusBar';
import { Toolbar } from './panels/Toolbar';
import { desktopApi, onMenuCommand, onShellOpenDocument, reportDocumentState } from './platform/desktopBridge';
import { defaultExampleId, examples } from './platform/examples';
import OverlayLegend from './results/OverlayLegend';
import { useExportResults } from './results/export/useExportResults';
import { getOverlayMode, setOverlayMode } from './results/overlay';
import { useRunStore, useRunStoreApi } from './simulation/runStore';
import { StudioStoreContext, createStudioStore, useDocumentModel, useStudio, type StudioStore } from './state';
import { installTestApi } from './testing/e2eApi';

const CompareView = lazy(() => import('./compare/CompareView'));
const ExperimentsView = lazy(() => import('./experiments/ExperimentsView'));
const ImportBpmnDialog = lazy(() => import('./interop/ImportBpmnDialog'));
const ImportEventLogDialog = lazy(() => import('./interop/ImportEventLogDialog'));
const ExportBpmnDialog = lazy(() => import('./interop/ExportBpmnDialog'));

const menuActions: Partial<Record<string, ActionName>> = {
  'file.new': 'newDocument',
  'file.open': 'openDocument',
  'file.save': 'saveDocument',
  'file.saveAs': 'saveDocumentAs',
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'view.fit': 'zoomToFit',
  'help.shortcuts': 'toggleHelp',
  'simulation.compare': 'openCompare',
  'file.importBpmn': 'importBpmn',
  'file.importEventLog': 'importEventLog',
  'file.exportBpmn': 'exportBpmn',
  'export.report': 'exportReport',
  'export.reportPdf': 'exportReportPdf',
  'export.csv': 'exportCsv',
  'export.eventLog': 'exportEventLog',
  'export.eventLogXes': 'exportEventLogXes',
};

/** The studio: one store per window, the platform services, and the screen layout. */
export function App() {
  const [store] = useState<StudioStore>(() => createStudioStore());
  return (
    <StudioStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <Studio store={store} />
      </ReactFlowProvider>
    </StudioStoreContext.Provider>
  );
}

function Studio({ store }: { store: StudioStore }) {
  const runStore = useRunStoreApi();
  const services: DocumentServices = useMemo(() => createDocumentServices(store, () => runStore.getState().clear()), [store, runStore]);
  const exportResults = useExportResults();
  const run = useCallback((name: ActionName) => void runAction(name, { store, services: { ...services, exportResults } }), [store, services, exportResults]);
  const { model } = useDocumentModel();
  const name = useStudio((s) => s.name);
  const dirty = useStudio((s) => s.savedDoc !== s.doc);
  const hint = useStudio((s) => s.hint);
  const doc = useStudio((s) => s.doc);
  const compareOpen = useStudio((s) => s.compareOpen);
  const dialog = useStudio((s) => s.dialog);
  const closeDialog = useCallback(() => store.getState().setUi({ dialog: null }), [store]);
  const setUi = useStudio((s) => s.setUi);
  const [examplesOpen, setExamplesOpen] = useState(false);
  const hasResults = useRunStore((s) => s.last !== null);

  // The hint has done its job once something has been run.
  useEffect(() => {
    if (hasResults) store.getState().setUi({ hint: null });
  }, [hasResults, store]);

  // First start: the default scenario, laid out, with a hint of what to try; unless the shell sends a document.
  useEffect(() => {
    installTestApi(store, services);
    // A document the shell opens (command line, double click, crash recovery) wins over the example, even when
    // it arrives while the example is still loading.
    let shellOpened = false;
    const unsubscribe = onShellOpenDocument((file) => {
      shellOpened = true;
      void services.openOpenedFile(file);
    });
    const entry = examples.find((e) => e.id === defaultExampleId);
    if (entry)
      void entry
        .load()
        .then(async () => {
          if (shellOpened) return;
          await services.openExample(defaultExampleId);
          const s = store.getState();
          if (!shellOpened && s.path === undefined && s.savedDoc === s.doc)
            s.setUi({ hint: 'Try it: press Run in the panel below and read the results on the diagram · open the target state from Examples · Compare the variants.' });
        })
        .catch((error: unknown) => store.getState().setStatus(`The example could not be opened: ${error instanceof Error ? error.message : String(error)}`, 'error'));
    return unsubscribe;
  }, [store, services]);

  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${name} — Flowcast`;
  }, [name, dirty]);

  // In a browser, leaving the page with unsaved changes asks first (the desktop shell has its own prompt).
  useEffect(() => {
    if (!dirty || desktopApi()) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  // Keep the desktop shell informed (close prompt, autosave): at once when the unsaved state flips or after a
  // quiet spell, and at most every 250 ms while editing, so a close right after an edit never saves stale text.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastSent = 0;
    const send = () => {
      timer = undefined;
      lastSent = Date.now();
      const now = store.getState();
      reportDocumentState({
        dirty: now.savedDoc !== now.doc,
        document: { name: now.name, ...(now.path ? { path: now.path } : {}), text: now.rawText ?? `${JSON.stringify(now.doc, null, 2)}\n` },
      });
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.doc === prev.doc && s.savedDoc === prev.savedDoc && s.name === prev.name && s.rawText === prev.rawText) return;
      const dirtyFlipped = (s.savedDoc !== s.doc) !== (prev.savedDoc !== prev.doc);
      if (dirtyFlipped || Date.now() - lastSent > 250) {
        if (timer) clearTimeout(timer);
        send();
      } else timer ??= setTimeout(send, 250);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store]);

  useEffect(
    () =>
      onMenuCommand((command) => {
        const action = menuActions[command];
        if (action) return run(action);
        if (command === 'view.toggleOverlay') return setOverlayMode(getOverlayMode() === 'off' ? 'utilisation' : getOverlayMode() === 'utilisation' ? 'waiting' : 'off');
        if (command === 'simulation.cancel') return runStore.getState().cancel();
        if (command === 'simulation.run') return document.querySelector<HTMLButtonElement>('[data-testid="run-panel"] button[type="submit"]')?.click();
        if (command === 'help.about') {
          void desktopApi()
            ?.appInfo()
            .then((info) => store.getState().setStatus(`${info.name} ${info.version} (${info.platform}): workflow simulation for order-to-cash.`));
          return;
        }
        store.getState().setStatus(`The menu command "${command}" is not handled by this version of the studio.`, 'error');
      }),
    [run, runStore, store],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const inField = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      const action = actionForKey(event, inField);
      if (!action) return;
      event.preventDefault();
      run(action.name);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  return (
    <div className="app">
      <Toolbar run={run} onOpenExample={(id) => void services.openExample(id)} examplesOpen={examplesOpen} setExamplesOpen={setExamplesOpen} />
      {hint && (
        <div className="hint-bar" data-testid="hint">
          <span>{hint}</span>
          <button type="button" className="btn-icon" aria-label="Dismiss hint" onClick={() => setUi({ hint: null })}>
            ×
          </button>
        </div>
      )}
      {/* Palette and canvas above the dock; the inspector runs the full height on the right, for its long forms. */}
      <div className="workspace">
        <div className="work-column">
          <div className="work-row">
            <Palette />
            <main className="centre">
              <ErrorBoundary area="the canvas" resetKey={doc}>
                <FlowCanvas onOpenExamples={() => setExamplesOpen(true)} />
              </ErrorBoundary>
              <div className="legend-slot">
                <OverlayLegend />
              </div>
            </main>
          </div>
          <Dock model={model} />
        </div>
        <Inspector onRunAction={run} />
      </div>
      <StatusBar />
      <HelpOverlay />
      {dialog && (
        <Suspense fallback={<div className="overlay-backdrop">Loading…</div>}>
          {dialog === 'importBpmn' && (
            <ImportBpmnDialog
              open
              onClose={closeDialog}
              onImport={(imported, importedName) => {
                closeDialog();
                void services.openImported(imported, importedName);
              }}
            />
          )}
          {dialog === 'importEventLog' && (
            <ImportEventLogDialog
              open
              onClose={closeDialog}
              onImport={(imported, importedName) => {
                closeDialog();
                void services.openImported(imported, importedName);
              }}
            />
          )}
          {dialog === 'exportBpmn' && <ExportBpmnDialog open model={model} name={name} onClose={closeDialog} />}
          {dialog === 'experiments' &&
            (model ? (
              <ExperimentsView
                model={model}
                onClose={closeDialog}
                onApplyVariant={(variant) => {
                  // The recommendation becomes a variant of the document (replacing one with the same id), undoable.
                  store.getState().updateDocument((d) => ({ ...d, variants: [...(Array.isArray(d.variants) ? d.variants.filter((v) => v.id !== variant.id) : []), variant] }));
                  store.getState().setStatus(`Added variant "${variant.name}": compare it, or run it from the run panel.`);
                }}
              />
            ) : (
              <div className="overlay-backdrop" onClick={closeDialog}>
                <div className="overlay-card">Fix the errors in Problems first: experiments need a valid model.</div>
              </div>
            ))}
        </Suspense>
      )}
      {compareOpen && (
        <Suspense fallback={<div className="overlay-backdrop">Loading the compare view…</div>}>
          {model ? (
            <CompareView model={model} onClose={() => setUi({ compareOpen: false })} />
          ) : (
            <div className="overlay-backdrop" onClick={() => setUi({ compareOpen: false })}>
              <div className="overlay-card">Fix the errors in Problems first: only a valid model can be compared.</div>
            </div>
          )}
        </Suspense>
      )}
    </div>
  );
}
