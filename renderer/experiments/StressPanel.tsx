import { useId, useMemo, useState } from 'react';
import type { Workflow } from '../../models';
import LazyEChart from '../results/charts/LazyEChart';
import { panelChartStyle } from '../results/chartStyle';
import { formatDuration, formatNumber } from '../results/format';
import { stressChartOption } from './chartOptions';
import { defaultShockStartMinutes } from './choices';
import { insightsForStress, runStress, type Shock, type StressReport, type StressSpec } from './engine';
import InsightList from './InsightList';
import RunControls from './RunControls';
import type { ExperimentSettings } from './settings';
import { useExperimentRun } from './useExperimentRun';

type Kind = Shock['kind'];

/** A scripted shock against the same seeds without it: WIP timeline, time to recover, SLA misses caused. */
export default function StressPanel({ model, settings }: { model: Workflow; settings: ExperimentSettings | string }) {
  const id = useId();
  const [kind, setKind] = useState<Kind>(model.systems.length > 0 ? 'outage' : 'surge');
  const [system, setSystem] = useState(model.systems[0]?.id ?? '');
  const [pool, setPool] = useState(model.pools[0]?.id ?? '');
  const [site, setSite] = useState('');
  const startDefault = typeof settings === 'string' ? 1440 : defaultShockStartMinutes(settings.horizonMinutes, settings.warmupMinutes);
  const [atHours, setAtHours] = useState(String(startDefault / 60));
  const [forHours, setForHours] = useState('4');
  const [extra, setExtra] = useState('0.3');
  const [multiplier, setMultiplier] = useState('2');
  const [lost, setLost] = useState('1');
  const { state, start, cancel } = useExperimentRun<StressReport>();

  const spec = useMemo((): StressSpec | string => {
    if (typeof settings === 'string') return settings;
    const startMinutes = Number(atHours) * 60;
    const durationMinutes = Number(forHours) * 60;
    const timed = kind !== 'staff-loss';
    if (timed && !(startMinutes >= 0)) return 'The shock start must be a number of hours from the start of the run.';
    if (timed && !(durationMinutes > 0)) return 'The shock must last more than 0 hours.';
    let shock: Shock;
    switch (kind) {
      case 'outage':
        shock = { kind, system, startMinutes, durationMinutes };
        break;
      case 'failure-spike': {
        const p = Number(extra);
        if (!(p > 0 && p <= 1)) return 'The extra failure probability must lie between 0 and 1.';
        shock = { kind, system, startMinutes, durationMinutes, extraFailureProbability: p };
        break;
      }
      case 'surge': {
        const m = Number(multiplier);
        if (!(m >= 0 && m <= 1000)) return 'The surge multiplier must be between 0 and 1000.';
        shock = { kind, startMinutes, durationMinutes, multiplier: m };
        break;
      }
      case 'staff-loss': {
        const n = Number(lost);
        if (!Number.isInteger(n) || n < 1) return 'The number of people lost must be a whole number of at least 1.';
        shock = { kind, pool, site: site === '' ? null : site, lost: n };
        break;
      }
    }
    // The studio's worker client uses the engine's default (hourly) buckets.
    return { shocks: [shock], ...settings, bucketMinutes: 60 };
  }, [settings, kind, system, pool, site, atHours, forHours, extra, multiplier, lost]);

  const report = state.result;
  const insights = useMemo(() => (report ? insightsForStress(report) : []), [report]);
  const option = useMemo(() => (report ? stressChartOption(report, panelChartStyle) : null), [report]);
  const run = () => {
    if (typeof spec === 'string') return;
    start((runner, onProgress, signal) => runStress(model, spec, runner, { onProgress, signal }));
  };

  return (
    <div className="fc-exp-panel">
      <div className="fc-exp-form">
        <label htmlFor={`${id}-k`}>Shock</label>
        <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="outage" disabled={model.systems.length === 0}>
            System outage
          </option>
          <option value="failure-spike" disabled={model.systems.length === 0}>
            Failure-rate spike
          </option>
          <option value="surge">Demand surge</option>
          <option value="staff-loss" disabled={model.pools.length === 0}>
            Loss of staff (whole run)
          </option>
        </select>
        {(kind === 'outage' || kind === 'failure-spike') && (
          <>
            <label htmlFor={`${id}-s`}>System</label>
            <select id={`${id}-s`} value={system} onChange={(e) => setSystem(e.target.value)}>
              {model.systems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </>
        )}
        {kind === 'staff-loss' ? (
          <>
            <label htmlFor={`${id}-pool`}>Team</label>
            <select id={`${id}-pool`} value={pool} onChange={(e) => setPool(e.target.value)}>
              {model.pools.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {model.sites.length > 1 && (
              <>
                <label htmlFor={`${id}-site`}>Site</label>
                <select id={`${id}-site`} value={site} onChange={(e) => setSite(e.target.value)}>
                  <option value="">(shared team)</option>
                  {model.sites.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </>
            )}
            <label htmlFor={`${id}-lost`}>People lost</label>
            <input id={`${id}-lost`} value={lost} onChange={(e) => setLost(e.target.value)} inputMode="numeric" />
            <p className="fc-exp-note">The model format has no dated capacity, so the loss lasts the whole run: its cost is measured, not a recovery.</p>
          </>
        ) : (
          <>
            <label htmlFor={`${id}-at`}>Starts at (hours from the start of the run)</label>
            <input id={`${id}-at`} value={atHours} onChange={(e) => setAtHours(e.target.value)} inputMode="decimal" />
            <label htmlFor={`${id}-for`}>Lasts (hours)</label>
            <input id={`${id}-for`} value={forHours} onChange={(e) => setForHours(e.target.value)} inputMode="decimal" />
          </>
        )}
        {kind === 'failure-spike' && (
          <>
            <label htmlFor={`${id}-x`}>Extra failure probability</label>
            <input id={`${id}-x`} value={extra} onChange={(e) => setExtra(e.target.value)} inputMode="decimal" />
          </>
        )}
        {kind === 'surge' && (
          <>
            <label htmlFor={`${id}-m`}>Demand multiplier</label>
            <input id={`${id}-m`} value={multiplier} onChange={(e) => setMultiplier(e.target.value)} inputMode="decimal" />
          </>
        )}
      </div>
      <RunControls state={state} label="Run stress test" disabled={false} problem={typeof spec === 'string' ? spec : null} onRun={run} onCancel={cancel} />
      {report && option && (
        <>
          <LazyEChart option={option} height={300} ariaLabel="Orders in process over time, with and without the shock; the shock window is shaded" testId="stress-chart" />
          <StressSummary report={report} />
          <InsightList insights={insights} />
        </>
      )}
    </div>
  );
}

function StressSummary({ report }: { report: StressReport }) {
  const r = report.recovery;
  return (
    <div className="fc-exp-summary">
      <p>
        <strong>Time to recover: </strong>
        {report.window === null
          ? 'not measured (the loss lasts the whole run).'
          : r.minutesAfterShock.mean === null
            ? `not recovered by the end of the run in any of ${r.perReplication.length} replications.`
            : `${formatDuration(r.minutesAfterShock.mean)}${r.minutesAfterShock.halfWidth === null ? '' : ` ± ${formatDuration(r.minutesAfterShock.halfWidth)}`} after the shock ends (${r.recovered} of ${r.perReplication.length} replications recovered).`}
      </p>
      <p className="fc-exp-note">{r.note}</p>
      {report.slaMisses.length > 0 && (
        <table className="fc-exp-table">
          <thead>
            <tr>
              <th>SLA</th>
              <th>Misses without the shock</th>
              <th>With the shock</th>
              <th>Extra misses (95% interval)</th>
            </tr>
          </thead>
          <tbody>
            {report.slaMisses.map((m) => (
              <tr key={m.slaId}>
                <td>{m.name}</td>
                <td>{formatNumber(m.baselineMisses)}</td>
                <td>{formatNumber(m.shockedMisses)}</td>
                <td>
                  {formatNumber(m.extra.meanDifference)}
                  {m.extra.ciLow !== null && m.extra.ciHigh !== null ? ` (${formatNumber(m.extra.ciLow)} to ${formatNumber(m.extra.ciHigh)})` : ''}
                  {m.extra.significant ? '' : ' — not significant'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
