import { useMemo, useState } from 'react';
import type { Variant, Workflow } from '../../models';
import { formatMoney, formatNumber, formatPercent } from '../results/format';
import { resourceChoices } from './choices';
import { insightsForRecommendation, recommendCapacity, type RecommendReport, type RecommendSpec } from './engine';
import InsightList from './InsightList';
import RunControls from './RunControls';
import type { ExperimentSettings } from './settings';
import { useExperimentRun } from './useExperimentRun';

/** Capacity recommendation: the cheapest sizes meeting every SLA goal with confidence, applied as a new variant. */
export default function RecommendPanel({ model, settings, onApplyVariant }: { model: Workflow; settings: ExperimentSettings | string; onApplyVariant: (variant: Variant) => void }) {
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

  return (
    <div className="fc-exp-panel">
      <fieldset className="fc-exp-resources">
        <legend>Teams and systems to size</legend>
        {choices.map((c) => (
          <label key={c.resource}>
            <input type="checkbox" checked={selected.has(c.resource)} onChange={() => toggle(c.resource)} /> {c.label}
          </label>
        ))}
        <label>
          Configurations to try at most <input value={maxEvaluations} onChange={(e) => setMaxEvaluations(e.target.value)} inputMode="numeric" size={4} />
        </label>
      </fieldset>
      <RunControls state={state} label="Find the cheapest sizes" disabled={false} problem={typeof spec === 'string' ? spec : null} onRun={run} onCancel={cancel} />
      {state.status === 'running' && <p className="fc-exp-note">{evaluations} configuration{evaluations === 1 ? '' : 's'} simulated so far; each runs every replication, and the search tries a few per step.</p>}
      {report && (
        <>
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
                <tr key={r.resource} className={report.recommended && report.recommended.sizes[i] !== r.current ? 'fc-exp-changed' : undefined}>
                  <td>{r.label}</td>
                  <td>{r.current}</td>
                  <td>{report.recommended ? report.recommended.sizes[i] : '-'}</td>
                  <td>{formatMoney(r.unitCostPerWeek, report.model.currency)}</td>
                </tr>
              ))}
              <tr>
                <td>Cost per week</td>
                <td>{formatMoney(report.asModelled.costPerWeek, report.model.currency)}</td>
                <td>{report.recommended ? formatMoney(report.recommended.costPerWeek, report.model.currency) : '-'}</td>
                <td />
              </tr>
            </tbody>
          </table>
          <table className="fc-exp-table">
            <thead>
              <tr>
                <th>SLA</th>
                <th>Goal</th>
                <th>As modelled (lower bound)</th>
                <th>Recommended (lower bound)</th>
              </tr>
            </thead>
            <tbody>
              {report.asModelled.slas.map((s, i) => {
                const r = report.recommended?.slas[i];
                return (
                  <tr key={s.slaId}>
                    <td>{model.slas.find((x) => x.id === s.slaId)?.name ?? s.slaId}</td>
                    <td>{formatPercent(s.goal)}</td>
                    <td>{s.mean === null ? '-' : `${formatPercent(s.mean)} (${s.low === null ? '-' : formatPercent(s.low)})`}</td>
                    <td>{r && r.mean !== null ? `${formatPercent(r.mean)} (${r.low === null ? '-' : formatPercent(r.low)})` : '-'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {report.variant && report.variant.patches.length === 0 && <p className="fc-exp-note">The sizes as modelled are already the cheapest found: there is nothing to apply.</p>}
          {report.variant && report.variant.patches.length > 0 && (
            <div className="fc-exp-apply">
              <button type="button" className="fc-exp-primary" onClick={() => { onApplyVariant(report.variant as Variant); setApplied(report.variant?.id ?? null); }} disabled={applied !== null}>
                Apply as new variant
              </button>
              {applied && <span role="status">Added variant “{applied}” to the model.</span>}
            </div>
          )}
          <details>
            <summary>What the search tried ({report.tried.length} configurations)</summary>
            <table className="fc-exp-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Step</th>
                  <th>Sizes ({report.resources.map((r) => r.label).join(', ')})</th>
                  <th>Cost per week</th>
                  <th>Meets every goal</th>
                </tr>
              </thead>
              <tbody>
                {report.tried.map((e, i) => (
                  <tr key={e.sizes.join(',')}>
                    <td>{i + 1}</td>
                    <td>{e.step}</td>
                    <td>{e.sizes.join(' · ')}</td>
                    <td>{formatMoney(e.costPerWeek, report.model.currency)}</td>
                    <td>{e.feasible ? 'yes' : `no (short by ${formatNumber(e.shortfall * 100)} pt)`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          {report.messages.map((m) => (
            <p key={m} className="fc-exp-note">
              {m}
            </p>
          ))}
          <InsightList insights={insights} />
        </>
      )}
    </div>
  );
}
