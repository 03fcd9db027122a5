import { formatPercent } from './format';
import type { CostPerOrder } from './fulfilment';

/**
 * The cost per order as one stacked bar (each part's width its share of the total) and a table of the parts with
 * their 95% intervals. Parts with no cost are listed but left out of the bar.
 */
export default function CostPerOrderBar({ cost }: { cost: CostPerOrder }) {
  const shown = cost.parts.filter((p) => p.mean > 0);
  return (
    <section className="fc-ful-cost" data-testid="fulfilment-cost" aria-label="Cost per order by part">
      <h4 className="fc-ful-section-title">
        Cost per order <span className="fc-ful-cost-total">{cost.total.value}</span> {cost.total.interval && <span className="fc-res-table-ci">{cost.total.interval}</span>}
      </h4>
      {shown.length > 0 && (
        <div className="fc-ful-cost-bar" role="img" aria-label={`Cost per order ${cost.total.value}: ${shown.map((p) => `${p.label} ${p.value}`).join(', ')}`}>
          {shown.map((p) => (
            <div key={p.id} className="fc-ful-cost-seg" style={{ flexGrow: p.mean, background: p.color, color: p.ink }} title={`${p.label}: ${p.value} per order (${formatPercent(p.share)})`}>
              {p.share >= 0.15 && <span>{p.label}</span>}
            </div>
          ))}
        </div>
      )}
      <table className="fc-res-table fc-ful-cost-table">
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Per order</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {cost.parts.map((p) => (
            <tr key={p.id} data-part={p.id} className={p.mean > 0 ? undefined : 'is-zero'} title={p.help}>
              <th scope="row">
                <span className="fc-ful-swatch" style={{ background: p.color }} aria-hidden="true" /> {p.label}
              </th>
              <td>
                {p.value}
                {p.interval && <span className="fc-res-table-ci fc-ful-ci">{p.interval}</span>}
              </td>
              <td>{formatPercent(p.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
