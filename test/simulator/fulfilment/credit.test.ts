import { describe, expect, it } from 'vitest';
import type { WorkflowInput } from '../../../models';
import { chain, delay, intake, load, rowByCase, runLogged } from './helpers';

/**
 * Credit exposure of a single customer (limit = k x v, every order worth v) against an exact replay.
 *
 * The rules (fulfilment-spec.md): an order is released when exposure + v <= limit (exposure += v), else held;
 * a payment (the `cash` milestone) lowers the exposure by v and releases held orders FIFO while they fit; with a
 * hold edge, an order still held `reviewAfter` after it was held goes to manual review and adds v to the exposure
 * then (the only way past the limit). Every step after the check takes constant time, so the replay below,
 * given the arrival times from the event log, predicts every release, review and payment time exactly.
 */

const v = 100;
const k = 3;
const limit = k * v;
const shipMinutes = 5;
const cashMinutes = 2;

function creditModel(options: { payMinutes: number | null; reviewAfterMinutes: number | null; ratePerHour: number }): ReturnType<typeof load> {
  const { payMinutes, reviewAfterMinutes, ratePerHour } = options;
  const nodes: WorkflowInput['nodes'] = [
    { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour }, value: { per: 'order', distribution: { kind: 'constant', value: v } } },
    intake,
    { id: 'credit', kind: 'creditCheck', name: 'Credit', ...(reviewAfterMinutes !== null ? { reviewAfter: { value: reviewAfterMinutes, unit: 'min' as const } } : {}) },
    delay('ship', shipMinutes, { milestone: 'ship' }),
    delay('invoice', 0, { milestone: 'invoice' }),
  ];
  const edges = chain('src', 'intake', 'credit', 'ship', 'invoice');
  if (payMinutes !== null) {
    nodes.push({ id: 'pay', kind: 'awaitPayment', name: 'Customer pays' }, delay('cash', cashMinutes, { milestone: 'cash' }));
    edges.push(...chain('invoice', 'pay', 'cash', 'end'));
  } else edges.push(...chain('invoice', 'end'));
  nodes.push({ id: 'end', kind: 'end', name: 'Done' });
  if (reviewAfterMinutes !== null) {
    nodes.push(delay('review', 3, { exception: true }));
    edges.push({ id: 'held', from: 'credit', to: 'review', kind: 'hold' }, { id: 'reviewed', from: 'review', to: 'ship' });
  }
  return load({
    nodes,
    edges,
    customers: { segments: [{ value: 'everyone', customers: 1, creditLimit: limit, daysToPay: { kind: 'constant', value: payMinutes ?? 1, unit: 'min' } }] },
  });
}

interface Replayed {
  /** Release time by the check (undefined: still held at the end, or reviewed). */
  released: Map<number, number>;
  /** Time of referral to review. */
  reviewed: Map<number, number>;
  held: Set<number>;
}

/** The credit rules replayed on the arrival times (cases in arrival order). */
function replay(arrivals: Array<{ caseId: number; at: number }>, payMinutes: number | null, reviewAfter: number | null, horizon: number): Replayed {
  const released = new Map<number, number>();
  const reviewed = new Map<number, number>();
  const held = new Set<number>();
  const queue: Array<{ caseId: number; at: number }> = [];
  const payments: number[] = [];
  let exposure = 0;
  const payAfterRelease = (extra: number) => (payMinutes === null ? Infinity : extra + shipMinutes + payMinutes + cashMinutes);
  const release = (caseId: number, now: number) => {
    exposure += v;
    released.set(caseId, now);
    payments.push(payAfterRelease(now));
  };
  let i = 0;
  for (;;) {
    // Next event: an arrival, a payment, or a review of the head of the queue (held first, so reviewed first).
    const nextArrival = i < arrivals.length ? arrivals[i].at : Infinity;
    payments.sort((a, b) => a - b);
    const nextPayment = payments.length > 0 ? payments[0] : Infinity;
    const nextReview = reviewAfter !== null && queue.length > 0 ? queue[0].at + reviewAfter : Infinity;
    const now = Math.min(nextArrival, nextPayment, nextReview);
    if (now > horizon || now === Infinity) break;
    if (now === nextPayment) {
      payments.shift();
      exposure -= v;
      while (queue.length > 0 && exposure + v <= limit) release((queue.shift() as { caseId: number }).caseId, now);
    } else if (now === nextReview) {
      const head = queue.shift() as { caseId: number };
      reviewed.set(head.caseId, now);
      exposure += v;
      // Review takes 3 minutes, then the order ships and is paid like the others.
      payments.push(payAfterRelease(now + 3));
    } else {
      const a = arrivals[i++];
      if (exposure + v <= limit) release(a.caseId, now);
      else {
        held.add(a.caseId);
        queue.push(a);
      }
    }
  }
  return { released, reviewed, held };
}

function check(payMinutes: number | null, reviewAfter: number | null, ratePerHour: number, horizon: number) {
  const model = creditModel({ payMinutes, reviewAfterMinutes: reviewAfter, ratePerHour });
  const { result, rows } = runLogged(model, horizon, 5);
  const arrivals = [...rowByCase(rows, 'intake').values()].map((r) => ({ caseId: r.caseId, at: r.startMinutes })).sort((a, b) => a.at - b.at);
  const expected = replay(arrivals, payMinutes, reviewAfter, horizon);
  const shipStart = new Map([...rowByCase(rows, 'ship').values()].map((r) => [r.caseId, r.startMinutes]));
  const reviewStart = new Map([...rowByCase(rows, 'review').values()].map((r) => [r.caseId, r.startMinutes]));
  const cash = new Map([...rowByCase(rows, 'cash').values()].map((r) => [r.caseId, r.completeMinutes]));
  // Every release and referral happened exactly when the rules say (rows exist for steps that completed).
  for (const [caseId, at] of expected.released) if (shipStart.has(caseId)) expect(shipStart.get(caseId), `release of case ${caseId}`).toBeCloseTo(at, 6);
  for (const [caseId, at] of expected.reviewed) if (reviewStart.has(caseId)) expect(reviewStart.get(caseId), `review of case ${caseId}`).toBeCloseTo(at, 6);
  for (const caseId of shipStart.keys()) expect(expected.released.has(caseId) || expected.reviewed.has(caseId), `case ${caseId} shipped`).toBe(true);
  for (const caseId of reviewStart.keys()) expect(expected.reviewed.has(caseId), `case ${caseId} reviewed`).toBe(true);
  // Exposure from the log alone: +v at each release by the check or referral, -v at each payment. At every release
  // by the check it is within the limit.
  const changes: Array<{ at: number; delta: number; byCheck: boolean }> = [];
  for (const [caseId, at] of shipStart) if (!reviewStart.has(caseId)) changes.push({ at, delta: v, byCheck: true });
  for (const at of reviewStart.values()) changes.push({ at, delta: v, byCheck: false });
  for (const at of cash.values()) changes.push({ at, delta: -v, byCheck: false });
  // At equal times payments come first (a payment releases the next held order at that instant).
  changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let exposure = 0;
  let releasesByCheck = 0;
  for (const c of changes) {
    exposure += c.delta;
    if (c.byCheck) {
      releasesByCheck++;
      expect(exposure, `exposure after a release at minute ${c.at}`).toBeLessThanOrEqual(limit + 1e-9);
    }
  }
  expect(releasesByCheck).toBeGreaterThanOrEqual(k);
  const all = result.fulfilment?.all;
  if (!all) throw new Error('no fulfilment part');
  expect(all.orders).toBe(arrivals.length);
  expect(all.creditHolds).toBe(expected.held.size);
  expect(all.creditReviews).toBe(expected.reviewed.size);
  // Hold time: release (or referral) minus arrival, over the held orders that left the hold.
  const holdTimes = [...expected.held].flatMap((caseId) => {
    const at = (arrivals.find((a) => a.caseId === caseId) as { at: number }).at;
    const left = expected.released.get(caseId) ?? expected.reviewed.get(caseId);
    return left === undefined ? [] : [left - at];
  });
  expect(all.creditHoldTime.count).toBe(holdTimes.length);
  if (holdTimes.length > 0) expect(all.creditHoldTime.mean as number).toBeCloseTo(holdTimes.reduce((a, b) => a + b, 0) / holdTimes.length, 6);
  return { all, expected, holdTimes };
}

/** Payment terms far beyond the horizon: no order is paid during the run. */
const never = 1_000 * 1440;

describe('credit limit of a single customer', () => {
  it('without payments: the first k orders are released, every later one is held for good', () => {
    const { all, expected } = check(never, null, 4, 2 * 1440);
    expect(expected.released.size).toBe(k);
    expect(all.creditHolds).toBe(all.orders - k);
    expect(all.creditHoldTime.count).toBe(0);
    expect(all.ordersShipped).toBe(k);
  });

  it('with payments: holds are released by payments, FIFO, and exposure never exceeds the limit', () => {
    // Load: one order every 10 min, each ties up its value for 5 + 60 + 2 = 67 min: ~6.7 > k orders would be
    // open without the limit, so most orders are held and released by payments.
    const { all, holdTimes } = check(60, null, 6, 3 * 1440);
    expect(all.creditHolds).toBeGreaterThan(100);
    expect(holdTimes.length).toBeGreaterThan(100);
    expect(all.creditReviews).toBe(0);
  });

  it('with reviewAfter R and no payments: every hold lasts exactly R, then goes to review', () => {
    const R = 240;
    const { all } = check(never, R, 3, 3 * 1440);
    expect(all.creditReviews).toBeGreaterThan(100);
    expect(all.creditHoldTime.count).toBe(all.creditReviews);
    expect(all.creditHoldTime.mean as number).toBeCloseTo(R, 6);
    expect(all.creditHoldTime.max as number).toBeCloseTo(R, 6);
  });

  it('with payments and a review after R: payments release some holds, the rest are reviewed after exactly R', () => {
    const R = 30;
    const { all, holdTimes } = check(60, R, 2.5, 5 * 1440);
    expect(all.creditReviews).toBeGreaterThan(10);
    expect(all.creditHolds - all.creditReviews).toBeGreaterThan(10);
    expect(Math.max(...holdTimes)).toBeCloseTo(R, 6);
    expect(all.creditHoldTime.max as number).toBeCloseTo(R, 6);
  });

  it('an order that ends shipped but unpaid keeps its exposure (only payment, cancellation or ending unshipped release it)', () => {
    // The process ends at the invoice: no cash milestone. Per fulfilment-spec.md ("Exposure of a customer = value
    // of its orders released by a credit check and not yet paid nor cancelled"; released "when a shipment reaches
    // cash ... and when lines are cancelled or an order ends unshipped"), the first k orders use up the limit for good.
    const { all, expected } = check(null, null, 4, 2 * 1440);
    expect(expected.released.size).toBe(k);
    expect(all.ordersShipped).toBe(k);
  });
});
