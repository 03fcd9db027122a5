import type { CalibrationReport } from '../simulation/calibration';

/**
 * Props: `report`, the calibration report of `calibrate()` (simulator/calibrate).
 * Shows what was found in the log (arrivals, durations and their fitted families, paths with intervals, teams) and
 * how the calibrated model compares with the log when simulated (cycle time, steps per case).
 */
export interface CalibrationReportViewProps {
  report: CalibrationReport;
}

const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export default function CalibrationReportView({ report }: CalibrationReportViewProps) {
  const comparison = report.comparison;
  return (
    <div data-testid="calibration-report">
      <p>
        {report.cases} cases, {report.events} events, {report.firstEvent.slice(0, 16).replace('T', ' ')} to {report.lastEvent.slice(0, 16).replace('T', ' ')} UTC
        {report.hasStartTimes ? '' : ' (no start times: durations include waiting)'}. Arrivals: {report.arrivals.ratePerHour} per hour (95% CI {report.arrivals.low}–
        {report.arrivals.high}).
      </p>
      {comparison && (
        <>
          <h3>Simulated vs observed</h3>
          <table className="fc-io-table">
            <thead>
              <tr>
                <th>Cycle time (min)</th>
                <th>Cases</th>
                <th>Mean</th>
                <th>p50</th>
                <th>p90</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ['Observed', comparison.observed],
                  ['Simulated', comparison.simulated],
                ] as const
              ).map(([label, s]) => (
                <tr key={label}>
                  <td>{label}</td>
                  <td className="num">{s.cases}</td>
                  <td className="num">{fmt(s.meanMinutes)}</td>
                  <td className="num">{fmt(s.p50Minutes)}</td>
                  <td className="num">{fmt(s.p90Minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="fc-io-muted">Distance between the two cycle-time distributions (Kolmogorov–Smirnov): {comparison.ks.toFixed(3)} (0 is identical).</p>
        </>
      )}
      <h3>Activities</h3>
      <table className="fc-io-table">
        <thead>
          <tr>
            <th>Activity</th>
            <th>Steps</th>
            <th>Mean (min)</th>
            <th>Sd</th>
            <th>Fitted as</th>
            <th>KS</th>
            <th>Team</th>
            {comparison && <th>Per case, observed / simulated</th>}
          </tr>
        </thead>
        <tbody>
          {report.activities.map((a) => {
            const f = comparison?.activityFrequency.find((x) => x.activity === a.activity);
            return (
              <tr key={a.activity}>
                <td>{a.activity}</td>
                <td className="num">{a.count}</td>
                <td className="num">{fmt(a.meanMinutes, 2)}</td>
                <td className="num">{fmt(a.sdMinutes, 2)}</td>
                <td title={a.fits.map((x) => `${x.family}: AIC ${x.aic.toFixed(1)}`).join('\n')}>{a.best}</td>
                <td className="num">{a.fits[0] ? a.fits[0].ks.toFixed(3) : '–'}</td>
                <td>{a.pool === null ? 'a wait (delay)' : (report.pools.find((p) => p.poolId === a.pool)?.name ?? a.pool)}</td>
                {comparison && (
                  <td className="num">
                    {f ? `${f.observedPerCase.toFixed(2)} / ${f.simulatedPerCase.toFixed(2)}` : '–'}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Paths</h3>
      <table className="fc-io-table">
        <thead>
          <tr>
            <th>From</th>
            <th>To</th>
            <th>Cases</th>
            <th>Share</th>
            <th>95% interval</th>
          </tr>
        </thead>
        <tbody>
          {report.branches.map((b) => (
            <tr key={`${b.from}->${b.to}`}>
              <td>{b.from}</td>
              <td>{b.to}</td>
              <td className="num">{b.count}</td>
              <td className="num">{pct(b.probability)}</td>
              <td className="num">
                {pct(b.low)}–{pct(b.high)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.dropped.length > 0 && (
        <p className="fc-io-muted">
          {report.dropped.length} rare path{report.dropped.length === 1 ? '' : 's'} left out ({report.dropped.reduce((n, d) => n + d.count, 0)} cases).
        </p>
      )}
      <h3>Teams</h3>
      <table className="fc-io-table">
        <thead>
          <tr>
            <th>Team</th>
            <th>Capacity</th>
            <th>Activities</th>
            <th>Resources</th>
          </tr>
        </thead>
        <tbody>
          {report.pools.map((p) => (
            <tr key={p.poolId}>
              <td>{p.name}</td>
              <td className="num">{p.capacity}</td>
              <td>{p.activities.join(', ')}</td>
              <td>{p.resources.length > 6 ? `${p.resources.slice(0, 6).join(', ')} and ${p.resources.length - 6} more` : p.resources.join(', ') || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.warnings.length > 0 && (
        <>
          <h3>To check</h3>
          <ul className="fc-io-issues">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
