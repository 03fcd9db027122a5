import { describe, expect, it } from 'vitest';
import type { WorkflowInput } from '../../../models';
import { chain, delay, expectInInterval, intake, load, ratio, replicate, rowByCase, runLogged } from './helpers';

/**
 * Fill-rate stock (each line in stock with probability p, independently) against closed forms.
 *
 * With N lines per order (N fixed or drawn) and ship-available allocation:
 * - a line is filled from stock at its first allocation with probability p: stock fill rate = line fill rate = p
 *   (a ratio of sums over lines, so p whatever N is);
 * - every line of an order is in stock with probability E[p^N]: order fill rate = E[p^N];
 * - an order ships in two shipments exactly when some but not all of its lines are short (all-short orders wait
 *   and ship once): partial-shipment rate = 1 - E[p^N] - E[(1-p)^N];
 * - an order has one backorder (a follow-on shipment, or itself waiting when nothing is in stock) when any line is
 *   short: backorders per order = 1 - E[p^N]; backordered lines per order = E[N] (1 - p); every short line is
 *   replenished once: replenishments per demanded line = 1 - p;
 * - with a constant replenishment lead time L every backorder waits exactly L.
 */

const leadMinutes = 45;

function fillRateModel(p: number, lines: NonNullable<Extract<WorkflowInput['nodes'][number], { kind: 'source' }>['lines']>, policy: 'shipAvailable' | 'shipComplete') {
  return load({
    sites: [{ id: 'main', name: 'Main', volumeShare: 1, stock: { model: 'fillRate', classes: [{ fillProbability: p, replenishmentLeadTime: { kind: 'constant', value: leadMinutes, unit: 'min' } }] } }],
    nodes: [
      { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 60 }, lines },
      intake,
      { id: 'alloc', kind: 'allocate', name: 'Allocate', policy },
      delay('pack', 7),
      delay('ship', 3, { milestone: 'ship' }),
      { id: 'end', kind: 'end', name: 'Done' },
    ],
    edges: chain('src', 'intake', 'alloc', 'pack', 'ship', 'end'),
  });
}

describe('fill-rate stock with ship-available allocation', () => {
  const cases = [
    { label: 'n = 2 lines, p = 0.7', p: 0.7, lines: { kind: 'constant' as const, value: 2 }, dist: [{ n: 2, w: 1 }] },
    {
      label: 'n drawn from {1, 2, 4} (weights 0.5, 0.3, 0.2), p = 0.85',
      p: 0.85,
      lines: { kind: 'empirical' as const, values: [1, 2, 4], weights: [0.5, 0.3, 0.2] },
      dist: [
        { n: 1, w: 0.5 },
        { n: 2, w: 0.3 },
        { n: 4, w: 0.2 },
      ],
    },
  ];
  for (const { label, p, lines, dist } of cases) {
    const E = (g: (n: number) => number) => dist.reduce((sum, { n, w }) => sum + w * g(n), 0);
    const orderFill = E((n) => p ** n);
    const allShort = E((n) => (1 - p) ** n);
    const meanLines = E((n) => n);
    // One set of replications per case, shared by its two tests.
    let runs: ReturnType<typeof replicate> | null = null;
    const run = () => (runs ??= replicate(fillRateModel(p, lines, 'shipAvailable'), 20, 8_000, 200));

    it(`${label}: stock fill, backorders, partial shipments, backorder age`, () => {
      const { fulfilment } = run();
      const all = fulfilment.map((f) => f.all);
      const stock = fulfilment.map((f) => f.stock[0]);
      expectInInterval('stock fill rate', stock.map((s) => ratio(s.linesFilledAtOnce, s.linesDemanded)), p, 0.01);
      expectInInterval('replenishments per demanded line', stock.map((s) => ratio(s.replenishments, s.linesDemanded)), 1 - p, 0.01);
      expectInInterval('backorders per order', all.map((a) => ratio(a.backorders, a.orders)), 1 - orderFill, 0.015);
      expectInInterval('backordered lines per order', all.map((a) => ratio(a.backorderLines, a.orders)), meanLines * (1 - p), 0.02);
      expectInInterval('partial-shipment rate', all.map((a) => a.partialShipmentRate), 1 - orderFill - allShort, 0.015);
      // Constant lead time: every backorder waits exactly L (mean and maximum, so every one).
      for (const a of all) {
        expect(a.backorderAge.count).toBeGreaterThan(0);
        expect(a.backorderAge.mean as number).toBeCloseTo(leadMinutes, 9);
        expect(a.backorderAge.max as number).toBeCloseTo(leadMinutes, 9);
      }
    });

    it(`${label}: the report's line fill rate is p and its order fill rate E[p^N]`, () => {
      // Lines (and whole orders) in stock at their first allocation (fulfilmentReport.ts: "p^n for n independent
      // lines each in stock with probability p"). An order whose lines were all short waits and ships once; it was
      // not filled from stock, so it must not count as filled (that would give p + E[N (1-p)^N] / E[N] and
      // E[p^N] + E[(1-p)^N]).
      const all = run().fulfilment.map((f) => f.all);
      expect.soft(() => expectInInterval('line fill rate', all.map((a) => a.lineFillRate), p, 0.01)).not.toThrow();
      expect.soft(() => expectInInterval('order fill rate', all.map((a) => a.orderFillRate), orderFill, 0.015)).not.toThrow();
    });
  }
});

describe('ship complete waits exactly until replenishment', () => {
  it('order-to-ship is L + downstream for orders with a short line, downstream otherwise; backorder age is L', () => {
    // Constant lead time L = 45 min, pack 7 + ship 3 min (delays: no queueing). Read per case from the event log.
    const p = 0.6;
    const downstream = 7 + 3;
    const model = fillRateModel(p, { kind: 'constant', value: 2 }, 'shipComplete');
    const { result, rows } = runLogged(model, 3 * 1440);
    const arrival = rowByCase(rows, 'intake');
    const pack = rowByCase(rows, 'pack');
    const ship = rowByCase(rows, 'ship');
    let waited = 0;
    let shipped = 0;
    let orderToShipSum = 0;
    for (const [caseId, row] of ship) {
      const a = (arrival.get(caseId) as { startMinutes: number }).startMinutes;
      const wait = (pack.get(caseId) as { startMinutes: number }).startMinutes - a;
      // Either no wait at all or exactly the lead time: nothing in between.
      expect(Math.abs(wait) < 1e-9 || Math.abs(wait - leadMinutes) < 1e-9, `case ${caseId} waited ${wait} min at allocation`).toBe(true);
      expect(row.completeMinutes - a).toBeCloseTo(wait + downstream, 9);
      if (wait > 1e-9) waited++;
      shipped++;
      orderToShipSum += row.completeMinutes - a;
    }
    const all = result.fulfilment?.all;
    if (!all) throw new Error('no fulfilment part');
    // The report agrees with the log exactly: shipped orders, order-to-ship, one backorder per waiting order.
    expect(all.orderToShip.count).toBe(shipped);
    expect(all.orderToShip.mean as number).toBeCloseTo(orderToShipSum / shipped, 9);
    expect(all.orderToShip.max as number).toBeCloseTo(leadMinutes + downstream, 9);
    // Backorders released in the last minutes are counted but not yet shipped: at most the orders still in pack/ship.
    const inFlight = [...arrival.keys()].filter((caseId) => !ship.has(caseId) && (arrival.get(caseId) as { startMinutes: number }).startMinutes >= 3 * 1440 - leadMinutes - downstream).length;
    expect(all.backorderAge.count).toBeGreaterThanOrEqual(waited);
    expect(all.backorderAge.count).toBeLessThanOrEqual(waited + inFlight);
    expect(all.backorderAge.mean as number).toBeCloseTo(leadMinutes, 9);
    expect(all.backorderAge.max as number).toBeCloseTo(leadMinutes, 9);
    // Ship complete never splits an order.
    expect(all.ordersPartial).toBe(0);
    // Share of orders that waited: 1 - p^2 = 0.64, binomial 99% interval on ~4,300 orders (+-0.019).
    const share = waited / shipped;
    const halfWidth = 2.576 * Math.sqrt((1 - p ** 2) * p ** 2 / shipped);
    expect(Math.abs(share - (1 - p ** 2)), `waited share ${share}`).toBeLessThanOrEqual(halfWidth);
  });
});
