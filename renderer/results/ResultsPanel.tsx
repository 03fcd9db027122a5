import { useEffect, useId, useMemo, useState } from 'react';
import { formatMinutes } from '../../models';
import { useRunStore, type CompletedRun } from '../simulation/runStore';
import type { Instability } from '../simulation/simulationClient';
import BottleneckList from './BottleneckList';
import EChart from './charts/EChart';
import { barChartHeight, cycleTimeOption, queueWaitOption, queueWaitRows, throughputWipOption, utilisationOption, utilisationRows } from './charts/chartOptions';
import { panelChartStyle } from './chartStyle';
import { formatElapsed, formatEta, formatPercent } from './format';
import KpiCards from './KpiCards';
import { useCurrentModel } from './useCurrentModel';
import './results.css';

export interface ResultsPanelProps {
  /** Selects (and centres) a node on the canvas: used by the bottleneck list and the instability notice. */
  onSelectNode: (nodeId: string) => void;
}

type Tab = 'bottlenecks' | 'time' | 'cycle' | 'utilisation' | 'wait';

const tabs: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'bottlenecks', label: 'Bottlenecks' },
  { id: 'time', label: 'Throughput & WIP' },
  { id: 'cycle', label: 'Cycle time' },
  { id: 'utilisation', label: 'Utilisation' },
  { id: 'wait', label: 'Queue wait' },
];

/**
 * Results of the last run, sized for the studio's dock: KPI cards with 95% intervals on the left, the ranked
 * bottlenecks and the charts on the right. "Expand" opens the same results in a large sheet over the canvas.
 */
export default function ResultsPanel({ onSelectNode }: ResultsPanelProps) {
  const last = useRunStore((s) => s.last);
  const status = useRunStore((s) => s.status);
  const progress = useRunStore((s) => (s.status === 'running' && !s.last ? s.progress : null));
  const [tab, setTab] = useState<Tab>('bottlenecks');
  const [expanded, setExpanded] = useState(false);
  const current = useCurrentModel();

  useEffect(() => {
    if (!expanded) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setExpanded(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [expanded]);

  if (!last) {
    return (
      <div className="fc-res-panel" data-testid="results-panel">
        <div className="fc-res-empty" data-testid="results-empty">
          <strong>{status === 'running' ? 'The first run is going…' : 'No results yet.'}</strong>
          {progress && (
            <p className="fc-res-empty-progress">
              {formatPercent(progress.fraction, 2)} done · {progress.completedReplications} of {progress.totalReplications} replications · {formatEta(progress.etaSeconds)}
            </p>
          )}
          <p>
            {status === 'running'
              ? 'Results appear here as soon as every replication has finished. The diagram stays editable meanwhile; Cancel in the Run panel stops the run.'
              : 'Choose a horizon and a number of replications in the Run panel, then press Run. You will see throughput, cycle times and SLA attainment with 95% confidence intervals, the ranked bottlenecks, and charts; the Overlay switch in the toolbar colours the diagram by utilisation or waiting.'}
          </p>
        </div>
      </div>
    );
  }

  const notices = (
    <>
      {status === 'running' && <div className="fc-res-note">A new run is going; these are the previous results.</div>}
      {status !== 'running' && current !== null && current !== last.model && (
        <div className="fc-res-note is-stale" data-testid="results-stale">
          {current === undefined ? 'The model now has errors; these results are from before the change.' : 'The model has changed since this run: run again to update the results.'}
        </div>
      )}
      <Instabilities run={last} onSelectNode={onSelectNode} />
    </>
  );
  const { report } = last;
  const warnings = report.status === 'unstable' ? report.messages.filter((m) => !/^Replication \d+:/.test(m)) : report.messages;
  const selectAndShow = (nodeId: string) => {
    setExpanded(false);
    onSelectNode(nodeId);
  };

  return (
    <div className="fc-res-panel is-dock" data-testid="results-panel" data-report-status={report.status}>
      <div className="fc-res-toolbar">
        <RunSummary run={last} />
        <Warnings messages={warnings} />
        <button type="button" className="fc-res-expand" onClick={() => setExpanded(true)} title="Show the results large, over the diagram (Esc closes)" data-testid="results-expand">
          ⤢ Expand
        </button>
      </div>
      {notices}
      <div className="fc-res-split">
        <div className="fc-res-split-kpis">
          <KpiCards report={report} />
        </div>
        <div className="fc-res-split-views">
          <ResultsViews run={last} tab={tab} setTab={setTab} onSelectNode={onSelectNode} size="dock" />
        </div>
      </div>
      {expanded && (
        <div className="fc-res-sheet" role="dialog" aria-modal="true" aria-label="Results" data-testid="results-sheet">
          <header className="fc-res-sheet-header">
            <h2>Results</h2>
            <RunSummary run={last} />
            <button type="button" className="fc-res-expand" onClick={() => setExpanded(false)} data-testid="results-sheet-close">
              Close ✕
            </button>
          </header>
          <div className="fc-res-sheet-body">
            {notices}
            <Warnings messages={warnings} />
            <KpiCards report={report} large />
            <ResultsViews run={last} tab={tab} setTab={setTab} onSelectNode={selectAndShow} size="sheet" />
          </div>
        </div>
      )}
    </div>
  );
}

/** The tabs (bottlenecks and the four charts) and the selected view. */
function ResultsViews({ run, tab, setTab, onSelectNode, size }: { run: CompletedRun; tab: Tab; setTab: (t: Tab) => void; onSelectNode: (nodeId: string) => void; size: ChartSize }) {
  const tabsId = useId();
  return (
    <>
      <div className="fc-res-tabs" role="tablist" aria-label="Result views">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
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
        {tab === 'bottlenecks' && <BottleneckList bottlenecks={run.report.bottlenecks} onSelectNode={onSelectNode} />}
        {tab !== 'bottlenecks' && <ResultsChart run={run} view={tab} size={size} />}
      </div>
    </>
  );
}

function RunSummary({ run }: { run: CompletedRun }) {
  const { report } = run;
  const variant = run.settings.variantId === null ? 'base model' : (run.model.variants.find((v) => v.id === run.settings.variantId)?.name ?? run.settings.variantId);
  const where = run.workers > 0 ? `on ${run.workers} worker${run.workers === 1 ? '' : 's'}` : 'on the main thread';
  return (
    <span className="fc-res-summary" data-testid="results-summary">
      {report.model.name} · {variant} · {formatMinutes(report.settings.horizonMinutes)} × {report.settings.replications} replication
      {report.settings.replications === 1 ? '' : 's'} · seed {report.settings.seed} · {formatElapsed(run.wallSeconds)} {where}
    </span>
  );
}

/** The engine's guard message when a run was unstable: which node's queue exploded and why, with a link to it. */
function Instabilities({ run, onSelectNode }: { run: CompletedRun; onSelectNode: (nodeId: string) => void }) {
  if (run.report.status !== 'unstable') return null;
  // One line per step that exploded (replications usually agree), with how many replications stopped there.
  const byNode = new Map<string, { first: Instability; count: number }>();
  for (const i of run.instabilities) {
    const key = i.nodeId ?? i.message;
    const entry = byNode.get(key);
    if (entry) entry.count++;
    else byNode.set(key, { first: i, count: 1 });
  }
  const distinct = [...byNode.values()];
  const total = run.report.settings.replications;
  return (
    <div className="fc-res-alert" role="alert" data-testid="unstable-notice">
      <strong>
        Unstable: {run.instabilities.length} of {total} replication{total === 1 ? '' : 's'} stopped early because orders piled up without limit.
      </strong>
      <ul>
        {distinct.slice(0, 3).map(({ first, count }) => (
          <li key={first.replication}>
            {first.message}
            {count > 1 && <span className="fc-res-muted"> (similar in {count - 1} other replication{count === 2 ? '' : 's'})</span>}
            {first.nodeId && (
              <button type="button" className="fc-res-link" onClick={() => onSelectNode(first.nodeId as string)}>
                Show the step
              </button>
            )}
          </li>
        ))}
        {distinct.length === 0 && run.report.messages.map((m) => <li key={m}>{m}</li>)}
      </ul>
      <p>The figures below cover only the time before each stop: add capacity where the queue explodes, or lower the volume, and run again.</p>
    </div>
  );
}

function Warnings({ messages }: { messages: readonly string[] }) {
  const [open, setOpen] = useState(false);
  if (messages.length === 0) return null;
  return (
    <div className="fc-res-warning" data-testid="results-warnings">
      <button type="button" className="fc-res-link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {messages.length} note{messages.length === 1 ? '' : 's'} on these results {open ? '▴' : '▾'}
      </button>
      {open && (
        <ul>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

type ChartSize = 'dock' | 'sheet';

function ResultsChart({ run, view, size }: { run: CompletedRun; view: Exclude<Tab, 'bottlenecks'>; size: ChartSize }) {
  const { report, simulatedModel: model } = run;
  const tall = size === 'sheet' ? 380 : 190;
  const perRow = size === 'sheet' ? 28 : 22;
  const chart = useMemo(() => {
    switch (view) {
      case 'time':
        return {
          option: throughputWipOption(report, panelChartStyle),
          height: tall,
          label: 'Throughput in orders per hour and orders in progress over simulated time, averaged over replications',
          caption: 'Averages over replications per time bucket of ' + formatMinutes(report.series.bucketMinutes) + '. The shaded warm-up is left out of every KPI.',
        };
      case 'cycle':
        return {
          option: cycleTimeOption(report, panelChartStyle),
          height: tall,
          label: 'Cycle-time percentiles of all orders and per outcome',
          caption: `Cycle time from arrival to the end node: the median (p50) and the times 90%, 95% and 99% of orders finish within. Longest order: ${report.cycleTime.max === null ? '–' : formatMinutes(report.cycleTime.max)}.`,
        };
      case 'utilisation': {
        const rows = utilisationRows(report, model);
        return {
          option: utilisationOption(rows, panelChartStyle),
          height: barChartHeight(rows.length, perRow, tall),
          label: 'Utilisation per pool and site',
          caption: rows.length === 0 ? 'No pool or limited system in this model.' : `Busy time over time on shift. Above about 85% queues grow quickly with any variability. Busiest: ${rows[0].label} at ${formatPercent(rows[0].value)}.`,
        };
      }
      case 'wait': {
        const rows = queueWaitRows(report);
        return {
          option: queueWaitOption(rows, panelChartStyle),
          height: barChartHeight(rows.length, perRow + 8, tall),
          label: 'Mean and 90th percentile queue wait per step',
          caption: rows.length === 0 ? 'No step made orders wait.' : 'Time from arriving at a step to the start of its work (or call, or batch release), longest first.',
        };
      }
    }
  }, [report, model, view, tall, perRow]);
  return (
    <figure className="fc-res-figure">
      <EChart option={chart.option} height={chart.height} ariaLabel={chart.label} testId={`chart-${view}`} />
      <figcaption>{chart.caption}</figcaption>
    </figure>
  );
}
