import { useEffect, useState } from 'react';
import { useRunStore } from '../simulation/runStore';
import { formatEta, formatPercent } from './format';
import InstabilityNotice from './InstabilityNotice';
import KpiCards from './KpiCards';
import ExportMenu from './export/ExportMenu';
import ResultsNotes from './ResultsNotes';
import ResultsViews, { type ResultsTab } from './ResultsViews';
import RunSummary from './RunSummary';
import { shownTab } from './tabs';
import { useCurrentModel } from './useCurrentModel';
import './results.css';

export interface ResultsPanelProps {
  /** Selects (and centres) a node on the canvas: used by the bottleneck list and the instability notice. */
  onSelectNode: (nodeId: string) => void;
}

const emptyTitle = {
  idle: 'No results yet.',
  running: 'The first run is going…',
  done: 'No results yet.',
  cancelled: 'The run was cancelled before it finished: no results yet.',
  failed: 'The run failed (the Run panel says why): no results yet.',
} as const;

/**
 * Results of the last run, sized for the studio's dock: KPI cards with 95% intervals on the left, the ranked
 * bottlenecks and the charts on the right. "Expand" opens the same results in a large sheet over the canvas.
 */
export default function ResultsPanel({ onSelectNode }: ResultsPanelProps) {
  const last = useRunStore((s) => s.last);
  const status = useRunStore((s) => s.status);
  const progress = useRunStore((s) => (s.status === 'running' && !s.last ? s.progress : null));
  const [tab, setTab] = useState<ResultsTab>('bottlenecks');
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
          <strong>{emptyTitle[status]}</strong>
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
      <InstabilityNotice run={last} onSelectNode={onSelectNode} />
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
        <ResultsNotes messages={warnings} />
        <ExportMenu />
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
          <ResultsViews run={last} tab={tab} setTab={setTab} onSelectNode={onSelectNode} size="dock" onExpand={() => setExpanded(true)} />
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
            <ResultsNotes messages={warnings} />
            {/* The fulfilment tab needs the height: the run's cards shrink to their dock size there. */}
            <KpiCards report={report} large={shownTab(report, tab) !== 'fulfilment'} />
            <ResultsViews run={last} tab={tab} setTab={setTab} onSelectNode={selectAndShow} size="sheet" />
          </div>
        </div>
      )}
    </div>
  );
}

