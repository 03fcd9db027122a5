import { useId, useMemo, useState } from 'react';
import type { Workflow } from '../../models';
import LazyEChart from '../results/charts/LazyEChart';
import { projectorChartStyle } from '../results/chartStyle';
import { formatNumber, formatPercent } from '../results/format';
import { kpiEstimate, showSweepValue, sweepChartOption, sweepKpis, type SweepKpi } from './chartOptions';
import { parameterChoices } from './choices';
import { insightsForSweep, parseValues, runSweep, type SweepReport, type SweepSpec } from './engine';
import InsightList from './InsightList';
import { EmptyState, Field, Intro, plural, RunningState } from './PanelParts';
import RunControls from './RunControls';
import type { ExperimentSettings } from './settings';
import { useExperimentRun } from './useExperimentRun';

/** Sweep one parameter (optionally a second) and chart a KPI with its 95% band and the saturation point. */
export default function SweepPanel({ model, settings }: { model: Workflow; settings: ExperimentSettings | string }) {
  const id = useId();
  const choices = useMemo(() => parameterChoices(model), [model]);
  const [parameter, setParameter] = useState(choices[0].parameter);
  const [values, setValues] = useState(choices[0].defaultValues);
  const [parameter2, setParameter2] = useState('');
  const [values2, setValues2] = useState('');
  const [p90Hours, setP90Hours] = useState('');
  const [kpi, setKpi] = useState<SweepKpi>('cycleTimeP90');
  const { state, start, cancel } = useExperimentRun<SweepReport>();

  const spec = useMemo((): SweepSpec | string => {
    if (typeof settings === 'string') return settings;
    try {
      const parameters = [{ parameter, values: parseValues(values) }];
      if (parameter2) parameters.push({ parameter: parameter2, values: parseValues(values2) });
      const s: SweepSpec = { parameters, ...settings };
      if (p90Hours.trim() !== '') {
        const h = Number(p90Hours);
        if (!(h > 0)) return 'The p90 threshold must be a number of hours above 0.';
        s.p90ThresholdMinutes = h * 60;
      }
      const points = parameters.reduce((n, p) => n * p.values.length, 1);
      if (points > 200) return `${points} points is more than the studio runs at once (200); use the CLI with --shard for large sweeps.`;
      return s;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }, [settings, parameter, values, parameter2, values2, p90Hours]);

  const report = state.result;
  const insights = useMemo(() => (report ? insightsForSweep(report) : []), [report]);
  const option = useMemo(() => (report ? sweepChartOption(report, kpi, projectorChartStyle) : null), [report, kpi]);
  const choose = (next: string) => {
    setParameter(next);
    setValues(choices.find((c) => c.parameter === next)?.defaultValues ?? '');
  };
  const choose2 = (next: string) => {
    setParameter2(next);
    setValues2(choices.find((c) => c.parameter === next)?.defaultValues ?? '');
  };
  const run = () => {
    if (typeof spec === 'string') return;
    start((runner, onProgress, signal) => runSweep(model, spec, runner, { onProgress, signal }));
  };

  const points = typeof spec === 'string' ? 0 : spec.parameters.reduce((n, p) => n * p.values.length, 1);
  const hint = typeof spec === 'string' ? undefined : `${plural(points, 'point')} × ${plural(spec.replications, 'replication')} = ${plural(points * spec.replications, 'simulation')} of ${formatNumber(spec.horizonMinutes / 1440)} days.`;
  const kpiLabel = report ? sweepKpis(report).find((k) => k.id === kpi)?.label : undefined;

  return (
    <div className="fc-exp-panel">
      <Intro question="Where does the process break?">
        Vary one parameter (or two) over a range of values and see each KPI with its 95% confidence interval at every point; the saturation point, where throughput stops keeping up with arrivals, is marked.
      </Intro>
      <div className="fc-exp-layout">
        <div className="fc-exp-setup">
          <fieldset className="fc-exp-group">
            <legend>What to vary</legend>
            <Field id={`${id}-p`} label="Vary">
              <select id={`${id}-p`} value={parameter} onChange={(e) => choose(e.target.value)}>
                {choices.map((c) => (
                  <option key={c.parameter} value={c.parameter}>
                    {c.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`${id}-v`} label="Values" hint="FROM:TO:STEP (0.8:1.6:0.2) or a list (1, 2, 3).">
              <input id={`${id}-v`} value={values} onChange={(e) => setValues(e.target.value)} placeholder="0.8:1.6:0.2 or 1,2,3" />
            </Field>
            <Field id={`${id}-p2`} label="Second parameter (optional)">
              <select id={`${id}-p2`} value={parameter2} onChange={(e) => choose2(e.target.value)}>
                <option value="">none</option>
                {choices
                  .filter((c) => c.parameter !== parameter)
                  .map((c) => (
                    <option key={c.parameter} value={c.parameter}>
                      {c.label}
                    </option>
                  ))}
              </select>
            </Field>
            {parameter2 && (
              <Field id={`${id}-v2`} label="Values of the second parameter" hint="One line per value in the chart.">
                <input id={`${id}-v2`} value={values2} onChange={(e) => setValues2(e.target.value)} />
              </Field>
            )}
            <Field id={`${id}-t`} label="p90 cycle time limit (hours, optional)" hint="Above it a point also counts as saturated.">
              <input id={`${id}-t`} value={p90Hours} onChange={(e) => setP90Hours(e.target.value)} inputMode="decimal" placeholder="e.g. 48" />
            </Field>
          </fieldset>
          <RunControls state={state} label="Run sweep" disabled={false} problem={typeof spec === 'string' ? spec : null} hint={hint} onRun={run} onCancel={cancel} />
        </div>
        <div className="fc-exp-results">
          {report && option ? (
            <>
              <div className="fc-exp-results-head">
                <h3>
                  {kpiLabel} against {report.parameters[0].label}
                </h3>
                <div className="fc-exp-inline fc-exp-kpi-pick">
                  <label htmlFor={`${id}-k`}>Show</label>
                  <select id={`${id}-k`} value={kpi} onChange={(e) => setKpi(e.target.value as SweepKpi)}>
                    {sweepKpis(report).map((k) => (
                      <option key={k.id} value={k.id}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <p className="fc-exp-caption">Line: mean over {plural(report.settings.replications, 'replication')}; shaded: 95% confidence interval; red dashed line: saturation point.</p>
              <LazyEChart option={option} height={340} ariaLabel={`${kpiLabel} against ${report.parameters[0].label}, with 95% confidence band`} testId="sweep-chart" />
              <SaturationLines report={report} />
              <h3>Every point</h3>
              <SweepTable report={report} kpi={kpi} kpiLabel={kpiLabel ?? ''} />
              <InsightList insights={insights} />
            </>
          ) : state.status === 'running' ? (
            <RunningState what="Running the sweep…">
              <p>{hint ?? ''} The chart, the table of every point and the findings appear here when the last point is done. Cancel stops it; nothing is kept.</p>
            </RunningState>
          ) : (
            <EmptyState title="No sweep yet">
              <p>Choose what to vary and its values on the left, then press <strong>Run sweep</strong>. The chart of the KPI against the parameter, the saturation point, a table of every point and the findings appear here.</p>
              <p>Start with order volume around 1 (the model as written) to see how much more the process can take.</p>
            </EmptyState>
          )}
        </div>
      </div>
    </div>
  );
}

function SaturationLines({ report }: { report: SweepReport }) {
  return (
    <ul className="fc-exp-saturation" data-testid="saturation" aria-label="Saturation point">
      {report.saturation.map((s) => (
        <li key={String(s.seriesValue)}>
          {s.seriesValue !== null && `${report.parameters[1].label} = ${formatNumber(s.seriesValue)}: `}
          {s.saturatedAt === null
            ? `No saturation in the range: the process keeps up to ${formatNumber(s.lastStableAt ?? 0)}.`
            : `${s.stableSide === 'above' ? 'Still saturated at' : 'Saturates at'} ${report.parameters[0].label} = ${formatNumber(s.saturatedAt)}${s.lastStableAt === null ? '' : s.stableSide === 'above' ? ` (keeps up from ${formatNumber(s.lastStableAt)})` : ` (last stable ${formatNumber(s.lastStableAt)})`}: ${s.reason}.${s.capacityPerHour === null ? '' : ` Capacity about ${formatNumber(s.capacityPerHour * 24)} orders/day.`}`}
        </li>
      ))}
    </ul>
  );
}

function SweepTable({ report, kpi, kpiLabel }: { report: SweepReport; kpi: SweepKpi; kpiLabel: string }) {
  const show = (x: number | null) => showSweepValue(report, kpi, x);
  return (
    <div className="fc-exp-table-wrap">
      <table className="fc-exp-table" data-testid="sweep-table">
        <thead>
          <tr>
            {report.parameters.map((p) => (
              <th key={p.id}>{p.label}</th>
            ))}
            <th>Throughput / arrivals</th>
            <th>{kpiLabel}, mean</th>
            <th>95% interval</th>
            <th>Saturated</th>
          </tr>
        </thead>
        <tbody>
          {report.points.map((p) => {
            const e = kpiEstimate(p, kpi);
            return (
              <tr key={p.values.join(',')} className={p.saturated ? 'fc-exp-saturated' : undefined}>
                {p.values.map((v, i) => (
                  <td key={i}>{formatNumber(v)}</td>
                ))}
                <td>{p.throughputToArrivals === null ? '-' : formatPercent(p.throughputToArrivals)}</td>
                <td>{show(e?.mean ?? null)}</td>
                <td>{e && e.low !== null && e.high !== null ? `${show(e.low)} – ${show(e.high)}` : '-'}</td>
                <td>{p.saturated ? p.saturatedBecause.join('; ') : 'no'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
