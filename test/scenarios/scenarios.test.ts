import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyVariant, distributionMoments, loadModelText, meanMinutes, type Workflow } from '../../models';
import { estimateOfferedLoad, expectedOrderFillRate, expectedPartialShare, lineFillProbability } from './offeredLoad';

const scenarioDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = readdirSync(scenarioDir)
  .filter((f) => f.endsWith('.flowcast.json'))
  .sort();

/** The scenario the studio opens on. */
export const defaultScenario = 'regional-distributor-current.flowcast.json';

const shipped = [
  'regional-distributor-current.flowcast.json',
  'regional-distributor-target.flowcast.json',
  'national-acquisition.flowcast.json',
  'cloud-erp-coexistence.flowcast.json',
  'peak-season.flowcast.json',
];

function load(file: string): Workflow {
  const { model, findings } = loadModelText(readFileSync(scenarioDir + file, 'utf8'));
  if (!model) throw new Error(`${file}: ${findings.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  return model;
}

function variantModels(model: Workflow): Array<[string, Workflow]> {
  return [
    ['base', model],
    ...model.variants.map((v): [string, Workflow] => {
      const applied = applyVariant(model, v.id).model;
      if (!applied) throw new Error(`variant ${v.id} does not apply`);
      return [v.id, applied];
    }),
  ];
}

describe('shipped scenarios', () => {
  it('include the default scenario and the five of the brief', () => {
    expect(files).toContain(defaultScenario);
    for (const name of shipped) expect(files).toContain(name);
  });

  it.each(files)('%s loads with no errors and no warnings', (file) => {
    const { model, findings } = loadModelText(readFileSync(scenarioDir + file, 'utf8'));
    expect(findings).toEqual([]);
    expect(model).toBeDefined();
  });

  it.each(files)('%s says what it represents and where its numbers come from', (file) => {
    const model = load(file);
    expect(model.metadata.description.length).toBeGreaterThan(200);
    expect(model.metadata.assumptions.length).toBeGreaterThanOrEqual(8);
    // Every assumption cites a DOMAIN.md source, marks itself an estimate, or is arithmetic on other statements.
    for (const a of model.metadata.assumptions) expect(a, a).toMatch(/\[\d+\]|\(E\b|\bE[,;:)]|\bE\b|brief|x 1\.42|\d+ x \d/);
    expect(model.run.replications).toBeGreaterThanOrEqual(10);
    expect(model.slas.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s: every variant applies without findings', (file) => {
    const model = load(file);
    for (const variant of model.variants) {
      const result = applyVariant(model, variant.id);
      expect(result.findings, variant.id).toEqual([]);
      expect(result.model, variant.id).toBeDefined();
      expect(variant.description.length, variant.id).toBeGreaterThan(20);
    }
  });

  it.each(files)('%s is laid out on the canvas: every node placed, no two on the same spot', (file) => {
    const model = load(file);
    const spots = new Set<string>();
    for (const node of model.nodes) {
      expect(node.position, node.id).toBeDefined();
      const key = `${node.position?.x},${node.position?.y}`;
      expect(spots.has(key), `${node.id} at ${key}`).toBe(false);
      spots.add(key);
    }
  });

  it.each(files)('%s: every team and variant is stable on average (offered load below 95%)', (file) => {
    for (const [variant, model] of variantModels(load(file))) {
      for (const p of estimateOfferedLoad(model).pools) {
        expect(p.utilisation, `${variant}: ${p.pool} at ${p.site}`).toBeLessThan(0.95);
        expect(p.utilisation, `${variant}: ${p.pool} at ${p.site} is never used`).toBeGreaterThan(0);
      }
    }
  });
});

describe('shipped scenarios speak fulfilment (format v2)', () => {
  it.each(files)('%s: orders carry lines, units, a product mix, a promise and a customer segment', (file) => {
    const model = load(file);
    const segmentAttribute = model.customers?.segmentAttribute;
    expect(segmentAttribute, 'customers.segmentAttribute').toBeDefined();
    const segments = new Set(model.customers?.segments.map((s) => s.value));
    for (const node of model.nodes) {
      if (node.kind !== 'source') continue;
      expect(distributionMoments(node.lines).mean, node.id).toBeGreaterThan(5);
      expect(distributionMoments(node.lineQuantity).mean, node.id).toBeGreaterThan(1);
      expect(node.productMix.map((m) => m.value), node.id).toEqual(['A', 'B', 'C']);
      expect(node.promise, node.id).toBeDefined();
      // The segment is drawn at the source, with exactly the customers' segments as values.
      const mix = node.attributes.find((a) => a.attribute === segmentAttribute);
      expect(new Set(mix?.values.map((v) => v.value)), node.id).toEqual(segments);
    }
    for (const segment of model.customers?.segments ?? []) {
      expect(segment.creditLimit, segment.value).toBeGreaterThan(0);
      // Days to pay around DOMAIN.md's 45 +/- 15 days [31].
      expect(meanMinutes(segment.daysToPay) / 1440, segment.value).toBeGreaterThan(30);
      expect(meanMinutes(segment.daysToPay) / 1440, segment.value).toBeLessThan(60);
    }
    expect(model.finance.carryingRatePerYear).toBeGreaterThan(0);
    expect(model.sites.every((s) => s.stock !== undefined)).toBe(true);
  });

  it.each(files)('%s: credit checks, allocation, payment, milestones and costs sit on the right steps', (file) => {
    const model = load(file);
    const kinds = new Set(model.nodes.map((n) => n.kind));
    for (const kind of ['creditCheck', 'allocate', 'awaitPayment'] as const) expect(kinds.has(kind), kind).toBe(true);
    const withMilestone = (m: string) => model.nodes.filter((n) => n.milestone === m);
    for (const m of ['ship', 'invoice', 'cash']) expect(withMilestone(m).length, m).toBeGreaterThan(0);
    // Cash comes after the customer pays: the cash milestone is on the step after the payment wait.
    const payment = model.nodes.find((n) => n.kind === 'awaitPayment');
    const cash = withMilestone('cash')[0];
    expect(model.edges.some((e) => e.from === payment?.id)).toBe(true);
    expect(model.edges.some((e) => e.to === cash.id)).toBe(true);
    // Per-line handling on pick and pack, freight per visit on the carrier booking, labour of exception desks apart.
    expect(model.nodes.find((n) => n.id === 'pick')?.costPerLine).toBeGreaterThan(0);
    expect(model.nodes.find((n) => n.id === 'pack')?.costPerLine).toBeGreaterThan(0);
    expect(model.nodes.find((n) => n.id === 'carrier')?.costPerVisit).toBeGreaterThan(0);
    for (const id of ['repick', 'repack', 'manual-booking', 'invoice-fix', 'cash-manual']) expect(model.nodes.find((n) => n.id === id)?.exception, id).toBe(true);
    // Every credit check refers its over-limit orders somewhere (a hold edge), and allocation has a cancelled path.
    for (const n of model.nodes.filter((x) => x.kind === 'creditCheck')) expect(model.edges.some((e) => e.from === n.id && e.kind === 'hold'), n.id).toBe(true);
    for (const n of model.nodes.filter((x) => x.kind === 'allocate')) expect(model.edges.some((e) => e.from === n.id && e.kind === 'error'), n.id).toBe(true);
  });

  it('the fill-rate arithmetic of scenarios/README.md: p = 0.9875 and E[p^n] = 0.864 at the regional DC', () => {
    const model = load('regional-distributor-current.flowcast.json');
    const source = model.nodes.find((n) => n.kind === 'source');
    if (source?.kind !== 'source') throw new Error('no source');
    const p = lineFillProbability(model.sites[0], source.productMix);
    expect(p).toBeCloseTo(0.9875, 6);
    expect(expectedOrderFillRate(source.lines, p)).toBeCloseTo(0.864, 3);
    expect(expectedPartialShare(source.lines, p)).toBeCloseTo(0.136, 3);
    // With every line in stock, every order is filled; with p = 0 none is, and none is partly short.
    expect(expectedOrderFillRate(source.lines, 1)).toBe(1);
    expect(expectedPartialShare(source.lines, 0)).toBe(0);
  });
});

describe('the stories the scenarios tell (hand arithmetic, see scenarios/README.md)', () => {
  const utilisation = (model: Workflow, pool: string, site?: string) => {
    const found = estimateOfferedLoad(model).pools.filter((p) => p.pool === pool && (site === undefined || p.site === site));
    if (found.length !== 1) throw new Error(`pool ${pool} at ${site ?? 'any site'}: ${found.length} matches`);
    return found[0].utilisation;
  };
  const ordersPerWorkingDay = (model: Workflow) => Object.values(estimateOfferedLoad(model).arrivalsPerWeek).reduce((a, b) => a + b, 0) / 5;

  it('current state: credit review and manual invoicing run 80-90% busy on 2,500 orders a day', () => {
    const model = load('regional-distributor-current.flowcast.json');
    expect(ordersPerWorkingDay(model)).toBeCloseTo(2500, -1);
    expect(utilisation(model, 'credit-analysts')).toBeGreaterThan(0.8);
    expect(utilisation(model, 'credit-analysts')).toBeLessThan(0.9);
    expect(utilisation(model, 'billing-clerks')).toBeGreaterThan(0.8);
    expect(utilisation(model, 'billing-clerks')).toBeLessThan(0.9);
  });
});
