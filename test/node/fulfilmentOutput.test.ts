import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../models';
import { formatComparison, formatRunReport } from '../../simulator/node/format';
import { kpiSeries } from '../../simulator/node/main';
import { compareKpis } from '../../simulator/stats/compare';
import { runWithSyntheticFulfilment } from '../stats/syntheticFulfilment';
import type { ComparisonDocument } from '../../simulator/node/main';
import { minimalModel, repoRoot, runCli } from './helpers';

const model = loadModelText(readFileSync(`${repoRoot}/${minimalModel}`, 'utf8')).model;
if (!model) throw new Error(`${minimalModel} does not load`);
const settings = { replications: 4, seed: 3, horizonMinutes: 2 * 1440, warmupMinutes: 720 };
// Real runs of the minimal model with a fulfilment part from test/stats/syntheticFulfilment.ts (sites east, west).
const low = runWithSyntheticFulfilment(model, { fillProbability: 0.9 }, settings);
const high = runWithSyntheticFulfilment(model, { fillProbability: 0.97 }, settings);

/** The lines of one section of the run table: from its title to the next blank line. */
function section(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(title);
  expect(start, `section "${title}"`).toBeGreaterThan(-1);
  const end = lines.indexOf('', start);
  return lines.slice(start, end === -1 ? undefined : end);
}

describe('the fulfilment section of `flowcast run`', () => {
  const text = formatRunReport(low.report, { width: 100 });

  it('prints service, time, money and credit figures with their 95% intervals', () => {
    const lines = section(text, 'Fulfilment (orders that arrived after the warm-up)');
    const row = (label: string) => lines.find((l) => l.startsWith(label)) ?? '';
    const all = low.report.fulfilment!.all;
    const pct = (x: number | null) => `${((x ?? NaN) * 100).toFixed(1)}%`;
    expect(row('OTIF (on time, in full)')).toContain(`${pct(all.otifRate.mean)} ± ${((all.otifRate.halfWidth ?? NaN) * 100).toFixed(1)} pt`);
    expect(row('  on time')).toContain(pct(all.onTimeRate.mean));
    expect(row('  in full')).toContain(pct(all.inFullRate.mean));
    expect(row('Line fill rate')).toContain(pct(all.lineFillRate.mean));
    expect(row('Order fill rate')).toContain(pct(all.orderFillRate.mean));
    expect(row('Partial shipments')).toContain(pct(all.partialShipmentRate.mean));
    expect(row('Backorders')).toMatch(/^Backorders +[\d.,]+ ± [\d.,]+ +follow-on shipments for short lines$/);
    expect(row('  their lines')).toMatch(/^ {2}their lines +[\d.,]+ ± [\d.,]+$/);
    // Nothing sourced, cancelled or open at the end in this run: no rows for them.
    expect(lines.some((l) => /^(Sourced elsewhere|Cancelled| {2}open at the end)/.test(l))).toBe(false);
    expect(row('  backorder age')).toMatch(/ d +p90 [\d.]+ ± [\d.]+ d$/);
    // Order-to-ship, order-to-cash and ship-to-cash read in days, whatever their size.
    expect(row('Order-to-ship')).toMatch(/[\d.]+ ± [\d.]+ d +p90 [\d.]+ ± [\d.]+ d$/);
    expect(row('Order-to-cash')).toContain(`${((all.orderToCash.mean.mean ?? NaN) / 1440).toFixed(1)} ± `);
    expect(row('Ship-to-cash')).toMatch(/ d +p90 /);
    expect(row('Invoice lag')).toMatch(/6\.00 ± 0 h/);
    expect(row('Working capital')).toMatch(/605,000 ± 0 USD +time-weighted mean/);
    expect(row('  shipped, not invoiced')).toContain('5,000 ± 0 USD');
    expect(row('  invoiced, not paid')).toContain('600,000 ± 0 USD');
    expect(row('Credit holds')).toMatch(/[\d.]+ ± [\d.]+ orders/);
    expect(row('  hold time')).toContain('4.00 ± 0 h');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('adds a table per site, with intervals while they fit, and one per stock', () => {
    const bySite = section(text, 'Fulfilment by site');
    expect(bySite[1]).toMatch(/^Site +Orders +OTIF +Line fill +Order fill +Backorders +Order-to-cash d$/);
    expect(bySite.slice(3).map((l) => l.split(' ')[0])).toEqual(['east', 'west']);
    expect(bySite[3]).toMatch(/ ±[\d.]+%/);
    for (const line of bySite) expect(line.length).toBeLessThanOrEqual(100);
    const narrow = section(formatRunReport(low.report, { width: 60 }), 'Fulfilment by site');
    expect(narrow.join('\n')).not.toContain('±');
    expect(narrow.at(-1)).toBe('(Means; the JSON report (--out) has the 95% intervals.)');
    expect(section(text, 'Stock').slice(3)).toHaveLength(2);
    expect(section(text, 'Stock')[3]).toMatch(/ ±[\d.]+%/);
    const narrowStock = section(formatRunReport(low.report, { width: 60 }), 'Stock');
    expect(narrowStock.join('\n')).not.toContain('±');
    expect(narrowStock.at(-1)).toBe('(Means; the JSON report (--out) has the 95% intervals.)');
  });

  it('splits the cost per order into its parts, which add up to the total', () => {
    const lines = section(text, 'Cost per order (USD)');
    expect(lines.slice(3).map((l) => l.split(/ {2,}/)[0])).toEqual(['Labour', 'Freight and fees', 'Line handling', 'Carrying', 'Total']);
    const b = low.report.costPerOrderBreakdown;
    expect((b.labour.mean ?? 0) + (b.visits.mean ?? 0) + (b.lineHandling.mean ?? 0) + (b.carrying.mean ?? 0)).toBeCloseTo(b.total.mean ?? NaN, 9);
    expect(lines.at(-1)).toMatch(/^Total +[\d.]+ ± [\d.]+ +100\.0%$/);
  });

  it('is absent for a model without fulfilment features', () => {
    const plain = formatRunReport({ ...low.report, fulfilment: null }, { width: 100 });
    expect(plain).not.toContain('Fulfilment');
    expect(plain).not.toContain('Stock');
  });
});

describe('fulfilment KPIs in the `flowcast compare` table', () => {
  it('shows fill rates in points, backorders and cost parts, with verdicts', () => {
    const kpis = compareKpis(kpiSeries(model, low.results, high.results, [low.report, high.report]));
    const text = formatComparison({ modelName: 'm', variantA: 'low', variantB: 'high', ...settings, kpis }, { width: 100 });
    const row = (label: string) => text.split('\n').find((l) => l.startsWith(label)) ?? '';
    expect(row('Line fill rate')).toMatch(/\+[\d.]+ pt +\[\+[\d.]+ pt, \+[\d.]+ pt\] +better$/);
    expect(row('OTIF')).toMatch(/better$/);
    expect(row('Backorders (shipments)')).toMatch(/better$/);
    expect(row('Order-to-cash mean')).toMatch(/ d /);
    expect(row('Credit holds (orders)')).toMatch(/identical$/);
    expect(row('Cost per order: labour (USD)')).toMatch(/identical$/);
    expect(row('Cost per order: freight and fees (USD)')).toMatch(/better$/);
  });

  it('says "not in both" when only one side measured fulfilment (a model without it against one with it)', () => {
    const plain = { ...low.report, fulfilment: null };
    const plainResults = low.results.map((r) => ({ ...r, fulfilment: null }));
    const kpis = compareKpis(kpiSeries(model, plainResults, high.results, [plain, high.report]));
    expect(kpis.find((k) => k.id === 'lineFillRate')).toMatchObject({ n: 0, verdict: 'too-few' });
    const text = formatComparison({ modelName: 'm', variantA: 'plain', variantB: 'high', ...settings, kpis }, { width: 100 });
    expect(text.split('\n').find((l) => l.startsWith('Line fill rate'))).toMatch(/^Line fill rate( +-){4} +not in both$/);
  });
});

describe('flowcast run and compare on the fulfilment fixture (the engine)', () => {
  const fixture = 'test/fixtures/fulfilment.flowcast.json';

  it('prints the fulfilment sections, by site and segment, the stock and the cost parts, within 100 columns', async () => {
    const { code, stdout, stderr } = await runCli(['run', fixture, '--replications', '2', '--horizon', '20d', '--warmup', '2d', '--workers', '2']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const fulfilment = section(stdout, 'Fulfilment (orders that arrived after the warm-up)');
    for (const label of ['Orders', 'OTIF (on time, in full)', '  on time', '  in full', 'Line fill rate', 'Order fill rate', 'Partial shipments', 'Backorders', 'Order-to-ship', 'Order-to-cash', 'Invoice lag', 'Ship-to-cash', 'Working capital', 'Credit holds']) {
      expect(fulfilment.some((l) => l.startsWith(label)), label).toBe(true);
    }
    // The fixture pays in 30 to 45 days: order-to-cash reads in days.
    expect(fulfilment.find((l) => l.startsWith('Order-to-cash'))).toMatch(/^Order-to-cash +\d+\.\d ± [\d.]+ d +p90 [\d.]+ ± [\d.]+ d$/);
    const bySite = section(stdout, 'Fulfilment by site');
    expect(bySite.slice(3).map((l) => l.split('  ')[0])).toEqual(['East DC', 'West DC']);
    expect(section(stdout, 'Fulfilment by customer segment').slice(3).map((l) => l.split(' ')[0])).toEqual(['key', 'small']);
    expect(section(stdout, 'Stock').slice(3)).toHaveLength(4);
    expect(section(stdout, 'Cost per order (USD)').some((l) => l.startsWith('Sourcing'))).toBe(true);
    for (const line of [...fulfilment, ...bySite, ...section(stdout, 'Stock'), ...section(stdout, 'Cost per order (USD)')]) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('compares shipping what is available with sourcing elsewhere: more backorders, lower order fill, no sourcing cost', async () => {
    const { code, stdout } = await runCli(['compare', fixture, '--variants', 'base,ship-available', '--format', 'json', '--replications', '4', '--horizon', '60d', '--warmup', '5d']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as ComparisonDocument;
    const kpi = (id: string) => doc.kpis.find((k) => k.id === id);
    expect(kpi('otifRate')).toMatchObject({ unit: '%', higherIsBetter: true, n: 4 });
    expect(kpi('orderFillRate')).toMatchObject({ verdict: 'significant', direction: 'worse' });
    expect(kpi('backorders')).toMatchObject({ verdict: 'significant', direction: 'worse', unit: 'shipments' });
    expect(kpi('costPerOrder:sourcing')).toMatchObject({ verdict: 'significant', direction: 'better', meanB: 0, unit: 'USD' });
    expect(kpi('orderToCashMean')?.unit).toBe('min');
    expect(kpi('workingCapitalTotal')?.unit).toBe('USD');
    expect(kpi('creditHolds')?.unit).toBe('orders');
  });
});

describe('durations in the comparison table', () => {
  it('print a difference and its interval in one unit', () => {
    // Differences of about -2.06 d whose interval reaches below 2 days (2,880 min): all three in days.
    const kpis = compareKpis([{ id: 'orderToCashMean', label: 'Order-to-cash mean', unit: 'min', higherIsBetter: false, a: [10_000, 10_400, 9_800, 10_100], b: [7_000, 7_700, 6_900, 7_100] }]);
    const text = formatComparison({ modelName: 'm', variantA: 'a', variantB: 'b', ...settings, kpis }, { width: 100 });
    const row = text.split('\n').find((l) => l.startsWith('Order-to-cash mean')) ?? '';
    expect(kpis[0].ciHigh!).toBeGreaterThan(-2880);
    expect(row).toMatch(/ -[\d.]+ d +\[-[\d.]+ d, -[\d.]+ d\] +better$/);
  });
});
