import { describe, expect, it } from 'vitest';
import { formatInterval, formatValue } from '../../renderer/results/format';
import {
  costPerOrder,
  fulfilmentCards,
  fulfilmentFeatures,
  fulfilmentMetric,
  fulfilmentMetrics,
  groupTable,
  metricEstimate,
  observedDays,
  oneLine,
  scaleEstimate,
  sortGroupRows,
  stockTable,
  worstIndex,
} from '../../renderer/results/fulfilment';
import { resultsTabs, shownTab } from '../../renderer/results/tabs';
import { branchingModelInput, buildModel, durationEst, est, fulfilmentGroup, handMadeFulfilment, loadRepoModel, simulate, withFulfilment } from './helpers';

const plainModel = buildModel(branchingModelInput);
const { report: plainReport } = simulate(plainModel, { replications: 2, days: 2 });
const fixture = loadRepoModel('test/fixtures/fulfilment.flowcast.json');
// The hand-made report: 7 observed days (8-day horizon, 1-day warm-up), two DCs, two segments, three stocks.
const report = withFulfilment(plainReport);
const f = handMadeFulfilment();

describe('the Fulfilment tab', () => {
  it('is listed (first) only when the report has a fulfilment part, and falls back to Bottlenecks otherwise', () => {
    expect(resultsTabs(plainReport).map((t) => t.id)).not.toContain('fulfilment');
    expect(resultsTabs(report)[0]).toEqual({ id: 'fulfilment', label: 'Fulfilment' });
    expect(shownTab(plainReport, 'fulfilment')).toBe('bottlenecks');
    expect(shownTab(report, 'fulfilment')).toBe('fulfilment');
    expect(shownTab(plainReport, 'wait')).toBe('wait');
  });
});

describe('features', () => {
  it('come from the simulated model: the fixture uses every one, the plain line none', () => {
    expect(fulfilmentFeatures(fixture, f)).toEqual({ promise: true, stock: true, sourcing: true, invoice: true, cash: true, credit: true });
    expect(fulfilmentFeatures(plainModel, { ...f, stock: [] })).toEqual({ promise: false, stock: false, sourcing: false, invoice: false, cash: false, credit: false });
  });
  it('are read from the report when the model is not at hand', () => {
    const noCredit = { ...f, all: fulfilmentGroup('all', 'All', { creditHolds: est(0), otifRate: est(null) }) };
    expect(fulfilmentFeatures(undefined, noCredit)).toMatchObject({ promise: false, credit: false, stock: true, cash: true, invoice: true });
  });
});

describe('counts per day', () => {
  it('scale an estimate exactly: mean, sd and interval alike', () => {
    const scaled = scaleEstimate(est(70, 7), 1 / 7);
    expect(scaled.n).toBe(5);
    for (const [key, value] of [['mean', 10], ['sd', 1 / 1.24], ['halfWidth', 1], ['low', 9], ['high', 11]] as const) expect(scaled[key], key).toBeCloseTo(value, 12);
    expect(observedDays(report)).toBe(7);
    const backorders = metricEstimate(fulfilmentMetric('backorders'), f.all, 7);
    expect(backorders.mean).toBeCloseTo(4, 12);
    expect(backorders.halfWidth).toBeCloseTo(5 / 7, 12);
    // Shares and durations are not scaled.
    expect(metricEstimate(fulfilmentMetric('otif'), f.all, 7)).toBe(f.all.otifRate);
  });
});

describe('fulfilmentCards', () => {
  const groups = fulfilmentCards(report, fixture);
  const card = (id: string) => groups.flatMap((g) => g.cards).find((c) => c.id === `ful-${id}`);

  it('groups the headline figures: service, backorders, order to cash, working capital, credit', () => {
    expect(groups.map((g) => g.id)).toEqual(['service', 'backorders', 'cash', 'capital', 'credit']);
    expect(groups.map((g) => g.cards.map((c) => c.id.replace('ful-', '')))).toEqual([
      ['otif', 'lineFill', 'orderFill', 'partial'],
      ['backorders', 'backorderLines', 'backorderAge', 'openBackorders'],
      ['orderToShip', 'orderToCash', 'invoiceLag', 'shipToCash'],
      ['wcShippedNotInvoiced', 'wcInvoicedNotPaid', 'wcTotal'],
      ['creditHolds', 'creditHoldTime', 'creditReviews'],
    ]);
  });

  it('shows OTIF with its interval and on time and in full beside it', () => {
    const otif = card('otif');
    expect(otif?.value).toBe('88%');
    expect(otif?.interval).toBe('± 1.5 pp');
    expect(otif?.beside).toEqual([
      { label: 'On time', value: '93%', interval: '± 1.2 pp' },
      { label: 'In full', value: '94%', interval: '± 1 pp' },
    ]);
    expect(otif?.detail).toBe('of 48.6 orders/day, vs. promise');
  });

  it('writes order-to-cash, ship-to-cash and backorder age in days, invoice lag in minutes, p90 below', () => {
    expect(card('orderToCash')?.value).toBe('41 d');
    expect(card('orderToCash')?.interval).toBe('± 2.1 d');
    expect(card('orderToCash')?.detail).toBe('p90 58 d');
    expect(card('shipToCash')?.value).toBe('39.5 d');
    expect(card('shipToCash')?.detail).toBe('DSO-style · p90 56 d');
    // 3.2 days would read "76.8 h" as a cycle time; as a business span it reads in days from one day up.
    expect(card('backorderAge')?.value).toBe('3.2 d');
    expect(card('invoiceLag')?.value).toBe('25 min');
    expect(card('orderToShip')?.value).toBe('38.4 h');
  });

  it('writes counts per simulated day and working capital as compact money', () => {
    expect(card('backorders')?.value).toBe('4');
    expect(card('backorders')?.unit).toBe('per day');
    expect(card('backorders')?.interval).toBe('± 0.71');
    expect(card('backorders')?.detail).toBe('0.857 lines/day sourced');
    expect(card('creditHolds')?.value).toBe('2');
    expect(card('creditHolds')?.detail).toBe('4.12% of orders');
    expect(card('creditReviews')?.detail).toBe('35.7% of holds');
    expect(card('wcInvoicedNotPaid')?.value).toBe('USD 980k');
    expect(card('wcInvoicedNotPaid')?.interval).toBe('± USD 40k');
    expect(card('wcTotal')?.value).toBe('USD 982k');
    expect(card('wcTotal')?.detail).toBe('carrying USD 5.60/order');
    expect(card('openBackorders')?.value).toBe('9');
    expect(card('openBackorders')?.unit).toBe('lines');
  });

  it('leaves out what the model does not use, and says why a used figure was not measured', () => {
    // Stock and sourcing only: no promise, invoice, cash or credit in this model.
    const stockOnly = { ...fixture, customers: undefined, nodes: fixture.nodes.map((n) => ({ ...n, milestone: n.milestone === 'ship' ? ('ship' as const) : undefined, ...(n.kind === 'source' ? { promise: undefined } : {}) })).filter((n) => n.kind !== 'creditCheck') };
    const ids = fulfilmentCards(report, stockOnly).map((g) => g.id);
    expect(ids).toEqual(['service', 'backorders', 'cash']);
    expect(fulfilmentCards(report, stockOnly)[2].title).toBe('Order to ship');
    expect(fulfilmentCards(report, stockOnly)[0].cards.map((c) => c.id)).not.toContain('ful-otif');
    const unmeasured = withFulfilment(plainReport, { ...f, all: fulfilmentGroup('all', 'All orders', { orderToCash: durationEst(null), otifRate: est(null) }) });
    const cards = fulfilmentCards(unmeasured, fixture).flatMap((g) => g.cards);
    const o2c = cards.find((c) => c.id === 'ful-orderToCash');
    expect(o2c?.value).toBe('–');
    expect(o2c?.interval).toBe('');
    expect(o2c?.detail).toMatch(/^not measured/);
    expect(cards.find((c) => c.id === 'ful-otif')?.detail).toBe('not measured: no promise came due after the warm-up');
  });

  it('is empty without a fulfilment part', () => {
    expect(fulfilmentCards(plainReport, plainModel)).toEqual([]);
  });
});

describe('groupTable (by site, by segment)', () => {
  const table = groupTable(f.bySite, report, fulfilmentFeatures(fixture, f));
  const cell = (key: string, id: string) => table.rows.find((r) => r.key === key)?.cells[id as 'otif'];

  it('has one row per site with each figure and its interval, and the columns of the features in use', () => {
    expect(table.rows.map((r) => r.label)).toEqual(['East DC', 'West DC']);
    expect(table.columns.map((c) => c.id)).toEqual(['orders', 'otif', 'onTime', 'inFull', 'lineFill', 'orderFill', 'partial', 'backorders', 'backorderAge', 'orderToShip', 'orderToCash', 'shipToCash', 'wcTotal', 'creditHolds']);
    expect(cell('west', 'otif')).toMatchObject({ value: '83.5%', interval: '± 3 pp', mean: 0.835 });
    expect(cell('east', 'orders')?.value).toBe(formatValue(204 / 7, { kind: 'number' }));
    const plainTable = groupTable(f.bySite, report, fulfilmentFeatures(plainModel, { ...f, stock: [] }));
    expect(plainTable.columns.map((c) => c.id)).toEqual(['orders', 'lineFill', 'orderFill', 'partial', 'orderToShip', 'wcTotal']);
  });

  it('marks the worst site only where it is clearly worse (intervals apart), and never a volume figure', () => {
    // West: OTIF 83.5% ± 3 against 91% ± 1.2 (apart), line fill 93.5% ± 1 against 97.5% ± 0.5 (apart),
    // backorder age 4.4 d ± 0.22 against 3.2 d ± 0.16 (apart); order to cash 42.5 d ± 2.1 against 40 d ± 2 (overlap).
    expect(cell('west', 'otif')?.worst).toBe(true);
    expect(cell('east', 'otif')?.worst).toBe(false);
    expect(cell('west', 'lineFill')?.worst).toBe(true);
    expect(cell('west', 'backorderAge')?.worst).toBe(true);
    expect(cell('west', 'orderToCash')?.worst).toBe(false);
    expect(cell('east', 'orderToCash')?.worst).toBe(false);
    // Equal figures: nothing is worst.
    expect(cell('east', 'partial')?.worst).toBe(false);
    expect(cell('west', 'partial')?.worst).toBe(false);
    // East has more orders, hence more working capital: that is not worse.
    expect(table.rows.every((r) => !r.cells.wcTotal?.worst && !r.cells.orders?.worst && !r.cells.backorders?.worst)).toBe(true);
  });

  it('writes a duration column in one unit, chosen by its largest figure', () => {
    const east = fulfilmentGroup('east', 'East DC', { backorderAge: durationEst(0.75 * 1440, 1440, 60) });
    const t = groupTable([east, f.bySite[1]], report, fulfilmentFeatures(fixture, f));
    expect(t.rows[0].cells.backorderAge?.value).toBe('0.75 d');
    expect(t.rows[0].cells.backorderAge?.interval).toBe('± 0.042 d');
    expect(t.rows[1].cells.backorderAge?.value).toBe('4.4 d');
  });

  it('sorts by a figure (empty cells last) or by name, and keeps ties in order', () => {
    const seg = groupTable(f.bySegment, report, fulfilmentFeatures(fixture, f));
    expect(sortGroupRows(seg.rows, { by: 'orders', descending: true }).map((r) => r.key)).toEqual(['small', 'key']);
    expect(sortGroupRows(seg.rows, { by: 'orders', descending: false }).map((r) => r.key)).toEqual(['key', 'small']);
    expect(sortGroupRows(seg.rows, { by: 'label', descending: true }).map((r) => r.key)).toEqual(['small', 'key']);
    expect(sortGroupRows(seg.rows, { by: 'otif', descending: true }).map((r) => r.key)).toEqual(['key', 'small']);
    const withGap = [{ ...seg.rows[0], cells: { ...seg.rows[0].cells, otif: { value: '–', interval: '', mean: null, worst: false } } }, seg.rows[1]];
    expect(sortGroupRows(withGap, { by: 'otif', descending: false }).map((r) => r.key)).toEqual(['small', 'key']);
    expect(sortGroupRows(withGap, { by: 'otif', descending: true }).map((r) => r.key)).toEqual(['small', 'key']);
  });
});

describe('worstIndex', () => {
  const share = { kind: 'share' } as const;
  it('needs two measured figures told apart by their intervals, or by display precision without intervals', () => {
    expect(worstIndex([est(0.9, 0.01), est(0.8, 0.01)], 'higher', share)).toBe(1);
    expect(worstIndex([est(0.9, 0.01), est(0.8, 0.01)], 'lower', share)).toBe(0);
    expect(worstIndex([est(0.9, 0.06), est(0.8, 0.06)], 'higher', share)).toBe(-1);
    expect(worstIndex([est(0.9), est(0.8)], 'higher', share)).toBe(1);
    expect(worstIndex([est(0.9), est(0.90001)], 'higher', share)).toBe(-1);
    expect(worstIndex([est(0.9, 0.01), est(null)], 'higher', share)).toBe(-1);
    expect(worstIndex([est(0.7, 0.01), est(0.9, 0.01), est(0.7, 0.01)], 'higher', share)).toBe(0);
  });
});

describe('stockTable', () => {
  const rows = stockTable(report);
  it('lists each site x class with demand and replenishments per day, fill rate, units and carrying cost', () => {
    expect(rows.map((r) => [r.site, r.productClass, r.model])).toEqual([
      ['East DC', 'A', 'Inventory (s,Q)'],
      ['East DC', 'other classes', 'Inventory (s,Q)'],
      ['West DC', 'other classes', 'Fill rate'],
    ]);
    expect(rows[0].cells.linesPerDay.value).toBe('60');
    expect(rows[0].cells.fillRate).toMatchObject({ value: '98.5%', interval: '± 0.4 pp' });
    expect(rows[0].cells.meanOnHand.value).toBe('810');
    expect(rows[2].cells.meanOnHand.value).toBe('–');
    expect(rows[0].cells.carryingCost.value).toBe('USD 620');
  });
  it('marks the clearly lowest fill rate and the most backordered units', () => {
    // West's 94.5% ± 0.8 pp is apart from East A's 98.5% ± 0.4 pp; East's other classes (11 ± 3 units) most backordered.
    expect(rows.map((r) => r.cells.fillRate.worst)).toEqual([false, false, true]);
    expect(rows.map((r) => r.cells.meanBackordered.worst)).toEqual([false, true, false]);
  });
});

describe('costPerOrder', () => {
  const cost = costPerOrder(report);
  it('splits the cost per order into parts whose means add up to the total', () => {
    expect(cost.parts.map((p) => p.id)).toEqual(['labour', 'exceptionLabour', 'systemCalls', 'visits', 'lineHandling', 'sourcing', 'carrying']);
    const sum = cost.parts.reduce((s, p) => s + p.mean, 0);
    expect(sum).toBeCloseTo(report.costPerOrderBreakdown.total.mean ?? NaN, 9);
    expect(cost.parts.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 9);
    expect(cost.total).toMatchObject({ value: 'USD 41.30', interval: '± USD 0.90' });
  });
  it('takes exception labour out of labour, and gives labour no interval then', () => {
    const labour = cost.parts[0];
    expect(labour.mean).toBeCloseTo(12.5, 9);
    expect(labour.interval).toBe('');
    expect(cost.parts[1]).toMatchObject({ value: 'USD 1.50', interval: formatInterval(est(1.5, 0.2), { kind: 'money', currency: 'USD' }) });
    expect(cost.parts[3]).toMatchObject({ label: 'Visits & freight', value: 'USD 19.50' });
  });
  it('reads a real run: no fulfilment needed, labour and every part from the engine', () => {
    const real = costPerOrder(plainReport);
    expect(real.total.mean).toBeCloseTo(plainReport.costPerOrderBreakdown.total.mean ?? NaN, 9);
    expect(real.parts[0].mean).toBeGreaterThan(0);
    expect(real.parts[0].interval).toMatch(/^± USD/);
  });
});

describe('the metric list', () => {
  it('has two-line headers that read as one line in the report', () => {
    expect(oneLine('Mean back-\nordered units')).toBe('Mean backordered units');
    expect(oneLine('Orders\nper day')).toBe('Orders per day');
    for (const m of fulfilmentMetrics) expect(m.short.split('\n').length, m.id).toBeLessThanOrEqual(2);
  });
  it('has unique ids and CSV names, and counts are per day', () => {
    expect(new Set(fulfilmentMetrics.map((m) => m.id)).size).toBe(fulfilmentMetrics.length);
    expect(new Set(fulfilmentMetrics.map((m) => m.csv.metric)).size).toBe(fulfilmentMetrics.length);
    for (const m of fulfilmentMetrics) if (m.value === 'perDay') expect(m.csv.metric).toMatch(/_per_day$/);
  });
});
