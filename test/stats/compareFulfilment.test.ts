import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../models';
import { kpiSeries } from '../../simulator/node/main';
import type { ReplicationResult, RunReport } from '../../simulator/report';
import { aggregateReplications, modelForVariant, runReplication } from '../../simulator/run';
import { compareKpis, costPerOrderPart, fulfilmentKpis } from '../../simulator/stats/compare';
import { runWithSyntheticFulfilment } from './syntheticFulfilment';

const model = loadModelText(readFileSync('test/fixtures/minimal.flowcast.json', 'utf8')).model;
if (!model) throw new Error('test/fixtures/minimal.flowcast.json does not load');
const settings = { replications: 8, seed: 5, horizonMinutes: 2 * 1440, warmupMinutes: 720 };

// Two variants that differ only in the fill probability of every line, with common random numbers (same seed:
// each line draws the same uniform in both), and a second run of the first: identical by construction.
const lowFill = runWithSyntheticFulfilment(model, { fillProbability: 0.9 }, settings);
const highFill = runWithSyntheticFulfilment(model, { fillProbability: 0.97 }, settings);
const lowAgain = runWithSyntheticFulfilment(model, { fillProbability: 0.9 }, settings);

describe('the fulfilment KPIs of a comparison', () => {
  it('lists the key fulfilment KPIs and the cost-per-order parts of runs that measured them', () => {
    const ids = fulfilmentKpis([lowFill.report, highFill.report]).map((k) => k.id);
    expect(ids).toEqual([
      'otifRate',
      'lineFillRate',
      'orderFillRate',
      'backorders',
      'orderToShipMean',
      'orderToCashMean',
      'workingCapitalTotal',
      'creditHolds',
      'costPerOrder:labour',
      'costPerOrder:visits',
      'costPerOrder:lineHandling',
      'costPerOrder:carrying',
    ]);
  });

  it('lists nothing for runs without fulfilment, and leaves out KPIs no run measured', () => {
    const plain = { ...lowFill.report, fulfilment: null, costPerOrderBreakdown: { ...lowFill.report.costPerOrderBreakdown, visits: zero, lineHandling: zero, carrying: zero } } satisfies RunReport;
    expect(fulfilmentKpis([plain, plain])).toEqual([]);
    const all = lowFill.report.fulfilment!.all;
    const noPromise: RunReport = { ...lowFill.report, fulfilment: { ...lowFill.report.fulfilment!, all: { ...all, otifRate: unmeasured } } };
    const ids = fulfilmentKpis([noPromise, noPromise]).map((k) => k.id);
    expect(ids).not.toContain('otifRate');
    expect(ids).toContain('lineFillRate');
  });

  it('reads each replication the way the report aggregates it', () => {
    for (const kpi of fulfilmentKpis([lowFill.report])) {
      const values = lowFill.results.map((r) => kpi.perReplication(r)).filter((v) => v !== null);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      expect(kpi.estimate(lowFill.report)?.mean, kpi.id).toBeCloseTo(mean, 9);
    }
    const r = lowFill.results[0];
    expect(costPerOrderPart(r.cost, 'lineHandling')! + costPerOrderPart(r.cost, 'labour')! + costPerOrderPart(r.cost, 'visits')! + costPerOrderPart(r.cost, 'carrying')!).toBeCloseTo(r.cost.perOrder!, 9);
  });

  it('finds a higher fill probability significantly better on fill rates, OTIF and backorders (paired, CRN)', () => {
    const rows = compareKpis(kpiSeries(model, lowFill.results, highFill.results, [lowFill.report, highFill.report]));
    const byId = new Map(rows.map((k) => [k.id, k]));
    for (const id of ['lineFillRate', 'orderFillRate', 'otifRate']) {
      expect(byId.get(id), id).toMatchObject({ verdict: 'significant', direction: 'better', n: settings.replications });
      expect(byId.get(id)!.ciLow!, id).toBeGreaterThan(0);
      expect(byId.get(id)!.unit).toBe('%');
    }
    expect(byId.get('backorders')).toMatchObject({ verdict: 'significant', direction: 'better', unit: 'shipments' });
    expect(byId.get('backorders')!.ciHigh!).toBeLessThan(0);
    // Expected line fill rates 0.90 and 0.97: the paired interval covers the true difference of 0.07.
    const fill = byId.get('lineFillRate')!;
    expect(fill.ciLow!).toBeLessThan(0.07);
    expect(fill.ciHigh!).toBeGreaterThan(0.07);
    // Credit holds draw the same uniforms in both variants and do not depend on stock: identical.
    expect(byId.get('creditHolds')).toMatchObject({ verdict: 'no-difference', direction: 'same' });
    // Fewer follow-on shipments: less freight per order.
    expect(byId.get('costPerOrder:visits')).toMatchObject({ verdict: 'significant', direction: 'better', unit: 'USD' });
    expect(byId.get('orderToCashMean')).toMatchObject({ direction: 'better', unit: 'min' });
  });

  it('does not flag two identical runs', () => {
    const rows = compareKpis(kpiSeries(model, lowFill.results, lowAgain.results, [lowFill.report, lowAgain.report]));
    const fulfilmentRows = rows.filter((k) => fulfilmentKpis([lowFill.report]).some((f) => f.id === k.id));
    expect(fulfilmentRows.length).toBe(12);
    for (const row of fulfilmentRows) expect(row, row.id).toMatchObject({ verdict: 'no-difference', significant: false, direction: 'same', meanDifference: 0 });
  });
});

/**
 * A tiny format v2 model on the engine: orders of 1 to 6 lines against fill-rate stock (80% of lines in stock; the
 * variant `better-stock` 95%), shipped as available with the short lines as a backorder, a promise for OTIF.
 */
const tinyModel = (() => {
  const stock = (fillProbability: number) => ({ model: 'fillRate', classes: [{ fillProbability, replenishmentLeadTime: { kind: 'exponential', mean: 2, unit: 'd' } }] });
  const doc = {
    formatVersion: 2,
    metadata: { name: 'Tiny fill' },
    run: { horizon: { value: 10, unit: 'd' }, warmup: { value: 1, unit: 'd' }, replications: 5, seed: 3 },
    sites: [{ id: 'dc', name: 'DC', volumeShare: 1, stock: stock(0.8) }],
    pools: [{ id: 'pickers', name: 'Pickers', capacity: 2, costPerHour: 25 }],
    nodes: [
      { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 4 }, lines: { kind: 'uniform', min: 1, max: 6 }, value: { per: 'order', distribution: { kind: 'constant', value: 500 } }, promise: { cutoff: '15:00', leadDays: 1 } },
      { id: 'allocate', kind: 'allocate', name: 'Allocate', policy: 'shipAvailable' },
      { id: 'pick', kind: 'activity', name: 'Pick and ship', pool: 'pickers', duration: { kind: 'exponential', mean: 10, unit: 'min' }, milestone: 'ship', costPerVisit: 12, costPerLine: 0.5 },
      { id: 'done', kind: 'end', name: 'Shipped', outcome: 'fulfilled' },
    ],
    edges: [
      { id: 'e1', from: 'orders', to: 'allocate' },
      { id: 'e2', from: 'allocate', to: 'pick' },
      { id: 'e3', from: 'pick', to: 'done' },
    ],
    variants: [{ id: 'better-stock', name: 'Better stock', patches: [{ target: 'site', id: 'dc', set: { stock: stock(0.95) } }] }],
  };
  const { model: loaded, findings } = loadModelText(JSON.stringify(doc));
  if (!loaded) throw new Error(`the tiny model does not load: ${JSON.stringify(findings)}`);
  return loaded;
})();

function engineRun(variant: string | undefined): { report: RunReport; results: ReplicationResult[] } {
  const m = modelForVariant(tinyModel, variant);
  const meta = { seed: 3, horizonMinutes: 10 * 1440, warmupMinutes: 1440 };
  const results = Array.from({ length: 5 }, (_, replication) => runReplication(m, { replication, ...meta }));
  return { report: aggregateReplications(m, results, { variant: variant ?? null, ...meta }), results };
}

describe('fulfilment KPIs compared on the engine (a tiny v2 model, common random numbers)', () => {
  const base = engineRun(undefined);
  const better = engineRun('better-stock');
  const again = engineRun(undefined);

  it('finds better stock significantly better on fill rates, OTIF and backorders', () => {
    const rows = compareKpis(kpiSeries(tinyModel, base.results, better.results, [base.report, better.report]));
    const byId = new Map(rows.map((k) => [k.id, k]));
    for (const id of ['lineFillRate', 'orderFillRate', 'otifRate', 'backorders']) expect(byId.get(id), id).toMatchObject({ verdict: 'significant', direction: 'better', n: 5 });
    // 80% against 95% of lines in stock at their first allocation.
    expect(byId.get('lineFillRate')!.meanA).toBeGreaterThan(0.78);
    expect(byId.get('lineFillRate')!.meanA).toBeLessThan(0.84);
    expect(byId.get('lineFillRate')!.meanB).toBeGreaterThan(0.93);
    // Fewer follow-on shipments: less freight (costPerVisit on the ship step) per order.
    expect(byId.get('costPerOrder:visits')).toMatchObject({ verdict: 'significant', direction: 'better' });
  });

  it('does not flag the same model run twice', () => {
    const rows = compareKpis(kpiSeries(tinyModel, base.results, again.results, [base.report, again.report]));
    const ids = fulfilmentKpis([base.report]).map((k) => k.id);
    expect(ids).toContain('otifRate');
    for (const row of rows.filter((r) => ids.includes(r.id))) expect(row, row.id).toMatchObject({ verdict: 'no-difference', direction: 'same' });
  });
});

const zero = { mean: 0, sd: 0, halfWidth: 0, low: 0, high: 0, n: 8 };
const unmeasured = { mean: null, sd: null, halfWidth: null, low: null, high: null, n: 0 };
