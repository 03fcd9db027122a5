import { seriesColors } from '../results/charts/chartOptions';
import { Fragment } from 'react';
import { kpiGroupTitles, type CandidateRun, type CompareRow } from './compareRows';

/** What each marker means, for the tooltip (the question a workshop asks first). */
const verdictHelp = {
  better: 'The 95% confidence interval of the paired difference lies entirely on the better side of zero.',
  worse: 'The 95% confidence interval of the paired difference lies entirely on the worse side of zero.',
  'not-significant': 'The 95% confidence interval of the paired difference contains zero: this run cannot tell the two apart.',
  'no-difference': 'Every paired replication gave exactly the same value.',
  'too-few': 'A paired interval needs at least two replications measured in both.',
} as const;

const verdictIcon = { better: '▲', worse: '▼', 'not-significant': '○', 'no-difference': '=', 'too-few': '?' } as const;

/** The KPI table: each candidate's value ± half width, and per compared candidate the paired difference, its 95%
 * interval and the significance marker. */
export default function CompareTable({ runs, rows }: { runs: CandidateRun[]; rows: CompareRow[] }) {
  const [baseline, ...others] = runs;
  return (
    <div className="fc-cmp-table-wrap">
      <table className="fc-cmp-table" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col" className="is-baseline">
              <span className="fc-cmp-swatch" style={{ background: seriesColors[0] }} aria-hidden="true" />
              {baseline.candidate.label}
              <span className="fc-cmp-th-note">baseline</span>
            </th>
            {others.map((o, i) => (
              <th scope="colgroup" colSpan={2} key={o.candidate.key}>
                <span className="fc-cmp-swatch" style={{ background: seriesColors[(i + 1) % seriesColors.length] }} aria-hidden="true" />
                {o.candidate.label}
                <span className="fc-cmp-th-note">value · difference (95% CI)</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <Fragment key={row.id}>
              {/* A heading row where a new section starts (fulfilment, cost parts); none above the first. */}
              {index > 0 && row.group !== rows[index - 1].group && (
                <tr className="fc-cmp-group" data-group={row.group}>
                  <th scope="colgroup" colSpan={2 + 2 * others.length}>
                    {kpiGroupTitles[row.group]}
                  </th>
                </tr>
              )}
              <tr data-kpi={row.id}>
                <th scope="row">{row.label}</th>
                <td className="is-baseline">
                  <span className="fc-cmp-value">{row.baseline.value}</span>
                  {row.baseline.interval && <span className="fc-cmp-ci"> {row.baseline.interval}</span>}
                </td>
                {row.cells.map((cell, i) => (
                  <CellPair key={others[i].candidate.key} cell={cell} />
                ))}
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CellPair({ cell }: { cell: CompareRow['cells'][number] }) {
  return (
    <>
      <td>
        <span className="fc-cmp-value">{cell.value}</span>
        {cell.interval && <span className="fc-cmp-ci"> {cell.interval}</span>}
      </td>
      <td className="fc-cmp-delta-cell">
        {cell.delta && (
          <span className="fc-cmp-delta">
            {cell.delta}
            {cell.relative && <span className="fc-cmp-ci"> ({cell.relative})</span>}
          </span>
        )}
        {cell.deltaInterval && <span className="fc-cmp-ci fc-cmp-block">{cell.deltaInterval}</span>}
        <span className={`fc-cmp-verdict is-${cell.verdict}`} data-testid="verdict" data-verdict={cell.verdict} title={verdictHelp[cell.verdict]}>
          <span aria-hidden="true">{verdictIcon[cell.verdict]} </span>
          {cell.verdictText}
        </span>
        {cell.suggestion && <span className="fc-cmp-ci fc-cmp-block">{cell.suggestion}</span>}
      </td>
    </>
  );
}
