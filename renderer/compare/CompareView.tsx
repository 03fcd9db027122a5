import { useEffect, useId, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { limits, toMinutes, type Workflow } from '../../models';
import { seriesColors } from '../results/charts/chartOptions';
import { formatEta, formatPercent } from '../results/format';
import CandidatePicker, { openModelCandidate } from './CandidatePicker';
import CompareResults from './CompareResults';
import type { Candidate } from './compareRows';
import { createCompareStore, type CompareSettings } from './compareStore';
import './compare.css';

export interface CompareViewProps {
  /** The open document's model (validated). */
  model: Workflow;
  onClose: () => void;
}

function initialCandidates(model: Workflow): Candidate[] {
  const list = [openModelCandidate(model, null)];
  if (model.variants.length > 0) list.push(openModelCandidate(model, model.variants[0].id));
  return list;
}

interface SettingsForm {
  horizonDays: string;
  warmupDays: string;
  replications: string;
  seed: string;
}

function parseSettings(form: SettingsForm): CompareSettings | string {
  const horizon = Number(form.horizonDays);
  const warmup = Number(form.warmupDays);
  const replications = Number(form.replications);
  const seed = Number(form.seed);
  if (!(horizon > 0) || horizon > limits.horizonDays) return `Horizon must be between 0 and ${limits.horizonDays} days.`;
  if (!(warmup >= 0) || warmup >= horizon) return 'Warm-up must be zero or more and shorter than the horizon.';
  if (!Number.isInteger(replications) || replications < 2 || replications > limits.replications)
    return `Replications must be a whole number from 2 to ${limits.replications}: a paired comparison needs at least 2.`;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) return 'Seed must be a whole number from 0 to 4294967295.';
  return { horizonMinutes: horizon * 1440, warmupMinutes: warmup * 1440, replications, seed };
}

/**
 * The compare view for workshops: two to four variants (of the open model, or shipped scenarios) run with common
 * random numbers, a KPI table with paired 95% intervals of the differences and a significance marker, overlaid
 * charts, and the change in queue wait drawn on the diagram. Large type and high contrast for a projector.
 */
export default function CompareView({ model, onClose }: CompareViewProps) {
  const [store] = useState(() => createCompareStore());
  const status = useStore(store, (s) => s.status);
  const progress = useStore(store, (s) => s.progress);
  const runs = useStore(store, (s) => s.runs);
  const error = useStore(store, (s) => s.error);
  const settings = useStore(store, (s) => s.settings);
  const [candidates, setCandidates] = useState<Candidate[]>(() => initialCandidates(model));
  const [form, setForm] = useState<SettingsForm>(() => ({
    horizonDays: String(Math.round((toMinutes(model.run.horizon) / 1440) * 1000) / 1000),
    warmupDays: String(Math.round((toMinutes(model.run.warmup) / 1440) * 1000) / 1000),
    replications: String(Math.max(5, model.run.replications)),
    seed: String(model.run.seed),
  }));
  const id = useId();
  // The setup folds away once results are in, so the table is what the room sees first.
  const [setupOpen, setSetupOpen] = useState(true);

  // Closing the view stops its runs; Escape closes it (after cancelling a run in progress).
  useEffect(() => () => store.getState().cancel(), [store]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      if (store.getState().status === 'running') store.getState().cancel();
      else onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, onClose]);

  const parsed = parseSettings(form);
  const running = status === 'running';
  const canRun = !running && typeof parsed !== 'string' && candidates.length >= 2;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!canRun || typeof parsed === 'string') return;
    void store
      .getState()
      .start(candidates, parsed)
      .then(() => {
        if (store.getState().status === 'done') setSetupOpen(false);
      });
  };

  const setField = (field: keyof SettingsForm) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));

  return (
    <div className="fc-cmp" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} data-testid="compare-view">
      <header className="fc-cmp-header">
        <h2 id={`${id}-title`}>Compare variants</h2>
        <span className="fc-cmp-subtitle">{model.metadata.name}</span>
        <button type="button" className="fc-cmp-close" onClick={onClose} aria-label="Close the compare view" data-testid="compare-close">
          Close ✕
        </button>
      </header>
      <div className="fc-cmp-body">
        {!setupOpen && status === 'done' && settings && (
          <div className="fc-cmp-summary" data-testid="compare-summary">
            <span>
              {runs.map((r, i) => (
                <span key={r.candidate.key} className="fc-cmp-summary-item">
                  <span className="fc-cmp-swatch" style={{ background: seriesColors[i % seriesColors.length] }} aria-hidden="true" />
                  {r.candidate.label}
                  {i === 0 && <span className="fc-cmp-tag is-baseline">baseline</span>}
                </span>
              ))}
            </span>
            <button type="button" className="fc-cmp-small" onClick={() => setSetupOpen(true)} data-testid="compare-edit-setup">
              Change the comparison
            </button>
          </div>
        )}
        {setupOpen && (
          <form className="fc-cmp-setup" onSubmit={onSubmit} aria-label="What to compare">
            <CandidatePicker model={model} candidates={candidates} onChange={setCandidates} disabled={running} />
            <fieldset className="fc-cmp-settings" disabled={running}>
              <legend>Run settings, the same for every variant</legend>
              <label>
                Horizon (days)
                <input type="number" min={0} step="any" value={form.horizonDays} onChange={setField('horizonDays')} data-testid="compare-horizon" />
              </label>
              <label>
                Warm-up (days)
                <input type="number" min={0} step="any" value={form.warmupDays} onChange={setField('warmupDays')} data-testid="compare-warmup" />
              </label>
              <label>
                Replications
                <input type="number" min={2} step={1} value={form.replications} onChange={setField('replications')} data-testid="compare-replications" />
              </label>
              <label>
                Seed
                <input type="number" min={0} step={1} value={form.seed} onChange={setField('seed')} data-testid="compare-seed" />
              </label>
            </fieldset>
            {typeof parsed === 'string' && <p className="fc-cmp-error" role="alert">{parsed}</p>}
            {candidates.length < 2 && <p className="fc-cmp-hint">Pick at least two variants to compare.</p>}
            <div className="fc-cmp-actions">
              {running ? (
                <button key="cancel" type="button" className="fc-cmp-button is-cancel" onClick={() => store.getState().cancel()} data-testid="compare-cancel">
                  Cancel
                </button>
              ) : (
                <button key="run" type="submit" className="fc-cmp-button" disabled={!canRun} data-testid="compare-run">
                  Run comparison
                </button>
              )}
              <span className="fc-cmp-crn">Every variant runs the same replications with the same seed (common random numbers), so differences come from the variants, not from luck.</span>
            </div>
            {running && progress && (
              <div className="fc-cmp-progress" data-testid="compare-progress">
                <div className="fc-cmp-bar" role="progressbar" aria-label="Comparison progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress.fraction * 100)}>
                  <div style={{ width: `${progress.fraction * 100}%` }} />
                </div>
                <span>
                  {formatPercent(progress.fraction, 2)} · running {progress.current} · {formatEta(progress.etaSeconds)}
                </span>
              </div>
            )}
            {status === 'cancelled' && <p className="fc-cmp-hint">Comparison cancelled.</p>}
            {status === 'failed' && (
              <p className="fc-cmp-error" role="alert">
                The comparison failed: {error}
              </p>
            )}
          </form>
        )}
        {status === 'done' && runs.length >= 2 && settings && <CompareResults runs={runs} settings={settings} />}
        {status === 'idle' && (
          <p className="fc-cmp-empty">
            Choose the variants above (the first is the baseline the others are measured against) and press Run comparison.
          </p>
        )}
      </div>
    </div>
  );
}

