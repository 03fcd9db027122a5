/**
 * Per-site and per-outcome rows of a run (the report's `sites` and `outcomes`), formatted for the results table.
 * Pure, tested headless.
 */
import type { Workflow } from '../../models';
import type { Estimate, RunReport } from '../simulation/report';
import { formatInterval, formatValue, type ValueKind } from './format';

export interface BreakdownCell {
  value: string;
  interval: string;
}

export interface BreakdownRow {
  key: string;
  label: string;
  share: BreakdownCell;
  p50: BreakdownCell;
  p90: BreakdownCell;
}

function cell(e: Estimate, kind: ValueKind): BreakdownCell {
  return e.mean === null ? { value: '–', interval: '' } : { value: formatValue(e.mean, kind), interval: formatInterval(e, kind) };
}

function rows(groups: RunReport['sites'], label: (key: string) => string): BreakdownRow[] {
  return [...groups]
    .sort((a, b) => (b.share.mean ?? 0) - (a.share.mean ?? 0))
    .map((g) => ({
      key: g.key,
      label: label(g.key),
      share: cell(g.share, { kind: 'share' }),
      p50: cell(g.cycleTime.p50, { kind: 'duration' }),
      p90: cell(g.cycleTime.p90, { kind: 'duration' }),
    }));
}

/**
 * Sites by share of completions, named from the model; outcomes by share of completed orders. The groups' own
 * "completed per day" is left out: the engine counts it over orders that arrived after the warm-up, so it does not
 * add up to the throughput card (which counts every completion after the warm-up) and would read as a contradiction.
 */
export function breakdown(report: RunReport, model: Workflow | undefined): { sites: BreakdownRow[]; outcomes: BreakdownRow[] } {
  const siteName = (id: string) => model?.sites.find((s) => s.id === id)?.name ?? id;
  const outcomeName = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);
  return { sites: rows(report.sites, siteName), outcomes: rows(report.outcomes, outcomeName) };
}
