import type { KeyboardEvent } from 'react';

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
