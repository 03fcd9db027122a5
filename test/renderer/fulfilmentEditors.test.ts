import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addPaletteItem, connectNodes } from '../../renderer/actions/actionAddNode';
import { createStudioStore } from '../../renderer/state';
import { cloneJson, loadModel } from '../../models';
import { nodeSummary } from '../../renderer/canvas/nodeSummary';
import { createEdgeMapper, edgeLabel } from '../../renderer/canvas/toFlow';
import { edgeHint } from '../../renderer/panels/EdgeForm';
import {
  clockTimeProblem,
  defaultSourcing,
  drawnAttributes,
  meanDays,
  moneyText,
  moveItem,
  newCustomers,
  newInventoryRow,
  newSegment,
  nextStockClass,
  productClassesOf,
  promiseText,
  segmentExposure,
  steadyOpeningExposure,
  sharePercents,
  siteClassDemandPerDay,
  switchStockModel,
  workdaysText,
} from '../../renderer/panels/fulfilment';
import { blankDocument, connect, handleForEdgeKind, newNodeOfKind, nodesOf, renameId, setAt, sourceHandles, type DocNode, type StudioDocument } from '../../renderer/state/documentOps';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/fulfilment.flowcast.json', import.meta.url), 'utf8')) as StudioDocument;
const errors = (doc: unknown) => loadModel(doc).findings.filter((f) => f.severity === 'error');
const edgesOfKind = (doc: StudioDocument, kind: string) => (doc.edges ?? []).filter((e) => e.kind === kind).map((e) => [e.from, e.to]);
const indexOf = (doc: StudioDocument, id: string) => nodesOf(doc).findIndex((n) => n.id === id);

describe('canvas words for the fulfilment steps', () => {
  it('summarises each allocation policy, sourcing and the backorder limit', () => {
    const base = { id: 'a', kind: 'allocate', name: 'Allocate' } as const;
    expect(nodeSummary({ ...base })).toEqual(['Ship complete']);
    expect(nodeSummary({ ...base, policy: 'shipAvailable' })).toEqual(['Ship available · backorder rest']);
    expect(nodeSummary({ ...base, policy: 'shipAvailable', maxBackorderWait: { value: 14, unit: 'd' } })).toEqual(['Ship available · backorder rest', 'cancel after 14 d']);
    expect(nodeSummary({ ...base, policy: 'sourceElsewhere', sourcing: { rule: 'nearest', transferTime: { kind: 'lognormal', mean: 2, sd: 0.5, unit: 'd' } } })).toEqual(['Source from nearest site', 'transfer ~2 d']);
    expect(nodeSummary({ ...base, policy: 'sourceElsewhere', sourcing: { rule: 'priorityList', fulfil: 'secondShipment' } })).toEqual(['Source by priority list', 'second shipment']);
    expect(nodeSummary({ ...base, policy: 'sourceElsewhere', sourcing: { rule: 'mostStock' } })).toEqual(['Source from most stock', 'transfer ~1 d']);
  });

  it('says what a credit check does with held orders, and when customers pay', () => {
    const check: DocNode = { id: 'c', kind: 'creditCheck', name: 'Credit', reviewAfter: { value: 2, unit: 'h' } };
    expect(nodeSummary(check, { holdEdge: true })).toEqual(['Limit check', 'review after 2 h']);
    expect(nodeSummary({ ...check, reviewAfter: undefined }, { holdEdge: true })).toEqual(['Limit check', 'review at once']);
    expect(nodeSummary(check, { holdEdge: false })).toEqual(['Limit check', 'held until paid']);
    expect(nodeSummary({ id: 'p', kind: 'awaitPayment', name: 'Pays', daysToPay: { kind: 'gamma', mean: 45, sd: 15, unit: 'd' } })).toEqual(['Pays in ~45 d']);
    expect(nodeSummary({ id: 'p', kind: 'awaitPayment', name: 'Pays' })).toEqual(['Pays per segment terms']);
  });

  it('adds lines per order and the promise cut-off to a source only when they say something', () => {
    const source: DocNode = { id: 's', kind: 'source', name: 'S', arrivals: { ratePerHour: 2 } };
    expect(nodeSummary(source)).toEqual(['2 orders/h']);
    expect(nodeSummary({ ...source, lines: { kind: 'lognormal', mean: 3, sd: 2 }, promise: { cutoff: '14:00', leadDays: 1 } })).toEqual(['2 orders/h · ~3 lines', 'cut-off 14:00 · +1 workday']);
    expect(nodeSummary({ ...source, promise: {} })).toEqual(['2 orders/h', 'cut-off 15:00 · same day']);
  });

  it('draws a hold path from the credit check’s hold handle and an allocation’s cancelled path from its error handle', () => {
    expect(sourceHandles({ id: 'c', kind: 'creditCheck', name: 'C' }).map((h) => [h.id, h.kind])).toEqual([
      ['out', 'next'],
      ['hold', 'hold'],
    ]);
    expect(sourceHandles({ id: 'a', kind: 'allocate', name: 'A' }).map((h) => [h.id, h.kind])).toEqual([
      ['out', 'next'],
      ['error', 'error'],
    ]);
    expect(sourceHandles({ id: 'p', kind: 'awaitPayment', name: 'P' }).map((h) => h.id)).toEqual(['out']);
    expect(handleForEdgeKind('hold')).toBe('hold');
    const [hold] = createEdgeMapper()([{ id: 'h', from: 'c', to: 'r', kind: 'hold' }], new Set());
    expect(hold.sourceHandle).toBe('hold');
    expect(edgeLabel({ id: 'h', from: 'c', to: 'r', kind: 'hold' })).toBe('credit hold');
    expect(edgeLabel({ id: 'h', from: 'c', to: 'r', kind: 'hold', label: 'held 4 h' })).toBe('held 4 h');
    expect(edgeHint('creditCheck', 'hold')).toContain('manual review');
    expect(edgeHint('allocate', 'error')).toContain('cancelled');
    expect(edgeHint('activity', 'next')).toBeUndefined();
  });

  it('connects a credit check to a review through its hold handle, and the model validates', () => {
    const doc = cloneJson(fixture);
    doc.edges = (doc.edges ?? []).filter((e) => e.id !== 'credit-hold');
    const made = connect(doc, 'credit', 'review', 'hold');
    expect(made.refused).toBeUndefined();
    expect((made.doc.edges ?? []).at(-1)).toMatchObject({ from: 'credit', to: 'review', kind: 'hold' });
    expect(errors(made.doc)).toEqual([]);
  });
});

describe('defaults written by the fulfilment editors validate', () => {
  it('switches a site’s stock between none, fill rate and inventory keeping classes and lead times', () => {
    const east = fixture.sites[0].stock;
    const fill = switchStockModel(east, 'fillRate') as { model: string; classes: Array<Record<string, unknown>> };
    expect(fill.model).toBe('fillRate');
    expect(fill.classes.map((c) => c.productClass)).toEqual(['A', undefined]);
    expect(fill.classes[0].replenishmentLeadTime).toEqual({ kind: 'lognormal', mean: 4, sd: 1.5, unit: 'd' });
    expect(switchStockModel(east, 'inventory')).toBe(east);
    expect(switchStockModel(east, 'none')).toBeUndefined();
    const fresh = switchStockModel(undefined, 'inventory') as { classes: Array<Record<string, unknown>> };
    expect(fresh.classes).toHaveLength(1);
    expect(fresh.classes[0].productClass).toBeUndefined();
    // Sized to demand: s covers the mean lead-time demand plus a quarter, Q a week, on hand s + Q.
    expect(newInventoryRow('A', { kind: 'constant', value: 4, unit: 'd' }, 100)).toMatchObject({ productClass: 'A', reorderPoint: 500, reorderQuantity: 700, initialOnHand: 1200 });
    expect(newInventoryRow(undefined, { kind: 'constant', value: 4, unit: 'd' }, 0)).toMatchObject({ reorderPoint: 60, reorderQuantity: 150, initialOnHand: 200 });
    const sized = switchStockModel(undefined, 'inventory', (cls, all) => (cls === undefined && all.length === 1 ? 20 : undefined)) as { classes: Array<Record<string, unknown>> };
    expect(sized.classes[0]).toMatchObject({ reorderPoint: 125, reorderQuantity: 140, initialOnHand: 265 });
    const west = switchStockModel(fixture.sites[1].stock, 'inventory', (cls, all) => siteClassDemandPerDay(fixture, 'west', cls, all)) as { classes: Array<Record<string, number>> };
    // West: 2/h x 24 x 40% x 3 lines x 2.1 units = 120.96 units/day; class A 70% over its 3-day lead time.
    expect(west.classes[0].reorderPoint).toBe(Math.ceil(120.96 * 0.7 * 3 * 1.25));
    expect(errors(setAt(fixture, ['sites', 1, 'stock'], west))).toEqual([]);
    for (const model of ['fillRate', 'inventory', 'none'] as const)
      for (const site of [0, 1]) {
        const doc = setAt(fixture, ['sites', site, 'stock'], switchStockModel(fixture.sites[site].stock, model));
        expect(errors(doc), `${model} at site ${site}`).toEqual([]);
      }
  });

  it('picks the next product class for a stock row, never a second catch-all row', () => {
    expect(nextStockClass([{}], ['A', 'B'])).toBe('A');
    expect(nextStockClass([{ productClass: 'A' }], ['A', 'B'])).toBe('B');
    expect(nextStockClass([{ productClass: 'A' }, { productClass: 'B' }], ['A', 'B'])).toBeUndefined();
    expect(nextStockClass([{ productClass: 'A' }, {}], ['A'])).toBe('class3');
  });

  it('adds customer segments from the values of the segment attribute', () => {
    expect(newSegment([{ value: 'key' }], ['key', 'small'])).toMatchObject({ value: 'small', customers: 100, creditLimit: 50000 });
    expect(newSegment([{ value: 'key' }, { value: 'small' }], ['key', 'small']).value).toBe('segment3');
    const doc = setAt(fixture, ['customers'], undefined);
    expect(drawnAttributes(doc)).toEqual([{ attribute: 'segment', values: ['key', 'small'] }]);
    const customers = newCustomers(doc) as { segmentAttribute: string; segments: Array<{ value: string }> };
    expect(customers.segmentAttribute).toBe('segment');
    expect(customers.segments.map((s) => s.value)).toEqual(['key', 'small']);
    expect(errors(setAt(doc, ['customers'], customers))).toEqual([]);
    // Without an attribute naming segments: one segment for every order.
    const plain = setAt(doc, ['nodes', indexOf(doc, 'orders'), 'attributes'], []);
    expect(newCustomers(plain)).toMatchObject({ segments: [{ value: 'all' }] });
    expect((newCustomers(plain) as { segmentAttribute?: string }).segmentAttribute).toBeUndefined();
  });

  it('writes sourcing defaults that validate when "source elsewhere" is chosen, and renames sites in them', () => {
    const i = indexOf(fixture, 'allocate');
    const doc = setAt(fixture, ['nodes', i, 'sourcing'], defaultSourcing());
    expect(errors(doc)).toEqual([]);
    const listed = setAt(fixture, ['nodes', i, 'sourcing', 'sites'], ['west', 'east']);
    const renamed = renameId(listed, 'site', 'west', 'chicago');
    expect((nodesOf(renamed)[i] as { sourcing: { sites: string[] } }).sourcing.sites).toEqual(['chicago', 'east']);
    expect(errors(renamed)).toEqual([]);
  });

  it('adds new fulfilment steps with valid settings; payment takes the segment terms when customers exist', () => {
    expect(newNodeOfKind(fixture, 'awaitPayment', { x: 0, y: 0 }).node).not.toHaveProperty('daysToPay');
    expect(newNodeOfKind(blankDocument(), 'awaitPayment', { x: 0, y: 0 }).node).toHaveProperty('daysToPay');
    expect(newNodeOfKind(blankDocument(), 'allocate', { x: 0, y: 0 }).node).toMatchObject({ kind: 'allocate', policy: 'shipAvailable' });
  });

  it('a flow of the new kinds added from the palette and connected through their handles has no error', () => {
    const store = createStudioStore({ doc: blankDocument(), name: 'Test', validateSync: true });
    const add = (kind: 'source' | 'creditCheck' | 'allocate' | 'awaitPayment' | 'activity' | 'end', x: number) => addPaletteItem(store, { type: 'kind', kind }, { x, y: 0 })[0];
    const [source, credit, allocate, pay, review, done] = [add('source', 0), add('creditCheck', 250), add('allocate', 500), add('awaitPayment', 750), add('activity', 250), add('end', 1000)];
    for (const [from, to, handle] of [
      [source, credit, 'out'],
      [credit, allocate, 'out'],
      [credit, review, 'hold'],
      [review, allocate, 'out'],
      [allocate, pay, 'out'],
      [pay, done, 'out'],
    ] as const)
      expect(connectNodes(store, from, to, handle), `${from} -> ${to}`).toBeDefined();
    const findings = store.getState().validation.findings;
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // What is left are the honest warnings of an unfinished model: no customers, no stock, no cash milestone.
    expect(findings.map((f) => f.code).sort()).toEqual(['no-cash-milestone', 'no-customers', 'no-stock']);
    expect(edgesOfKind(store.getState().doc, 'hold')).toEqual([[credit, review]]);
  });

  it('a credit check template’s open ends label the path drawn from the matching handle (hold to review, next onwards)', () => {
    const store = createStudioStore({ doc: blankDocument(), name: 'Test', validateSync: true });
    const [check] = addPaletteItem(store, { type: 'template', templateId: 'credit-limit-check' }, { x: 0, y: 0 });
    const [review] = addPaletteItem(store, { type: 'kind', kind: 'activity' }, { x: 250, y: 150 });
    const [allocate] = addPaletteItem(store, { type: 'kind', kind: 'allocate' }, { x: 250, y: 0 });
    connectNodes(store, check, review, 'hold');
    connectNodes(store, check, allocate, 'out');
    const edges = (store.getState().doc.edges ?? []).filter((e) => e.from === check).map((e) => [e.to, e.kind, e.label]);
    expect(edges).toEqual([
      [review, 'hold', 'over limit: review'],
      [allocate, 'next', 'within limit'],
    ]);
  });

  it('lists the product classes the sources order, "default" when none has a mix', () => {
    expect(productClassesOf(fixture)).toEqual(['A', 'B']);
    expect(productClassesOf(blankDocument())).toEqual(['default']);
  });
});

describe('demand against a site’s stock', () => {
  it('adds up units per day ordered at a site for the classes a row covers', () => {
    // Fixture: 2 orders/h, ~3 lines of ~2.1 units (empirical 1, 2, 3, 5 at 40/30/20/10%), classes A 70% B 30%, East 60%.
    const perDayEast = 2 * 24 * 0.6 * 3 * 2.1;
    expect(siteClassDemandPerDay(fixture, 'east', 'A', ['A', undefined])).toBeCloseTo(perDayEast * 0.7, 6);
    expect(siteClassDemandPerDay(fixture, 'east', undefined, ['A', undefined])).toBeCloseTo(perDayEast * 0.3, 6);
    expect(siteClassDemandPerDay(fixture, 'west', undefined, [undefined])).toBeCloseTo(2 * 24 * 0.4 * 3 * 2.1, 6);
    // Profiles count by their means (as the engine's load check); a source's site shares replace the volume shares.
    const i = indexOf(fixture, 'orders');
    const profiled = setAt(setAt(fixture, ['nodes', i, 'arrivals', 'dayOfWeek'], [1.4, 1.4, 1.4, 1.4, 1.4, 0, 0]), ['nodes', i, 'siteShares'], [{ site: 'west', share: 1 }]);
    expect(siteClassDemandPerDay(profiled, 'east', 'A', ['A'])).toBe(0);
    expect(siteClassDemandPerDay(profiled, 'west', 'A', ['A'])).toBeCloseTo(2 * 24 * 3 * 2.1 * 0.7, 6);
    expect(siteClassDemandPerDay(setAt(fixture, ['nodes', i, 'lines'], { kind: 'lognormal', mean: -1 }), 'east', 'A', ['A'])).toBeUndefined();
    expect(meanDays({ kind: 'constant', value: 36, unit: 'h' })).toBe(1.5);
    expect(meanDays({ kind: 'lognormal', mean: 4, sd: 1.5, unit: 'd' })).toBeCloseTo(4, 9);
  });
});

describe('what one customer has open', () => {
  it('estimates orders per day, order value and value waiting for payment per customer of a segment', () => {
    // 48 orders/day; key 30% over 20 customers, small 70% over 200; ~3 lines of ~250 per line; 30 and 45 days to pay.
    const key = segmentExposure(fixture, 0)!;
    expect(key.ordersPerDay).toBeCloseTo((48 * 0.3) / 20, 9);
    expect(key.orderValue).toBeCloseTo(750, 6);
    expect(key.openValue).toBeCloseTo(((48 * 0.3) / 20) * 750 * 30, 6);
    expect(segmentExposure(fixture, 1)!.openValue).toBeCloseTo(((48 * 0.7) / 200) * 750 * 45, 6);
    // Values with no segment row count as the first segment; so does every order without a segment attribute.
    const onlyKey = setAt(fixture, ['customers', 'segments'], [fixture.customers!.segments[0]]);
    expect(segmentExposure(onlyKey, 0)!.ordersPerDay).toBeCloseTo(48 / 20, 9);
    const noAttribute = setAt(fixture, ['customers', 'segmentAttribute'], undefined);
    expect(segmentExposure(noAttribute, 0)!.ordersPerDay).toBeCloseTo(48 / 20, 9);
    expect(segmentExposure(noAttribute, 1)!.ordersPerDay).toBe(0);
    expect(segmentExposure(fixture, 5)).toBeUndefined();
    // The steady state to start from: the mean open value, spread as a Poisson number n = 16,200 / 750 = 21.6 of open
    // orders whose values vary as much as their mean: sd = 16,200 x sqrt(2 / 21.6) = 4,930.
    expect(steadyOpeningExposure(key)).toEqual({ kind: 'gamma', mean: 16_200, sd: 4_930 });
  });
});

describe('promise and small text helpers', () => {
  it('says the promise rule in one sentence', () => {
    expect(promiseText({ cutoff: '15:00', leadDays: 1, workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], shipBy: '18:00' })).toBe(
      'Orders placed Mon–Fri before 15:00 ship 1 workday later, by 18:00; later orders count from the next workday.',
    );
    expect(promiseText({})).toContain('ship the same workday, by end of day');
    expect(promiseText(undefined)).toContain('not measured');
    expect(workdaysText(['mon', 'wed', 'fri'])).toBe('Mon, Wed, Fri');
    expect(workdaysText(['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'])).toBe('every day');
    expect(workdaysText(['mon', 'tue'])).toBe('Mon, Tue');
  });

  it('checks clock times as the format does', () => {
    expect(clockTimeProblem('15:00')).toBeUndefined();
    expect(clockTimeProblem('24:00')).toBeUndefined();
    expect(clockTimeProblem('24:30')).toContain('HH:MM');
    expect(clockTimeProblem('9:00')).toContain('HH:MM');
  });

  it('moves list items, shows relative shares and amounts', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(sharePercents([0.7, 0.3])).toEqual([70, 30]);
    expect(sharePercents([2, 1, undefined])).toEqual([66.7, 33.3, undefined]);
    expect(sharePercents([0, 0])).toEqual([undefined, undefined]);
    expect(moneyText(50000)).toBe('50,000');
    expect(moneyText(1234567.891)).toBe('1,234,567.89');
    expect(moneyText(1.5)).toBe('1.5');
  });
});
