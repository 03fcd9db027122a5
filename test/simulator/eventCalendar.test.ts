import { describe, expect, it } from 'vitest';
import { EventCalendar } from '../../simulator/core/eventCalendar';
import { RandomStream } from '../../simulator/core/rng';

describe('event calendar', () => {
  it('pops in (time, priority, insertion) order across the heap, the 15-min buckets and the overflow', () => {
    const cal = new EventCalendar(4);
    const rng = new RandomStream(1);
    const reference: Array<{ time: number; priority: number; seq: number }> = [];
    let seq = 0;
    let now = 0;
    const popped: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 20_000; step++) {
      if (rng.next() < 0.55 || reference.length === 0) {
        // Near, far (days) and very far (past the 3.7-year ring) events, with many exact ties.
        const r = rng.next();
        const delay = r < 0.5 ? Math.floor(rng.next() * 20) : r < 0.9 ? rng.next() * 5 * 1440 : 1400 * 1440 + rng.next() * 2000 * 1440;
        const priority = Math.floor(rng.next() * 3);
        cal.push(now + delay, priority, 1, seq, 0);
        reference.push({ time: now + delay, priority, seq });
        seq++;
      } else {
        reference.sort((x, y) => x.time - y.time || x.priority - y.priority || x.seq - y.seq);
        const next = reference.shift() as (typeof reference)[number];
        expected.push(next.seq);
        expect(cal.peekTime()).toBe(next.time);
        expect(cal.pop()).toBe(true);
        popped.push(cal.a);
        now = cal.time;
      }
    }
    expect(popped).toEqual(expected);
    expect(cal.size).toBe(reference.length);
    reference.sort((x, y) => x.time - y.time || x.priority - y.priority || x.seq - y.seq);
    for (const r of reference) {
      expect(cal.pop()).toBe(true);
      expect(cal.a).toBe(r.seq);
    }
    expect(cal.pop()).toBe(false);
    expect(cal.peekTime()).toBe(Infinity);
  });
});
