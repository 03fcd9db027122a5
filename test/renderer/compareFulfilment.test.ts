import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../models';
import { compareRows, kpiDefinitions, type Candidate, type CandidateRun } from '../../renderer/compare/compareRows';
import { runWithSyntheticFulfilment, type SyntheticSpec } from '../stats/syntheticFulfilment';

const model = (() => {
  const loaded = loadModelText(readFileSync('test/fixtures/minimal.flowcast.json', 'utf8')).model;
  if (!loaded) throw new Error('test/fixtures/minimal.flowcast.json does not load');
  return loaded;
})();
const settings = { replications: 6, seed: 9, horizonMinutes: 2 * 1440, warmupMinutes: 720 };

function run(key: string, spec: SyntheticSpec): CandidateRun {
  const candidate: Candidate = { key, label: key, model, variantId: null, source: 'open-model' };
  return { candidate, ...runWithSyntheticFulfilment(model, spec, settings) };
}

const low = run('low', { fillProbability: 0.9 });
const high = run('high', { fillProbability: 0.97 });
const lowAgain = run('low-again', { fillProbability: 0.9 });

describe('fulfilment rows of the studio comparison', () => {
  const rows = compareRows(low, [high, lowAgain]);
  const row = (id: string) => {
    const found = rows.find((r) => r.id === id);
    if (!found) throw new Error(`no row ${id}`);
    return found;
  };

  it('follows the general KPIs with the same fulfilment KPIs as the CLI, in two sections', () => {
    const ids = rows.map((r) => r.id);
    expect(rows.filter((r) => r.group === 'fulfilment').map((r) => r.id)).toEqual(ids.slice(ids.indexOf('cost') + 1, ids.indexOf('costPerOrder:labour')));
    expect(rows.filter((r) => r.group === 'cost').map((r) => r.label)).toEqual(['Labour', 'Freight and fees', 'Line handling', 'Carrying']);
    expect(ids.slice(ids.indexOf('cost') + 1)).toEqual([
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

  it('marks the higher fill probability significantly better, in points for shares and days for order-to-cash', () => {
    const fill = row('lineFillRate');
    expect(fill.baseline.value).toMatch(/^\d+(\.\d)?%$/);
    expect(fill.baseline.interval).toMatch(/^± [\d.]+ pp$/);
    expect(fill.cells[0]).toMatchObject({ verdict: 'better', verdictText: 'Significantly better' });
    expect(fill.cells[0].delta).toMatch(/^\+[\d.]+ pp$/);
    for (const id of ['otifRate', 'orderFillRate', 'backorders', 'costPerOrder:visits']) expect(row(id).cells[0].verdict, id).toBe('better');
    expect(row('backorders').baseline.value).toMatch(/ shipments$/);
    expect(row('orderToCashMean').baseline.value).toMatch(/ d$/);
    expect(row('workingCapitalTotal').baseline.value).toBe('USD 605,000');
    expect(row('creditHolds').cells[0].verdict).toBe('no-difference');
  });

  it('finds no difference between two identical runs', () => {
    for (const r of rows.filter((x) => x.id !== 'throughput' && !x.id.startsWith('cycle') && x.id !== 'wip')) {
      expect(r.cells[1].verdict, r.id).toBe('no-difference');
    }
  });

  it('has no fulfilment rows when no run measured fulfilment', () => {
    const plain = { ...low.report, fulfilment: null };
    const ids = kpiDefinitions(plain, model, [{ ...high.report, fulfilment: null }]).map((d) => d.id);
    expect(ids.filter((id) => id.endsWith('Rate') || id === 'backorders' || id === 'creditHolds')).toEqual([]);
  });
});
