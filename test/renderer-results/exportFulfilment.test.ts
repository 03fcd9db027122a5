import { describe, expect, it } from 'vitest';
import { formatValue } from '../../renderer/results/format';
import { kpiCsv } from '../../renderer/results/export/kpiCsv';
import { escapeHtml, reportHtml } from '../../renderer/results/export/reportHtml';
import { branchingModelInput, buildModel, handMadeFulfilment, loadRepoModel, simulate, withFulfilment } from './helpers';

/** Reads the long-form KPI CSV into objects (no quoted cell in these tests' names except where checked). */
function csvRows(text: string): Array<Record<string, string>> {
  const lines = text.trimEnd().split('\n');
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
}

const meta = { documentName: 'Fulfilment', generatedAt: '2026-11-27T12:00:00.000Z' };
const fixture = loadRepoModel('test/fixtures/fulfilment.flowcast.json');
const plainModel = buildModel(branchingModelInput);
const { report: plainReport } = simulate(plainModel, { replications: 2, days: 2 });
// Hand-made: 7 observed days, two DCs (West clearly worse on OTIF), two segments, three stocks.
const handMade = withFulfilment(plainReport, handMadeFulfilment());

describe('KPI CSV with fulfilment', () => {
  const rows = csvRows(kpiCsv(handMade));
  const find = (section: string, itemId: string, metric: string) => rows.find((r) => r.section === section && r.item_id === itemId && r.metric === metric);

  it('writes all orders, each site and each segment with every fulfilment figure and its interval', () => {
    const otif = find('fulfilment', 'all', 'otif_rate');
    expect(otif).toMatchObject({ item: 'All orders', unit: 'share', mean: '0.88', ci95_low: '0.865', ci95_high: '0.895', ci95_half_width: '0.015', n: '5' });
    expect(find('fulfilment_site', 'west', 'otif_rate')).toMatchObject({ item: 'West DC', site: 'west', mean: '0.835' });
    expect(find('fulfilment_segment', 'small', 'orders_per_day')).toMatchObject({ unit: 'orders/day', mean: '34', site: '' });
    for (const section of ['fulfilment', 'fulfilment_site', 'fulfilment_segment']) expect(rows.filter((r) => r.section === section).length).toBeGreaterThan(25);
  });

  it('writes counts per simulated day, durations in minutes with their p90, money in the model currency', () => {
    expect(find('fulfilment', 'all', 'backorders_per_day')).toMatchObject({ unit: 'shipments/day', mean: '4' });
    expect(find('fulfilment', 'all', 'order_to_cash_mean')).toMatchObject({ unit: 'minutes', mean: String(41 * 1440) });
    expect(find('fulfilment', 'all', 'order_to_cash_p90')).toMatchObject({ unit: 'minutes', mean: String(58 * 1440) });
    expect(find('fulfilment', 'all', 'working_capital_total')).toMatchObject({ unit: 'USD', mean: '982400' });
    expect(find('fulfilment', 'all', 'credit_holds_per_day')).toMatchObject({ unit: 'orders/day', mean: '2' });
  });

  it('writes the stocks and the cost per order by part', () => {
    expect(find('stock', 'east/A', 'fill_rate')).toMatchObject({ item: 'East DC · A', site: 'east', mean: '0.985' });
    expect(find('stock', 'west/*', 'mean_on_hand')).toMatchObject({ mean: '', n: '0' });
    expect(find('stock', 'east/A', 'lines_demanded_per_day')).toMatchObject({ mean: '60' });
    expect(find('cost_per_order', 'visits', 'cost_per_order')).toMatchObject({ item: 'Visits & freight', unit: 'USD', mean: '19.5' });
    expect(find('cost_per_order', 'total', 'cost_per_order')).toMatchObject({ mean: '41.3' });
  });

  it('without fulfilment writes the cost per order by part and no fulfilment row', () => {
    const plain = csvRows(kpiCsv(plainReport));
    expect(plain.some((r) => r.section.startsWith('fulfilment') || r.section === 'stock')).toBe(false);
    expect(plain.filter((r) => r.section === 'cost_per_order').map((r) => r.item_id)).toEqual(['labour', 'exceptionLabour', 'systemCalls', 'visits', 'lineHandling', 'sourcing', 'carrying', 'total']);
  });
});

describe('HTML report with fulfilment', () => {
  const html = reportHtml(fixture, handMade, meta);
  const line = (label: string) => html.split('\n').find((l) => l.includes(`<td>${escapeHtml(label)}</td>`));

  it('has a Fulfilment section with every figure of all orders, its interval and replications', () => {
    expect(html).toContain('<h2>Fulfilment</h2>');
    expect(line('OTIF')).toContain('<td class="num">88%</td><td class="num">86.5% – 89.5%</td><td class="num">± 1.5 pp</td><td class="num">5</td>');
    expect(line('Order to cash, mean')).toContain('41 d');
    expect(line('Order to cash, p90')).toContain('58 d');
    expect(line('Backorders (per day)')).toContain('<td class="num">4</td>');
    expect(line('Working capital tied up')).toContain('USD 982k');
    expect(line('Credit holds (per day)')).toContain('<td class="num">2</td>');
  });

  it('has the by-site, by-segment and stock tables with the clearly worst cells marked', () => {
    expect(html).toContain("By site (the order&#39;s home site)");
    expect(html).toContain('By customer segment');
    expect(html).toContain('Stock by site and product class');
    const west = html.split('\n').find((l) => l.startsWith('<tr><td>West DC</td>'));
    expect(west).toContain('<td class="num worst">▼ 83.5%<br><span class="ci">± 3 pp</span></td>');
    const east = html.split('\n').find((l) => l.startsWith('<tr><td>East DC</td>'));
    expect(east).not.toContain('worst');
  });

  it('has the cost per order as a stacked bar and a table whose parts add up to the total', () => {
    expect(html).toContain('<h2>Cost per order</h2>');
    expect(html).toContain('aria-label="Cost per order by part"');
    expect(line('Total') ?? html).toContain('USD 41.30');
    expect(html).toMatch(/Visits &amp; freight<\/td><td class="num">USD 19.50<\/td>/);
  });

  it('stays self-contained and leaves the section out for a model without fulfilment (the cost section stays)', () => {
    expect(html).not.toMatch(/<script|https?:\/\/|\son\w+\s*=|url\(/i);
    const plain = reportHtml(plainModel, plainReport, meta);
    expect(plain).not.toContain('<h2>Fulfilment</h2>');
    expect(plain).toContain('<h2>Cost per order</h2>');
  });
});

describe('exports of a real fulfilment run', () => {
  // The fixture for three weeks after a week of warm-up, two replications: the engine's own figures.
  const { report } = simulate(fixture, { replications: 2, days: 28, warmupDays: 7, seed: 7 });

  it('carry the engine figures into the CSV and the HTML report', () => {
    const f = report.fulfilment;
    expect(f).not.toBeNull();
    if (!f) return;
    const rows = csvRows(kpiCsv(report));
    const otif = rows.find((r) => r.section === 'fulfilment' && r.metric === 'otif_rate');
    expect(Number(otif?.mean)).toBeCloseTo(f.all.otifRate.mean ?? NaN, 8);
    expect(rows.filter((r) => r.section === 'fulfilment_site').map((r) => r.site)).toContain('east');
    expect(rows.filter((r) => r.section === 'stock').length).toBe(f.stock.length * 6);
    const html = reportHtml(fixture, report, meta);
    const lineFill = html.split('\n').find((l) => l.includes('<td>Line fill rate</td>'));
    expect(lineFill).toContain(formatValue(f.all.lineFillRate.mean ?? NaN, { kind: 'share' }));
  });
});
