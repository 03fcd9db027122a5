import type { FulfilmentCardGroup } from './fulfilment';

const ciTitle = 'Half width of the 95% confidence interval over replications';

/**
 * The fulfilment headline figures in groups (service, backorders, order to cash, working capital, credit): each
 * figure with its 95% interval and a second line (p90, share of orders...); OTIF shows on time and in full beside it.
 */
export default function FulfilmentCards({ groups }: { groups: readonly FulfilmentCardGroup[] }) {
  return (
    <div className="fc-ful-groups" data-testid="fulfilment-cards">
      {groups.map((group) => (
        <section key={group.id} className={`fc-ful-group is-${group.id}`} aria-label={group.title} data-group={group.id}>
          <h4 className="fc-ful-group-title">{group.title}</h4>
          {group.cards.map((c) => (
            <div key={c.id} className={`fc-ful-metric${c.beside.length > 0 ? ' is-hero' : ''}`} data-kpi={c.id} title={`${c.label}\n${c.help}`}>
              <div className="fc-ful-metric-label">{c.label}</div>
              <div className="fc-ful-metric-figure">
                <span className="fc-ful-metric-value" data-testid={`kpi-${c.id}-value`}>
                  {c.value}
                </span>
                {c.unit && <span className="fc-ful-metric-unit"> {c.unit}</span>}
                {c.interval && c.beside.length > 0 && (
                  <span className="fc-ful-metric-interval" title={ciTitle}>
                    {' '}
                    {c.interval}
                  </span>
                )}
              </div>
              {c.interval && c.beside.length === 0 && (
                <span className="fc-ful-metric-interval" title={ciTitle}>
                  {c.interval}
                </span>
              )}
              {c.beside.length > 0 && (
                <div className="fc-ful-beside">
                  {c.beside.map((b) => (
                    <span key={b.label} className="fc-ful-beside-item">
                      <span className="fc-ful-beside-label">{b.label}</span> <strong>{b.value}</strong>
                      {b.interval && <span className="fc-ful-metric-interval"> {b.interval}</span>}
                    </span>
                  ))}
                </div>
              )}
              <div className="fc-ful-metric-detail">{c.detail}</div>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
