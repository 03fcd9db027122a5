import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { limits, toMinutes, type Workflow } from '../../models';
import EChart from '../results/charts/EChart';
import { overlaidCycleTimeOption, overlaidQueueWaitOption, overlaidSeriesOption, barChartHeight, seriesColors } from '../results/charts/chartOptions';
import { projectorChartStyle } from '../results/chartStyle';
import { formatEta, formatNumber, formatPercent } from '../results/format';
import { compareRows, nodeDeltas, type Candidate, type CandidateRun, type CompareRow } from './compareRows';
import { createCompareStore, type CompareSettings } from './compareStore';
import DeltaDiagram from './DeltaDiagram';
import { loadShippedScenario, shippedScenarios } from './scenarioCatalog';
import './compare.css';

export interface CompareViewProps {
  /** The open document's model (validated). */
  model: Workflow;
  onClose: () => void;
}

const MAX_CANDIDATES = 4;

function openModelCandidate(model: Workflow, variantId: string | null): Candidate {
  const variant = variantId === null ? undefined : model.variants.find((v) => v.id === variantId);
  return {
    key: `open:${variantId ?? 'base'}`,
    label: variant ? variant.name : `${model.metadata.name} (base)`,
    model,
    variantId,
    source: 'open-model',
  };
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

// ---------------------------------------------------------------------------------------------- choosing candidates

function CandidatePicker({ model, candidates, onChange, disabled }: { model: Workflow; candidates: Candidate[]; onChange: (c: Candidate[]) => void; disabled: boolean }) {
  const scenarios = useMemo(() => shippedScenarios(), []);
  const [scenarioId, setScenarioId] = useState('');
  const [loaded, setLoaded] = useState<{ id: string; model: Workflow } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [scenarioVariant, setScenarioVariant] = useState('');
  const keys = new Set(candidates.map((c) => c.key));
  const full = candidates.length >= MAX_CANDIDATES;
  const openOptions = [null, ...model.variants.map((v) => v.id)].filter((v) => !keys.has(`open:${v ?? 'base'}`));

  const add = (c: Candidate) => {
    if (!keys.has(c.key) && !full) onChange([...candidates, c]);
  };
  const move = (index: number) => {
    // Make this candidate the baseline (first).
    const next = [...candidates];
    const [c] = next.splice(index, 1);
    onChange([c, ...next]);
  };

  const pickScenario = (id: string) => {
    setScenarioId(id);
    setLoaded(null);
    setLoadError(null);
    setScenarioVariant('');
    if (!id) return;
    loadShippedScenario(id).then(
      (m) => setLoaded({ id, model: m }),
      (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)),
    );
  };

  const addScenario = () => {
    if (!loaded) return;
    const variantId = scenarioVariant || null;
    const variant = variantId ? loaded.model.variants.find((v) => v.id === variantId) : undefined;
    add({
      key: `scenario:${loaded.id}:${variantId ?? 'base'}`,
      label: variant ? `${loaded.model.metadata.name}: ${variant.name}` : loaded.model.metadata.name,
      model: loaded.model,
      variantId,
      source: 'scenario',
    });
  };

  return (
    <fieldset className="fc-cmp-candidates" disabled={disabled}>
      <legend>Variants ({candidates.length} of at most {MAX_CANDIDATES})</legend>
      <ol className="fc-cmp-candidate-list" data-testid="compare-candidates">
        {candidates.map((c, i) => (
          <li key={c.key} className={i === 0 ? 'is-baseline' : undefined}>
            <span className="fc-cmp-swatch" style={{ background: seriesColors[i % seriesColors.length] }} aria-hidden="true" />
            <span className="fc-cmp-candidate-label">{c.label}</span>
            {c.source === 'scenario' && <span className="fc-cmp-tag">other scenario</span>}
            {i === 0 ? (
              <span className="fc-cmp-tag is-baseline">baseline</span>
            ) : (
              <button type="button" className="fc-cmp-small" onClick={() => move(i)} title="Measure the others against this one">
                Make baseline
              </button>
            )}
            <button type="button" className="fc-cmp-small" onClick={() => onChange(candidates.filter((x) => x.key !== c.key))} aria-label={`Remove ${c.label}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div className="fc-cmp-add">
        <label>
          Add from this model
          <select
            value=""
            disabled={full || openOptions.length === 0}
            onChange={(e) => {
              const v = e.target.value;
              if (v) add(openModelCandidate(model, v === '__base' ? null : v));
            }}
            data-testid="compare-add-variant"
          >
            <option value="">{openOptions.length === 0 ? 'all added' : 'choose a variant…'}</option>
            {openOptions.map((v) => (
              <option key={v ?? '__base'} value={v ?? '__base'}>
                {v === null ? 'Base model' : (model.variants.find((x) => x.id === v)?.name ?? v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Add a shipped scenario
          <select value={scenarioId} disabled={full} onChange={(e) => pickScenario(e.target.value)} data-testid="compare-add-scenario">
            <option value="">choose a scenario…</option>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        {loaded && loaded.model.variants.length > 0 && (
          <label>
            Its variant
            <select value={scenarioVariant} onChange={(e) => setScenarioVariant(e.target.value)} data-testid="compare-scenario-variant">
              <option value="">Base</option>
              {loaded.model.variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {scenarioId && (
          <button type="button" className="fc-cmp-small" disabled={!loaded || full} onClick={addScenario} data-testid="compare-add-scenario-button">
            {loaded ? 'Add' : loadError ? 'Cannot load' : 'Loading…'}
          </button>
        )}
      </div>
      {loadError && <p className="fc-cmp-error">{loadError}</p>}
    </fieldset>
  );
}

// ---------------------------------------------------------------------------------------------- results

type ChartTab = 'throughput' | 'wip' | 'cycle' | 'wait';
const chartTabs: ReadonlyArray<{ id: ChartTab; label: string }> = [
  { id: 'throughput', label: 'Throughput over time' },
  { id: 'wip', label: 'WIP over time' },
  { id: 'cycle', label: 'Cycle time' },
  { id: 'wait', label: 'Queue wait per step' },
];

function CompareResults({ runs, settings }: { runs: CandidateRun[]; settings: CompareSettings }) {
  const [baseline, ...others] = runs;
  const rows = useMemo(() => compareRows(baseline, others), [baseline, others]);
  const [chart, setChart] = useState<ChartTab>('throughput');
  const [deltaIndex, setDeltaIndex] = useState(0);
  const other = others[Math.min(deltaIndex, others.length - 1)];
  const deltas = useMemo(() => nodeDeltas(baseline, other), [baseline, other]);
  const labelled = useMemo(() => runs.map((r) => ({ label: r.candidate.label, report: r.report })), [runs]);
  const chartSpec = useMemo(() => {
    switch (chart) {
      case 'throughput':
        return { option: overlaidSeriesOption(labelled, 'throughput', projectorChartStyle), height: 360 };
      case 'wip':
        return { option: overlaidSeriesOption(labelled, 'wip', projectorChartStyle), height: 360 };
      case 'cycle':
        return { option: overlaidCycleTimeOption(labelled, projectorChartStyle), height: 360 };
      case 'wait':
        return { option: overlaidQueueWaitOption(labelled, projectorChartStyle), height: barChartHeight(12, 16 * runs.length + 10, 300) };
    }
  }, [chart, labelled, runs.length]);
  const unstable = runs.filter((r) => r.report.status === 'unstable');

  return (
    <section className="fc-cmp-results" aria-label="Comparison results" data-testid="compare-results">
      <p className="fc-cmp-basis">
        {settings.replications} paired replications of {formatNumber(settings.horizonMinutes / 1440)} simulated days each (the first {formatNumber(settings.warmupMinutes / 1440)} left out as warm-up), seed {settings.seed}. Differences are{' '}
        <strong>{others.length === 1 ? others[0].candidate.label : 'each variant'}</strong> minus <strong>{baseline.candidate.label}</strong>, with the 95% confidence interval of the paired difference.
      </p>
      {unstable.length > 0 && (
        <div className="fc-cmp-alert" role="alert">
          {unstable.map((r) => (
            <p key={r.candidate.key}>
              <strong>{r.candidate.label} is unstable:</strong> {r.report.messages[0] ?? 'orders piled up without limit.'} Its figures cover only the time before the stop.
            </p>
          ))}
        </div>
      )}
      <KpiTable runs={runs} rows={rows} />
      <div className="fc-cmp-tabs" role="tablist" aria-label="Overlaid charts">
        {chartTabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={chart === t.id} className={chart === t.id ? 'is-active' : undefined} onClick={() => setChart(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <EChart option={chartSpec.option} height={chartSpec.height} ariaLabel={`${chartTabs.find((t) => t.id === chart)?.label ?? ''} for ${runs.map((r) => r.candidate.label).join(', ')}`} testId={`compare-chart-${chart}`} />
      <h3 className="fc-cmp-section">Where the time went: the difference on the diagram</h3>
      {others.length > 1 && (
        <label className="fc-cmp-delta-pick">
          Show
          <select value={deltaIndex} onChange={(e) => setDeltaIndex(Number(e.target.value))}>
            {others.map((o, i) => (
              <option key={o.candidate.key} value={i}>
                {o.candidate.label}
              </option>
            ))}
          </select>
          against {baseline.candidate.label}
        </label>
      )}
      <DeltaDiagram model={other.candidate.model} deltas={deltas} baselineLabel={baseline.candidate.label} otherLabel={other.candidate.label} />
    </section>
  );
}

const verdictIcon = { better: '▲', worse: '▼', 'not-significant': '○', 'no-difference': '=', 'too-few': '?' } as const;

function KpiTable({ runs, rows }: { runs: CandidateRun[]; rows: CompareRow[] }) {
  const [baseline, ...others] = runs;
  return (
    <div className="fc-cmp-table-wrap">
      <table className="fc-cmp-table" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col" className="is-baseline">
              <span className="fc-cmp-swatch" style={{ background: seriesColors[0] }} aria-hidden="true" />
              {baseline.candidate.label}
              <span className="fc-cmp-th-note">baseline</span>
            </th>
            {others.map((o, i) => (
              <th scope="colgroup" colSpan={2} key={o.candidate.key}>
                <span className="fc-cmp-swatch" style={{ background: seriesColors[(i + 1) % seriesColors.length] }} aria-hidden="true" />
                {o.candidate.label}
                <span className="fc-cmp-th-note">value · difference (95% CI)</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-kpi={row.id}>
              <th scope="row">{row.label}</th>
              <td className="is-baseline">
                <span className="fc-cmp-value">{row.baseline.value}</span>
                {row.baseline.interval && <span className="fc-cmp-ci"> {row.baseline.interval}</span>}
              </td>
              {row.cells.map((cell, i) => (
                <CellPair key={others[i].candidate.key} cell={cell} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CellPair({ cell }: { cell: CompareRow['cells'][number] }) {
  return (
    <>
      <td>
        <span className="fc-cmp-value">{cell.value}</span>
        {cell.interval && <span className="fc-cmp-ci"> {cell.interval}</span>}
      </td>
      <td className="fc-cmp-delta-cell">
        {cell.delta && (
          <span className="fc-cmp-delta">
            {cell.delta}
            {cell.relative && <span className="fc-cmp-ci"> ({cell.relative})</span>}
          </span>
        )}
        {cell.deltaInterval && <span className="fc-cmp-ci fc-cmp-block">{cell.deltaInterval}</span>}
        <span className={`fc-cmp-verdict is-${cell.verdict}`} data-testid="verdict" data-verdict={cell.verdict} title={cell.suggestion || undefined}>
          <span aria-hidden="true">{verdictIcon[cell.verdict]} </span>
          {cell.verdictText}
        </span>
        {cell.suggestion && <span className="fc-cmp-ci fc-cmp-block">{cell.suggestion}</span>}
      </td>
    </>
  );
}
