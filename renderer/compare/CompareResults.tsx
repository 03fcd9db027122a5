import { useMemo, useState } from 'react';
import EChart from '../results/charts/LazyEChart';
import { barChartHeight, overlaidCycleTimeOption, overlaidQueueWaitOption, overlaidSeriesOption } from '../results/charts/chartOptions';
import { projectorChartStyle } from '../results/chartStyle';
import { formatNumber } from '../results/format';
import { tabListKeyDown } from '../results/tabs';
import CompareTable from './CompareTable';
import { compareRows, nodeDeltas, type CandidateRun } from './compareRows';
import type { CompareSettings } from './compareStore';
import DeltaDiagram from './DeltaDiagram';

type ChartTab = 'throughput' | 'wip' | 'cycle' | 'wait';
const chartTabs: ReadonlyArray<{ id: ChartTab; label: string }> = [
  { id: 'throughput', label: 'Throughput over time' },
  { id: 'wip', label: 'WIP over time' },
  { id: 'cycle', label: 'Cycle time' },
  { id: 'wait', label: 'Queue wait per step' },
];

/** The results of a comparison: the basis, unstable warnings, the KPI table, overlaid charts and the delta map. */
export default function CompareResults({ runs, settings }: { runs: CandidateRun[]; settings: CompareSettings }) {
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
      <CompareTable runs={runs} rows={rows} />
      <div
        className="fc-cmp-tabs"
        role="tablist"
        aria-label="Overlaid charts"
        onKeyDown={tabListKeyDown(
          chartTabs.map((t) => t.id),
          chart,
          setChart,
        )}
      >
        {chartTabs.map((t) => (
          <button key={t.id} type="button" role="tab" data-tab={t.id} tabIndex={chart === t.id ? 0 : -1} aria-selected={chart === t.id} className={chart === t.id ? 'is-active' : undefined} onClick={() => setChart(t.id)}>
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

