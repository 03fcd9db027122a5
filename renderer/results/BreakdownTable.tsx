import type { BreakdownRow } from './breakdown';

/** A table of sites or outcomes: share, cycle time p50 and p90, each with its 95% interval. */
export default function BreakdownTable({ title, shareLabel, rows }: { title: string; shareLabel: string; rows: readonly BreakdownRow[] }) {
  return (
    <table className="fc-res-table" data-testid={`breakdown-${title.toLowerCase()}`}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{title === 'Sites' ? 'Site' : 'Outcome'}</th>
          <th scope="col">{shareLabel}</th>
          <th scope="col">Cycle p50</th>
          <th scope="col">Cycle p90</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {[r.share, r.p50, r.p90].map((c, i) => (
              <td key={i}>
                {c.value}
                {c.interval && <span className="fc-res-table-ci"> {c.interval}</span>}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
