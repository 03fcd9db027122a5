import { useContext, useEffect, useId, useState, type FormEvent } from 'react';
import { limits, type Workflow } from '../../models';
import { formatEta, formatElapsed, formatPercent } from '../results/format';
import { getOverlayMode, setOverlayMode } from '../results/overlay';
import { BASE_VARIANT, defaultsFor, parseRunForm, type FormState } from './runForm';
import { StudioStoreContext } from '../state';
import { useRunStore, useRunStoreApi } from './runStore';
import './simulation.css';

export interface RunPanelProps {
  /** The open document's model; undefined when it cannot be loaded. */
  model: Workflow | undefined;
  /** True while validation reports errors: the model cannot run. */
  blocked: boolean;
}

/**
 * The run panel: variant, horizon, warm-up, replications and seed; Run and Cancel; a progress bar with the time
 * left. The run happens in Web Workers (renderer/simulation/simulationClient.ts), so the canvas stays responsive.
 */
export default function RunPanel({ model, blocked }: RunPanelProps) {
  const store = useRunStoreApi();
  // Optional: inside the studio, Run brings the Results tab forward so progress and results are in view.
  const studio = useContext(StudioStoreContext);
  const status = useRunStore((s) => s.status);
  const progress = useRunStore((s) => s.progress);
  const error = useRunStore((s) => s.error);
  const last = useRunStore((s) => s.last);
  const [form, setForm] = useState<FormState>(() => defaultsFor(model));
  const id = useId();

  // A new document, or new run settings in the document, reset the form to the document's settings.
  const runKey = model ? `${model.metadata.name}|${JSON.stringify(model.run)}` : '';
  const [formKey, setFormKey] = useState(runKey);
  if (formKey !== runKey) {
    setFormKey(runKey);
    setForm(defaultsFor(model));
  }

  // A variant deleted from the document falls back to the base model.
  const variantExists = form.variantId === BASE_VARIANT || (model?.variants.some((v) => v.id === form.variantId) ?? false);
  useEffect(() => {
    if (!variantExists) setForm((f) => ({ ...f, variantId: BASE_VARIANT }));
  }, [variantExists]);

  const parsed = parseRunForm(form, model);
  const running = status === 'running';
  const canRun = !!model && !blocked && parsed.ok && !running;
  const set = (field: keyof FormState) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!model || !parsed.ok || blocked || running) return;
    const { variantId, horizonMinutes, warmupMinutes, replications, seed } = parsed;
    studio?.getState().setUi({ dockTab: 'results' });
    const firstRun = store.getState().last === null;
    void store
      .getState()
      .start(model, { variantId, horizonMinutes, warmupMinutes, replications, seed })
      .then(() => {
        // The first results of a session go straight onto the diagram; later the user's overlay choice stands.
        if (firstRun && store.getState().status === 'done' && getOverlayMode() === 'off') setOverlayMode('utilisation');
      });
  };

  const fieldError = (field: keyof FormState) => (!parsed.ok && parsed.field === field ? parsed.message : undefined);

  const fraction = progress?.fraction ?? 0;
  return (
    <form className="fc-run-panel" onSubmit={onSubmit} aria-label="Run a simulation" data-testid="run-panel">
      <h3 className="fc-run-title">Run simulation</h3>
      <label className="fc-run-field">
        <span>Variant</span>
        <select value={variantExists ? form.variantId : BASE_VARIANT} onChange={set('variantId')} disabled={running || !model} data-testid="run-variant">
          <option value={BASE_VARIANT}>Base model</option>
          {model?.variants.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <div className="fc-run-row">
        <div className="fc-run-field">
          <label htmlFor={`${id}-horizon`}>Horizon</label>
          <span className="fc-run-pair">
            <input
              id={`${id}-horizon`}
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              value={form.horizon}
              onChange={set('horizon')}
              disabled={running}
              aria-invalid={!!fieldError('horizon')}
              data-testid="run-horizon"
            />
            <select aria-label="Horizon unit" value={form.horizonUnit} onChange={set('horizonUnit')} disabled={running} data-testid="run-horizon-unit">
              <option value="h">hours</option>
              <option value="d">days</option>
            </select>
          </span>
        </div>
        <label className="fc-run-field">
          <span>Warm-up (days)</span>
          <input type="number" min={0} step="any" value={form.warmupDays} onChange={set('warmupDays')} disabled={running} aria-invalid={!!fieldError('warmupDays')} data-testid="run-warmup" />
        </label>
      </div>
      <div className="fc-run-row">
        <label className="fc-run-field">
          <span>Replications</span>
          <input type="number" min={1} max={limits.replications} step={1} value={form.replications} onChange={set('replications')} disabled={running} aria-invalid={!!fieldError('replications')} data-testid="run-replications" />
        </label>
        <label className="fc-run-field">
          <span>Seed</span>
          <input type="number" min={0} step={1} value={form.seed} onChange={set('seed')} disabled={running} aria-invalid={!!fieldError('seed')} data-testid="run-seed" />
        </label>
      </div>

      {!parsed.ok && (
        <p className="fc-run-error" role="alert">
          {parsed.message}
        </p>
      )}
      {parsed.ok && parsed.replications === 1 && <p className="fc-run-hint">With one replication the results have no confidence intervals; use 5 or more to judge them.</p>}
      {blocked && (
        <p className="fc-run-error" data-testid="run-blocked">
          Fix the errors in the Problems panel to run this model.
        </p>
      )}
      {!model && !blocked && <p className="fc-run-hint">Open or draw a model to run it.</p>}

      <div className="fc-run-actions">
        {/* Distinct keys: reusing one DOM button whose type flips to "submit" during the click would submit the
            form and start a new run right after Cancel. */}
        {running ? (
          <button key="cancel" type="button" className="fc-run-button is-cancel" onClick={() => store.getState().cancel()} data-testid="run-cancel">
            Cancel
          </button>
        ) : (
          <button key="run" type="submit" className="fc-run-button" disabled={!canRun} data-testid="run-start" title={blocked ? 'The model has errors' : undefined}>
            Run
          </button>
        )}
        {running && (
          <div className="fc-run-progress" data-testid="run-progress">
            <div className="fc-run-bar" role="progressbar" aria-label="Simulation progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
              <div className="fc-run-bar-fill" style={{ width: `${fraction * 100}%` }} />
            </div>
            <div className="fc-run-progress-text">
              <span>{formatPercent(fraction, 2)}</span>
              <span>{formatEta(progress?.etaSeconds)}</span>
            </div>
            {progress && (
              <div className="fc-run-progress-sub">
                {progress.completedReplications}/{progress.totalReplications} replications · {progress.workers > 0 ? `${progress.workers} worker${progress.workers === 1 ? '' : 's'}` : 'main thread'}
              </div>
            )}
          </div>
        )}
        {!running && status === 'cancelled' && (
          <p className="fc-run-status" data-testid="run-cancelled">
            Run cancelled.{last ? ' Results shown are from the previous run.' : ''}
          </p>
        )}
        {!running && status === 'done' && last && (
          <p className="fc-run-status" data-testid="run-done">
            Finished in {formatElapsed(last.wallSeconds)}
            {last.report.status === 'unstable' ? ': unstable, see Results.' : '.'}
          </p>
        )}
      </div>
      {status === 'failed' && (
        <p className="fc-run-error" role="alert" data-testid="run-failed">
          The run failed: {error}
        </p>
      )}
    </form>
  );
}
