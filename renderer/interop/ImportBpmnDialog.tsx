import { useId, useState } from 'react';
import type { Workflow } from '../../models';
import { importBpmn, xmlLimits, type BpmnIssue } from '../../models/bpmn';
import { readTextFile } from './readTextFile';
import './interop.css';

/**
 * Props of the "Import BPMN" dialog.
 * - `open`: whether it shows.
 * - `onClose()`: the user closed it (Cancel, ×, the backdrop).
 * - `onImport(model, name)`: the user accepted the imported model; `name` is the file name without extension. The
 *   caller replaces the document (after its own "discard changes?" question).
 */
export interface ImportBpmnDialogProps {
  open: boolean;
  onClose: () => void;
  onImport: (model: Workflow, name: string) => void;
}

type State = { step: 'pick' } | { step: 'reading'; file: string } | { step: 'done'; file: string; model?: Workflow; issues: BpmnIssue[] } | { step: 'failed'; message: string };

/**
 * File > Import BPMN: pick a .bpmn file, see every warning with its BPMN element id (defaults used, elements left
 * out, gateways rewritten), then open the model, or see why the file cannot be imported.
 */
export default function ImportBpmnDialog({ open, onClose, onImport }: ImportBpmnDialogProps) {
  const [state, setState] = useState<State>({ step: 'pick' });
  const titleId = useId();
  if (!open) return null;
  const close = () => {
    setState({ step: 'pick' });
    onClose();
  };
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setState({ step: 'reading', file: file.name });
    try {
      const xml = await readTextFile(file, xmlLimits.bpmnChars, 'BPMN file');
      const result = await importBpmn(xml, { fallbackName: stem(file.name) });
      setState({ step: 'done', file: file.name, model: result.model, issues: result.issues });
    } catch (error) {
      setState({ step: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const errors = state.step === 'done' ? state.issues.filter((i) => i.severity === 'error') : [];
  const warnings = state.step === 'done' ? state.issues.filter((i) => i.severity === 'warning') : [];
  return (
    <div className="overlay-backdrop" onClick={close} data-testid="import-bpmn-dialog">
      <div className="overlay-card fc-io" role="dialog" aria-modal="true" aria-labelledby={titleId} onClick={(e) => e.stopPropagation()}>
        <div className="overlay-head">
          <h2 id={titleId}>Import BPMN</h2>
          <button type="button" className="btn-icon" aria-label="Close" onClick={close}>
            ×
          </button>
        </div>
        <p className="fc-io-muted">
          A BPMN 2.0 file from Camunda Modeler, bpmn.io, Signavio or Bizagi. Lanes become teams, service tasks system calls, gateways decisions and
          parallel paths; simulation parameters come from BPSim where the file has them.
        </p>
        <input type="file" accept=".bpmn,.xml,application/xml,text/xml" aria-label="BPMN file" onChange={(e) => void pick(e.target.files?.[0])} />
        {state.step === 'reading' && <p>Reading {state.file}…</p>}
        {state.step === 'failed' && <p className="fc-io-error">{state.message}</p>}
        {state.step === 'done' && (
          <>
            {state.model ? (
              <p>
                {state.file}: {state.model.nodes.length} steps, {state.model.edges.length} connections, {state.model.pools.length} teams, {state.model.systems.length} systems.
                {warnings.length > 0 ? ` ${warnings.length} thing${warnings.length === 1 ? '' : 's'} to check:` : ' Nothing to check.'}
              </p>
            ) : (
              <p className="fc-io-error">
                {state.file} cannot be imported ({errors.length} error{errors.length === 1 ? '' : 's'}):
              </p>
            )}
            {state.issues.length > 0 && (
              <ul className="fc-io-issues" data-testid="bpmn-issues">
                {state.issues.map((issue, i) => (
                  <li key={i} className={issue.severity}>
                    <code>{issue.elementId ?? 'file'}</code>
                    {issue.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <div className="fc-io-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={state.step !== 'done' || !state.model}
            onClick={() => {
              if (state.step === 'done' && state.model) {
                onImport(state.model, stem(state.file));
                setState({ step: 'pick' });
              }
            }}
          >
            Open model
          </button>
        </div>
      </div>
    </div>
  );
}

function stem(fileName: string): string {
  return fileName.replace(/\.(bpmn|xml)$/i, '');
}
