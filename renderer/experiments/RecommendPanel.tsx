import { useId, useMemo, useState } from 'react';
import type { Variant, Workflow } from '../../models';
import { formatMoney, formatNumber, formatPercent } from '../results/format';
import { resourceChoices } from './choices';
import { insightsForRecommendation, recommendCapacity, type Insight, type RecommendReport, type RecommendSpec } from './engine';
import InsightList from './InsightList';
import { EmptyState, Field, Intro, plural, RunningState } from './PanelParts';
import RunControls from './RunControls';
import type { ExperimentSettings } from './settings';
import { useExperimentRun } from './useExperimentRun';

/** Capacity recommendation: the cheapest sizes meeting every SLA goal with confidence, applied as a new variant. */
export default function RecommendPanel({ model, settings, onApplyVariant }: { model: Workflow; settings: ExperimentSettings | string; onApplyVariant: (variant: Variant) => void }) {
  const id = useId();
  const choices = useMemo(() => resourceChoices(model), [model]);
  // Teams are ticked by default; concurrency slots cost nothing unless priced, so they are opt-in here.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(choices.filter((c) => c.resource.startsWith('pool.')).map((c) => c.resource)));
  const [maxEvaluations, setMaxEvaluations] = useState('40');
  const [applied, setApplied] = useState<string | null>(null);
  const [evaluations, setEvaluations] = useState(0);
  const { state, start, cancel } = useExperimentRun<RecommendReport>();

  const spec = useMemo((): RecommendSpec | string => {
    if (typeof settings === 'string') return settings;
    if (model.slas.length === 0) return 'The model has no SLAs: add SLA targets (Model settings) to get a recommendation.';
    if (selected.size === 0) return 'Choose at least one team or system to size.';
    const max = Number(maxEvaluations);
    if (!Number.isInteger(max) || max < 2) return 'The number of configurations to try must be a whole number of at least 2.';
    return { ...settings, resources: choices.filter((c) => selected.has(c.resource)).map((c) => ({ resource: c.resource })), maxEvaluations: max };
  }, [settings, model.slas.length, selected, maxEvaluations, choices]);

  const report = state.result;
  const insights = useMemo(() => (report ? insightsForRecommendation(report) : []), [report]);
  const toggle = (resource: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(resource)) next.delete(resource);
      else next.add(resource);
      return next;
    });
  const run = () => {
    if (typeof spec === 'string') return;
    setApplied(null);
    setEvaluations(0);
    // A search does not know how many configurations it will need: the bar is indeterminate, the count is shown.
    start((runner, _onProgress, signal) => recommendCapacity(model, spec, runner, { signal, onEvaluation: (_e, count) => setEvaluations(count) }), { indeterminate: true });
  };

  const hint = typeof spec === 'string' ? undefined : `At most ${plural(spec.maxEvaluations ?? 0, 'configuration')} × ${plural(spec.replications, 'replication')} of ${formatNumber(spec.horizonMinutes / 1440)} days.`;

  const teams = choices.filter((c) => c.resource.startsWith('pool.'));
  const systems = choices.filter((c) => !c.resource.startsWith('pool.'));
  const check = (c: { resource: string; label: string }, shown: string) => (
    <label key={c.resource} title={c.label}>
      <input type="checkbox" checked={selected.has(c.resource)} onChange={() => toggle(c.resource)} aria-label={c.label} /> {shown}
    </label>
  );

  return (
    <div className="fc-exp-panel">
      <Intro question="What is the cheapest staffing that meets every SLA goal with confidence?">
        Tick the teams (and systems) to size. The search adds people where goals are missed until the lower bound of every SLA&apos;s 95% interval reaches its goal and no team is more than 90% busy, then removes what is not needed. Apply the answer as a new variant to compare or edit it.
      </Intro>
      <div className="fc-exp-layout is-wide-setup">
        <div className="fc-exp-setup">
          <fieldset className="fc-exp-group">
            <legend>What the search may resize</legend>
            {teams.length > 0 && (
              <div className="fc-exp-checks" role="group" aria-label="Teams (people)">
                <span className="fc-exp-checks-title">Teams (people)</span>
                {teams.map((c) => check(c, c.label))}
              </div>
            )}
            {systems.length > 0 && (
              <div className="fc-exp-checks" role="group" aria-label="Systems (calls at once)">
                <span className="fc-exp-checks-title">Systems (calls at once; free unless priced)</span>
                {systems.map((c) => check(c, c.label.replace(/ concurrency$/, '')))}
              </div>
            )}
            <Field id={`${id}-max`} label="Configurations to try at most" hint="Each runs every replication; the search stops when it has its answer.">
              <input id={`${id}-max`} value={maxEvaluations} onChange={(e) => setMaxEvaluations(e.target.value)} inputMode="numeric" />
            </Field>
          </fieldset>
          <RunControls state={state} label="Find the cheapest sizes" disabled={false} problem={typeof spec === 'string' ? spec : null} hint={hint} onRun={run} onCancel={cancel} />
        </div>
        <div className="fc-exp-results">
          {report ? (
            <RecommendResults report={report} model={model} insights={insights} applied={applied} onApply={(variant) => { onApplyVariant(variant); setApplied(variant.id); }} />
          ) : state.status === 'running' ? (
            <RunningState what="Searching for the cheapest sizes…">
              <p>{plural(evaluations, 'configuration')} simulated so far; each runs every replication, and the search tries a few per step. The answer, the SLA attainment and every configuration tried appear here when it is done.</p>
            </RunningState>
          ) : (
            <EmptyState title="No recommendation yet">
              <p>Tick the teams and systems the search may resize on the left, then press <strong>Find the cheapest sizes</strong>. The recommended sizes against the model as written, the SLA attainment both ways and every configuration tried appear here.</p>
              <p>
                <strong>Apply as new variant</strong> then adds the answer to the model, to compare it with the current state or edit it further.
              </p>
            </EmptyState>
          )}
        </div>
      </div>
    </div>
  );
}

/** The engine's sentences name CLI flags; in the studio the same knob is a field of this panel. */
function studioWording(text: string): string {
  return text.replace(/--max-evaluations/g, '“Configurations to try at most”');
}

function RecommendResults({ report, model, insights, applied, onApply }: { report: RecommendReport; model: Workflow; insights: readonly Insight[]; applied: string | null; onApply: (variant: Variant) => void }) {
  const currency = report.model.currency;
  const best = report.recommended;
  const saving = best ? report.asModelled.costPerWeek - best.costPerWeek : 0;
  return (
    <>
      {best ? (
        <p className="fc-exp-verdict is-found" role="status">
          <strong>Recommended: {formatMoney(best.costPerWeek, currency)} per week</strong>
          {saving > 0 ? `, ${formatMoney(saving, currency)} less than as modelled` : saving < 0 ? `, ${formatMoney(-saving, currency)} more than as modelled` : ', the same cost as modelled'}; every SLA goal met with 95% confidence.
        </p>
      ) : (
        <p className="fc-exp-verdict is-none" role="status">
          <strong>No configuration met every goal</strong> within the bounds after {plural(report.tried.length, 'try', 'tries')}. See what the search tried below; raise “Configurations to try at most” or size other teams.
        </p>
      )}
      <h3>Sizes</h3>
      <div className="fc-exp-table-wrap">
        <table className="fc-exp-table" data-testid="recommendation">
          <thead>
            <tr>
              <th>Team or system</th>
              <th>As modelled</th>
              <th>Recommended</th>
              <th>Cost per unit per week</th>
            </tr>
          </thead>
          <tbody>
            {report.resources.map((r, i) => (
              <tr key={r.resource} className={best && best.sizes[i] !== r.current ? 'fc-exp-changed' : undefined}>
                <td>{r.label}</td>
                <td>{r.current}</td>
                <td>{best ? best.sizes[i] : '–'}</td>
                <td>{formatMoney(r.unitCostPerWeek, currency)}</td>
              </tr>
            ))}
            <tr className="fc-exp-total">
              <td>Cost per week</td>
              <td>{formatMoney(report.asModelled.costPerWeek, currency)}</td>
              <td>{best ? formatMoney(best.costPerWeek, currency) : '–'}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      {report.variant && report.variant.patches.length === 0 && <p className="fc-exp-note">The sizes as modelled are already the cheapest found: there is nothing to apply.</p>}
      {report.variant && report.variant.patches.length > 0 && (
        <div className="fc-exp-apply">
          <button type="button" className="fc-exp-button" onClick={() => onApply(report.variant as Variant)} disabled={applied !== null}>
            Apply as new variant
          </button>
          {applied ? <span role="status">Added variant “{applied}” to the model.</span> : <span className="fc-exp-hint">Adds these sizes to the model as a variant, to compare or edit.</span>}
        </div>
      )}
      <h3>SLA attainment</h3>
      <div className="fc-exp-table-wrap">
        <table className="fc-exp-table">
          <thead>
            <tr>
              <th>SLA</th>
              <th>Goal</th>
              <th>
                As modelled
                <span className="fc-exp-th-note">mean (95% lower bound)</span>
              </th>
              <th>
                Recommended
                <span className="fc-exp-th-note">mean (95% lower bound)</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {report.asModelled.slas.map((s, i) => {
              const r = best?.slas[i];
              return (
                <tr key={s.slaId}>
                  <td>{model.slas.find((x) => x.id === s.slaId)?.name ?? s.slaId}</td>
                  <td>{formatPercent(s.goal)}</td>
                  <td>{s.mean === null ? '–' : `${formatPercent(s.mean)} (${s.low === null ? '–' : formatPercent(s.low)})`}</td>
                  <td>{r && r.mean !== null ? `${formatPercent(r.mean)} (${r.low === null ? '–' : formatPercent(r.low)})` : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <details className="fc-exp-tried">
        <summary>What the search tried ({plural(report.tried.length, 'configuration')})</summary>
        <div className="fc-exp-table-wrap">
          <table className="fc-exp-table">
            <thead>
              <tr>
                <th>#</th>
                <th className="is-text">Step</th>
                <th>Sizes ({report.resources.map((r) => r.label).join(', ')})</th>
                <th>Cost per week</th>
                <th>Meets every goal</th>
              </tr>
            </thead>
            <tbody>
              {report.tried.map((e, i) => (
                <tr key={e.sizes.join(',')}>
                  <td>{i + 1}</td>
                  <td className="is-text">{e.step}</td>
                  <td>{e.sizes.join(' · ')}</td>
                  <td>{formatMoney(e.costPerWeek, currency)}</td>
                  <td>{e.feasible ? 'yes' : `no (short by ${formatNumber(e.shortfall * 100)} pt)`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {report.messages.map((m) => (
        <p key={m} className="fc-exp-note">
          {studioWording(m)}
        </p>
      ))}
      <InsightList insights={insights.map((i) => ({ ...i, text: studioWording(i.text) }))} />
    </>
  );
}
