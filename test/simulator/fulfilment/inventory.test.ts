import { describe, expect, it } from 'vitest';
import { estimate, type Estimate } from '../../../simulator';
import { chain, delay, expectInInterval, load, poissonPmf, ratio, replicate } from './helpers';

/**
 * (s, Q) inventory against the textbook result (Hadley & Whitin; Zipkin, Foundations of Inventory Management, ch. 6).
 *
 * Unit demand (one line of one unit per order), Poisson arrivals at rate lambda, constant lead time L, reorder
 * point s, order quantity Q, backorders allowed (ship complete: the order waits for its unit). The inventory
 * position IP (on hand + on order - backordered) is uniform on {s+1, ..., s+Q} in steady state, and the net
 * inventory at t is NI(t) = IP(t - L) - D(t - L, t) with D ~ Poisson(lambda L) independent of IP(t - L). So:
 * - fill rate (demand met from stock at once: on hand >= 1 when it arrives, PASTA) = (1/Q) sum_y P(D <= y - 1);
 * - mean on hand = E[NI^+] = (1/Q) sum_y E[(y - D)^+];
 * - mean backordered units = E[NI^-] = (1/Q) sum_y E[(D - y)^+] = mean on hand - (s + (Q + 1)/2 - lambda L);
 * - replenishment orders per minute = lambda / Q (each Q demands move IP through one cycle).
 */

interface Case {
  label: string;
  ratePerMinute: number;
  leadMinutes: number;
  s: number;
  Q: number;
}

function theory({ ratePerMinute, leadMinutes, s, Q }: Case) {
  const mean = ratePerMinute * leadMinutes;
  const pmf = poissonPmf(mean, Math.ceil(mean + 40 * Math.sqrt(mean) + 40));
  let fill = 0;
  let onHand = 0;
  for (let y = s + 1; y <= s + Q; y++) {
    for (let d = 0; d < y && d < pmf.length; d++) {
      fill += pmf[d];
      onHand += (y - d) * pmf[d];
    }
  }
  fill /= Q;
  onHand /= Q;
  const backordered = onHand - (s + (Q + 1) / 2 - mean);
  return { fill, onHand, backordered, replenishmentsPerMinute: ratePerMinute / Q };
}

function inventoryModel({ ratePerMinute, leadMinutes, s, Q }: Case) {
  return load({
    sites: [
      {
        id: 'main',
        name: 'Main',
        volumeShare: 1,
        stock: { model: 'inventory', classes: [{ initialOnHand: s + Q, reorderPoint: s, reorderQuantity: Q, replenishmentLeadTime: { kind: 'constant', value: leadMinutes, unit: 'min' }, unitCost: 2 }] },
      },
    ],
    nodes: [
      { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: ratePerMinute * 60 } },
      { id: 'alloc', kind: 'allocate', name: 'Allocate', policy: 'shipComplete' },
      delay('ship', 1, { milestone: 'ship' }),
      { id: 'end', kind: 'end', name: 'Done' },
    ],
    edges: chain('src', 'alloc', 'ship', 'end'),
  });
}

/** The report's aggregated estimate is the mean of the replications' values, with a 95% interval inside the 99% one. */
function expectAggregated(label: string, reported: Estimate, values: number[]): void {
  const e99 = estimate(values, 0.99);
  expect(reported.n, label).toBe(values.length);
  expect(reported.mean as number, label).toBeCloseTo(e99.mean as number, 9);
  expect(reported.halfWidth as number, label).toBeLessThan(e99.halfWidth as number);
}

describe('(s, Q) inventory with Poisson unit demand and constant lead time', () => {
  const cases: Case[] = [
    { label: 'lambda L = 10, s = 8, Q = 10', ratePerMinute: 0.5, leadMinutes: 20, s: 8, Q: 10 },
    { label: 'lambda L = 6, s = 3, Q = 4 (many backorders)', ratePerMinute: 0.3, leadMinutes: 20, s: 3, Q: 4 },
  ];
  for (const c of cases) {
    it(c.label, () => {
      const th = theory(c);
      const horizon = 15_000;
      const warmup = 500;
      const { fulfilment, report } = replicate(inventoryModel(c), 20, horizon, warmup);
      const stock = fulfilment.map((f) => f.stock[0]);
      expect(stock.every((s) => s.model === 'inventory' && s.siteId === 'main')).toBe(true);
      const fill = stock.map((s) => ratio(s.linesFilledAtOnce, s.linesDemanded) as number);
      const onHand = stock.map((s) => s.meanOnHand as number);
      const backordered = stock.map((s) => s.meanBackorderedUnits as number);
      const replenishments = stock.map((s) => s.replenishments / (horizon - warmup));
      expectInInterval('fill rate', fill, th.fill, 0.015);
      expectInInterval('mean on hand', onHand, th.onHand, 0.05 * th.onHand);
      expectInInterval('mean backordered units', backordered, th.backordered, Math.max(0.05, 0.08 * th.backordered));
      expectInInterval('replenishments per minute', replenishments, th.replenishmentsPerMinute, 0.03 * th.replenishmentsPerMinute);
      // The report's stock row aggregates the same numbers.
      const row = report.fulfilment?.stock[0];
      if (!row) throw new Error('no stock row in the report');
      expectAggregated('fillRate', row.fillRate, fill);
      expectAggregated('meanOnHand', row.meanOnHand, onHand);
      expectAggregated('meanBackorderedUnits', row.meanBackorderedUnits, backordered);
      expectAggregated('replenishments', row.replenishments, stock.map((s) => s.replenishments));
    });
  }
});
