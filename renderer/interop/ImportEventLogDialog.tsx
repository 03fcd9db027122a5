import { useEffect, useId, useRef, useState } from 'react';
import type { Workflow } from '../../models';
import { xmlLimits } from '../../models/bpmn/xmlSafety';
import { csvHeader, csvLogMaxChars, guessMapping, parseCsv, type CalibrationResult, type ColumnMapping } from '../simulation/calibration';
import { startCalibration } from './calibrationClient';
import type { CalibrationRequest } from './calibrationCore';
import CalibrationReportView from './CalibrationReportView';
import { readTextFile } from './readTextFile';
import './interop.css';

/**
 * Props of the "Import event log" dialog.
 * - `open`: whether it shows.
 * - `onClose()`: the user closed it.
 * - `onImport(model, name)`: the user opens the calibrated model; `name` is "Current state from FILE". The caller
 *   replaces the document (after its own "discard changes?" question).
 */
export interface ImportEventLogDialogProps {
  open: boolean;
  onClose: () => void;
  onImport: (model: Workflow, name: string) => void;
}

type Step =
  | { step: 'pick' }
  | { step: 'map'; file: string; text: string; header: string[]; preview: string[][]; mapping: Partial<ColumnMapping> }
  | { step: 'working'; file: string }
  | { step: 'report'; file: string; result: CalibrationResult }
  | { step: 'failed'; file: string; problems: string[] };

const mappingKeys: Array<{ key: keyof ColumnMapping; label: string; required: boolean }> = [
  { key: 'case', label: 'Case id', required: true },
  { key: 'activity', label: 'Activity', required: true },
  { key: 'start', label: 'Start time', required: false },
  { key: 'end', label: 'Completion time', required: true },
  { key: 'resource', label: 'Resource', required: false },
];

/**
 * File > Import event log: pick a CSV or XES log; for CSV, map its columns (guessed from the header, with a preview);
 * calibrate (in a Web Worker, stopped when the dialog closes); read the calibration report (simulated vs observed);
 * open the calibrated model.
 */
export default function ImportEventLogDialog({ open, onClose, onImport }: ImportEventLogDialogProps) {
  const [state, setState] = useState<Step>({ step: 'pick' });
  const [minEdgeShare, setMinEdgeShare] = useState(0.02);
  const titleId = useId();
  const job = useRef<{ cancel: () => void } | undefined>(undefined);
  // Closing (or unmounting) stops a calibration still running.
  useEffect(() => () => job.current?.cancel(), []);
  if (!open) return null;
  const close = () => {
    job.current?.cancel();
    setState({ step: 'pick' });
    onClose();
  };
  const run = (request: CalibrationRequest) => {
    setState({ step: 'working', file: request.fileName });
    job.current?.cancel();
    const started = startCalibration(request);
    job.current = started;
    void started.outcome.then((outcome) => {
      if (job.current !== started) return;
      job.current = undefined;
      setState(outcome.ok ? { step: 'report', file: request.fileName, result: outcome.result } : { step: 'failed', file: request.fileName, problems: outcome.problems });
    });
  };
  const pick = async (file: File | undefined) => {
    if (!file) return;
    const xes = /\.xes$/i.test(file.name);
    try {
      const text = await readTextFile(file, xes ? xmlLimits.xesChars : csvLogMaxChars, 'event log');
      if (xes) return run({ fileName: file.name, text, format: 'xes', mapping: {}, minEdgeShare });
      const header = csvHeader(text);
      const preview = parseCsv(text.slice(0, 20_000))
        .slice(1, 6)
        .map((r) => r.cells);
      setState({ step: 'map', file: file.name, text, header, preview, mapping: guessMapping(header) });
    } catch (error) {
      setState({ step: 'failed', file: file.name, problems: [error instanceof Error ? error.message : String(error)] });
    }
  };
  const mappingComplete = state.step === 'map' && mappingKeys.every((k) => !k.required || state.mapping[k.key]);
  return (
    <div className="overlay-backdrop" onClick={close} data-testid="import-log-dialog">
      <div className="overlay-card fc-io" role="dialog" aria-modal="true" aria-labelledby={titleId} onClick={(e) => e.stopPropagation()}>
        <div className="overlay-head">
          <h2 id={titleId}>Import event log</h2>
          <button type="button" className="btn-icon" aria-label="Close" onClick={close}>
            ×
          </button>
        </div>
        {(state.step === 'pick' || state.step === 'failed') && (
          <>
            <p className="fc-io-muted">
              An event log of the current process (CSV or XES, e.g. exported from the ERP, Celonis, Disco or PM4Py). Flowcast finds the steps and paths,
              fits durations, measures arrivals and team sizes, and builds a current-state model.
            </p>
            <input type="file" accept=".csv,.xes,text/csv,application/xml" aria-label="Event log file" onChange={(e) => void pick(e.target.files?.[0])} />
            <label className="fc-io-muted" style={{ display: 'block', marginTop: 8 }}>
              Leave out paths taken by less than{' '}
              <input type="number" min={0} max={50} step={1} value={Math.round(minEdgeShare * 100)} onChange={(e) => setMinEdgeShare(Math.min(0.5, Math.max(0, Number(e.target.value) / 100 || 0)))} style={{ width: 56 }} />% of the
              cases leaving a step
            </label>
          </>
        )}
        {state.step === 'failed' && (
          <>
            <p className="fc-io-error">{state.file} cannot be used:</p>
            <ul className="fc-io-issues" data-testid="log-problems">
              {state.problems.map((p, i) => (
                <li key={i} className="error">
                  {p}
                </li>
              ))}
            </ul>
          </>
        )}
        {state.step === 'map' && (
          <>
            <p>Which column holds what in {state.file}?</p>
            <div className="fc-io-mapping">
              {mappingKeys.map(({ key, label, required }) => (
                <label key={key} style={{ display: 'contents' }}>
                  <span>
                    {label}
                    {required ? '' : ' (optional)'}
                  </span>
                  <select
                    value={state.mapping[key] ?? ''}
                    onChange={(e) => setState({ ...state, mapping: { ...state.mapping, [key]: e.target.value === '' ? undefined : e.target.value } })}
                    aria-label={label}
                  >
                    <option value="">{required ? '— choose —' : '— none —'}</option>
                    {state.header.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            <table className="fc-io-table">
              <thead>
                <tr>
                  {state.header.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {state.preview.map((row, i) => (
                  <tr key={i}>
                    {state.header.map((h, j) => (
                      <td key={h}>{row[j] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {state.step === 'working' && <p>Calibrating from {state.file}…</p>}
        {state.step === 'report' && <CalibrationReportView report={state.result.report} />}
        <div className="fc-io-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          {state.step === 'map' && (
            <button
              type="button"
              className="btn primary"
              disabled={!mappingComplete}
              onClick={() => {
                const { text, mapping, file } = state;
                run({ fileName: file, text, format: 'csv', mapping, minEdgeShare });
              }}
            >
              Calibrate
            </button>
          )}
          {state.step === 'report' && (
            <button
              type="button"
              className="btn primary"
              onClick={() => {
                onImport(state.result.model, state.result.model.metadata.name);
                setState({ step: 'pick' });
              }}
            >
              Open calibrated model
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
