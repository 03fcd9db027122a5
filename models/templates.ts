import type { z } from 'zod';
import type { TimeDistribution } from './distributions';
import {
  calendarSchema,
  nodeSchema,
  poolSchema,
  systemSchema,
  type Calendar,
  type EdgeKind,
  type Pool,
  type System,
  type WorkflowEdge,
  type WorkflowNode,
} from './workflow';

/**
 * The palette catalogue: ready-made distribution steps with defaults from the domain reference
 * (DOMAIN.md section 7; bracketed numbers are its sources, **E** marks an estimate).
 * A template builds one node, or a few nodes wired together (an automated check and its straight-through
 * decision), plus the pools, systems and calendars it needs. Shared resources have stable ids (`erp`,
 * `csr`, `office`, ...) so that two templates using "the ERP" use the same system: when a model already
 * has a resource with that id, keep the model's and drop the template's.
 *
 * Fulfilment fields (format v2): `milestone` marks where a shipment ships (shipment confirmation), is invoiced and
 * where the customer's cash arrives (cash application); `exception: true` marks exception desks and reviews, whose
 * labour the report shows as exception cost. No template sets `costPerLine`: DOMAIN.md gives no per-line
 * consumable or handling fee, and pick and pack labour is already costed through their pools' paid hours (a
 * per-line labour cost on top would count it twice). Carrier booking has no `ship` milestone: milestones count once
 * per shipment, so in a model that also confirms the shipment the order-to-ship clock would stop at the label,
 * before the goods leave.
 */

export type TemplateCategory = 'intake' | 'credit' | 'inventory' | 'warehouse' | 'transport' | 'finance' | 'exceptions';

/** An open end of a template: an edge still to be drawn from `from` to whatever follows. */
export interface TemplateOutlet {
  from: string;
  kind: EdgeKind;
  label: string;
  /** For `branch` outlets of a probability decision. */
  probability?: number;
}

/** What a template adds to a model. `nodes[0]` is the entry: edges into the template go there. */
export interface TemplateBuild {
  nodes: WorkflowNode[];
  /** Edges inside the template (a check to its decision, say). */
  edges: WorkflowEdge[];
  /** Edges the modeller still has to connect. */
  outlets: TemplateOutlet[];
  pools: Pool[];
  systems: System[];
  calendars: Calendar[];
}

export interface NodeTemplate {
  id: string;
  label: string;
  category: TemplateCategory;
  /** One line: what it models and where its defaults come from. */
  description: string;
  /** Builds the template with entry node `nodeId` at `position`; extra nodes get ids `${nodeId}-...`. */
  build(nodeId: string, position: { x: number; y: number }): TemplateBuild;
}

type NodeInput = z.input<typeof nodeSchema>;
type Position = { x: number; y: number };

// ---------------------------------------------------------------------------------------------- shared defaults

/** Loaded cost per hour: wage x 1.42 (wages are 70.4% of compensation [48]). */
export const loadedCostPerHour = {
  /** Office and admin support, mean $23/h [47]. */
  office: round2(23 * 1.42),
  /** Warehouse hand labour, median $17.36/h [46]. */
  warehouse: round2(17.4 * 1.42),
} as const;

/**
 * Arrival profiles that average exactly 1 (24 hourly values summing to 24, 7 daily values summing to 7), so that
 * `ratePerHour` is the average rate over the whole week whether or not an engine normalises profiles.
 */
export const arrivalProfiles = {
  /** B2B orders: most between 08:00 and 17:00, a trickle of EDI overnight (**E**). */
  businessHours: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.4, 1.2, 2.2, 2.6, 2.6, 2.4, 1.8, 2.2, 2.4, 2.2, 1.6, 0.8, 0.4, 0.2, 0.1, 0.1, 0.1, 0.1],
  /** Flat over the day. */
  flat: Array.from({ length: 24 }, () => 1),
  /** Monday to Friday, nothing at weekends. */
  weekdays: [1.4, 1.4, 1.4, 1.4, 1.4, 0, 0],
} as const;

/** Average hourly rate for `ordersPerWorkingDay` on five working days a week (profiles above average 1). */
export function weeklyAverageRatePerHour(ordersPerWorkingDay: number): number {
  return round2((ordersPerWorkingDay * 5) / 168);
}

/** Shift calendars (**E**): office 1 x 8 h with a lunch hour, warehouse 2 x 8 h, Monday to Friday. */
export const templateCalendars = {
  office: calendarSchema.parse({
    id: 'office',
    name: 'Office, 1 x 8 h (08:00-17:00, lunch 12-13), Mon-Fri',
    windows: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '12:00' },
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '13:00', end: '17:00' },
    ],
  }),
  warehouse: calendarSchema.parse({
    id: 'warehouse-2x8',
    name: 'Warehouse, 2 x 8 h (06:00-14:00, 14:00-22:00), Mon-Fri',
    windows: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '06:00', end: '14:00' },
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '14:00', end: '22:00' },
    ],
  }),
} as const;

const officePool = (id: string, name: string, capacity: number): Pool =>
  poolSchema.parse({ id, name, capacity, calendar: templateCalendars.office.id, costPerHour: loadedCostPerHour.office });
const warehousePool = (id: string, name: string, capacity: number, costPerHour: number = loadedCostPerHour.warehouse): Pool =>
  poolSchema.parse({ id, name, capacity, calendar: templateCalendars.warehouse.id, costPerHour });

/** Default team of each role (small; a scenario sets its own capacities). */
export const templatePools = {
  csr: officePool('csr', 'Customer service reps', 4),
  creditAnalysts: officePool('credit-analysts', 'Credit analysts', 1),
  billingClerks: officePool('billing-clerks', 'Billing clerks', 2),
  arClerks: officePool('ar-clerks', 'AR / cash application clerks', 2),
  exceptionClerks: officePool('exception-clerks', 'Exception desk clerks', 2),
  integrationAnalysts: officePool('integration-analysts', 'Integration support analysts', 1),
  pickers: warehousePool('pickers', 'Pickers (per shift)', 10),
  packers: warehousePool('packers', 'Packers (per shift)', 6),
  // Shipping clerks do office work on the warehouse's shifts: office rate.
  shippingClerks: warehousePool('shipping-clerks', 'Shipping clerks (per shift)', 2, loadedCostPerHour.office),
  // An AI service is modelled as a pool of parallel agent slots around the clock; its cost is per visit.
  aiTriage: poolSchema.parse({ id: 'ai-triage', name: 'AI triage agent slots', capacity: 20, costPerHour: 0 }),
} as const;

/** System outage defaults (**E**, DOMAIN.md section 4): an unplanned outage every ~90 days lasting 2 h (sd 2 h). */
export const systemOutageDefaults = {
  random: { mtbf: { value: 90, unit: 'd' }, mttr: { kind: 'lognormal', mean: 2, sd: 2, unit: 'h' } },
} as const satisfies { random: { mtbf: { value: number; unit: 'd' }; mttr: TimeDistribution } };

const system = (id: string, name: string, kind: System['kind'], extra: Partial<z.input<typeof systemSchema>> = {}): System =>
  systemSchema.parse({ id, name, kind, outages: { scheduled: [], random: systemOutageDefaults.random, behaviour: 'hold' }, ...extra });

/** The systems the templates call, each with the default outages. Calls wait out an outage unless noted. */
export const templateSystems = {
  erp: system('erp', 'ERP', 'erp', { concurrency: 50 }),
  wms: system('wms', 'WMS', 'wms', { concurrency: 50 }),
  tms: system('tms', 'TMS', 'tms', { concurrency: 20 }),
  // Middleware hops fail fast during an outage so that retries and the dead-letter queue come into play.
  middleware: system('middleware', 'Integration middleware', 'middleware', {
    concurrency: 20,
    outages: { scheduled: [], random: systemOutageDefaults.random, behaviour: 'fail' },
  }),
  // 200 requests/min gateway limit [26] at 3-5 s latency [27] is about 10-15 calls in flight.
  carrierApi: system('carrier-api', 'Carrier API (multi-carrier gateway)', 'carrier-api', {
    concurrency: 12,
    costPerCall: 0.05,
    outages: { scheduled: [], random: systemOutageDefaults.random, behaviour: 'fail' },
  }),
  ediVan: system('edi-van', 'EDI VAN and translator', 'edi', { concurrency: 20 }),
  orderPortal: system('order-portal', 'B2B order portal / API', 'crm', { concurrency: 50 }),
  addressApi: system('address-api', 'Address validation API', 'other', {
    concurrency: 20,
    costPerCall: 0.01,
    outages: { scheduled: [], random: systemOutageDefaults.random, behaviour: 'fail' },
  }),
  cashApp: system('cash-app', 'Cash application matching', 'finance', { concurrency: 10 }),
} as const;

// ---------------------------------------------------------------------------------------------- building blocks

const lognormal = (mean: number, sd: number, unit: TimeDistribution['unit']): TimeDistribution => ({ kind: 'lognormal', mean, sd, unit });

function node(input: NodeInput): WorkflowNode {
  return nodeSchema.parse(input);
}

function edge(id: string, from: string, to: string, kind: EdgeKind = 'next', extra: Partial<WorkflowEdge> = {}): WorkflowEdge {
  return { id, from, to, kind, ...extra };
}

function at(position: Position, dx: number, dy: number): Position {
  return { x: position.x + dx, y: position.y + dy };
}

function build(parts: Partial<TemplateBuild> & Pick<TemplateBuild, 'nodes' | 'outlets'>): TemplateBuild {
  return { edges: [], pools: [], systems: [], calendars: [], ...parts };
}

/** Horizontal and vertical spacing of template parts on the canvas. */
const dx = 220;
const dy = 140;

/** A check followed by a probability decision: the share that passes goes on, the rest takes the other branch. */
function checkWithDecision(
  check: NodeInput,
  position: Position,
  decisionName: string,
  pass: { label: string; probability: number },
  other: { label: string },
  template: string,
): Pick<TemplateBuild, 'nodes' | 'edges' | 'outlets'> {
  const decisionId = `${check.id}-decision`;
  return {
    nodes: [node({ ...check, position, template }), node({ id: decisionId, kind: 'decision', name: decisionName, position: at(position, dx, 0), template })],
    edges: [edge(`${check.id}-to-decision`, check.id, decisionId)],
    outlets: [
      { from: decisionId, kind: 'branch', label: pass.label, probability: pass.probability },
      { from: decisionId, kind: 'branch', label: other.label, probability: round6(1 - pass.probability) },
    ],
  };
}

function resources(...items: Array<Pool | System>): Pick<TemplateBuild, 'pools' | 'systems' | 'calendars'> {
  const poolList = items.filter((i): i is Pool => 'capacity' in i);
  const systemList = items.filter((i): i is System => !('capacity' in i));
  const calendarIds = new Set(poolList.map((p) => p.calendar).filter((c): c is string => c !== undefined));
  const calendarList = Object.values(templateCalendars).filter((c) => calendarIds.has(c.id));
  return { pools: poolList, systems: systemList, calendars: calendarList };
}

const next = (from: string, label = 'next'): TemplateOutlet => ({ from, kind: 'next', label });
const hold = (from: string, label: string): TemplateOutlet => ({ from, kind: 'hold', label });
const error = (from: string, label: string): TemplateOutlet => ({ from, kind: 'error', label });
const deadLetter = (from: string, label = 'dead letter'): TemplateOutlet => ({ from, kind: 'deadLetter', label });

/** Retries with exponential backoff and jitter, as an integration client would (DOMAIN.md section 4). */
const standardRetry = { maxAttempts: 4, initialBackoff: { value: 2, unit: 's' }, multiplier: 2, maxBackoff: { value: 1, unit: 'min' }, jitter: 0.25 } as const;

// ---------------------------------------------------------------------------------------------- the catalogue

/** Every palette template, in palette order. */
export const nodeTemplates: readonly NodeTemplate[] = [
  // ---- intake
  {
    id: 'edi-intake',
    label: 'EDI order intake (850 + 997)',
    category: 'intake',
    description: 'EDI 850 via VAN (transit 15 +/- 15 min, E) and translator; 35% fall out to manual review (E: 34% hands-free [4]).',
    build: (id, p) =>
      build({
        ...checkWithDecision(
          { id, kind: 'integration', name: 'EDI 850 in, 997 back', system: templateSystems.ediVan.id, latency: lognormal(15, 15, 'min') },
          p,
          'EDI order clean?',
          { label: 'hands-free', probability: 0.65 },
          { label: 'manual review' },
          'edi-intake',
        ),
        ...resources(templateSystems.ediVan),
      }),
  },
  {
    id: 'portal-intake',
    label: 'Portal / API order intake',
    category: 'intake',
    description: 'Order placed on the B2B portal or API (1 s); 5% need a CSR review (E).',
    build: (id, p) =>
      build({
        ...checkWithDecision(
          { id, kind: 'integration', name: 'Portal / API order', system: templateSystems.orderPortal.id, latency: lognormal(1, 0.5, 's') },
          p,
          'Portal order clean?',
          { label: 'straight through', probability: 0.95 },
          { label: 'CSR review' },
          'portal-intake',
        ),
        ...resources(templateSystems.orderPortal),
      }),
  },
  {
    id: 'email-fax-entry',
    label: 'Email / fax order entry',
    category: 'intake',
    description: 'CSR keys an emailed or faxed order: 6 +/- 4 min [5]; 2% entry errors [8].',
    build: (id, p) =>
      build({
        nodes: [node({ id, kind: 'activity', name: 'Key email / fax order', template: 'email-fax-entry', position: p, pool: templatePools.csr.id, duration: lognormal(6, 4, 'min'), failureProbability: 0.02 })],
        outlets: [next(id), error(id, 'entry error')],
        ...resources(templatePools.csr),
      }),
  },
  {
    id: 'phone-entry',
    label: 'Phone order entry',
    category: 'intake',
    description: 'CSR takes an order by phone: 10 +/- 6 min (E); 4% entry errors [8].',
    build: (id, p) =>
      build({
        nodes: [node({ id, kind: 'activity', name: 'Take phone order', template: 'phone-entry', position: p, pool: templatePools.csr.id, duration: lognormal(10, 6, 'min'), failureProbability: 0.04 })],
        outlets: [next(id), error(id, 'entry error')],
        ...resources(templatePools.csr),
      }),
  },
  {
    id: 'address-validation',
    label: 'Address validation (API)',
    category: 'intake',
    description: 'Ship-to checked by an address API (0.5 s); 1% invalid (E) and fixed by a CSR (10 +/- 5 min, E).',
    build: (id, p) => {
      const fix = `${id}-fix`;
      const core = checkWithDecision(
        { id, kind: 'integration', name: 'Validate ship-to address', system: templateSystems.addressApi.id, latency: lognormal(0.5, 0.3, 's'), failureProbability: 0.005, retry: standardRetry },
        p,
        'Address valid?',
        { label: 'valid', probability: 0.99 },
        { label: 'invalid' },
        'address-validation',
      );
      const invalid = core.outlets[1];
      return build({
        nodes: [...core.nodes, node({ id: fix, kind: 'activity', name: 'CSR fixes address', template: 'address-validation', position: at(p, 2 * dx, dy), pool: templatePools.csr.id, duration: lognormal(10, 5, 'min'), exception: true })],
        edges: [...core.edges, edge(`${id}-to-fix`, invalid.from, fix, 'branch', { probability: invalid.probability, label: invalid.label })],
        // If the API stays down past the retries, the CSR checks the address by hand.
        outlets: [core.outlets[0], next(fix, 'fixed'), deadLetter(id, 'API down: check by hand')],
        ...resources(templateSystems.addressApi, templatePools.csr),
      });
    },
  },
  // ---- credit
  {
    id: 'credit-check-auto',
    label: 'Automated credit check',
    category: 'credit',
    description: 'ERP credit-limit and past-due check (1 s); 95% straight through, 5% go on hold (E).',
    build: (id, p) =>
      build({
        ...checkWithDecision(
          { id, kind: 'integration', name: 'Automated credit check', system: templateSystems.erp.id, latency: lognormal(1, 0.5, 's') },
          p,
          'Credit OK?',
          { label: 'straight through', probability: 0.95 },
          { label: 'credit hold' },
          'credit-check-auto',
        ),
        ...resources(templateSystems.erp),
      }),
  },
  {
    id: 'credit-review',
    label: 'Manual credit approval',
    category: 'credit',
    description: 'Credit analyst reviews a hold: 10 +/- 8 min of work (E), by priority; 15% of holds rejected (E).',
    build: (id, p) =>
      build({
        ...checkWithDecision(
          { id, kind: 'activity', name: 'Credit analyst review', pool: templatePools.creditAnalysts.id, duration: lognormal(10, 8, 'min'), queue: { discipline: 'priority' }, exception: true },
          p,
          'Release or reject?',
          { label: 'released', probability: 0.85 },
          { label: 'rejected' },
          'credit-review',
        ),
        ...resources(templatePools.creditAnalysts),
      }),
  },
  {
    id: 'credit-limit-check',
    label: 'Credit check against limit',
    category: 'credit',
    description:
      "Each customer's open exposure (released, unpaid orders) plus the order against the segment's credit limit (model's customers section). Within it: next. Over it: held until payments make room, or down the hold edge to a review (typically 3-8% of orders, E); set reviewAfter to wait for payments first.",
    build: (id, p) =>
      build({
        nodes: [node({ id, kind: 'creditCheck', name: 'Credit check against limit', template: 'credit-limit-check', position: p })],
        // The hold edge goes to a review (e.g. the "Manual credit approval" template); without one, held orders
        // wait for payments only.
        outlets: [next(id, 'within limit'), hold(id, 'over limit: review')],
      }),
  },
  // ---- inventory
  {
    id: 'allocate-ship-available',
    label: 'Allocate stock (ship available, backorder rest)',
    category: 'inventory',
    description:
      "Allocates each line against the order site's stock (give sites a fill rate, 92-99% of lines [49], or an inventory): lines in stock ship at once, short lines follow as a backorder shipment by the same path.",
    build: (id, p) =>
      build({
        nodes: [node({ id, kind: 'allocate', name: 'Allocate (ship available)', template: 'allocate-ship-available', position: p, policy: 'shipAvailable' })],
        outlets: [next(id, 'allocated')],
      }),
  },
  {
    id: 'allocate-ship-complete',
    label: 'Allocate (ship complete)',
    category: 'inventory',
    description:
      "Allocates each line against the order site's stock (fill rate 92-99% [49], or an inventory) and holds the order until every line is in stock, then ships it whole (best in class ship >99.56% complete [19]).",
    build: (id, p) =>
      build({
        nodes: [node({ id, kind: 'allocate', name: 'Allocate (ship complete)', template: 'allocate-ship-complete', position: p, policy: 'shipComplete' })],
        outlets: [next(id, 'allocated')],
      }),
  },
  {
    id: 'allocate-source-elsewhere',
    label: 'Source from other site',
    category: 'inventory',
    description:
      'Short lines are taken from the other site with the most stock and transferred, 2 +/- 1 days (E: a ground transfer between DCs), to ship with the order; lines no site has become a backorder. Set transfer costs per line and per transfer.',
    build: (id, p) =>
      build({
        nodes: [
          node({
            id,
            kind: 'allocate',
            name: 'Allocate, source short lines elsewhere',
            template: 'allocate-source-elsewhere',
            position: p,
            policy: 'sourceElsewhere',
            // mostStock needs no site locations; `nearest` does.
            sourcing: { rule: 'mostStock', fulfil: 'transfer', transferTime: lognormal(2, 1, 'd') },
          }),
        ],
        outlets: [next(id, 'allocated')],
      }),
  },
  {
    id: 'inventory-allocation',
    label: 'Inventory allocation (ERP)',
    category: 'inventory',
    description: 'ERP reserves stock (1 s); 5% short (95% fill rate [49]) go to backorder.',
    build: (id, p) =>
      build({
        ...checkWithDecision(
          { id, kind: 'integration', name: 'Allocate inventory', system: templateSystems.erp.id, latency: lognormal(1, 0.5, 's') },
          p,
          'Stock available?',
          { label: 'allocated', probability: 0.95 },
          { label: 'short' },
          'inventory-allocation',
        ),
        ...resources(templateSystems.erp),
      }),
  },
  {
    id: 'backorder-wait',
    label: 'Backorder replenishment wait',
    category: 'inventory',
    description: 'Order waits for supply: 3 +/- 2 days (E: replenishment lead time of a stocked item).',
    build: (id, p) =>
      build({
        nodes: [node({ id, kind: 'delay', name: 'Wait for replenishment', template: 'backorder-wait', position: p, duration: lognormal(3, 2, 'd') })],
        outlets: [next(id, 'stock arrived')],
      }),
  },
  // ---- warehouse
  {
    id: 'erp-wms-batch-sync',
    label: 'ERP-to-WMS batch sync',
    category: 'warehouse',
    description: 'Released orders go to the WMS in a middleware batch every 15 min (the common floor [16], [17]); 0.5% fail (E), retried, then dead-lettered.',
    build: (id, p) =>
      build({
        nodes: [
          node({
            id,
            kind: 'integration',
            name: 'ERP-to-WMS batch sync',
            template: 'erp-wms-batch-sync',
            position: p,
            system: templateSystems.middleware.id,
            latency: lognormal(0.2, 0.2, 's'),
            failureProbability: 0.005,
            retry: standardRetry,
            mode: 'batch',
            batch: { interval: { value: 15, unit: 'min' } },
          }),
        ],
        outlets: [next(id), deadLetter(id)],
        ...resources(templateSystems.middleware),
      }),
  },
  {
    id: 'realtime-release',
    label: 'Real-time release to WMS',
    category: 'warehouse',
    description: 'Event-driven release through middleware (2 s, E); 0.5% transient failures retried with backoff, dead letter after (DOMAIN.md section 4).',
    build: (id, p) =>
      build({
        nodes: [
          node({
            id,
            kind: 'integration',
            name: 'Release to WMS (event)',
            template: 'realtime-release',
            position: p,
            system: templateSystems.middleware.id,
            latency: lognormal(2, 1, 's'),
            failureProbability: 0.005,
            timeout: { value: 30, unit: 's' },
            retry: standardRetry,
          }),
        ],
        outlets: [next(id), deadLetter(id)],
        ...resources(templateSystems.middleware),
      }),
  },
  {
    id: 'wave-release',
    label: 'Wave release',
    category: 'warehouse',
    description: 'Orders accumulate and are released to the floor in waves every 90 min (waves of 1-4 h [15]).',
    build: (id, p) =>
      build({
        nodes: [node({ id, kind: 'batch', name: 'Wave release', template: 'wave-release', position: p, every: { value: 90, unit: 'min' } })],
        outlets: [next(id)],
      }),
  },
  {
    id: 'pick-piece',
    label: 'Pick (piece, RF, per line)',
    category: 'warehouse',
    description: 'RF piece pick 0.5 +/- 0.25 min per line (E, within [9]); 0.7% of orders mis-picked (E, WERC median [19]).',
    build: (id, p) =>
      build({
        nodes: [
          node({
            id,
            kind: 'activity',
            name: 'Pick (piece, RF)',
            template: 'pick-piece',
            position: p,
            pool: templatePools.pickers.id,
            duration: lognormal(0.5, 0.25, 'min'),
            durationPer: 'line',
            queue: { discipline: 'priority' },
            failureProbability: 0.007,
          }),
        ],
        outlets: [next(id), error(id, 'mis-pick')],
        ...resources(templatePools.pickers),
      }),
  },
  {
    id: 'pick-case',
    label: 'Pick (case)',
    category: 'warehouse',
    description: 'Case pick 0.45 +/- 0.2 min per case, one case per line (pallet flow to conveyor [9]); 0.5% errors (E).',
    build: (id, p) =>
      build({
        nodes: [
          node({
            id,
            kind: 'activity',
            name: 'Pick (case)',
            template: 'pick-case',
            position: p,
            pool: templatePools.pickers.id,
            duration: lognormal(0.45, 0.2, 'min'),
            durationPer: 'line',
            queue: { discipline: 'priority' },
            failureProbability: 0.005,
          }),
        ],
        outlets: [next(id), error(id, 'mis-pick')],
        ...resources(templatePools.pickers),
      }),
  },
  {
    id: 'pack',
    label: 'Pack',
    category: 'warehouse',
    description: 'Pack an order of about three parcels: 4.5 +/- 2.5 min (1.5 +/- 0.7 min per carton, E from [14]); 0.5% errors (E).',
    build: (id, p) =>
      build({
        nodes: [node({ id, kind: 'activity', name: 'Pack', template: 'pack', position: p, pool: templatePools.packers.id, duration: lognormal(4.5, 2.5, 'min'), failureProbability: 0.005 })],
        outlets: [next(id), error(id, 'pack error')],
        ...resources(templatePools.packers),
      }),
  },
  // ---- transport
  {
    id: 'carrier-booking',
    label: 'Carrier booking (TMS / carrier API)',
    category: 'transport',
    description: 'Label and booking call 4 +/- 2 s [27], 10 s timeout [28], 1% transient errors retried with backoff (E), dead letter after.',
    build: (id, p) =>
      build({
        nodes: [
          node({
            id,
            kind: 'integration',
            name: 'Book carrier / print label',
            template: 'carrier-booking',
            position: p,
            system: templateSystems.carrierApi.id,
            latency: lognormal(4, 2, 's'),
            timeout: { value: 10, unit: 's' },
            failureProbability: 0.01,
            retry: standardRetry,
          }),
        ],
        outlets: [next(id), deadLetter(id, 'book by hand')],
        ...resources(templateSystems.carrierApi),
      }),
  },
  {
    id: 'ltl-tender',
    label: 'LTL tender via TMS',
    category: 'transport',
    description: 'LTL load tendered through the TMS (30 s); 2% rejected (E) and tendered by hand (5 +/- 3 min, E).',
    build: (id, p) => {
      const manual = `${id}-manual`;
      return build({
        nodes: [
          node({ id, kind: 'integration', name: 'Tender LTL load (TMS)', template: 'ltl-tender', position: p, system: templateSystems.tms.id, latency: lognormal(30, 15, 's'), failureProbability: 0.02 }),
          node({ id: manual, kind: 'activity', name: 'Tender by phone / portal', template: 'ltl-tender', position: at(p, dx, dy), pool: templatePools.shippingClerks.id, duration: lognormal(5, 3, 'min') }),
        ],
        edges: [edge(`${id}-rejected`, id, manual, 'deadLetter', { label: 'rejected' })],
        outlets: [next(id, 'tendered'), next(manual, 'tendered by hand')],
        ...resources(templateSystems.tms, templatePools.shippingClerks),
      });
    },
  },
  {
    id: 'ship-confirm-manual',
    label: 'Shipment confirmation + ASN (manual)',
    category: 'transport',
    description: 'Shipping clerk keys the confirmation and ASN: 2 +/- 1 min (E); 1% late or mismatched (E). Milestone: ship.',
    build: (id, p) =>
      build({
        nodes: [node({
            id,
            kind: 'activity',
            name: 'Key ship confirm + ASN',
            template: 'ship-confirm-manual',
            position: p,
            pool: templatePools.shippingClerks.id,
            duration: lognormal(2, 1, 'min'),
            failureProbability: 0.01,
            milestone: 'ship',
          })],
        outlets: [next(id), error(id, 'late / mismatched ASN')],
        ...resources(templatePools.shippingClerks),
      }),
  },
  {
    id: 'ship-confirm-auto',
    label: 'Shipment confirmation + ASN (automated)',
    category: 'transport',
    description: 'WMS confirms the shipment to the ERP and sends the 856 ASN (1 s); 1% late or mismatched (E) go to a person. Milestone: ship.',
    build: (id, p) =>
      build({
        nodes: [node({
            id,
            kind: 'integration',
            name: 'Ship confirm + ASN (event)',
            template: 'ship-confirm-auto',
            position: p,
            system: templateSystems.wms.id,
            latency: lognormal(1, 0.5, 's'),
            failureProbability: 0.01,
            milestone: 'ship',
          })],
        outlets: [next(id), deadLetter(id, 'mismatch')],
        ...resources(templateSystems.wms),
      }),
  },
  // ---- finance
  {
    id: 'invoice-auto',
    label: 'Automated invoice',
    category: 'finance',
    description: 'ERP invoice run every 30 min, i.e. 0-1 h after shipment (E); 0.5% errors (E) dead-lettered to billing. Milestone: invoice.',
    build: (id, p) =>
      build({
        nodes: [
          node({
            id,
            kind: 'integration',
            name: 'Automated invoice (810)',
            template: 'invoice-auto',
            position: p,
            system: templateSystems.erp.id,
            latency: lognormal(1, 0.5, 's'),
            failureProbability: 0.005,
            mode: 'batch',
            batch: { interval: { value: 30, unit: 'min' } },
            milestone: 'invoice',
          }),
        ],
        outlets: [next(id), deadLetter(id, 'invoice error')],
        ...resources(templateSystems.erp),
      }),
  },
  {
    id: 'invoice-manual',
    label: 'Manual invoice (billing clerk)',
    category: 'finance',
    description: 'Paperwork waits ~3 days (E; survey mix [30]) before a billing clerk raises the invoice (2.5 +/- 1.5 min, E); 2% errors (E). Milestone: invoice, when the clerk raises it.',
    build: (id, p) => {
      const work = `${id}-clerk`;
      return build({
        nodes: [
          node({ id, kind: 'delay', name: 'Paperwork waits for billing', template: 'invoice-manual', position: p, duration: lognormal(3, 3, 'd') }),
          node({
            id: work,
            kind: 'activity',
            name: 'Raise invoice (clerk)',
            template: 'invoice-manual',
            position: at(p, dx, 0),
            pool: templatePools.billingClerks.id,
            duration: lognormal(2.5, 1.5, 'min'),
            failureProbability: 0.02,
            milestone: 'invoice',
          }),
        ],
        edges: [edge(`${id}-to-clerk`, id, work)],
        outlets: [next(work, 'invoiced'), error(work, 'invoice error')],
        ...resources(templatePools.billingClerks),
      });
    },
  },
  {
    id: 'customer-payment',
    label: 'Customer payment',
    category: 'finance',
    description: 'Customer pays 45 +/- 15 days after invoice (DSO [31]); 3% dispute (E), settled after 12 +/- 10 days (E within [36]).',
    build: (id, p) => {
      const core = checkWithDecision(
        { id, kind: 'delay', name: 'Customer pays', duration: lognormal(45, 15, 'd') },
        p,
        'Paid as invoiced?',
        { label: 'paid', probability: 0.97 },
        { label: 'disputed' },
        'customer-payment',
      );
      const dispute = `${id}-dispute`;
      const disputed = core.outlets[1];
      return build({
        nodes: [...core.nodes, node({ id: dispute, kind: 'delay', name: 'Dispute resolution', template: 'customer-payment', position: at(p, 2 * dx, dy), duration: lognormal(12, 10, 'd') })],
        edges: [...core.edges, edge(`${id}-to-dispute`, disputed.from, dispute, 'branch', { probability: disputed.probability, label: disputed.label })],
        outlets: [core.outlets[0], next(dispute, 'settled')],
      });
    },
  },
  {
    id: 'await-payment',
    label: 'Await customer payment',
    category: 'finance',
    description:
      "Waits for the customer's payment: 45 +/- 15 days after invoice (DSO 43-51 days [31], [32]). Remove daysToPay to use each customer segment's payment terms instead.",
    build: (id, p) =>
      build({
        nodes: [node({ id, kind: 'awaitPayment', name: 'Customer pays', template: 'await-payment', position: p, daysToPay: lognormal(45, 15, 'd') })],
        outlets: [next(id, 'paid')],
      }),
  },
  {
    id: 'cash-application',
    label: 'Cash application',
    category: 'finance',
    description:
      'Remittance auto-matched in 70% of cases (E, [33]); the rest applied by an AR clerk (6 +/- 3 min [35]), 2% stay unapplied (E). Milestone: cash, when the remittance arrives (the customer has paid).',
    build: (id, p) => {
      const core = checkWithDecision(
        // The cash milestone sits on the first step every payment passes: after it, the customer has paid.
        { id, kind: 'integration', name: 'Auto-match remittance', system: templateSystems.cashApp.id, latency: lognormal(1, 0.5, 's'), milestone: 'cash' },
        p,
        'Matched?',
        { label: 'auto-matched', probability: 0.7 },
        { label: 'manual' },
        'cash-application',
      );
      const manual = `${id}-manual`;
      const unmatched = core.outlets[1];
      return build({
        nodes: [
          ...core.nodes,
          node({ id: manual, kind: 'activity', name: 'Apply cash by hand', template: 'cash-application', position: at(p, 2 * dx, dy), pool: templatePools.arClerks.id, duration: lognormal(6, 3, 'min'), failureProbability: 0.02 }),
        ],
        edges: [...core.edges, edge(`${id}-to-manual`, unmatched.from, manual, 'branch', { probability: unmatched.probability, label: unmatched.label })],
        outlets: [core.outlets[0], next(manual, 'applied'), error(manual, 'unapplied')],
        ...resources(templateSystems.cashApp, templatePools.arClerks),
      });
    },
  },
  // ---- exceptions
  {
    id: 'exception-desk-spreadsheet',
    label: 'Exception desk (spreadsheet)',
    category: 'exceptions',
    description: 'Exceptions logged in a shared spreadsheet, worked from a daily review at 09:00 (E), 20 +/- 15 min each (E).',
    build: (id, p) => {
      const work = `${id}-work`;
      return build({
        nodes: [
          node({ id, kind: 'batch', name: 'Daily spreadsheet review', template: 'exception-desk-spreadsheet', position: p, every: { value: 1, unit: 'd' }, offset: { value: 9, unit: 'h' }, exception: true }),
          node({
            id: work,
            kind: 'activity',
            name: 'Work exception (spreadsheet)',
            template: 'exception-desk-spreadsheet',
            position: at(p, dx, 0),
            pool: templatePools.exceptionClerks.id,
            duration: lognormal(20, 15, 'min'),
            exception: true,
          }),
        ],
        edges: [edge(`${id}-to-work`, id, work)],
        outlets: [next(work, 'resolved')],
        ...resources(templatePools.exceptionClerks),
      });
    },
  },
  {
    id: 'exception-desk-case',
    label: 'Exception desk (case management)',
    category: 'exceptions',
    description: 'Governed exception queue: cases routed at once by priority, 15 +/- 10 min each (E: context arrives with the case).',
    build: (id, p) =>
      build({
        nodes: [
          node({
            id,
            kind: 'activity',
            name: 'Work exception case',
            template: 'exception-desk-case',
            position: p,
            pool: templatePools.exceptionClerks.id,
            duration: lognormal(15, 10, 'min'),
            queue: { discipline: 'priority' },
            exception: true,
          }),
        ],
        outlets: [next(id, 'resolved')],
        ...resources(templatePools.exceptionClerks),
      }),
  },
  {
    id: 'ai-exception-triage',
    label: 'AI-assisted exception triage',
    category: 'exceptions',
    description: 'An AI agent classifies and fixes routine exceptions (30 +/- 20 s, $0.05 a case, E); resolves 60% (E), escalates the rest.',
    build: (id, p) =>
      build({
        ...checkWithDecision(
          { id, kind: 'activity', name: 'AI triage', pool: templatePools.aiTriage.id, duration: lognormal(30, 20, 's'), costPerVisit: 0.05, exception: true },
          p,
          'Resolved by AI?',
          { label: 'resolved', probability: 0.6 },
          { label: 'escalate' },
          'ai-exception-triage',
        ),
        ...resources(templatePools.aiTriage),
      }),
  },
];

/** The system entities of the palette, each with the default outages (every ~90 days, 2 h). */
export const systemTemplates: readonly System[] = Object.values(templateSystems);

/** Looks a template up by id. */
export function findTemplate(id: string): NodeTemplate | undefined {
  return nodeTemplates.find((t) => t.id === id);
}

/**
 * Edges for a build's outlets, given where each goes (by outlet index). Throws when the number of targets differs
 * from the number of outlets (a programming error, not a model problem).
 * @example const edges = connectOutlets(build, ['credit', 'exceptions']);
 */
export function connectOutlets(templateBuild: TemplateBuild, targets: readonly string[]): WorkflowEdge[] {
  if (targets.length !== templateBuild.outlets.length)
    throw new Error(`connectOutlets: the build has ${templateBuild.outlets.length} outlets but ${targets.length} targets were given.`);
  return templateBuild.outlets.map((outlet, i) => {
    const out: WorkflowEdge = { id: `${outlet.from}-${outlet.kind}-${i}`, from: outlet.from, to: targets[i], kind: outlet.kind, label: outlet.label };
    if (outlet.probability !== undefined) out.probability = outlet.probability;
    return out;
  });
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
