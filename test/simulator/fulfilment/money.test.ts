import { describe, expect, it } from 'vitest';
import { chain, delay, expectInInterval, load, replicate } from './helpers';

/**
 * Working capital, payment lags and costs against Little's law. Orders of constant value v arrive at rate lambda
 * (Poisson) and every step takes a fixed time, except the customer's payment. Money waits shipped-not-invoiced
 * for exactly the invoice step's D minutes and invoiced-not-paid for the payment time P, so by L = lambda W:
 * - mean shipped-not-invoiced = lambda v D;
 * - mean invoiced-not-paid of a segment = lambda share v E[P_segment];
 * - invoice lag = D exactly; ship-to-cash = D + P (+ the cash step), exactly D + P for constant terms; for
 *   exponential P of mean m it is measured on the payments made after the warm-up a, up to the end b, whenever the
 *   order arrived. A payment made at t began at t - P, no earlier than s0 = pick + ship + D (the first orders), so
 *   P <= t - s0; with x = t - s0 running over [A, B] = [a - s0, b - s0]:
 *   E[observed P] = (integral_A^B E[P; P <= x] dx) / (integral_A^B P(P <= x) dx)
 *   = (m (B - A) - m (A + 2m) e^(-A/m) + m (B + 2m) e^(-B/m)) / ((B - A) - m (e^(-A/m) - e^(-B/m))), within 0.1% of m here;
 * - carrying cost = carryingRatePerYear x working capital x observed years (an identity);
 * - line handling = costPerLine x lines per order, freight = costPerVisit per shipment.
 */

const ratePerMinute = 0.1;
const v = 200;
const linesPerOrder = 2;
const D = 120;
const goldPay = 300;
const standardPayMean = 900;
const goldShare = 0.3;

const model = load({
  nodes: [
    {
      id: 'src',
      kind: 'source',
      name: 'Orders',
      arrivals: { ratePerHour: ratePerMinute * 60 },
      lines: { kind: 'constant', value: linesPerOrder },
      value: { per: 'order', distribution: { kind: 'constant', value: v } },
      attributes: [
        {
          attribute: 'tier',
          values: [
            { value: 'gold', share: goldShare },
            { value: 'standard', share: 1 - goldShare },
          ],
        },
      ],
    },
    delay('pick', 10, { costPerLine: 0.5 }),
    delay('ship', 5, { milestone: 'ship', costPerVisit: 12 }),
    delay('invoice', D, { milestone: 'invoice' }),
    { id: 'pay', kind: 'awaitPayment', name: 'Customer pays' },
    delay('cash', 0, { milestone: 'cash' }),
    { id: 'end', kind: 'end', name: 'Paid' },
  ],
  edges: chain('src', 'pick', 'ship', 'invoice', 'pay', 'cash', 'end'),
  customers: {
    segmentAttribute: 'tier',
    segments: [
      { value: 'gold', customers: 5, daysToPay: { kind: 'constant', value: goldPay, unit: 'min' } },
      { value: 'standard', customers: 50, daysToPay: { kind: 'exponential', mean: standardPayMean, unit: 'min' } },
    ],
  },
  finance: { carryingRatePerYear: 0.12 },
});

describe('working capital and payment lags (Little\'s law)', () => {
  it('shipped-not-invoiced, invoiced-not-paid by segment, lags, carrying and handling costs', () => {
    const horizon = 20 * 1440;
    const warmup = 2 * 1440;
    const { fulfilment } = replicate(model, 20, horizon, warmup);
    const all = fulfilment.map((f) => f.all);
    const segment = (key: string) =>
      fulfilment.map((f) => {
        const g = f.bySegment.find((s) => s.key === key);
        if (!g) throw new Error(`no segment ${key}`);
        return g;
      });
    const gold = segment('gold');
    const standard = segment('standard');
    const flow = ratePerMinute * v;
    expectInInterval('shipped not invoiced', all.map((a) => a.workingCapital.shippedNotInvoiced), flow * D, 0.05 * flow * D);
    expectInInterval('invoiced not paid (gold)', gold.map((g) => g.workingCapital.invoicedNotPaid), flow * goldShare * goldPay, 0.06 * flow * goldShare * goldPay);
    expectInInterval('invoiced not paid (standard)', standard.map((g) => g.workingCapital.invoicedNotPaid), flow * (1 - goldShare) * standardPayMean, 0.06 * flow * (1 - goldShare) * standardPayMean);
    expectInInterval('share of gold orders', fulfilment.map((f, i) => gold[i].orders / f.all.orders), goldShare, 0.02);
    const m = standardPayMean;
    const s0 = 10 + 5 + D;
    const A = warmup - s0;
    const B = horizon - s0;
    const eA = Math.exp(-A / m);
    const eB = Math.exp(-B / m);
    const observedPay = (m * (B - A) - m * (A + 2 * m) * eA + m * (B + 2 * m) * eB) / (B - A - m * (eA - eB));
    expectInInterval('ship-to-cash (standard, paid after the warm-up)', standard.map((g) => g.shipToCash.mean), D + observedPay, 0.03 * (D + m));
    expectInInterval('line handling per order', all.map((a) => a.cost.lineHandling / a.orders), 0.5 * linesPerOrder, 0.01);
    expectInInterval('freight per order', all.map((a) => a.cost.visits / a.orders), 12, 0.1);
    const years = (horizon - warmup) / (365 * 1440);
    for (let i = 0; i < all.length; i++) {
      const a = all[i];
      // Constant terms: every lag is exact.
      expect(a.invoiceLag.mean as number).toBeCloseTo(D, 9);
      expect(a.invoiceLag.max as number).toBeCloseTo(D, 9);
      expect(gold[i].shipToCash.mean as number).toBeCloseTo(D + goldPay, 9);
      expect(gold[i].shipToCash.max as number).toBeCloseTo(D + goldPay, 9);
      // Order-to-cash of gold orders: pick + ship + invoice + pay.
      expect(gold[i].orderToCash.mean as number).toBeCloseTo(10 + 5 + D + goldPay, 9);
      // The groups add up, and carrying is the stated identity.
      expect(gold[i].workingCapital.total + standard[i].workingCapital.total).toBeCloseTo(a.workingCapital.total, 6);
      expect(a.workingCapital.total).toBeCloseTo(a.workingCapital.shippedNotInvoiced + a.workingCapital.invoicedNotPaid, 9);
      expect(a.cost.carrying).toBeCloseTo(0.12 * a.workingCapital.total * years, 9);
      expect(a.cost.total).toBeCloseTo(a.cost.lineHandling + a.cost.visits + a.cost.sourcing + a.cost.systemCalls + a.cost.carrying, 9);
    }
  });
});
