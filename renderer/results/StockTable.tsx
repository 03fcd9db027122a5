import { oneLine, stockColumns, type StockTableRow } from './fulfilment';
import { CellContent } from './FulfilmentGroupTable';

/** Stock per site and product class: demand, fill rate, units on hand and backordered, replenishments, carrying cost. */
export default function StockTable({ rows, days }: { rows: readonly StockTableRow[]; days: string }) {
  return (
    <div className="fc-ful-table-wrap">
      <table className="fc-res-table fc-ful-table" data-testid="fulfilment-stock">
        <caption>Stock by site and product class</caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Class</th>
            <th scope="col">{'Stock\nmodel'}</th>
            {stockColumns.map((c) => (
              <th key={c.id} scope="col" title={`${oneLine(c.label)}: ${c.help}`}>
                {c.id === 'carryingCost' ? `${c.label} (${days})` : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">{r.site}</th>
              <td>{r.productClass}</td>
              <td>{r.model}</td>
              {stockColumns.map((c) => {
                const cell = r.cells[c.id];
                return (
                  <td key={c.id} className={cell.worst ? 'is-worst' : undefined} data-col={c.id} title={cell.worst ? `Worst of the stocks on ${oneLine(c.label).toLowerCase()}` : cell.mean === null && (c.id === 'meanOnHand' || c.id === 'meanBackordered') ? 'Fill-rate stock counts lines, not units' : undefined}>
                    <CellContent worst={cell.worst} worstOf="stocks" value={cell.value} interval={cell.interval} />
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
