import { memo } from 'react';
import type { RunReport } from '../simulation/report';
import { kpiCards } from './kpis';

/** The KPI cards of a run: throughput, cycle time p50/p90, WIP, cost per order, each SLA against its goal. */
function KpiCards({ report, large = false }: { report: RunReport; large?: boolean }) {
  const cards = kpiCards(report);
  return (
    <div className={`fc-res-kpis${large ? ' is-large' : ''}`} data-testid="kpi-cards">
      {cards.map((c) => (
        <section key={c.id} className={`fc-res-kpi${c.standing ? ` is-${c.standing}` : ''}`} data-kpi={c.id} title={`${c.label}\n${c.help}`} aria-label={`${c.label}: ${c.value} ${c.unit} ${c.interval}`}>
          <h4 className="fc-res-kpi-label">{c.label}</h4>
          <div className="fc-res-kpi-value">
            <span data-testid={`kpi-${c.id}-value`}>{c.value}</span>
            {c.unit && <span className="fc-res-kpi-unit"> {c.unit}</span>}
            {c.interval && (
              <span className="fc-res-kpi-interval" title="Half width of the 95% confidence interval over replications">
                {' '}
                {c.interval}
              </span>
            )}
          </div>
          <div className="fc-res-kpi-detail">
            {c.standing && <span className="fc-res-kpi-mark" aria-hidden="true">{standingMark[c.standing]}</span>}
            {c.detail}
          </div>
        </section>
      ))}
    </div>
  );
}

const standingMark = { meets: '✓ ', misses: '✗ ', uncertain: '≈ ', unknown: '' } as const;

export default memo(KpiCards);
