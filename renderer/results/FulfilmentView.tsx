import { useMemo } from 'react';
import type { CompletedRun } from '../simulation/runStore';
import CostPerOrderBar from './CostPerOrderBar';
import FulfilmentCards from './FulfilmentCards';
import FulfilmentGroupTable from './FulfilmentGroupTable';
import { formatNumber } from './format';
import { costPerOrder, fulfilmentCards, fulfilmentFeatures, groupTable, observedDays, stockTable } from './fulfilment';
import StockTable from './StockTable';

/**
 * The Fulfilment tab: service (OTIF, fill rates, partial shipments), backorders, order to cash, working capital and
 * credit for all orders; the same per site and per customer segment with the worst values marked; stock per site
 * and product class; and the cost per order by part. Shown only when the report has a fulfilment part. In the
 * dock, `onExpand` opens the large view, where it all fits one screen.
 */
export default function FulfilmentView({ run, size, onExpand }: { run: CompletedRun; size: 'dock' | 'sheet'; onExpand?: () => void }) {
  const { report, simulatedModel: model } = run;
  const view = useMemo(() => {
    const f = report.fulfilment;
    if (!f) return null;
    const features = fulfilmentFeatures(model, f);
    return {
      cards: fulfilmentCards(report, model),
      sites: f.bySite.length > 1 ? groupTable(f.bySite, report, features) : null,
      segments: f.bySegment.length > 1 ? groupTable(f.bySegment, report, features) : null,
      stock: stockTable(report),
      cost: costPerOrder(report),
      days: observedDays(report),
    };
  }, [report, model]);
  if (!view) return <p className="fc-res-empty-note">This model uses no order lines, stock, credit or payment steps, so there are no fulfilment figures.</p>;
  const days = `${formatNumber(view.days)} d`;
  return (
    <div className={`fc-ful is-${size}`} data-testid="fulfilment-view">
      <p className="fc-ful-note">
        {size === 'dock' ? (
          <>
            Counts per simulated day · ± 95% interval ·
            {onExpand && (
              <button type="button" className="fc-res-link" onClick={onExpand} data-testid="fulfilment-expand">
                ⤢ see it all on one screen
              </button>
            )}
          </>
        ) : (
          `Orders arriving after the warm-up · counts per simulated day · ± is the 95% interval over ${report.settings.replications} replication${report.settings.replications === 1 ? '' : 's'} · ▼ marks a site, segment or stock clearly worse than the best (intervals apart) · click a column to sort`
        )}
      </p>
      <FulfilmentCards groups={view.cards} />
      {view.sites && <FulfilmentGroupTable title="By site (the order's home site)" groupLabel="Site" table={view.sites} testId="fulfilment-by-site" />}
      {view.segments && <FulfilmentGroupTable title="By customer segment" groupLabel="Segment" table={view.segments} testId="fulfilment-by-segment" />}
      <div className="fc-ful-bottom">
        {view.stock.length > 0 && <StockTable rows={view.stock} days={days} />}
        <CostPerOrderBar cost={view.cost} />
      </div>
    </div>
  );
}
