import { describe, expect, it } from 'vitest';
import { nextTab } from '../../renderer/results/tabs';

describe('tab keys', () => {
  it('moves through tabs with the arrow keys, wrapping, and jumps with Home and End', () => {
    const ids = ['a', 'b', 'c'] as const;
    expect(nextTab(ids, 'a', 'ArrowRight')).toBe('b');
    expect(nextTab(ids, 'c', 'ArrowRight')).toBe('a');
    expect(nextTab(ids, 'a', 'ArrowLeft')).toBe('c');
    expect(nextTab(ids, 'b', 'Home')).toBe('a');
    expect(nextTab(ids, 'b', 'End')).toBe('c');
    expect(nextTab(ids, 'b', 'Enter')).toBeUndefined();
  });
});
