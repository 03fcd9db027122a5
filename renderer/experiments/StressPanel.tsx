import { useId, useMemo, useState } from 'react';
import type { Workflow } from '../../models';
import LazyEChart from '../results/charts/LazyEChart';
import { projectorChartStyle } from '../results/chartStyle';
import { formatDuration, formatNumber } from '../results/format';
import { stressChartOption } from './chartOptions';
import { defaultShockStartMinutes } from './choices';
import { insightsForStress, runStress, type Shock, type StressReport, type StressSpec } from './engine';
import InsightList from './InsightList';
import { EmptyState, Field, Intro, plural, RunningState } from './PanelParts';
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
  // The start follows the run settings (a quarter into the observed period) until the user types one.
  const [typedAtHours, setAtHours] = useState<string | null>(null);
  const atHours = typedAtHours ?? String(startDefault / 60);
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
    if (timed && startMinutes < settings.warmupMinutes) return `The shock must start after the warm-up (${formatNumber(settings.warmupMinutes / 60)} h), so the level before it is measured.`;
    if (timed && startMinutes + durationMinutes >= settings.horizonMinutes) return `The shock must end before the horizon (${formatNumber(settings.horizonMinutes / 60)} h).`;
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
  const option = useMemo(() => (report ? stressChartOption(report, projectorChartStyle) : null), [report]);
  const run = () => {
    if (typeof spec === 'string') return;
    start((runner, onProgress, signal) => runStress(model, spec, runner, { onProgress, signal }));
  };

  const runs = typeof spec === 'string' ? 0 : 2 * spec.replications;
  const when = typeof settings === 'string' ? undefined : `After the warm-up (hour ${formatNumber(settings.warmupMinutes / 60)}), ending before hour ${formatNumber(settings.horizonMinutes / 60)}.`;
  const hint = typeof spec === 'string' ? undefined : `${plural(runs, 'simulation')} of ${formatNumber(spec.horizonMinutes / 1440)} days: with and without the shock, same seeds.`;

  return (
    <div className="fc-exp-panel">
      <Intro question="How hard does a shock hit, and how long does the process take to recover?">
        Script a system outage, a failure spike, a demand surge or a loss of staff. The model runs with and without it on the same seeds; the timeline shows orders in process both ways, then the time to recover and the SLA misses the shock causes, with 95% intervals.
      </Intro>
      <div className="fc-exp-layout">
        <div className="fc-exp-setup">
          <fieldset className="fc-exp-group">
            <legend>The shock</legend>
            <Field id={`${id}-k`} label="Shock">
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
            </Field>
            {(kind === 'outage' || kind === 'failure-spike') && (
              <Field id={`${id}-s`} label="System">
                <select id={`${id}-s`} value={system} onChange={(e) => setSystem(e.target.value)}>
                  {model.systems.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            {kind === 'staff-loss' ? (
              <>
                <Field id={`${id}-pool`} label="Team">
                  <select id={`${id}-pool`} value={pool} onChange={(e) => setPool(e.target.value)}>
                    {model.pools.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </Field>
                {model.sites.length > 1 && (
                  <Field id={`${id}-site`} label="Site">
                    <select id={`${id}-site`} value={site} onChange={(e) => setSite(e.target.value)}>
                      <option value="">(shared team)</option>
                      {model.sites.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </Field>
                )}
                <Field id={`${id}-lost`} label="People lost">
                  <input id={`${id}-lost`} value={lost} onChange={(e) => setLost(e.target.value)} inputMode="numeric" />
                </Field>
                <p className="fc-exp-note">The model format has no dated capacity, so the loss lasts the whole run: its cost is measured, not a recovery.</p>
              </>
            ) : (
              <div className="fc-exp-field-row">
                <Field id={`${id}-at`} label="Starts at (hour of the run)" hint={when}>
                  <input id={`${id}-at`} value={atHours} onChange={(e) => setAtHours(e.target.value)} inputMode="decimal" />
                </Field>
                <Field id={`${id}-for`} label="Lasts (hours)">
                  <input id={`${id}-for`} value={forHours} onChange={(e) => setForHours(e.target.value)} inputMode="decimal" />
                </Field>
              </div>
            )}
            {kind === 'failure-spike' && (
              <Field id={`${id}-x`} label="Extra failure probability" hint="Added to every call's failure share, 0 to 1.">
                <input id={`${id}-x`} value={extra} onChange={(e) => setExtra(e.target.value)} inputMode="decimal" />
              </Field>
            )}
            {kind === 'surge' && (
              <Field id={`${id}-m`} label="Demand multiplier" hint="2 = twice the orders while the surge lasts.">
                <input id={`${id}-m`} value={multiplier} onChange={(e) => setMultiplier(e.target.value)} inputMode="decimal" />
              </Field>
            )}
          </fieldset>
          <RunControls state={state} label="Run stress test" disabled={false} problem={typeof spec === 'string' ? spec : null} hint={hint} onRun={run} onCancel={cancel} />
        </div>
        <div className="fc-exp-results">
          {report && option ? (
            <>
              <h3>Orders in process, with and without the shock</h3>
              <p className="fc-exp-caption">Mean over {plural(report.recovery.perReplication.length, 'replication')} per hour; the shock window is shaded.</p>
              <LazyEChart option={option} height={320} ariaLabel="Orders in process over time, with and without the shock; the shock window is shaded" testId="stress-chart" />
              <StressSummary report={report} />
              <InsightList insights={insights} />
            </>
          ) : state.status === 'running' ? (
            <RunningState what="Running the stress test…">
              <p>{hint ?? ''} The timeline, the time to recover and the extra SLA misses appear here when both runs are done. Cancel stops it; nothing is kept.</p>
            </RunningState>
          ) : (
            <EmptyState title="No stress test yet">
              <p>Choose a shock and when it happens on the left, then press <strong>Run stress test</strong>. The timeline of orders in process with and without it, the time to recover and the extra SLA misses appear here.</p>
              <p>Times count in hours from the start of the run; the shock must start after the warm-up and end before the horizon.</p>
            </EmptyState>
          )}
        </div>
      </div>
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
