import { useEffect, useId, useState } from 'react';
import type { Workflow } from '../../models';
import { exportBpmn, type BpmnIssue } from '../../models/bpmn';
import { downloadText } from './readTextFile';
import './interop.css';

/**
 * Props of the "Export BPMN" dialog.
 * - `open`: whether it shows.
 * - `model`: the validated model to export, or undefined while the document has errors (the dialog says so).
 * - `name`: document name, used for the file name (`name.bpmn`).
 * - `onClose()`: the user closed it.
 * - `save(fileName, xml)`: optional; how to write the file (the desktop shell's save dialog). Default: a download.
 */
export interface ExportBpmnDialogProps {
  open: boolean;
  model: Workflow | undefined;
  name: string;
  onClose: () => void;
  save?: (fileName: string, xml: string) => Promise<void>;
}

/** File > Export BPMN: writes BPMN 2.0 with diagram layout, BPSim parameters and Flowcast extensions. */
export default function ExportBpmnDialog({ open, model, name, onClose, save }: ExportBpmnDialogProps) {
  const [result, setResult] = useState<{ xml: string; issues: BpmnIssue[] } | { error: string } | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const titleId = useId();
  useEffect(() => {
    if (!open || !model) return;
    let current = true;
    exportBpmn(model).then(
      (r) => current && setResult(r),
      (error: unknown) => current && setResult({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
      setResult(undefined);
      setSaved(undefined);
    };
  }, [open, model]);
  if (!open) return null;
  const fileName = `${name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'workflow'}.bpmn`;
  const write = async () => {
    if (!result || 'error' in result) return;
    try {
      if (save) await save(fileName, result.xml);
      else downloadText(fileName, result.xml, 'application/xml');
      setSaved(`Saved ${fileName}.`);
    } catch (error) {
      setSaved(`Could not save: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className="overlay-backdrop" onClick={onClose} data-testid="export-bpmn-dialog">
      <div className="overlay-card fc-io" role="dialog" aria-modal="true" aria-labelledby={titleId} onClick={(e) => e.stopPropagation()}>
        <div className="overlay-head">
          <h2 id={titleId}>Export BPMN</h2>
          <button type="button" className="btn-icon" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        {!model && <p className="fc-io-error">Fix the errors in Problems first: only a valid model can be exported.</p>}
        {model && !result && <p>Writing BPMN…</p>}
        {result && 'error' in result && <p className="fc-io-error">{result.error}</p>}
        {result && !('error' in result) && (
          <>
            <p>
              {fileName}: BPMN 2.0 with the diagram as laid out here (opens in bpmn.io and Camunda Modeler), teams as lanes, systems as participants,
              durations and probabilities as BPSim. Importing it again gives this model back.
            </p>
            {result.issues.length > 0 && (
              <ul className="fc-io-issues">
                {result.issues.map((issue, i) => (
                  <li key={i} className={issue.severity}>
                    <code>{issue.elementId ?? 'file'}</code>
                    {issue.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {saved && <p className="fc-io-muted">{saved}</p>}
        <div className="fc-io-actions">
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button type="button" className="btn primary" disabled={!result || 'error' in result} onClick={() => void write()}>
            Save {fileName}
          </button>
        </div>
      </div>
    </div>
  );
}
