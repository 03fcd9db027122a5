import { describe, expect, it } from 'vitest';
import { group, paired, replicate } from './replicate';

/**
 * The peak in fulfilment terms, paired against the same season without the surge (same seeds): the surge runs
 * from day 70 (after the 63-day warm-up that credit exposure needs), so these runs stop at day 84 and observe one
 * normal week and two peak weeks. Exposure grows with the orders, so credit holds rise (stock through the peak: peakStock.test.ts). 2 replications of 84 days each.
 */

const file = 'peak-season.flowcast.json';
const run = { horizonDays: 84, warmupDays: 63, replications: 2 };

describe('peak season: volume and credit holds rise with the surge', () => {
  it('takes twice the orders in the observed weeks (1 normal + 2 peak weeks at 2.5x: 30 / 15 days)', () => {
    const peak = replicate(file, undefined, run);
    const flat = replicate(file, 'no-surge', run);
    const orders = paired(flat, peak, (r) => group(r).orders);
    expect(orders.meanB / orders.meanA).toBeGreaterThan(1.85);
    expect(orders.meanB / orders.meanA).toBeLessThan(2.15);
  });

  it('holds a larger share of orders for credit as exposure grows with the peak orders', () => {
    const peak = replicate(file, undefined, run);
    const flat = replicate(file, 'no-surge', run);
    const holdShare = paired(flat, peak, (r) => group(r).creditHolds / group(r).orders);
    expect(holdShare.significant).toBe(true);
    expect(holdShare.meanDifference).toBeGreaterThan(0);
  });
});
