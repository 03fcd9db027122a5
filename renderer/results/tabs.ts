import type { KeyboardEvent } from 'react';
import type { RunReport } from '../simulation/report';

/** The views of a run's results. */
export type ResultsTab = 'fulfilment' | 'bottlenecks' | 'time' | 'cycle' | 'utilisation' | 'wait' | 'breakdown';

const allTabs: ReadonlyArray<{ id: ResultsTab; label: string }> = [
  { id: 'fulfilment', label: 'Fulfilment' },
  { id: 'bottlenecks', label: 'Bottlenecks' },
  { id: 'time', label: 'Throughput & WIP' },
  { id: 'cycle', label: 'Cycle time' },
  { id: 'utilisation', label: 'Utilisation' },
  { id: 'wait', label: 'Queue wait' },
  { id: 'breakdown', label: 'Sites & outcomes' },
];

/**
 * The tabs of a report, in order: Fulfilment (first) only when the report has a fulfilment part, i.e. the model
 * uses order lines, stock, credit, payments or milestones.
 */
export function resultsTabs(report: Pick<RunReport, 'fulfilment'>): ReadonlyArray<{ id: ResultsTab; label: string }> {
  return report.fulfilment ? allTabs : allTabs.filter((t) => t.id !== 'fulfilment');
}

/** The tab shown: the chosen one, or Bottlenecks when the report has no such tab (Fulfilment after a plain model's run). */
export function shownTab(report: Pick<RunReport, 'fulfilment'>, chosen: ResultsTab): ResultsTab {
  return resultsTabs(report).some((t) => t.id === chosen) ? chosen : 'bottlenecks';
}

/**
 * The tab a key moves to in a tab list (WAI-ARIA tabs pattern): ArrowLeft/ArrowRight wrap around, Home and End go to
 * the ends; other keys do nothing (undefined).
 * @example nextTab(['a', 'b', 'c'], 'c', 'ArrowRight') // 'a'
 */
export function nextTab<T extends string>(ids: readonly T[], current: T, key: string): T | undefined {
  const i = ids.indexOf(current);
  if (i < 0 || ids.length === 0) return undefined;
  switch (key) {
    case 'ArrowRight':
      return ids[(i + 1) % ids.length];
    case 'ArrowLeft':
      return ids[(i - 1 + ids.length) % ids.length];
    case 'Home':
      return ids[0];
    case 'End':
      return ids[ids.length - 1];
    default:
      return undefined;
  }
}

/** A tablist keydown handler: selects the next tab and moves focus to it. */
export function tabListKeyDown<T extends string>(ids: readonly T[], current: T, select: (id: T) => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    const next = nextTab(ids, current, event.key);
    if (next === undefined) return;
    event.preventDefault();
    select(next);
    const button = event.currentTarget.querySelector<HTMLElement>(`[data-tab="${next}"]`);
    button?.focus();
  };
}
