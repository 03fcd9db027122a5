import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyVariant, loadModelText, type Workflow, type WorkflowInput } from '../../../models';
import { runReplication, type ReplicationResult } from '../../../simulator';
import type { FulfilmentGroupReplication, FulfilmentReplication } from '../../../simulator/fulfilmentReport';
import { chain, delay, load } from './helpers';

/**
 * Conservation of lines and money, per replication, from `fulfilment.conservation` (counted from minute 0):
 * - every line ordered is shipped, cancelled or still open: linesOrdered = linesShipped + linesCancelled + linesOpen;
 * - the same for value: valueOrdered = valueShipped + valueCancelled + valueOpen;
 * - when every shipped shipment goes on to the invoice step, shipped value is invoiced or waiting for its invoice:
 *   valueShipped = valueInvoiced + valueShippedNotInvoicedAtEnd;
 * - when every invoiced shipment goes on to the cash step: valueInvoiced = valuePaid + valueInvoicedNotPaidAtEnd.
 * Plus the bookkeeping every group must satisfy (counts within their denominators, rates in [0, 1]).
 */

function expectConserved(f: FulfilmentReplication, label: string, chainedToCash: boolean): void {
  const c = f.conservation;
  const close = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${label}: ${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a), Math.abs(b)));
  expect(c.linesOrdered, `${label}: lines`).toBe(c.linesShipped + c.linesCancelled + c.linesOpen);
  close(c.valueOrdered, c.valueShipped + c.valueCancelled + c.valueOpen, 'value ordered = shipped + cancelled + open');
  if (chainedToCash) {
    close(c.valueShipped, c.valueInvoiced + c.valueShippedNotInvoicedAtEnd, 'value shipped = invoiced + shipped not invoiced');
    close(c.valueInvoiced, c.valuePaid + c.valueInvoicedNotPaidAtEnd, 'value invoiced = paid + invoiced not paid');
  }
  for (const g of [f.all, ...f.bySite, ...f.bySegment]) expectSaneGroup(g, `${label} / ${g.key}`);
  // The groups partition the orders: by site always, by segment when there are segments.
  const sum = (groups: FulfilmentGroupReplication[], field: 'orders' | 'linesOrdered' | 'ordersShipped' | 'cancelledLines') => groups.reduce((s, g) => s + g[field], 0);
  for (const field of ['orders', 'linesOrdered', 'ordersShipped', 'cancelledLines'] as const) {
    expect(sum(f.bySite, field), `${label}: ${field} by site`).toBe(f.all[field]);
    if (f.bySegment.length > 0) expect(sum(f.bySegment, field), `${label}: ${field} by segment`).toBe(f.all[field]);
  }
}

function expectSaneGroup(g: FulfilmentGroupReplication, label: string): void {
  expect(g.ordersFirstShipped, label).toBeLessThanOrEqual(g.orders);
  expect(g.ordersFilledInFirstShipment, label).toBeLessThanOrEqual(g.ordersFirstShipped);
  expect(g.linesInFirstShipment, label).toBeLessThanOrEqual(g.linesOrdered);
  expect(g.ordersShipped, label).toBeLessThanOrEqual(g.orders);
  expect(g.ordersPartial, label).toBeLessThanOrEqual(g.ordersShipped);
  expect(g.otif, label).toBeLessThanOrEqual(Math.min(g.onTime, g.inFull));
  expect(g.ordersJudged, label).toBeLessThanOrEqual(g.orders);
  expect(g.creditReviews, label).toBeLessThanOrEqual(g.creditHolds);
  expect(g.cancelledLines, label).toBeLessThanOrEqual(g.linesOrdered);
  for (const rate of [g.lineFillRate, g.orderFillRate, g.partialShipmentRate, g.onTimeRate, g.inFullRate, g.otifRate]) {
    if (rate === null) continue;
    expect(rate, label).toBeGreaterThanOrEqual(0);
    expect(rate, label).toBeLessThanOrEqual(1);
  }
  expect(g.workingCapital.shippedNotInvoiced, label).toBeGreaterThanOrEqual(-1e-6);
  expect(g.workingCapital.invoicedNotPaid, label).toBeGreaterThanOrEqual(-1e-6);
}

function run(model: Workflow, seed: number, horizonMinutes: number, warmupMinutes: number, replication = 0): ReplicationResult {
  const result = runReplication(model, { replication, seed, horizonMinutes, warmupMinutes });
  expect(result.status, result.message ?? '').toBe('ok');
  if (!result.fulfilment) throw new Error('no fulfilment part');
  return result;
}

interface Spec {
  twoSites: boolean;
  lines: number[];
  valuePerLine: boolean;
  stock: 'fillRate' | 'inventory';
  fill: number;
  reorderPoint: number;
  policy: 'shipComplete' | 'shipAvailable' | 'secondShipment' | 'transfer';
  maxWaitMinutes: number | null;
  creditLimit: number | null;
  reviewAfterMinutes: number | null;
  rejectShare: number;
  payMinutes: number;
  ratePerHour: number;
}

/** A small order-to-cash model from a spec: credit check (with review and rejection), allocation, ship, invoice, pay. */
function richModel(spec: Spec): Workflow {
  const lead = { kind: 'exponential' as const, mean: 90, unit: 'min' as const };
  const stock =
    spec.stock === 'fillRate'
      ? { model: 'fillRate' as const, classes: [{ fillProbability: spec.fill, replenishmentLeadTime: lead }] }
      : { model: 'inventory' as const, classes: [{ initialOnHand: spec.reorderPoint + 10, reorderPoint: spec.reorderPoint, reorderQuantity: 10, replenishmentLeadTime: lead, unitCost: 3 }] };
  const sourcing = spec.policy === 'secondShipment' || spec.policy === 'transfer';
  const sites: WorkflowInput['sites'] = [{ id: 'main', name: 'Main', volumeShare: 1, stock, location: { lat: 50, lon: 8 } }];
  // Sourcing needs a second site; a hold edge needs a limit to hold against; an error edge needs a wait limit.
  const review = spec.creditLimit !== null ? spec.reviewAfterMinutes : null;
  if (spec.twoSites || sourcing) sites.push({ id: 'other', name: 'Other', volumeShare: 1, stock, location: { lat: 48, lon: 11 } });
  const nodes: WorkflowInput['nodes'] = [
    {
      id: 'src',
      kind: 'source',
      name: 'Orders',
      arrivals: { ratePerHour: spec.ratePerHour },
      lines: { kind: 'empirical', values: spec.lines },
      lineQuantity: { kind: 'empirical', values: [1, 2, 3], weights: [3, 2, 1] },
      value: { per: spec.valuePerLine ? 'line' : 'order', distribution: { kind: 'lognormal', mean: 120, sd: 80 } },
      productMix: [
        { value: 'A', share: 0.6 },
        { value: 'B', share: 0.4 },
      ],
      promise: { cutoff: '15:00', leadDays: 1 },
    },
    {
      id: 'credit',
      kind: 'creditCheck',
      name: 'Credit',
      ...(review !== null ? { reviewAfter: { value: review, unit: 'min' as const } } : {}),
    },
    {
      id: 'alloc',
      kind: 'allocate',
      name: 'Allocate',
      policy: sourcing ? 'sourceElsewhere' : (spec.policy as 'shipComplete' | 'shipAvailable'),
      ...(spec.maxWaitMinutes !== null ? { maxBackorderWait: { value: spec.maxWaitMinutes, unit: 'min' as const } } : {}),
      ...(sourcing ? { sourcing: { rule: 'nearest' as const, fulfil: spec.policy as 'secondShipment' | 'transfer', transferTime: { kind: 'uniform' as const, min: 10, max: 60, unit: 'min' as const }, costPerLine: 1, costPerShipment: 5 } } : {}),
    },
    delay('pick', { kind: 'exponential', mean: 4 }, { costPerLine: 0.3 }),
    delay('ship', { kind: 'uniform', min: 1, max: 30 }, { milestone: 'ship', costPerVisit: 8 }),
    delay('invoice', { kind: 'exponential', mean: 60 }, { milestone: 'invoice' }),
    { id: 'pay', kind: 'awaitPayment', name: 'Customer pays' },
    delay('cash', 2, { milestone: 'cash' }),
    { id: 'closed', kind: 'end', name: 'Closed' },
    { id: 'cancelled', kind: 'end', name: 'Cancelled', outcome: 'cancelled' },
  ];
  const edges: WorkflowInput['edges'] = chain('src', 'credit', 'alloc', 'pick', 'ship', 'invoice', 'pay', 'cash', 'closed');
  if (spec.maxWaitMinutes !== null) edges.push({ id: 'no-lines', from: 'alloc', to: 'cancelled', kind: 'error' });
  else nodes.splice(nodes.findIndex((n) => n.id === 'cancelled'), 1);
  if (review !== null) {
    nodes.push(delay('review', { kind: 'exponential', mean: 15 }, { exception: true }), { id: 'decide', kind: 'decision', name: 'Release?' }, { id: 'rejected', kind: 'end', name: 'Rejected', outcome: 'rejected' });
    edges.push(
      { id: 'held', from: 'credit', to: 'review', kind: 'hold' },
      { id: 'reviewed', from: 'review', to: 'decide' },
      { id: 'ok', from: 'decide', to: 'alloc', kind: 'branch', probability: 1 - spec.rejectShare },
      { id: 'no', from: 'decide', to: 'rejected', kind: 'branch', probability: spec.rejectShare },
    );
  }
  return load({
    sites,
    nodes,
    edges,
    customers: {
      segments: [{ value: 'all-customers', customers: 3, ...(spec.creditLimit !== null ? { creditLimit: spec.creditLimit } : {}), daysToPay: { kind: 'exponential', mean: spec.payMinutes, unit: 'min' } }],
    },
    finance: { carryingRatePerYear: 0.1 },
  });
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  twoSites: fc.boolean(),
  lines: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
  valuePerLine: fc.boolean(),
  stock: fc.constantFrom('fillRate' as const, 'inventory' as const),
  fill: fc.double({ min: 0.2, max: 1, noNaN: true }),
  reorderPoint: fc.integer({ min: -3, max: 15 }),
  policy: fc.constantFrom('shipComplete' as const, 'shipAvailable' as const, 'secondShipment' as const, 'transfer' as const),
  maxWaitMinutes: fc.option(fc.integer({ min: 5, max: 240 }), { nil: null }),
  creditLimit: fc.option(fc.integer({ min: 200, max: 3_000 }), { nil: null }),
  reviewAfterMinutes: fc.option(fc.integer({ min: 0, max: 240 }), { nil: null }),
  rejectShare: fc.double({ min: 0, max: 1, noNaN: true }),
  payMinutes: fc.integer({ min: 30, max: 3_000 }),
  ratePerHour: fc.double({ min: 2, max: 20, noNaN: true }),
});

describe('conservation of lines and money', () => {
  it('the fixture model and its allocation variants, over three replications with a warm-up', () => {
    const base = loadModelText(readFileSync('test/fixtures/fulfilment.flowcast.json', 'utf8')).model;
    if (!base) throw new Error('fixture did not load');
    for (const variant of [null, 'ship-available', 'ship-complete', 'tight-credit']) {
      const model = variant === null ? base : applyVariant(base, variant).model;
      if (!model) throw new Error(`variant ${variant} did not apply`);
      for (let r = 0; r < 3; r++) {
        const result = run(model, 7, 30 * 1440, 3 * 1440, r);
        const f = result.fulfilment as FulfilmentReplication;
        expectConserved(f, `fixture ${variant ?? 'base'} rep ${r}`, true);
        // Something of everything happened, so the identities were exercised.
        expect(f.conservation.linesShipped).toBeGreaterThan(0);
        expect(f.conservation.valuePaid).toBeGreaterThan(0);
      }
    }
  });

  it('a rich model: ship available with backorder cancellations, second shipments, credit holds with review and rejection', () => {
    const spec: Spec = {
      twoSites: true,
      lines: [1, 2, 3, 5],
      valuePerLine: true,
      stock: 'fillRate',
      fill: 0.6,
      reorderPoint: 0,
      policy: 'secondShipment',
      maxWaitMinutes: 60,
      creditLimit: 1_500,
      reviewAfterMinutes: 30,
      rejectShare: 0.3,
      payMinutes: 600,
      ratePerHour: 12,
    };
    for (const policy of ['secondShipment', 'shipAvailable', 'transfer', 'shipComplete'] as const) {
      const result = run(richModel({ ...spec, policy }), 11, 7 * 1440, 1440);
      const f = result.fulfilment as FulfilmentReplication;
      expectConserved(f, policy, true);
      const c = f.conservation;
      // Every path was taken: cancellations, holds, reviews, shipments and payments.
      expect(c.linesCancelled, `${policy}: cancelled lines`).toBeGreaterThan(0);
      expect(f.all.creditReviews, `${policy}: reviews`).toBeGreaterThan(0);
      expect(c.valuePaid, `${policy}: payments`).toBeGreaterThan(0);
      expect(f.all.backorders, `${policy}: backorders`).toBeGreaterThan(0);
    }
  });

  it('holds for random small models and seeds (property)', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 0, max: 100_000 }), (spec, seed) => {
        const result = run(richModel(spec), seed, 2 * 1440, 240);
        expectConserved(result.fulfilment as FulfilmentReplication, `spec ${JSON.stringify(spec)} seed ${seed}`, true);
        // Every number in the report is finite (no NaN from empty groups).
        expect(JSON.stringify(result.fulfilment)).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 150, seed: 20261127 },
    );
  });
});
