import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowedEdgeKinds, applyVariant, loadModel, type ModelFinding, type Workflow, type WorkflowInput } from '../../models';

/**
 * Semantic checks of the format v2 fulfilment features (models/validate.ts). Each starts from the fulfilment
 * fixture, which loads with no finding at all, breaks one thing and expects exactly the finding that names it.
 */

const fixtureText = readFileSync(new URL('../fixtures/fulfilment.flowcast.json', import.meta.url), 'utf8');
const fixture = (): WorkflowInput => JSON.parse(fixtureText) as WorkflowInput;
const minimalText = readFileSync(new URL('../fixtures/minimal.flowcast.json', import.meta.url), 'utf8');

type NodeInput = WorkflowInput['nodes'][number];
type NodeInputOf<K extends NodeInput['kind']> = Extract<NodeInput, { kind: K }>;

function nodeOf<K extends NodeInput['kind']>(doc: WorkflowInput, id: string, kind: K): NodeInputOf<K> {
  const found = doc.nodes.find((n) => n.id === id);
  if (found?.kind !== kind) throw new Error(`the fixture has no ${kind} node "${id}"`);
  return found as NodeInputOf<K>;
}

const nodePath = (doc: WorkflowInput, id: string) => `nodes[${doc.nodes.findIndex((n) => n.id === id)}]`;
const edgePath = (doc: WorkflowInput, id: string) => `edges[${doc.edges.findIndex((e) => e.id === id)}]`;

function load(doc: WorkflowInput): ModelFinding[] {
  return loadModel(doc).findings;
}

/** Findings other than `unreachable`, which removing an edge in a test brings along. */
function relevant(findings: readonly ModelFinding[]): Array<Pick<ModelFinding, 'severity' | 'code' | 'path' | 'nodeId'>> {
  return findings.filter((f) => f.code !== 'unreachable').map(({ severity, code, path, nodeId }) => (nodeId === undefined ? { severity, code, path } : { severity, code, path, nodeId }));
}

function only(findings: readonly ModelFinding[], code: string): ModelFinding {
  const matching = findings.filter((f) => f.code === code);
  expect(matching, JSON.stringify(findings, null, 1)).toHaveLength(1);
  return matching[0];
}

describe('the fulfilment fixture', () => {
  it('loads with no finding and uses every v2 feature', () => {
    const { model, findings } = loadModel(fixture());
    expect(findings).toEqual([]);
    const m = model as Workflow;
    expect(new Set(m.nodes.map((n) => n.kind))).toEqual(new Set(['source', 'creditCheck', 'activity', 'decision', 'allocate', 'integration', 'awaitPayment', 'end']));
    expect(new Set(m.edges.map((e) => e.kind))).toEqual(new Set(['next', 'hold', 'branch', 'error']));
    expect(m.nodes.map((n) => n.milestone).filter(Boolean)).toEqual(['ship', 'invoice', 'cash']);
    expect(m.nodes.some((n) => n.exception) && m.nodes.some((n) => n.costPerLine !== undefined)).toBe(true);
    expect(m.sites.map((s) => s.stock?.model)).toEqual(['inventory', 'fillRate']);
    expect(m.customers?.segments.map((s) => s.value)).toEqual(['key', 'small']);
    expect(m.finance.carryingRatePerYear).toBe(0.1);
  });

  it('applies each variant with no finding: allocation policy, credit limits (customers patch), carrying rate (finance patch)', () => {
    const model = loadModel(fixture()).model as Workflow;
    // Switching the policy keeps the sourcing settings, which the other policies do not use: an info, nothing more.
    for (const variant of model.variants) expect(applyVariant(model, variant.id).findings.filter((f) => f.severity !== 'info'), variant.id).toEqual([]);
    const allocate = (id: string) => applyVariant(model, id).model?.nodes.find((n) => n.id === 'allocate');
    expect(allocate('ship-available')).toMatchObject({ policy: 'shipAvailable' });
    expect(allocate('ship-complete')).toMatchObject({ policy: 'shipComplete' });
    expect(applyVariant(model, 'tight-credit').model?.customers?.segments[1].creditLimit).toBe(5000);
    expect(applyVariant(model, 'dear-money').model?.finance.carryingRatePerYear).toBe(0.15);
  });
});

describe('allocate', () => {
  it('sourceElsewhere without sourcing settings is an error on the policy', () => {
    const doc = fixture();
    delete nodeOf(doc, 'allocate', 'allocate').sourcing;
    expect(relevant(load(doc))).toEqual([{ severity: 'error', code: 'missing-sourcing', path: `${nodePath(doc, 'allocate')}.policy`, nodeId: 'allocate' }]);
  });

  it('sourcing settings on another policy are an info (not used)', () => {
    const doc = fixture();
    nodeOf(doc, 'allocate', 'allocate').policy = 'shipAvailable';
    expect(relevant(load(doc))).toEqual([{ severity: 'info', code: 'sourcing-ignored', path: `${nodePath(doc, 'allocate')}.sourcing`, nodeId: 'allocate' }]);
  });

  it('sourcing.sites naming only the order site leaves orders of that site nowhere to look', () => {
    const doc = fixture();
    const sourcing = nodeOf(doc, 'allocate', 'allocate').sourcing;
    if (sourcing) sourcing.sites = ['east'];
    const findings = load(doc);
    const finding = only(findings, 'sourcing-sites');
    expect(finding).toMatchObject({ severity: 'error', path: `${nodePath(doc, 'allocate')}.sourcing.sites`, nodeId: 'allocate' });
    // East orders have no other site; west orders may still source from east.
    expect(finding.message).toContain('East DC');
    expect(finding.message).not.toContain('West DC');
  });

  it('an unknown sourcing site is an error at its index', () => {
    const doc = fixture();
    const sourcing = nodeOf(doc, 'allocate', 'allocate').sourcing;
    if (sourcing) sourcing.sites = ['west', 'north', 'west'];
    const findings = relevant(load(doc));
    expect(findings).toContainEqual({ severity: 'error', code: 'unknown-site', path: `${nodePath(doc, 'allocate')}.sourcing.sites[1]`, nodeId: 'allocate' });
    expect(findings).toContainEqual({ severity: 'warning', code: 'duplicate-sourcing-site', path: `${nodePath(doc, 'allocate')}.sourcing.sites[2]`, nodeId: 'allocate' });
  });

  it('a one-site model has no other site to source from', () => {
    const doc = fixture();
    doc.sites = [doc.sites[0]];
    const sourcing = nodeOf(doc, 'allocate', 'allocate').sourcing;
    if (sourcing) delete sourcing.sites;
    const finding = only(load(doc), 'sourcing-sites');
    expect(finding).toMatchObject({ severity: 'error', path: `${nodePath(doc, 'allocate')}.sourcing` });
    expect(finding.message).toMatch(/no other site/);
  });

  it('rule nearest needs a location on the order sites and the candidates; other rules do not', () => {
    const doc = fixture();
    delete doc.sites[1].location;
    const finding = only(load(doc), 'site-location');
    expect(finding).toMatchObject({ severity: 'error', path: 'sites[1].location', nodeId: 'allocate' });
    expect(finding.message).toContain('West DC');
    const sourcing = nodeOf(doc, 'allocate', 'allocate').sourcing;
    if (sourcing) sourcing.rule = 'mostStock';
    expect(load(doc)).toEqual([]);
  });

  it('a supplying site with no orders of its own still needs the team to ship second shipments', () => {
    const doc = fixture();
    doc.sites.push({ id: 'north', name: 'North DC', volumeShare: 0, location: { lat: 44.98, lon: -93.27 }, overrides: [{ target: 'pool', id: 'pickers', set: { capacity: 0 } }] });
    // With transfers north only sends stock: its pickers are never needed.
    expect(relevant(load(doc))).toEqual([]);
    const sourcing = nodeOf(doc, 'allocate', 'allocate').sourcing;
    if (sourcing) {
      sourcing.fulfil = 'secondShipment';
      sourcing.sites = ['east', 'west', 'north'];
    }
    const finding = only(load(doc), 'pool-capacity');
    expect(finding).toMatchObject({ severity: 'error', nodeId: 'pick' });
    expect(finding.message).toContain('North DC');
  });

  it('maxBackorderWait needs an error edge; an error edge without it is never taken; two are one too many', () => {
    const noEdge = fixture();
    noEdge.edges = noEdge.edges.filter((e) => e.id !== 'backorder-cancelled');
    expect(relevant(load(noEdge))).toEqual([{ severity: 'error', code: 'missing-error-edge', path: `${nodePath(noEdge, 'allocate')}.maxBackorderWait`, nodeId: 'allocate' }]);

    const noWait = fixture();
    delete nodeOf(noWait, 'allocate', 'allocate').maxBackorderWait;
    expect(relevant(load(noWait))).toEqual([{ severity: 'warning', code: 'unused-error-edge', path: edgePath(noWait, 'backorder-cancelled'), nodeId: 'allocate' }]);

    const two = fixture();
    two.edges.push({ id: 'also-cancelled', from: 'allocate', to: 'rejected', kind: 'error' });
    expect(relevant(load(two))).toEqual([{ severity: 'error', code: 'duplicate-error-edge', path: edgePath(two, 'also-cancelled'), nodeId: 'allocate' }]);
  });

  it('with no stock anywhere every line is available: a warning', () => {
    const doc = fixture();
    for (const site of doc.sites) delete site.stock;
    expect(relevant(load(doc))).toEqual([{ severity: 'warning', code: 'no-stock', path: nodePath(doc, 'allocate'), nodeId: 'allocate' }]);
  });

  it('checks the transfer time distribution', () => {
    const doc = fixture();
    const sourcing = nodeOf(doc, 'allocate', 'allocate').sourcing;
    if (sourcing) sourcing.transferTime = { kind: 'uniform', min: 3, max: 1, unit: 'd' };
    expect(relevant(load(doc))).toEqual([{ severity: 'error', code: 'distribution', path: `${nodePath(doc, 'allocate')}.sourcing.transferTime.min`, nodeId: 'allocate' }]);
  });
});

describe('site overrides of fulfilment steps', () => {
  it('what an override gets wrong for its site is reported at the override, once', () => {
    const doc = fixture();
    const allocate = nodeOf(doc, 'allocate', 'allocate');
    allocate.policy = 'shipAvailable';
    delete allocate.sourcing;
    // East sources elsewhere but says nothing about how.
    doc.sites[0].overrides = [{ target: 'node', id: 'allocate', set: { policy: 'sourceElsewhere' } }];
    const finding = only(load(doc), 'missing-sourcing');
    expect(finding).toMatchObject({ severity: 'error', path: 'sites[0].overrides[0].set.policy', nodeId: 'allocate' });
    expect(finding.message).toMatch(/^At East DC \(site override\): Allocation "Allocate stock" sources short lines elsewhere/);
  });

  it('sourcing limits are judged for the overriding site only', () => {
    const doc = fixture();
    // West may source from east; east itself keeps the base node's settings.
    doc.sites[1].overrides = [{ target: 'node', id: 'allocate', set: { sourcing: { sites: ['east'] } } }];
    expect(load(doc)).toEqual([]);
    // East may only source from east: nowhere to look.
    doc.sites[0].overrides = [{ target: 'node', id: 'allocate', set: { sourcing: { sites: ['east'] } } }];
    expect(relevant(load(doc))).toEqual([{ severity: 'error', code: 'sourcing-sites', path: 'sites[0].overrides[0].set.sourcing.sites', nodeId: 'allocate' }]);
  });

  it('a per-site review delay still needs the hold edge', () => {
    const doc = fixture();
    delete nodeOf(doc, 'credit', 'creditCheck').reviewAfter;
    doc.edges = doc.edges.filter((e) => e.id !== 'credit-hold');
    doc.sites[1].overrides = [{ target: 'node', id: 'credit', set: { reviewAfter: { value: 1, unit: 'd' } } }];
    expect(relevant(load(doc))).toEqual([{ severity: 'error', code: 'missing-hold-edge', path: 'sites[1].overrides[0].set.reviewAfter', nodeId: 'credit' }]);
  });
});

describe('creditCheck', () => {
  it('without customers every order passes: a warning', () => {
    const doc = fixture();
    delete doc.customers;
    // Without a base customers section the credit variant's patch would be the whole section (and lack a segment attribute).
    doc.variants = doc.variants?.filter((v) => v.id !== 'tight-credit');
    // The payment step then needs its own terms.
    nodeOf(doc, 'payment', 'awaitPayment').daysToPay = { kind: 'lognormal', mean: 40, sd: 10, unit: 'd' };
    expect(relevant(load(doc))).toEqual([{ severity: 'warning', code: 'no-customers', path: nodePath(doc, 'credit'), nodeId: 'credit' }]);
  });

  it('reviewAfter without a hold edge is an error; two hold edges are one too many', () => {
    const noHold = fixture();
    noHold.edges = noHold.edges.filter((e) => e.id !== 'credit-hold');
    expect(relevant(load(noHold))).toEqual([{ severity: 'error', code: 'missing-hold-edge', path: `${nodePath(noHold, 'credit')}.reviewAfter`, nodeId: 'credit' }]);

    const two = fixture();
    two.edges.push({ id: 'hold-again', from: 'credit', to: 'rejected', kind: 'hold' });
    expect(relevant(load(two))).toEqual([{ severity: 'error', code: 'duplicate-hold-edge', path: edgePath(two, 'hold-again'), nodeId: 'credit' }]);
  });

  it('a hold edge without reviewAfter is fine (review at once)', () => {
    const doc = fixture();
    delete nodeOf(doc, 'credit', 'creditCheck').reviewAfter;
    expect(load(doc)).toEqual([]);
  });

  it('no credit limit in any segment: the check never holds (warning); one limit is enough', () => {
    const doc = fixture();
    for (const s of doc.customers?.segments ?? []) delete s.creditLimit;
    expect(relevant(load(doc))).toEqual([{ severity: 'warning', code: 'no-credit-limit', path: 'customers.segments', nodeId: 'credit' }]);
    const segments = doc.customers?.segments ?? [];
    segments[1].creditLimit = 15000;
    expect(load(doc)).toEqual([]);
  });

  it('edge kinds come from the one table the studio uses too', () => {
    expect(allowedEdgeKinds.allocate).toEqual(['next', 'error']);
    expect(allowedEdgeKinds.creditCheck).toEqual(['next', 'hold']);
    expect(allowedEdgeKinds.awaitPayment).toEqual(['next']);
    const doc = fixture();
    doc.edges.push({ id: 'allocate-hold', from: 'allocate', to: 'rejected', kind: 'hold' });
    const finding = only(load(doc), 'edge-kind');
    expect(finding).toMatchObject({ severity: 'error', path: `${edgePath(doc, 'allocate-hold')}.kind`, nodeId: 'allocate' });
    expect(finding.message).toContain('allowed: next, error');
  });
});

describe('awaitPayment', () => {
  it('needs its own daysToPay or a customers section', () => {
    const doc = fixture();
    delete doc.customers;
    const findings = relevant(load(doc));
    expect(findings).toContainEqual({ severity: 'error', code: 'missing-days-to-pay', path: `${nodePath(doc, 'payment')}.daysToPay`, nodeId: 'payment' });
    nodeOf(doc, 'payment', 'awaitPayment').daysToPay = { kind: 'triangular', min: 10, mode: 50, max: 40, unit: 'd' };
    expect(relevant(load(doc)).filter((f) => f.severity === 'error')).toEqual([{ severity: 'error', code: 'distribution', path: `${nodePath(doc, 'payment')}.daysToPay.mode`, nodeId: 'payment' }]);
  });
});

describe('customers', () => {
  it('a segment listed twice is an error', () => {
    const doc = fixture();
    const segments = doc.customers?.segments ?? [];
    segments[1].value = 'key';
    const findings = relevant(load(doc));
    expect(findings).toContainEqual({ severity: 'error', code: 'duplicate-segment', path: 'customers.segments[1].value' });
  });

  it('several segments need a segmentAttribute; one segment does not', () => {
    const doc = fixture();
    doc.variants = doc.variants?.filter((v) => v.patches.every((p) => p.target !== 'customers'));
    if (doc.customers) delete doc.customers.segmentAttribute;
    expect(relevant(load(doc))).toEqual([{ severity: 'error', code: 'segment-attribute', path: 'customers.segmentAttribute' }]);
    if (doc.customers) doc.customers.segments = [doc.customers.segments[0]];
    expect(load(doc)).toEqual([]);
  });

  it('a segmentAttribute no source draws is an error', () => {
    const doc = fixture();
    if (doc.customers) doc.customers.segmentAttribute = 'tier';
    const finding = only(load(doc), 'segment-attribute');
    expect(finding).toMatchObject({ severity: 'error', path: 'customers.segmentAttribute' });
    expect(finding.message).toContain('"tier"');
  });

  it('segments no order belongs to, and drawn values without a segment, are warnings', () => {
    const doc = fixture();
    doc.customers?.segments.push({ value: 'gold', customers: 5, daysToPay: { kind: 'constant', value: 10, unit: 'd' } });
    const source = nodeOf(doc, 'orders', 'source');
    source.attributes?.[0].values.push({ value: 'walk-in', share: 0.05 });
    const findings = relevant(load(doc));
    expect(findings).toEqual([
      { severity: 'warning', code: 'unsegmented-value', path: `${nodePath(doc, 'orders')}.attributes[0].values[2].value`, nodeId: 'orders' },
      { severity: 'warning', code: 'unknown-segment', path: 'customers.segments[2].value' },
    ]);
    expect(only(load(doc), 'unsegmented-value').message).toContain('"key" (the first)');
  });

  it('a source that does not draw the segment attribute puts all its orders in the first segment (warning)', () => {
    const doc = fixture();
    const second = structuredClone(nodeOf(doc, 'orders', 'source'));
    second.id = 'phone-orders';
    second.name = 'Phone orders';
    second.attributes = [];
    doc.nodes.push(second);
    doc.edges.push({ id: 'phone-to-credit', from: 'phone-orders', to: 'credit' });
    expect(relevant(load(doc))).toEqual([{ severity: 'warning', code: 'unsegmented-source', path: `${nodePath(doc, 'phone-orders')}.attributes`, nodeId: 'phone-orders' }]);
  });

  it("checks each segment's days-to-pay distribution", () => {
    const doc = fixture();
    const segments = doc.customers?.segments ?? [];
    segments[0].daysToPay = { kind: 'uniform', min: 40, max: 30, unit: 'd' };
    expect(relevant(load(doc))).toEqual([{ severity: 'error', code: 'distribution', path: 'customers.segments[0].daysToPay.min' }]);
  });
});

describe('stock', () => {
  type Stock = NonNullable<WorkflowInput['sites'][number]['stock']>;
  const stockOf = (doc: WorkflowInput, i: number): Stock => {
    const stock = doc.sites[i].stock;
    if (!stock) throw new Error(`site ${i} has no stock`);
    return stock;
  };

  it('two rows for one class, and two catch-all rows, are errors', () => {
    const doc = fixture();
    const east = stockOf(doc, 0);
    if (east.model === 'inventory') east.classes.push({ ...east.classes[0] });
    const west = stockOf(doc, 1);
    if (west.model === 'fillRate') west.classes.push({ ...west.classes[1] });
    expect(relevant(load(doc))).toEqual([
      { severity: 'error', code: 'duplicate-stock-class', path: 'sites[0].stock.classes[2].productClass' },
      { severity: 'error', code: 'stock-catch-all', path: 'sites[1].stock.classes[2]' },
    ]);
  });

  it('a row for a class no source orders, and classes no row covers, are warnings', () => {
    const doc = fixture();
    const west = stockOf(doc, 1);
    if (west.model === 'fillRate') west.classes = [west.classes[0], { productClass: 'C', fillProbability: 0.5, replenishmentLeadTime: { kind: 'constant', value: 1, unit: 'd' } }];
    const findings = relevant(load(doc));
    expect(findings).toEqual([
      { severity: 'warning', code: 'unused-stock-class', path: 'sites[1].stock.classes[1].productClass' },
      { severity: 'warning', code: 'uncovered-stock-class', path: 'sites[1].stock.classes' },
    ]);
    expect(only(load(doc), 'uncovered-stock-class').message).toMatch(/class "B".*always available/);
  });

  it('a source without a product mix orders class "default"', () => {
    const doc = fixture();
    nodeOf(doc, 'orders', 'source').productMix = [];
    const findings = relevant(load(doc));
    // The east and west rows for "A" are now unused; their catch-all rows cover "default".
    expect(findings).toEqual([
      { severity: 'warning', code: 'unused-stock-class', path: 'sites[0].stock.classes[0].productClass' },
      { severity: 'warning', code: 'unused-stock-class', path: 'sites[1].stock.classes[0].productClass' },
    ]);
  });

  it('stock without an allocate step is never used (warning)', () => {
    const doc = JSON.parse(minimalText) as WorkflowInput;
    doc.sites[0].stock = { model: 'fillRate', classes: [{ fillProbability: 0.95, replenishmentLeadTime: { kind: 'constant', value: 2, unit: 'd' } }] };
    expect(relevant(load(doc))).toEqual([{ severity: 'warning', code: 'unused-stock', path: 'sites[0].stock' }]);
  });

  it('checks replenishment lead times, and the schema refuses a reorder quantity below 1', () => {
    const doc = fixture();
    const east = stockOf(doc, 0);
    east.classes[1].replenishmentLeadTime = { kind: 'empirical', values: [1, 2], weights: [1], unit: 'd' };
    expect(relevant(load(doc))).toEqual([{ severity: 'error', code: 'distribution', path: 'sites[0].stock.classes[1].replenishmentLeadTime.weights' }]);
    const shape = fixture();
    const row = stockOf(shape, 0).classes[0];
    if ('reorderQuantity' in row) row.reorderQuantity = 0;
    expect(relevant(load(shape))).toEqual([{ severity: 'error', code: 'shape', path: 'sites[0].stock.classes[0].reorderQuantity' }]);
  });

  it('checks line quantity, value and requested lead time distributions of the source', () => {
    const doc = fixture();
    const source = nodeOf(doc, 'orders', 'source');
    source.lineQuantity = { kind: 'uniform', min: 5, max: 1 };
    source.value = { per: 'line', distribution: { kind: 'triangular', min: 100, mode: 10, max: 300 } };
    if (source.promise) source.promise.requestedLeadTime = { kind: 'empirical', values: [1], weights: [0], unit: 'd' };
    const at = nodePath(doc, 'orders');
    expect(relevant(load(doc))).toEqual([
      { severity: 'error', code: 'distribution', path: `${at}.value.distribution.mode`, nodeId: 'orders' },
      { severity: 'error', code: 'distribution', path: `${at}.lineQuantity.min`, nodeId: 'orders' },
      { severity: 'error', code: 'distribution', path: `${at}.promise.requestedLeadTime.weights`, nodeId: 'orders' },
    ]);
  });
});

describe('milestones', () => {
  it('credit or payment steps without a cash milestone: exposure is never released (warning)', () => {
    const doc = fixture();
    delete nodeOf(doc, 'cash', 'activity').milestone;
    expect(relevant(load(doc))).toEqual([{ severity: 'warning', code: 'no-cash-milestone', path: 'nodes', nodeId: 'credit' }]);
  });

  it('an invoice milestone without a ship milestone (warning)', () => {
    const doc = fixture();
    delete nodeOf(doc, 'ship', 'activity').milestone;
    expect(relevant(load(doc))).toEqual([{ severity: 'warning', code: 'no-ship-milestone', path: 'nodes', nodeId: 'invoice' }]);
  });

  it('several cash milestones are fine', () => {
    const doc = fixture();
    nodeOf(doc, 'payment', 'awaitPayment').milestone = 'cash';
    expect(load(doc)).toEqual([]);
  });
});

describe('variants patching customers and finance', () => {
  it('findings of a patched model name the variant and the path inside the patched model', () => {
    const doc = fixture();
    const variant = doc.variants?.find((v) => v.id === 'tight-credit');
    const segments = variant?.patches[0].set.segments as Array<{ value: string }>;
    segments[1].value = 'key';
    const finding = only(load(doc), 'duplicate-segment');
    expect(finding.path).toBe(`variants[${doc.variants?.indexOf(variant as NonNullable<typeof variant>)}] (tight-credit): customers.segments[1].value`);
    expect(finding.message).toMatch(/^In variant "Tighter credit limits": The customer segment "key" is listed twice/);
  });

  it('a finance patch out of range is a shape error under the variant', () => {
    const doc = fixture();
    const variant = doc.variants?.find((v) => v.id === 'dear-money');
    if (variant) variant.patches[0].set = { carryingRatePerYear: 50 };
    const findings = load(doc).filter((f) => f.severity === 'error');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'shape' });
    expect(findings[0].path).toMatch(/^variants\[\d+\].*finance\.carryingRatePerYear$/);
  });

  it('an id on a customers or finance patch is ignored (warning)', () => {
    const doc = fixture();
    const index = doc.variants?.findIndex((v) => v.id === 'dear-money') ?? -1;
    const variant = doc.variants?.[index];
    if (variant) variant.patches[0].id = 'finance';
    expect(relevant(load(doc))).toEqual([{ severity: 'warning', code: 'patch-id-ignored', path: `variants[${index}].patches[0].id` }]);
  });
});

describe('allocation and credit checks on parallel branches', () => {
  const model = (allocateOnBothBranches: boolean): WorkflowInput => ({
    formatVersion: 2,
    metadata: { name: 'parallel allocation' },
    run: { horizon: { value: 5, unit: 'd' } },
    sites: [{ id: 'a', name: 'A', volumeShare: 1, stock: { model: 'fillRate', classes: [{ fillProbability: 0.5, replenishmentLeadTime: { kind: 'constant', value: 1, unit: 'd' } }] } }],
    nodes: [
      { id: 'in', name: 'Orders', kind: 'source', arrivals: { ratePerHour: 1 } },
      { id: 'split', name: 'Split', kind: 'split' },
      { id: 'label', name: 'Print label', kind: 'delay', duration: { kind: 'constant', value: 1, unit: 'min' } },
      { id: 'allocate', name: 'Allocate', kind: 'allocate', policy: 'shipComplete' },
      { id: 'join', name: 'Join', kind: 'join', split: 'split' },
      { id: 'end', name: 'End', kind: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'in', to: 'split' },
      { id: 'e2', from: 'split', to: 'label' },
      { id: 'e3', from: 'split', to: 'allocate' },
      { id: 'e4', from: 'label', to: allocateOnBothBranches ? 'allocate' : 'join' },
      { id: 'e5', from: 'allocate', to: 'join' },
      { id: 'e6', from: 'join', to: 'end' },
    ],
  });

  it('are refused when two branches of one split reach the same step (the shipment would be held twice)', () => {
    const finding = only(load(model(true)), 'parallel-fulfilment-step');
    expect(finding).toMatchObject({ severity: 'error', path: 'nodes[1]', nodeId: 'split' });
    expect(finding.message).toMatch(/"Allocate" can be reached by 2 parallel branches of "Split"/);
  });

  it('are fine on one branch', () => {
    expect(load(model(false)).filter((f) => f.code === 'parallel-fulfilment-step')).toEqual([]);
  });

  it('may not split shipments off between a split and its join', () => {
    const doc = model(false);
    nodeOf(doc, 'allocate', 'allocate').policy = 'shipAvailable';
    const finding = only(load(doc), 'follow-on-inside-split');
    expect(finding).toMatchObject({ severity: 'error', path: 'nodes[3].policy', nodeId: 'allocate' });
  });
});

describe('sites that ship second shipments because of a site override', () => {
  it('need the pools of the steps those shipments pass', () => {
    const doc: WorkflowInput = {
      formatVersion: 2,
      metadata: { name: 'override second shipments' },
      run: { horizon: { value: 5, unit: 'd' } },
      sites: [
        {
          id: 'east',
          name: 'East',
          volumeShare: 1,
          stock: { model: 'fillRate', classes: [{ fillProbability: 0.5, replenishmentLeadTime: { kind: 'constant', value: 1, unit: 'd' } }] },
          overrides: [{ target: 'node', id: 'alloc', set: { policy: 'sourceElsewhere', sourcing: { rule: 'priorityList', sites: ['west'], fulfil: 'secondShipment' } } }],
        },
        { id: 'west', name: 'West', volumeShare: 0, overrides: [{ target: 'pool', id: 'pickers', set: { capacity: 0 } }] },
      ],
      pools: [{ id: 'pickers', name: 'Pickers', capacity: 1 }],
      nodes: [
        { id: 'in', name: 'Orders', kind: 'source', arrivals: { ratePerHour: 1 } },
        { id: 'alloc', name: 'Allocate', kind: 'allocate', policy: 'shipAvailable' },
        { id: 'pick', name: 'Pick', kind: 'activity', pool: 'pickers', duration: { kind: 'constant', value: 1, unit: 'min' } },
        { id: 'done', name: 'Done', kind: 'end' },
      ],
      edges: [
        { id: 'e1', from: 'in', to: 'alloc' },
        { id: 'e2', from: 'alloc', to: 'pick' },
        { id: 'e3', from: 'pick', to: 'done' },
      ],
    };
    const finding = only(load(doc), 'pool-capacity');
    expect(finding.message).toMatch(/at West/);
  });
});
