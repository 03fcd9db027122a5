import { useId, useMemo, useState } from 'react';
import { formatMinutes } from '../../models';
import type { CompletedRun } from '../simulation/runStore';
import BottleneckList from './BottleneckList';
import EChart from './charts/LazyEChart';
import {
  barChartHeight,
  cycleTimeHistogramBars,
  cycleTimeHistogramOption,
  cycleTimeOption,
  queueWaitOption,
  queueWaitRows,
  throughputWipOption,
  utilisationOption,
  utilisationRows,
} from './charts/chartOptions';
import { panelChartStyle } from './chartStyle';
import { formatPercent } from './format';
import BreakdownTable from './BreakdownTable';
import { breakdown } from './breakdown';
import FulfilmentView from './FulfilmentView';
import { resultsTabs, shownTab, tabListKeyDown, type ResultsTab } from './tabs';

export type { ResultsTab } from './tabs';

/** The tabs (fulfilment, bottlenecks, the four charts, sites and outcomes) and the selected view. */
export default function ResultsViews({
  run,
  tab: chosen,
  setTab,
  onSelectNode,
  size,
  onExpand,
}: {
  run: CompletedRun;
  tab: ResultsTab;
  setTab: (t: ResultsTab) => void;
  onSelectNode: (nodeId: string) => void;
  size: ChartSize;
  /** Opens the large view (from the dock). */
  onExpand?: () => void;
}) {
  const tabsId = useId();
  const tabs = resultsTabs(run.report);
  const tab = shownTab(run.report, chosen);
  return (
    <>
      <div
        className="fc-res-tabs"
        role="tablist"
        aria-label="Result views"
        onKeyDown={tabListKeyDown(
          tabs.map((t) => t.id),
          tab,
          setTab,
        )}
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            data-tab={t.id}
            tabIndex={tab === t.id ? 0 : -1}
            id={`${tabsId}-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${tabsId}-panel`}
            className={tab === t.id ? 'is-active' : undefined}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="fc-res-tabpanel" role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${tab}`}>
        {tab === 'fulfilment' && <FulfilmentView run={run} size={size} onExpand={onExpand} />}
        {tab === 'bottlenecks' && <BottleneckList bottlenecks={run.report.bottlenecks} onSelectNode={onSelectNode} />}
        {tab === 'breakdown' && <Breakdown run={run} />}
        {tab !== 'fulfilment' && tab !== 'bottlenecks' && tab !== 'breakdown' && <ResultsChart run={run} view={tab} size={size} />}
      </div>
    </>
  );
}

/** `dock`: the results panel's height; `sheet`: the expanded view. */
export type ChartSize = 'dock' | 'sheet';

/** How the cycle-time view shows the run: the distribution of all orders, or percentiles per outcome. */
type CycleMode = 'distribution' | 'percentiles';

function ResultsChart({ run, view, size }: { run: CompletedRun; view: Exclude<ResultsTab, 'fulfilment' | 'bottlenecks' | 'breakdown'>; size: ChartSize }) {
  const { report, simulatedModel: model } = run;
  const [cycleMode, setCycleMode] = useState<CycleMode>('distribution');
  const hasHistogram = useMemo(() => cycleTimeHistogramBars(report).length > 0, [report]);
  const showHistogram = view === 'cycle' && cycleMode === 'distribution' && hasHistogram;
  const tall = size === 'sheet' ? 380 : 190;
  const perRow = size === 'sheet' ? 28 : 22;
  const chart = useMemo(() => {
    switch (view) {
      case 'time':
        return {
          empty: report.series.throughput.length === 0,
          option: throughputWipOption(report, panelChartStyle),
          height: tall,
          label: 'Throughput in orders per hour and orders in progress over simulated time, averaged over replications',
          caption: 'Averages over replications per time bucket of ' + formatMinutes(report.series.bucketMinutes) + '. The shaded warm-up is left out of every KPI.',
        };
      case 'cycle':
        if (showHistogram)
          return {
            empty: false,
            option: cycleTimeHistogramOption(report, panelChartStyle),
            height: tall,
            label: 'Distribution of cycle times: share of orders per cycle-time bin, all replications together',
            caption: `Share of orders by cycle time from arrival to the end node, all ${report.settings.replications} replications together; dashed lines mark the median and p90. Longest order: ${report.cycleTime.max === null ? '–' : formatMinutes(report.cycleTime.max)}.`,
          };
        return {
          empty: report.cycleTime.p50.mean === null,
          option: cycleTimeOption(report, panelChartStyle),
          height: tall,
          label: 'Cycle-time percentiles of all orders and per outcome',
          caption: report.cycleTime.p50.mean === null ? 'No order reached an end node after the warm-up: lengthen the horizon.' : `Cycle time from arrival to the end node: the median (p50) and the times 90%, 95% and 99% of orders finish within. Longest order: ${report.cycleTime.max === null ? '–' : formatMinutes(report.cycleTime.max)}.`,
        };
      case 'utilisation': {
        const rows = utilisationRows(report, model);
        return {
          empty: rows.length === 0,
          option: utilisationOption(rows, panelChartStyle),
          height: barChartHeight(rows.length, perRow, tall),
          label: 'Utilisation per pool and site',
          caption: rows.length === 0 ? 'No pool or limited system in this model.' : `Busy time over time on shift. Above about 85% queues grow quickly with any variability. Busiest: ${rows[0].label} at ${formatPercent(rows[0].value)}.`,
        };
      }
      case 'wait': {
        const rows = queueWaitRows(report);
        return {
          empty: rows.length === 0,
          option: queueWaitOption(rows, panelChartStyle),
          height: barChartHeight(rows.length, perRow + 8, tall),
          label: 'Mean and 90th percentile queue wait per step',
          caption: rows.length === 0 ? 'No step made orders wait.' : 'Time from arriving at a step to the start of its work (or call, or batch release), longest first.',
        };
      }
    }
  }, [report, model, view, tall, perRow, showHistogram]);
  // An empty chart says nothing; the caption says why there is none.
  if (chart.empty) return <p className="fc-res-empty-note">{chart.caption}</p>;
  return (
    <figure className="fc-res-figure">
      {view === 'cycle' && hasHistogram && (
        <div className="fc-res-segmented fc-res-chart-mode" role="group" aria-label="Cycle-time view" data-testid="cycle-mode">
          {(
            [
              { mode: 'distribution', label: 'Distribution', title: 'Share of orders by cycle time (histogram)' },
              { mode: 'percentiles', label: 'Percentiles', title: 'Median, p90, p95 and p99, for all orders and per outcome' },
            ] as const
          ).map((m) => (
            <button key={m.mode} type="button" aria-pressed={cycleMode === m.mode} className={cycleMode === m.mode ? 'is-active' : undefined} title={m.title} onClick={() => setCycleMode(m.mode)}>
              {m.label}
            </button>
          ))}
        </div>
      )}
      <EChart option={chart.option} height={chart.height} ariaLabel={chart.label} testId={`chart-${view}`} />
      <figcaption>{chart.caption}</figcaption>
    </figure>
  );
}

/** Per-site and per-outcome figures side by side. */
function Breakdown({ run }: { run: CompletedRun }) {
  const { sites, outcomes } = useMemo(() => breakdown(run.report, run.simulatedModel), [run]);
  return (
    <div className="fc-res-breakdown">
      <BreakdownTable title="Sites" shareLabel="Share of completions" rows={sites} />
      <BreakdownTable title="Outcomes" shareLabel="Share of orders" rows={outcomes} />
    </div>
  );
}
