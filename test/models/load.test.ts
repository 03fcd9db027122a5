import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyVariant, loadModel, loadModelText, resolveSite, limits, type ModelFinding, type WorkflowInput } from '../../models';

const minimalText = readFileSync(new URL('../fixtures/minimal.flowcast.json', import.meta.url), 'utf8');
const minimal = (): WorkflowInput => JSON.parse(minimalText) as WorkflowInput;

/** A model with every node kind: intake, credit decision, split/join, integration with retries, batch, delay. */
function richModel(): WorkflowInput {
  return {
    formatVersion: 2,
    metadata: { name: 'Rich', description: 'every kind', assumptions: [] },
    run: { horizon: { value: 14, unit: 'd' }, warmup: { value: 1, unit: 'd' }, replications: 3, seed: 7 },
    priorityClasses: ['rush', 'standard'],
    sites: [
      { id: 'north', name: 'North DC', volumeShare: 0.6 },
      { id: 'south', name: 'South DC', volumeShare: 0.4, overrides: [{ target: 'node', id: 'pick', set: { duration: { kind: 'lognormal', mean: 0.8, sd: 0.3, unit: 'min' } } }] },
    ],
    calendars: [{ id: 'office', name: 'Office', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '16:00' }] }],
    pools: [
      { id: 'analysts', name: 'Credit analysts', capacity: 2, calendar: 'office', costPerHour: 32.7, scope: 'shared' },
      { id: 'pickers', name: 'Pickers', capacity: 6, costPerHour: 24.7 },
    ],
    systems: [{ id: 'wms', name: 'WMS', kind: 'wms', concurrency: 4, outages: { scheduled: [{ start: { value: 3, unit: 'd' }, duration: { value: 2, unit: 'h' } }], behaviour: 'fail' } }],
    nodes: [
      { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 20 }, priorityMix: [{ value: 'rush', share: 0.1 }, { value: 'standard', share: 0.9 }], attributes: [{ attribute: 'channel', values: [{ value: 'EDI', share: 0.6 }, { value: 'email', share: 0.4 }] }] },
      { id: 'credit', kind: 'decision', name: 'Credit OK?', mode: 'probability' },
      { id: 'review', kind: 'activity', name: 'Credit review', pool: 'analysts', duration: { kind: 'lognormal', mean: 10, sd: 8, unit: 'min' }, queue: { discipline: 'priority' } },
      { id: 'split', kind: 'split', name: 'Fan out' },
      { id: 'release', kind: 'integration', name: 'Release to WMS', system: 'wms', latency: { kind: 'constant', value: 2, unit: 's' }, failureProbability: 0.005, retry: { maxAttempts: 3 }, mode: 'batch', batch: { interval: { value: 15, unit: 'min' } } },
      { id: 'pick', kind: 'activity', name: 'Pick', pool: 'pickers', duration: { kind: 'lognormal', mean: 0.5, sd: 0.25, unit: 'min' }, durationPer: 'line' },
      { id: 'notify', kind: 'delay', name: 'Notify customer', duration: { kind: 'uniform', min: 1, max: 5, unit: 'min' } },
      { id: 'join', kind: 'join', name: 'Join', split: 'split' },
      { id: 'wave', kind: 'batch', name: 'Wave', every: { value: 1, unit: 'h' } },
      { id: 'shipped', kind: 'end', name: 'Shipped', outcome: 'fulfilled' },
      { id: 'dlq', kind: 'end', name: 'Dead letter', outcome: 'failed' },
    ],
    edges: [
      { id: 'e1', from: 'orders', to: 'credit' },
      { id: 'e2', from: 'credit', to: 'split', kind: 'branch', probability: 0.95 },
      { id: 'e3', from: 'credit', to: 'review', kind: 'branch', probability: 0.05 },
      { id: 'e4', from: 'review', to: 'split' },
      { id: 'e5', from: 'split', to: 'release' },
      { id: 'e6', from: 'split', to: 'notify' },
      { id: 'e7', from: 'release', to: 'wave' },
      { id: 'e8', from: 'release', to: 'dlq', kind: 'deadLetter' },
      { id: 'e9', from: 'wave', to: 'pick' },
      { id: 'e10', from: 'pick', to: 'join' },
      { id: 'e11', from: 'notify', to: 'join' },
      { id: 'e12', from: 'join', to: 'shipped' },
    ],
    slas: [{ id: 'ship24', name: 'Order to shipment within 24 h', from: 'arrival', to: 'shipped', target: { value: 24, unit: 'h' } }],
    variants: [{ id: 'more-analysts', name: 'Three analysts', patches: [{ target: 'pool', id: 'analysts', set: { capacity: 3 } }] }],
  };
}

function codes(findings: readonly ModelFinding[]): string[] {
  return findings.filter((f) => f.severity === 'error').map((f) => f.code);
}

function findingAt(findings: readonly ModelFinding[], path: string): ModelFinding | undefined {
  return findings.find((f) => f.path === path);
}

describe('loading valid models', () => {
  it('loads the minimal fixture and fills defaults', () => {
    const result = loadModelText(minimalText);
    expect(result.findings).toEqual([]);
    const entry = result.model?.nodes.find((n) => n.id === 'entry');
    expect(entry).toMatchObject({ kind: 'activity', quantity: 1, durationPer: 'order', failureProbability: 0, queue: { discipline: 'fifo' } });
    expect(result.model?.pools[0].scope).toBe('site');
  });

  it('loads a model that uses every node kind, overrides and a variant', () => {
    const result = loadModel(richModel());
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.model?.nodes).toHaveLength(11);
  });

  it('resolves per-site overrides without touching the base model', () => {
    const model = loadModel(richModel()).model!;
    const south = resolveSite(model, 'south');
    expect(south.nodes.find((n) => n.id === 'pick')).toMatchObject({ duration: { mean: 0.8 }, durationPer: 'line', pool: 'pickers' });
    expect(model.nodes.find((n) => n.id === 'pick')).toMatchObject({ duration: { mean: 0.5 } });
    expect(resolveSite(model, 'north')).toBe(model);
  });

  it('applies a variant and validates the result', () => {
    const model = loadModel(richModel()).model!;
    const variant = applyVariant(model, 'more-analysts');
    expect(variant.model?.pools.find((p) => p.id === 'analysts')?.capacity).toBe(3);
    expect(variant.model?.variants).toEqual([]);
    expect(model.pools.find((p) => p.id === 'analysts')?.capacity).toBe(2);
    expect(codes(applyVariant(model, 'nope').findings)).toEqual(['unknown-variant']);
  });
});

describe('bad input gets a clear error that names the place', () => {
  it('reports JSON syntax errors with line and column', () => {
    const result = loadModelText('{\n  "formatVersion": 2,\n  "metadata": }');
    expect(codes(result.findings)).toEqual(['json-syntax']);
    expect(result.findings[0].message).toMatch(/line 3, column/);
  });

  it('refuses files over the size limit without parsing them', () => {
    const huge = `{"pad":"${'x'.repeat(limits.fileBytes)}"}`;
    const result = loadModelText(huge);
    expect(codes(result.findings)).toEqual(['file-too-large']);
  });

  it('refuses __proto__ and constructor keys, naming the path', () => {
    const text = minimalText.replace('"sites": [{', '"sites": [{ "__proto__": { "polluted": true },');
    const result = loadModelText(text);
    expect(findingAt(result.findings, 'sites[0].__proto__')?.code).toBe('forbidden-key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const ctor = loadModel({ ...minimal(), metadata: { name: 'x', constructor: { prototype: {} } } });
    expect(findingAt(ctor.findings, 'metadata.constructor')?.code).toBe('forbidden-key');
  });

  it('refuses absurd nesting', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(codes(loadModel({ ...minimal(), metadata: { name: 'x', description: deep } }).findings)).toEqual(['too-deep']);
  });

  it('names the field of a probability of 1.3', () => {
    const model = richModel();
    (model.edges[1] as { probability: number }).probability = 1.3;
    const result = loadModel(model);
    expect(findingAt(result.findings, 'edges[1].probability')).toMatchObject({ severity: 'error', code: 'shape' });
  });

  it('names NaN, Infinity and negative numbers', () => {
    const model = minimal() as { nodes: Array<Record<string, unknown>> };
    model.nodes[1].duration = { kind: 'lognormal', mean: Number.NaN, sd: -1, unit: 'min' };
    const result = loadModel(model);
    expect(findingAt(result.findings, 'nodes[1].duration.mean')?.nodeId).toBe('entry');
    expect(findingAt(result.findings, 'nodes[1].duration.sd')).toBeDefined();
    const inf = loadModelText(minimalText.replace('"ratePerHour": 6', '"ratePerHour": 1e400'));
    expect(findingAt(inf.findings, 'nodes[0].arrivals.ratePerHour')).toBeDefined();
  });

  it('rejects unknown keys and unknown kinds', () => {
    const model = minimal() as { nodes: Array<Record<string, unknown>> };
    model.nodes[1].durationMinutes = 5;
    model.nodes[2].kind = 'teleport';
    const result = loadModel(model);
    expect(findingAt(result.findings, 'nodes[1]')?.message).toMatch(/Unknown key "durationMinutes"/);
    expect(result.findings.some((f) => f.path.startsWith('nodes[2]'))).toBe(true);
  });

  it('rejects a pool of 0 people where it is used', () => {
    const model = minimal() as { pools: Array<Record<string, unknown>> };
    model.pools[0].capacity = 0;
    const result = loadModel(model);
    expect(findingAt(result.findings, 'nodes[1].pool')).toMatchObject({ code: 'pool-capacity', nodeId: 'entry' });
  });

  it('rejects a per-site capacity of 0 at a site that receives orders, naming the site', () => {
    const model = richModel();
    model.sites[1].overrides = [{ target: 'pool', id: 'pickers', set: { capacity: 0 } }];
    const finding = findingAt(loadModel(model).findings, 'nodes[5].pool');
    expect(finding?.message).toMatch(/South DC/);
  });

  it('finds dangling edges, missing pools and systems, and undefined calendars', () => {
    const model = richModel();
    model.edges.push({ id: 'e99', from: 'pick', to: 'nowhere' });
    (model.nodes[2] as { pool: string }).pool = 'ghosts';
    (model.nodes[4] as { system: string }).system = 'sap';
    model.pools![0].calendar = 'night';
    const result = loadModel(model);
    expect(findingAt(result.findings, 'edges[12].to')?.code).toBe('dangling-edge');
    expect(findingAt(result.findings, 'nodes[2].pool')?.code).toBe('unknown-pool');
    expect(findingAt(result.findings, 'nodes[4].system')?.code).toBe('unknown-system');
    expect(findingAt(result.findings, 'pools[0].calendar')?.code).toBe('unknown-calendar');
  });

  it('finds decision probabilities that do not sum to 1', () => {
    const model = richModel();
    (model.edges[2] as { probability: number }).probability = 0.1;
    expect(findingAt(loadModel(model).findings, 'nodes[1]')).toMatchObject({ code: 'probabilities-sum', nodeId: 'credit' });
  });

  it('finds a join without a matching split', () => {
    const model = richModel();
    (model.nodes[7] as { split: string }).split = 'credit';
    expect(findingAt(loadModel(model).findings, 'nodes[7].split')?.code).toBe('join-without-split');
  });

  it('finds unreachable nodes and loops with no way out', () => {
    const model = minimal() as WorkflowInput;
    model.pools!.push({ id: 'p2', name: 'Rework', capacity: 1 });
    model.nodes.push(
      { id: 'orphan', kind: 'delay', name: 'Orphan', duration: { kind: 'constant', value: 1, unit: 'min' } },
      { id: 'loopA', kind: 'activity', name: 'Loop A', pool: 'p2', duration: { kind: 'constant', value: 1, unit: 'min' } },
      { id: 'loopB', kind: 'delay', name: 'Loop B', duration: { kind: 'constant', value: 1, unit: 'min' } },
    );
    model.edges.push({ id: 'o1', from: 'orphan', to: 'done' }, { id: 'l1', from: 'loopA', to: 'loopB' }, { id: 'l2', from: 'loopB', to: 'loopA' });
    const result = loadModel(model);
    expect(result.findings.find((f) => f.nodeId === 'orphan')).toMatchObject({ severity: 'warning', code: 'unreachable' });
    expect(result.findings.filter((f) => f.code === 'no-path-to-end').map((f) => f.nodeId).sort()).toEqual(['loopA', 'loopB']);
  });

  it('requires error, overflow and dead-letter paths where orders can take them', () => {
    const model = minimal() as { nodes: Array<Record<string, unknown>> };
    model.nodes[1].failureProbability = 0.02;
    model.nodes[1].queue = { capacity: 5 };
    const found = codes(loadModel(model).findings);
    expect(found).toContain('missing-error-edge');
    expect(found).toContain('missing-overflow-edge');
    const rich = richModel();
    rich.edges = rich.edges.filter((e) => e.id !== 'e8');
    expect(codes(loadModel(rich).findings)).toContain('missing-dead-letter-edge');
  });

  it('finds duplicate ids and bad distribution parameters', () => {
    const model = richModel();
    model.nodes[6].id = 'pick';
    (model.nodes[6] as { duration: unknown }).duration = { kind: 'uniform', min: 5, max: 1, unit: 'min' };
    const result = loadModel(model);
    expect(findingAt(result.findings, 'nodes[6].id')?.code).toBe('duplicate-id');
    expect(findingAt(result.findings, 'nodes[6].duration.min')?.code).toBe('distribution');
  });

  it('checks that the warm-up is shorter than the horizon', () => {
    const model = minimal();
    model.run.warmup = { value: 8, unit: 'd' };
    expect(findingAt(loadModel(model).findings, 'run.warmup')?.code).toBe('warmup');
  });

  it('checks site overrides and variants against the schema, with their paths', () => {
    const model = richModel();
    model.sites[1].overrides!.push({ target: 'node', id: 'pick', set: { failureProbability: 1.3 } });
    const result = loadModel(model);
    expect(findingAt(result.findings, 'sites[1].overrides[1].set.failureProbability')).toBeDefined();
    const rich = richModel();
    rich.variants![0].patches.push({ target: 'pool', id: 'analysts', set: { capacity: -2 } });
    const variantFindings = loadModel(rich).findings;
    expect(variantFindings.some((f) => f.path.includes('variants[0]') && f.path.endsWith('pools[0].capacity'))).toBe(true);
    expect(variantFindings.every((f) => f.severity !== 'error' || f.message.startsWith('In variant "Three analysts"'))).toBe(true);
  });

  it('refuses a file from a newer Flowcast and a file with no version', () => {
    expect(codes(loadModel({ ...minimal(), formatVersion: 99 }).findings)).toEqual(['format-too-new']);
    const { formatVersion: _drop, ...unversioned } = minimal();
    expect(codes(loadModel(unversioned).findings)).toEqual(['format-version']);
    expect(codes(loadModel([1, 2]).findings)).toEqual(['not-an-object']);
    expect(codes(loadModel(null).findings)).toEqual(['not-an-object']);
  });

  it('never changes the input it was given', () => {
    const input = richModel();
    const before = JSON.stringify(input);
    loadModel(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('variants can change branch probabilities', () => {
  it('patches edges by id and revalidates the sum', () => {
    const model = loadModel(richModel()).model!;
    const withVariant = loadModel({
      ...richModel(),
      variants: [{ id: 'more-holds', name: 'More holds', patches: [
        { target: 'edge', id: 'e2', set: { probability: 0.9 } },
        { target: 'edge', id: 'e3', set: { probability: 0.1 } },
      ] }],
    });
    expect(withVariant.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(applyVariant(withVariant.model!, 'more-holds').model?.edges.find((e) => e.id === 'e3')?.probability).toBe(0.1);
    expect(model.edges.find((e) => e.id === 'e3')?.probability).toBe(0.05);
    const broken = loadModel({ ...richModel(), variants: [{ id: 'bad', name: 'Bad', patches: [{ target: 'edge', id: 'e3', set: { probability: 0.2 } }] }] });
    expect(broken.findings.find((f) => f.code === 'probabilities-sum')?.message).toMatch(/^In variant "Bad"/);
  });
});

describe('findings from the review of conditions, sites and variants', () => {
  function conditionModel(condition: Record<string, unknown>): WorkflowInput {
    const model = richModel();
    (model.nodes[1] as { mode: string }).mode = 'condition';
    model.edges[1] = { id: 'e2', from: 'credit', to: 'split', kind: 'branch', otherwise: true };
    model.edges[2] = { id: 'e3', from: 'credit', to: 'review', kind: 'branch', condition: condition as never };
    return model;
  }

  it('warns of conditions that can never hold and refuses comparisons their type does not allow', () => {
    const at = (c: Record<string, unknown>) => loadModel(conditionModel(c)).findings.filter((f) => f.path.startsWith('edges[2].condition'));
    expect(at({ attribute: 'channel', op: 'eq', value: 'EDI' })).toEqual([]);
    expect(at({ attribute: 'lines', op: 'gt', value: 10 })).toEqual([]);
    expect(at({ attribute: 'colour', op: 'eq', value: 'red' })[0]).toMatchObject({ severity: 'warning', code: 'unknown-attribute', nodeId: 'credit' });
    expect(at({ attribute: 'site', op: 'eq', value: 'zz' })[0]).toMatchObject({ severity: 'warning', code: 'unknown-site' });
    expect(at({ attribute: 'priority', op: 'eq', value: 'Rush' })[0]).toMatchObject({ severity: 'warning', code: 'unknown-priority' });
    expect(at({ attribute: 'channel', op: 'in', value: ['EDI', 'fax'] })[0]).toMatchObject({ severity: 'warning', code: 'unknown-attribute-value' });
    expect(at({ attribute: 'channel', op: 'lt', value: 3 })[0]).toMatchObject({ severity: 'error', code: 'condition-type' });
    expect(at({ attribute: 'lines', op: 'gt', value: 'abc' })[0]).toMatchObject({ severity: 'error', code: 'condition-type' });
  });

  it('checks pool capacity at a site that receives orders only through a source', () => {
    const model = richModel();
    model.sites.push({ id: 'east', name: 'East DC', volumeShare: 0, overrides: [{ target: 'pool', id: 'pickers', set: { capacity: 0 } }] });
    expect(loadModel(model).findings.some((f) => f.code === 'pool-capacity')).toBe(false);
    (model.nodes[0] as { siteShares: unknown }).siteShares = [{ site: 'north', share: 1 }, { site: 'east', share: 1 }];
    expect(findingAt(loadModel(model).findings, 'nodes[5].pool')?.message).toMatch(/East DC/);
  });

  it('reserves the variant id "base" and refuses site overrides of a shared pool', () => {
    const model = richModel();
    model.variants![0].id = 'base';
    expect(findingAt(loadModel(model).findings, 'variants[0].id')?.code).toBe('reserved-id');
    const shared = richModel();
    shared.sites[0].overrides = [{ target: 'pool', id: 'analysts', set: { capacity: 5 } }];
    expect(findingAt(loadModel(shared).findings, 'sites[0].overrides[0]')?.code).toBe('override-shared-pool');
  });

  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    expect(loadModelText(`\uFEFF${minimalText}`).findings).toEqual([]);
  });
});
