import { useMemo, useState } from 'react';
import { sortGroupRows, type GroupSort, type GroupTable } from './fulfilment';

/**
 * Fulfilment figures per site or per customer segment: one row per group, each cell with its 95% interval; the
 * worst value of each column is marked (colour and ▼, so colour is not the only signal). Click a header to sort.
 */
export default function FulfilmentGroupTable({ title, groupLabel, table, testId }: { title: string; groupLabel: string; table: GroupTable; testId: string }) {
  const [sort, setSort] = useState<GroupSort | null>(null);
  const rows = useMemo(() => (sort ? sortGroupRows(table.rows, sort) : table.rows), [table.rows, sort]);
  const toggle = (by: GroupSort['by']) =>
    // First click on a figure puts the largest first (labels A-Z); the second reverses.
    setSort((s) => (s && s.by === by ? { by, descending: !s.descending } : { by, descending: by !== 'label' }));
  const ariaSort = (by: GroupSort['by']) => (sort?.by === by ? (sort.descending ? 'descending' : 'ascending') : 'none');
  const arrow = (by: GroupSort['by']) => (sort?.by === by ? (sort.descending ? ' ↓' : ' ↑') : '');
  const worstOf = groupLabel === 'Site' ? 'sites' : 'segments';
  return (
    <div className="fc-ful-table-wrap">
      <table className="fc-res-table fc-ful-table" data-testid={testId}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('label')}>
              <button type="button" className="fc-ful-sort" onClick={() => toggle('label')}>
                {groupLabel}
                {arrow('label')}
              </button>
            </th>
            {table.columns.map((c) => (
              <th key={c.id} scope="col" aria-sort={ariaSort(c.id)} title={`${c.label}: ${c.help}`} data-col={c.id}>
                <button type="button" className="fc-ful-sort" onClick={() => toggle(c.id)}>
                  {c.short}
                  {arrow(c.id)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">{r.label}</th>
              {table.columns.map((c) => {
                const cell = r.cells[c.id];
                if (!cell) return <td key={c.id}>–</td>;
                return (
                  <td key={c.id} className={cell.worst ? 'is-worst' : undefined} data-col={c.id} title={cell.worst ? `Worst of the ${worstOf} on ${c.label}` : undefined}>
                    <CellContent worst={cell.worst} worstOf={worstOf} value={cell.value} interval={cell.interval} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A table cell's value and interval, with the worst-value mark (▼, and words for screen readers) when it is the worst. */
export function CellContent({ worst, worstOf, value, interval }: { worst: boolean; worstOf: string; value: string; interval: string | null | undefined }) {
  return (
    <>
      {worst && (
        <>
          <span className="fc-ful-worst-mark" aria-hidden="true">
            ▼{' '}
          </span>
          <span className="fc-ful-sr">worst of the {worstOf}: </span>
        </>
      )}
      {value}
      {interval && <span className="fc-res-table-ci fc-ful-ci">{interval}</span>}
    </>
  );
}
