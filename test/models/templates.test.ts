import { describe, expect, it } from 'vitest';
import {
  arrivalProfiles,
  connectOutlets,
  findTemplate,
  loadModel,
  nodeSchema,
  nodeTemplates,
  poolSchema,
  systemSchema,
  systemTemplates,
  weeklyAverageRatePerHour,
  type Calendar,
  type Pool,
  type System,
  type TemplateBuild,
  type WorkflowEdge,
  type WorkflowInput,
  type WorkflowNode,
} from '../../models';

const categories = ['intake', 'credit', 'inventory', 'warehouse', 'transport', 'finance', 'exceptions'];

/**
 * A model shell with one source and one end, into which template builds are spliced. Two sites, so that an
 * allocation sourcing from another site has one.
 */
function assemble(builds: Array<{ build: TemplateBuild; targets: (end: string) => string[] }>, firstEntry: string, extra: Partial<WorkflowInput> = {}): WorkflowInput {
  const nodes: WorkflowNode[] = [
    nodeSchema.parse({ id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 10 } }),
    nodeSchema.parse({ id: 'done', kind: 'end', name: 'Done' }),
  ];
  const edges: WorkflowEdge[] = [{ id: 'in', from: 'orders', to: firstEntry, kind: 'next' }];
  const pools = new Map<string, Pool>();
  const systems = new Map<string, System>();
  const calendars = new Map<string, Calendar>();
  for (const { build, targets } of builds) {
    nodes.push(...build.nodes);
    edges.push(...build.edges, ...connectOutlets(build, targets('done')));
    // Shared resources are keyed by id: the first one in wins, as the palette does.
    for (const p of build.pools) if (!pools.has(p.id)) pools.set(p.id, p);
    for (const s of build.systems) if (!systems.has(s.id)) systems.set(s.id, s);
    for (const c of build.calendars) if (!calendars.has(c.id)) calendars.set(c.id, c);
  }
  return {
    formatVersion: 2,
    metadata: { name: 'Assembled from templates' },
    run: { horizon: { value: 7, unit: 'd' }, warmup: { value: 1, unit: 'd' }, replications: 2 },
    sites: [
      { id: 'dc', name: 'DC', volumeShare: 0.7 },
      { id: 'dc2', name: 'Second DC', volumeShare: 0.3 },
    ],
    calendars: [...calendars.values()],
    pools: [...pools.values()],
    systems: [...systems.values()],
    nodes,
    edges,
    ...extra,
  };
}

describe('node templates', () => {
  it('have unique ids, a known category and a description citing a source or an estimate', () => {
    const ids = nodeTemplates.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of nodeTemplates) {
      expect(categories, t.id).toContain(t.category);
      expect(t.description.length, t.id).toBeGreaterThan(20);
      expect(t.description, t.id).toMatch(/\[\d+\]|\bE\b/);
      expect(findTemplate(t.id)).toBe(t);
    }
    expect(findTemplate('no-such-template')).toBeUndefined();
  });

  it.each(nodeTemplates.map((t) => [t.id, t] as const))('%s builds nodes that pass the node schema', (_id, template) => {
    const build = template.build('step1', { x: 440, y: 0 });
    expect(build.nodes.length).toBeGreaterThan(0);
    expect(build.nodes[0].id).toBe('step1');
    expect(build.nodes[0].position).toEqual({ x: 440, y: 0 });
    const nodeIds = new Set(build.nodes.map((n) => n.id));
    expect(nodeIds.size).toBe(build.nodes.length);
    for (const n of build.nodes) {
      expect(nodeSchema.safeParse(n).success, n.id).toBe(true);
      expect(n.id.startsWith('step1'), n.id).toBe(true);
      expect(n.template).toBe(template.id);
      expect(n.position, n.id).toBeDefined();
    }
    for (const e of build.edges) {
      expect(nodeIds.has(e.from), e.id).toBe(true);
      expect(nodeIds.has(e.to), e.id).toBe(true);
    }
    expect(build.outlets.length).toBeGreaterThan(0);
    for (const o of build.outlets) expect(nodeIds.has(o.from), o.label).toBe(true);
    for (const p of build.pools) expect(poolSchema.safeParse(p).success, p.id).toBe(true);
    for (const s of build.systems) expect(systemSchema.safeParse(s).success, s.id).toBe(true);
    // Every pool a node uses and every system it calls comes with the build.
    for (const n of build.nodes) {
      if (n.kind === 'activity') expect(build.pools.map((p) => p.id)).toContain(n.pool);
      if (n.kind === 'integration') expect(build.systems.map((s) => s.id)).toContain(n.system);
    }
    for (const p of build.pools) if (p.calendar) expect(build.calendars.map((c) => c.id)).toContain(p.calendar);
  });

  it.each(nodeTemplates.map((t) => [t.id, t] as const))('%s alone, wired to an end, makes a model with no errors', (_id, template) => {
    const build = template.build('step', { x: 220, y: 0 });
    const { model, findings } = loadModel(assemble([{ build, targets: (end) => build.outlets.map(() => end) }], 'step'));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(model).toBeDefined();
  });

  it('chain into a small order-to-cash model that validates', () => {
    const chain = [
      'portal-intake',
      'address-validation',
      'credit-check-auto',
      'inventory-allocation',
      'realtime-release',
      'wave-release',
      'pick-piece',
      'pack',
      'carrier-booking',
      'ship-confirm-auto',
      'invoice-auto',
    ];
    const builds = chain.map((id, i) => {
      const template = findTemplate(id);
      if (!template) throw new Error(`no template ${id}`);
      return template.build(`s${i}`, { x: 220 * (i + 1) * 2, y: 0 });
    });
    const triage = findTemplate('ai-exception-triage')?.build('triage', { x: 0, y: 400 });
    const desk = findTemplate('exception-desk-case')?.build('desk', { x: 440, y: 400 });
    const review = findTemplate('credit-review')?.build('review', { x: 0, y: 200 });
    if (!triage || !desk || !review) throw new Error('missing exception templates');
    const entryOf = (i: number, end: string) => (i + 1 < builds.length ? builds[i + 1].nodes[0].id : end);
    const parts = builds.map((build, i) => ({
      build,
      targets: (end: string) =>
        build.outlets.map((o, k) => {
          if (chain[i] === 'credit-check-auto' && k === 1) return 'review';
          // Every other non-happy outlet (errors, dead letters, exception branches) goes to AI triage.
          return k === 0 || (o.kind === 'next' && chain[i] === 'address-validation') ? entryOf(i, end) : 'triage';
        }),
    }));
    const creditNext = builds[chain.indexOf('inventory-allocation')].nodes[0].id;
    parts.push(
      { build: review, targets: () => [creditNext, 'done'] },
      { build: triage, targets: (end) => [end, 'desk'] },
      { build: desk, targets: (end) => [end] },
    );
    const { model, findings } = loadModel(assemble(parts, 's0'));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings).toEqual([]);
    expect(model?.nodes.length).toBe(2 + [...builds, triage, desk, review].reduce((a, b) => a + b.nodes.length, 0));
    // Resources shared by id are not duplicated (ERP is used by credit, allocation and invoicing).
    expect(model?.systems.filter((s) => s.id === 'erp')).toHaveLength(1);
  });

  it('chain into an order-to-cash model with stock, credit limits, payment and milestones that validates with no finding', () => {
    const chain = ['credit-limit-check', 'allocate-source-elsewhere', 'pick-piece', 'pack', 'ship-confirm-auto', 'invoice-auto', 'await-payment', 'cash-application'];
    const builds = chain.map((id, i) => {
      const template = findTemplate(id);
      if (!template) throw new Error(`no template ${id}`);
      return template.build(`f${i}`, { x: 220 * (i + 1) * 2, y: 0 });
    });
    const review = findTemplate('credit-review')?.build('review', { x: 0, y: 200 });
    const desk = findTemplate('exception-desk-case')?.build('desk', { x: 440, y: 400 });
    if (!review || !desk) throw new Error('missing templates');
    const entryOf = (i: number, end: string) => (i + 1 < builds.length ? builds[i + 1].nodes[0].id : end);
    const parts = builds.map((build, i) => ({
      build,
      targets: (end: string) =>
        build.outlets.map((o, k) => {
          if (o.kind === 'hold') return 'review';
          // Cash application: matched and applied go on, unapplied cash goes to the desk.
          if (o.kind === 'next' || k === 0 || (chain[i] === 'cash-application' && o.kind === 'branch')) return entryOf(i, end);
          return 'desk';
        }),
    }));
    parts.push({ build: review, targets: () => [builds[1].nodes[0].id, 'done'] }, { build: desk, targets: (end) => [end] });
    const stock = { model: 'fillRate' as const, classes: [{ fillProbability: 0.95, replenishmentLeadTime: { kind: 'lognormal' as const, mean: 3, sd: 2, unit: 'd' as const } }] };
    const doc = assemble(parts, 'f0', {
      sites: [
        { id: 'dc', name: 'DC', volumeShare: 0.7, stock },
        { id: 'dc2', name: 'Second DC', volumeShare: 0.3, stock },
      ],
      customers: { segments: [{ value: 'all', customers: 100, creditLimit: 20000, daysToPay: { kind: 'lognormal', mean: 45, sd: 15, unit: 'd' } }] },
    });
    const { model, findings } = loadModel(doc);
    expect(findings).toEqual([]);
    expect(model?.edges.filter((e) => e.kind === 'hold').map((e) => [e.from, e.to])).toEqual([['f0', 'review']]);
    expect(model?.nodes.filter((n) => n.milestone).map((n) => [n.id, n.milestone])).toEqual([
      ['f4', 'ship'],
      ['f5', 'invoice'],
      ['f7', 'cash'],
    ]);
  });

  it('connectOutlets refuses a wrong number of targets', () => {
    const build = nodeTemplates[0].build('x', { x: 0, y: 0 });
    expect(() => connectOutlets(build, [])).toThrow(/outlets/);
  });
});

describe('template defaults', () => {
  it('profiles average 1 so that ratePerHour is the weekly average', () => {
    const sum = (a: readonly number[]) => a.reduce((x, y) => x + y, 0);
    expect(sum(arrivalProfiles.businessHours)).toBeCloseTo(24, 9);
    expect(sum(arrivalProfiles.flat)).toBeCloseTo(24, 9);
    expect(sum(arrivalProfiles.weekdays)).toBeCloseTo(7, 9);
    // 2,500 orders on each of 5 working days over the 168 hours of a week.
    expect(weeklyAverageRatePerHour(2500) * 24 * 1.4).toBeCloseTo(2500, 0);
  });

  it('give every system the default outage (every ~90 days, about 2 h)', () => {
    for (const s of systemTemplates) {
      expect(s.outages.random?.mtbf, s.id).toEqual({ value: 90, unit: 'd' });
      expect(s.outages.random?.mttr, s.id).toMatchObject({ mean: 2, unit: 'h' });
    }
  });
});

describe('template defaults follow DOMAIN.md section 7', () => {
  const built = (id: string) => {
    const template = findTemplate(id);
    if (!template) throw new Error(`no template ${id}`);
    return template.build('t', { x: 0, y: 0 });
  };
  const node = (id: string, nodeId = 't') => {
    const found = built(id).nodes.find((n) => n.id === nodeId);
    if (!found) throw new Error(`${id} has no node ${nodeId}`);
    return found;
  };
  /** Share of the build's decision that leaves by its second (non-happy) branch. */
  const otherShare = (id: string) => {
    const b = built(id);
    const decision = b.nodes.find((n) => n.kind === 'decision');
    const internal = b.edges.find((e) => e.from === decision?.id && e.kind === 'branch');
    const outlet = b.outlets.filter((o) => o.from === decision?.id && o.kind === 'branch');
    return internal?.probability ?? outlet[1]?.probability;
  };
  const durationOf = (n: WorkflowNode) => (n.kind === 'activity' || n.kind === 'delay' ? n.duration : n.kind === 'integration' ? n.latency : undefined);

  it.each([
    ['email-fax-entry', 't', 6, 4, 'min', 0.02],
    ['phone-entry', 't', 10, 6, 'min', 0.04],
    ['pick-piece', 't', 0.5, 0.25, 'min', 0.007],
    ['pick-case', 't', 0.45, 0.2, 'min', 0.005],
    ['carrier-booking', 't', 4, 2, 's', 0.01],
    ['ship-confirm-auto', 't', 1, 0.5, 's', 0.01],
    ['invoice-auto', 't', 1, 0.5, 's', 0.005],
    ['invoice-manual', 't-clerk', 2.5, 1.5, 'min', 0.02],
    ['cash-application', 't-manual', 6, 3, 'min', 0.02],
    ['credit-review', 't', 10, 8, 'min', 0],
  ] as const)('%s (%s): %s +/- %s %s, fails %s', (id, nodeId, mean, sd, unit, fail) => {
    const n = node(id, nodeId);
    expect(durationOf(n)).toMatchObject({ kind: 'lognormal', mean, sd, unit });
    expect('failureProbability' in n ? n.failureProbability : 0).toBe(fail);
  });

  it.each([
    ['edi-intake', 0.35],
    ['portal-intake', 0.05],
    ['credit-check-auto', 0.05],
    ['credit-review', 0.15],
    ['inventory-allocation', 0.05],
    ['address-validation', 0.01],
    ['customer-payment', 0.03],
    ['cash-application', 0.3],
    ['ai-exception-triage', 0.4],
  ] as const)('%s sends %s to its exception branch', (id, share) => {
    expect(otherShare(id)).toBeCloseTo(share, 9);
  });

  it('batch and schedule defaults', () => {
    const sync = node('erp-wms-batch-sync');
    expect(sync.kind === 'integration' && sync.mode === 'batch' && sync.batch?.interval).toEqual({ value: 15, unit: 'min' });
    const wave = node('wave-release');
    // Waves every 60-120 min [15].
    expect(wave.kind === 'batch' && wave.every).toEqual({ value: 90, unit: 'min' });
    const payment = node('customer-payment');
    expect(durationOf(payment)).toMatchObject({ mean: 45, sd: 15, unit: 'd' });
    const lag = node('invoice-manual');
    expect(durationOf(lag)).toMatchObject({ mean: 3, sd: 3, unit: 'd' });
  });
});

describe('fulfilment templates and fields', () => {
  const built = (id: string) => {
    const template = findTemplate(id);
    if (!template) throw new Error(`no template ${id}`);
    return template.build('t', { x: 0, y: 0 });
  };

  it('allocation templates: one per policy, sourcing by most stock with a 2 +/- 1 day transfer (E)', () => {
    const policy = (id: string) => {
      const n = built(id).nodes[0];
      return n.kind === 'allocate' ? n : undefined;
    };
    expect(policy('allocate-ship-available')?.policy).toBe('shipAvailable');
    expect(policy('allocate-ship-complete')?.policy).toBe('shipComplete');
    const elsewhere = policy('allocate-source-elsewhere');
    expect(elsewhere?.policy).toBe('sourceElsewhere');
    expect(elsewhere?.sourcing).toMatchObject({ rule: 'mostStock', fulfil: 'transfer', transferTime: { kind: 'lognormal', mean: 2, sd: 1, unit: 'd' } });
    for (const id of ['allocate-ship-available', 'allocate-ship-complete', 'allocate-source-elsewhere']) {
      expect(built(id).outlets.map((o) => o.kind), id).toEqual(['next']);
      expect(findTemplate(id)?.category).toBe('inventory');
    }
  });

  it('the credit check against the limit offers a next and a hold outlet; the payment wait has 45 +/- 15 days [31]', () => {
    const credit = built('credit-limit-check');
    expect(credit.nodes.map((n) => n.kind)).toEqual(['creditCheck']);
    expect(credit.outlets.map((o) => o.kind)).toEqual(['next', 'hold']);
    const payment = built('await-payment').nodes[0];
    expect(payment.kind === 'awaitPayment' && payment.daysToPay).toEqual({ kind: 'lognormal', mean: 45, sd: 15, unit: 'd' });
  });

  it('milestones: ship at shipment confirmation, invoice when it is raised, cash when the remittance arrives; not at carrier booking', () => {
    const milestones = (id: string) => built(id).nodes.map((n) => [n.id, n.milestone ?? null]);
    expect(milestones('ship-confirm-manual')).toEqual([['t', 'ship']]);
    expect(milestones('ship-confirm-auto')).toEqual([['t', 'ship']]);
    expect(milestones('invoice-auto')).toEqual([['t', 'invoice']]);
    expect(milestones('invoice-manual')).toEqual([
      ['t', null],
      ['t-clerk', 'invoice'],
    ]);
    expect(milestones('cash-application')).toEqual([
      ['t', 'cash'],
      ['t-decision', null],
      ['t-manual', null],
    ]);
    expect(milestones('carrier-booking')).toEqual([['t', null]]);
    // Each milestone appears at most once per template (milestones count once per shipment).
    for (const t of nodeTemplates) {
      const marked = t.build('x', { x: 0, y: 0 }).nodes.filter((n) => n.milestone);
      expect(marked.length, t.id).toBeLessThanOrEqual(1);
    }
  });

  it('exception desks and reviews are flagged as exception work; no template sets a per-line cost', () => {
    const flagged = nodeTemplates.flatMap((t) => t.build('x', { x: 0, y: 0 }).nodes.filter((n) => n.exception).map((n) => `${t.id}:${n.id}`));
    expect(flagged).toEqual([
      'address-validation:x-fix',
      'credit-review:x',
      'exception-desk-spreadsheet:x',
      'exception-desk-spreadsheet:x-work',
      'exception-desk-case:x',
      'ai-exception-triage:x',
    ]);
    for (const t of nodeTemplates) for (const n of t.build('x', { x: 0, y: 0 }).nodes) expect(n.costPerLine, `${t.id}:${n.id}`).toBeUndefined();
  });
});
