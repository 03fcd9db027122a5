import { z } from 'zod';
import { timeDistributionSchema, valueDistributionSchema } from './distributions';
import { durationSchema } from './units';
import { limits } from './limits';

/**
 * Model format v2: one workflow model file (`*.flowcast.json`). v2 added order lines, stock, allocation, credit,
 * payment and fulfilment milestones (docs/model-format.md; `models/migrations/versions.ts` turns v1 files into v2).
 * The zod schemas below are the single source of truth for its shape; `docs/model-format.md` explains them
 * and `models/flowcast.schema.json` is generated from them (`npm run schema`).
 */
export const CURRENT_FORMAT_VERSION = 2;

// zod otherwise probes `new Function` to compile fast parsers; the studio's CSP forbids eval, so the probe
// only logs a violation there. Validation is not a hot path, so the interpreted parser is used everywhere.
z.config({ jitless: true });

/** Ids are short, stable identifiers referenced by edges, SLAs and overrides. */
export const idSchema = z
  .string()
  .min(1)
  .max(limits.idLength)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'ids start with a letter and use letters, digits, "-" and "_" only');
const nameSchema = z.string().min(1).max(limits.nameLength);
const textSchema = z.string().max(limits.textLength);
const probabilitySchema = z.number().min(0).max(1);
const moneySchema = z.number().min(0).max(1e9);
const countSchema = (max: number) => z.number().int().min(0).max(max);

export const positionSchema = z.strictObject({ x: z.number().min(-1e7).max(1e7), y: z.number().min(-1e7).max(1e7) });

// ---------------------------------------------------------------------------------------------- metadata

export const metadataSchema = z.strictObject({
  name: nameSchema,
  description: textSchema.default(''),
  author: z.string().max(limits.nameLength).optional(),
  /** Assumptions and where the numbers come from, one statement each. */
  assumptions: z.array(textSchema).max(limits.listLength).default([]),
});

// ---------------------------------------------------------------------------------------------- calendars

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use 24-hour "HH:MM", e.g. "08:30"');

/** A weekly working window: on these days from `start` to `end` ("22:00" to "06:00" runs past midnight). */
export const shiftWindowSchema = z.strictObject({
  days: z.array(z.enum(weekdays)).min(1).max(7),
  start: clockTimeSchema,
  end: clockTimeSchema,
});

/** A shift calendar; a pool with a calendar works only inside its windows (simulation starts Monday 00:00). */
export const calendarSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  windows: z.array(shiftWindowSchema).min(1).max(limits.listLength),
});
export type Calendar = z.infer<typeof calendarSchema>;

// ---------------------------------------------------------------------------------------------- sites, pools, systems

export const siteSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  /** Share of all orders placed at this site (shares are normalised over all sites). */
  volumeShare: z.number().min(0).max(1e6),
  /** Per-site changes to nodes, pools or systems: an acquired site with slower manual steps, a different WMS. */
  overrides: z.array(z.lazy(() => siteOverrideSchema)).max(limits.listLength).default([]),
  /** Where the site is (WGS84 degrees), for the `nearest` sourcing rule. */
  location: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  /** How line availability is decided at this site; omitted means every line is always in stock. */
  stock: z.lazy(() => stockSchema).optional(),
});
export type Site = z.infer<typeof siteSchema>;

// ---------------------------------------------------------------------------------------------- stock

/** A product class name (e.g. "A", "fast-movers"); lines draw one from their source's `productMix`. */
export const productClassSchema = z.string().min(1).max(limits.idLength).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'product classes use letters, digits, "-" and "_"');

/**
 * Fill-rate stock: each line of this class is in stock with probability `fillProbability` (independently);
 * a short line becomes available after `replenishmentLeadTime`.
 */
export const fillRateClassSchema = z.strictObject({
  /** The product class this row is for; omitted means every class without a row of its own. */
  productClass: productClassSchema.optional(),
  fillProbability: probabilitySchema,
  replenishmentLeadTime: timeDistributionSchema,
});

/**
 * Inventory stock, an (s, Q) policy per class: lines draw `on hand` down by their quantity; when the inventory
 * position (on hand + on order - backordered) falls to `reorderPoint` or below, `reorderQuantity` is ordered
 * (as many times as needed to rise above it), arriving after `replenishmentLeadTime`.
 */
export const inventoryClassSchema = z.strictObject({
  productClass: productClassSchema.optional(),
  /** Units on hand at the start of the simulation. */
  initialOnHand: z.number().int().min(0).max(1e9),
  reorderPoint: z.number().int().min(-1e9).max(1e9),
  reorderQuantity: z.number().int().min(1).max(1e9),
  replenishmentLeadTime: timeDistributionSchema,
  /** Value of one unit (what it cost to buy): carrying cost = finance.carryingRatePerYear x unitCost x mean on hand. */
  unitCost: moneySchema.default(0),
});

export const stockSchema = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('fillRate'), classes: z.array(fillRateClassSchema).min(1).max(limits.listLength) }),
  z.strictObject({ model: z.literal('inventory'), classes: z.array(inventoryClassSchema).min(1).max(limits.listLength) }),
]);
export type Stock = z.infer<typeof stockSchema>;

export const poolSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  /** `site`: each site has its own team of `capacity` people; `shared`: one team serves every site. */
  scope: z.enum(['site', 'shared']).default('site'),
  capacity: countSchema(limits.poolCapacity),
  /** Shift calendar id; without one the pool works around the clock. */
  calendar: idSchema.optional(),
  /** Loaded labour cost of one unit of capacity per paid hour (on shift, busy or idle). */
  costPerHour: moneySchema.default(0),
});
export type Pool = z.infer<typeof poolSchema>;

export const scheduledOutageSchema = z.strictObject({
  /** Time from the start of the simulation (Monday 00:00) to the first outage. */
  start: durationSchema,
  duration: durationSchema,
  /** Repeat period, e.g. weekly maintenance; omitted means once. */
  repeatEvery: durationSchema.optional(),
});

export const systemSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  kind: z.enum(['erp', 'wms', 'tms', 'middleware', 'carrier-api', 'edi', 'crm', 'finance', 'other']).default('other'),
  /** Calls served at once; further calls queue for the system. Omitted means unlimited. */
  concurrency: z.number().int().min(1).max(limits.poolCapacity).optional(),
  costPerCall: moneySchema.default(0),
  outages: z
    .strictObject({
      scheduled: z.array(scheduledOutageSchema).max(limits.listLength).default([]),
      /** Random outages: time between failures is exponential with mean `mtbf`; repair time as given. */
      random: z.strictObject({ mtbf: durationSchema, mttr: timeDistributionSchema }).optional(),
      /** During an outage calls either `fail` at once (then retry or dead-letter) or are `hold`-ed until it ends. */
      behaviour: z.enum(['fail', 'hold']).default('hold'),
    })
    .default({ scheduled: [], behaviour: 'hold' }),
  /** Windows in which every call fails with an extra probability (e.g. a carrier API struggling at peak). */
  failureSpikes: z
    .array(z.strictObject({ start: durationSchema, duration: durationSchema, extraFailureProbability: probabilitySchema }))
    .max(limits.listLength)
    .default([]),
});
export type System = z.infer<typeof systemSchema>;

// ---------------------------------------------------------------------------------------------- order attributes

const attributeNameSchema = z
  .string()
  .min(1)
  .max(limits.idLength)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'attribute names start with a letter and use letters, digits and "_" only');
const attributeValueSchema = z.string().min(1).max(limits.idLength);

/** A categorical order attribute drawn per order, e.g. channel EDI 55%, portal 10%. */
export const attributeMixSchema = z.strictObject({
  attribute: attributeNameSchema,
  values: z
    .array(z.strictObject({ value: attributeValueSchema, share: z.number().min(0).max(1e6) }))
    .min(1)
    .max(limits.listLength),
});

export const arrivalsSchema = z.strictObject({
  /** Poisson arrival rate in orders per hour before the profiles and multiplier are applied. */
  ratePerHour: z.number().min(0).max(1e7),
  /** 24 multipliers of the rate, one per hour of the day (00-01 first). */
  hourOfDay: z.array(z.number().min(0).max(1000)).length(24).optional(),
  /** 7 multipliers of the rate, Monday first. */
  dayOfWeek: z.array(z.number().min(0).max(1000)).length(7).optional(),
  volumeMultiplier: z.number().min(0).max(1000).default(1),
  /** Windows in which the rate is multiplied further (peak season, a promotion, a demand shock). */
  surges: z
    .array(z.strictObject({ start: durationSchema, duration: durationSchema, multiplier: z.number().min(0).max(1000) }))
    .max(limits.listLength)
    .default([]),
});
export type Arrivals = z.infer<typeof arrivalsSchema>;

// ---------------------------------------------------------------------------------------------- nodes

const nodeBase = {
  id: idSchema,
  name: nameSchema,
  description: textSchema.optional(),
  position: positionSchema.optional(),
  /** The template this node was made from, if any (for the palette and reports). */
  template: z.string().max(limits.idLength).optional(),
  /** A fixed cost per visit (freight per shipment, a fee), in the model's currency. */
  costPerVisit: moneySchema.optional(),
  /** A cost per order line handled at this step (pick and pack handling). */
  costPerLine: moneySchema.optional(),
  /** A fulfilment milestone reached when a shipment leaves this node (each counted once per shipment). */
  milestone: z.enum(['ship', 'invoice', 'cash']).optional(),
  /** Work here is exception handling (credit review, address fixes, a backorder desk): its labour is reported as exception cost. */
  exception: z.boolean().optional(),
};

/** "Ordered before 15:00 on a working day ships that day, else the next working day", plus `leadDays`. */
export const promiseRuleSchema = z.strictObject({
  cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use 24-hour "HH:MM", e.g. "15:00"').default('15:00'),
  /** Working days added after the first possible ship day. */
  leadDays: z.number().int().min(0).max(365).default(0),
  workdays: z.array(z.enum(weekdays)).min(1).max(7).default(['mon', 'tue', 'wed', 'thu', 'fri']),
  /** The promised ship day ends at this time (carrier pickup). */
  shipBy: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use 24-hour "HH:MM", e.g. "18:00"').default('24:00'),
  /** The date the customer asks for, as a lead time after ordering; the promise is never earlier. Omitted: as soon as possible. */
  requestedLeadTime: timeDistributionSchema.optional(),
});
export type PromiseRule = z.infer<typeof promiseRuleSchema>;

export const queueSchema = z.strictObject({
  discipline: z.enum(['fifo', 'priority']).default('fifo'),
  /** Orders that may wait here at most; an order finding the queue full takes the `overflow` edge. */
  capacity: z.number().int().min(0).max(limits.maxOrdersInSystem).optional(),
});

export const sourceNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('source'),
  arrivals: arrivalsSchema,
  /** Order lines per order (rounded to a whole number, at least 1). */
  lines: valueDistributionSchema.default({ kind: 'constant', value: 1 }),
  /** Units per line (rounded, at least 1): what a line takes from stock. */
  lineQuantity: valueDistributionSchema.default({ kind: 'constant', value: 1 }),
  /**
   * Value in the model's currency, drawn per order (shared equally by its lines) or per line (summed to the
   * order's value).
   */
  value: z
    .strictObject({ per: z.enum(['order', 'line']).default('order'), distribution: valueDistributionSchema })
    .default({ per: 'order', distribution: { kind: 'constant', value: 0 } }),
  /** Share of lines in each product class; empty means one class, `default`. */
  productMix: z
    .array(z.strictObject({ value: productClassSchema, share: z.number().min(0).max(1e6) }))
    .max(limits.listLength)
    .default([]),
  /** The promise made to the customer: the ship-by time OTIF is measured against. Omitted: no promise, no OTIF. */
  promise: promiseRuleSchema.optional(),
  /** Share of each priority class (names from the model's `priorityClasses`). */
  priorityMix: z
    .array(z.strictObject({ value: attributeValueSchema, share: z.number().min(0).max(1e6) }))
    .max(limits.listLength)
    .default([]),
  /** Other categorical attributes (channel, customer segment, ...). */
  attributes: z.array(attributeMixSchema).max(limits.listLength).default([]),
  /** Which sites this source's orders go to; omitted means the model's site volume shares. */
  siteShares: z
    .array(z.strictObject({ site: idSchema, share: z.number().min(0).max(1e6) }))
    .max(limits.listLength)
    .optional(),
});

export const activityNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('activity'),
  /** Work time per order, or per order line when `durationPer` is `line` (one draw per line, summed). */
  duration: timeDistributionSchema,
  durationPer: z.enum(['order', 'line']).default('order'),
  pool: idSchema,
  /** Units of the pool held for the whole duration. */
  quantity: z.number().int().min(1).max(limits.poolCapacity).default(1),
  queue: queueSchema.default({ discipline: 'fifo' }),
  /** Share of visits that end in an error and take the `error` edge after the work is done. */
  failureProbability: probabilitySchema.default(0),
});

export const retrySchema = z.strictObject({
  /** Attempts in all, including the first. 1 means no retry. */
  maxAttempts: z.number().int().min(1).max(100).default(1),
  initialBackoff: durationSchema.default({ value: 1, unit: 's' }),
  multiplier: z.number().min(1).max(100).default(2),
  maxBackoff: durationSchema.default({ value: 5, unit: 'min' }),
  /** Each backoff is multiplied by a uniform factor in [1 - jitter, 1 + jitter]. */
  jitter: z.number().min(0).max(1).default(0),
});

export const integrationNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('integration'),
  system: idSchema,
  latency: timeDistributionSchema,
  /** Share of attempts that fail (transient errors: 429, 5xx). */
  failureProbability: probabilitySchema.default(0),
  /** A call whose latency passes this is abandoned after waiting this long and counts as failed. */
  timeout: durationSchema.optional(),
  retry: retrySchema.default({ maxAttempts: 1, initialBackoff: { value: 1, unit: 's' }, multiplier: 2, maxBackoff: { value: 5, unit: 'min' }, jitter: 0 }),
  /** `realtime` calls at once; `batch` waits for the next scheduled batch run. */
  mode: z.enum(['realtime', 'batch']).default('realtime'),
  batch: z
    .strictObject({
      interval: durationSchema,
      /** First run after the start of the simulation (default: one interval). */
      offset: durationSchema.optional(),
      /** Orders arriving less than this before a run wait for the following run. */
      cutoff: durationSchema.optional(),
    })
    .optional(),
});

export const decisionNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('decision'),
  /** `probability`: branch edges carry probabilities; `condition`: the first branch whose condition holds wins. */
  mode: z.enum(['probability', 'condition']).default('probability'),
});

export const splitNodeSchema = z.strictObject({ ...nodeBase, kind: z.literal('split') });

export const joinNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('join'),
  /** The split whose branches this join waits for (all of them, for the same order). */
  split: idSchema,
});

export const delayNodeSchema = z.strictObject({ ...nodeBase, kind: z.literal('delay'), duration: timeDistributionSchema });

export const batchNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('batch'),
  /** Release everything waiting every `every` (a wave), or as soon as `atCount` orders wait; at least one. */
  every: durationSchema.optional(),
  offset: durationSchema.optional(),
  atCount: z.number().int().min(1).max(limits.maxOrdersInSystem).optional(),
});

/**
 * Allocation of the order's lines against the stock of its site. `shipComplete`: wait until every line is
 * available. `shipAvailable`: ship what is available now; the short lines become a follow-on shipment that leaves
 * by the `next` edge once they are available. `sourceElsewhere`: look for short lines at other sites first.
 */
export const allocateNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('allocate'),
  policy: z.enum(['shipComplete', 'shipAvailable', 'sourceElsewhere']).default('shipComplete'),
  /** Short lines waiting longer than this are cancelled; a shipment left with no line takes the `error` edge. */
  maxBackorderWait: durationSchema.optional(),
  sourcing: z
    .strictObject({
      /** `nearest` by site location, `mostStock` (most on hand, or highest fill probability), or the `sites` order. */
      rule: z.enum(['nearest', 'mostStock', 'priorityList']).default('nearest'),
      /** Sites that may supply; omitted means every other site. */
      sites: z.array(idSchema).max(limits.sites).optional(),
      /** `transfer`: the lines travel to the order's site and ship with it; `secondShipment`: the other site ships them. */
      fulfil: z.enum(['transfer', 'secondShipment']).default('transfer'),
      transferTime: timeDistributionSchema.default({ kind: 'constant', value: 1, unit: 'd' }),
      costPerLine: moneySchema.default(0),
      costPerShipment: moneySchema.default(0),
    })
    .optional(),
});

/**
 * A credit check against the customer's limit: orders within it leave by `next` and add their value to the
 * customer's open exposure (until paid). Orders over it are held until payments make room, or, after
 * `reviewAfter`, go down the `hold` edge to a manual review.
 */
export const creditCheckNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('creditCheck'),
  reviewAfter: durationSchema.optional(),
});

/** Waits for the customer's payment: days-to-pay of the order's segment (or `daysToPay` here). */
export const awaitPaymentNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('awaitPayment'),
  daysToPay: timeDistributionSchema.optional(),
});

export const outcomes = ['fulfilled', 'cancelled', 'rejected', 'failed', 'backordered'] as const;
export type Outcome = (typeof outcomes)[number];

export const endNodeSchema = z.strictObject({ ...nodeBase, kind: z.literal('end'), outcome: z.enum(outcomes).default('fulfilled') });

export const nodeSchema = z.discriminatedUnion('kind', [
  sourceNodeSchema,
  activityNodeSchema,
  integrationNodeSchema,
  decisionNodeSchema,
  splitNodeSchema,
  joinNodeSchema,
  delayNodeSchema,
  batchNodeSchema,
  allocateNodeSchema,
  creditCheckNodeSchema,
  awaitPaymentNodeSchema,
  endNodeSchema,
]);
export type WorkflowNode = z.infer<typeof nodeSchema>;
export type NodeKind = WorkflowNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<WorkflowNode, { kind: K }>;
export const nodeKinds: readonly NodeKind[] = [
  'source',
  'activity',
  'integration',
  'decision',
  'split',
  'join',
  'delay',
  'batch',
  'allocate',
  'creditCheck',
  'awaitPayment',
  'end',
];

// ---------------------------------------------------------------------------------------------- edges

export const conditionSchema = z.strictObject({
  /** `site`, `priority`, `channel` or any attribute; `lines` and `value` are numeric. */
  attribute: attributeNameSchema,
  op: z.enum(['eq', 'neq', 'in', 'lt', 'lte', 'gt', 'gte']),
  value: z.union([z.string().max(limits.idLength), z.number().min(-1e12).max(1e12), z.array(z.string().max(limits.idLength)).max(limits.listLength)]),
});
export type Condition = z.infer<typeof conditionSchema>;

/**
 * `next`: the normal path (from a split: every `next` edge is taken at once). `branch`: a decision's outcome.
 * `error`: an activity's failure path; an allocation's path for a shipment whose lines were all cancelled
 * (`maxBackorderWait`). `overflow`: an activity's full-queue path. `deadLetter`: an integration's path once its
 * retries are exhausted. `hold`: a credit check's path to manual review.
 */
export const edgeKinds = ['next', 'branch', 'error', 'overflow', 'deadLetter', 'hold'] as const;
export type EdgeKind = (typeof edgeKinds)[number];

export const edgeSchema = z.strictObject({
  id: idSchema,
  from: idSchema,
  to: idSchema,
  kind: z.enum(edgeKinds).default('next'),
  /** For `branch` edges of a probability decision. */
  probability: probabilitySchema.optional(),
  /** For `branch` edges of a condition decision; a branch with `otherwise: true` takes what no condition matched. */
  condition: conditionSchema.optional(),
  otherwise: z.boolean().optional(),
  label: z.string().max(limits.nameLength).optional(),
});
export type WorkflowEdge = z.infer<typeof edgeSchema>;

// ---------------------------------------------------------------------------------------------- SLAs, overrides, variants

export const slaSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  /** `arrival`, or a node id: the clock starts when the order leaves that node. */
  from: idSchema,
  /** The clock stops when the order leaves this node. */
  to: idSchema,
  target: durationSchema,
  /** Share of orders that must meet the target, e.g. 0.95. */
  goal: probabilitySchema.default(0.95),
});
export type Sla = z.infer<typeof slaSchema>;

/** A deep-merge patch: objects merge key by key, arrays and values replace. */
const patchValueSchema = z.record(z.string().max(limits.idLength), z.unknown());

export const siteOverrideSchema = z.strictObject({
  target: z.enum(['node', 'pool', 'system']),
  id: idSchema,
  set: patchValueSchema,
});
export type SiteOverride = z.infer<typeof siteOverrideSchema>;

export const variantPatchSchema = z.strictObject({
  target: z.enum(['node', 'edge', 'pool', 'system', 'site', 'calendar', 'sla', 'run', 'customers', 'finance']),
  /** The id of the thing changed; not used for `run`, `customers` and `finance`. */
  id: idSchema.optional(),
  set: patchValueSchema,
});
export type VariantPatch = z.infer<typeof variantPatchSchema>;

export const variantSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  description: textSchema.default(''),
  patches: z.array(variantPatchSchema).max(limits.listLength),
});
export type Variant = z.infer<typeof variantSchema>;

/** A customer segment: its customers share its credit terms and payment behaviour. */
export const customerSegmentSchema = z.strictObject({
  /** The value of the model's `customers.segmentAttribute` that marks an order of this segment. */
  value: attributeValueSchema,
  /** Customers in the segment; each order belongs to one of them, drawn uniformly. */
  customers: z.number().int().min(1).max(1e6),
  /** Open exposure (released, unpaid order value) a customer may have; omitted means no limit. */
  creditLimit: moneySchema.optional(),
  /** Time from invoice to payment. */
  daysToPay: timeDistributionSchema,
  /**
   * Open receivables each customer already owes at the start (from the ledger; drawn once per customer, so the
   * spread between customers is there from day one), so credit checks bind from the start instead of after a payment
   * cycle of warm-up. Each customer pays its own off in equal daily parts over the mean days to pay. It weighs in
   * credit checks only; working capital and cash figures measure the simulated orders. Omitted: nothing owed.
   */
  openingExposure: valueDistributionSchema.optional(),
});

export const customersSchema = z.strictObject({
  /** The order attribute (from the sources' `attributes`) naming the segment; omitted means one segment for all. */
  segmentAttribute: attributeNameSchema.optional(),
  segments: z.array(customerSegmentSchema).min(1).max(limits.listLength),
});
export type Customers = z.infer<typeof customersSchema>;

export const financeSchema = z.strictObject({
  /** Cost of capital per year on working capital (receivables, shipped-not-invoiced, stock), e.g. 0.1. */
  carryingRatePerYear: z.number().min(0).max(10).default(0),
});

export const runSettingsSchema = z.strictObject({
  horizon: durationSchema,
  warmup: durationSchema.default({ value: 0, unit: 'd' }),
  replications: z.number().int().min(1).max(limits.replications).default(10),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
});
export type RunSettings = z.infer<typeof runSettingsSchema>;

// ---------------------------------------------------------------------------------------------- the model

export const workflowSchema = z.strictObject({
  $schema: z.string().max(limits.textLength).optional(),
  formatVersion: z.literal(CURRENT_FORMAT_VERSION),
  metadata: metadataSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "USD"').default('USD'),
  run: runSettingsSchema,
  /** Priority classes, most urgent first (used by priority queues). */
  priorityClasses: z.array(attributeValueSchema).max(20).default(['standard']),
  sites: z.array(siteSchema).min(1).max(limits.sites),
  calendars: z.array(calendarSchema).max(limits.listLength).default([]),
  pools: z.array(poolSchema).max(limits.listLength).default([]),
  systems: z.array(systemSchema).max(limits.listLength).default([]),
  nodes: z.array(nodeSchema).min(1).max(limits.nodes),
  edges: z.array(edgeSchema).max(limits.edges),
  slas: z.array(slaSchema).max(limits.listLength).default([]),
  /** Customer segments, credit limits and payment terms; omitted means no credit checks and no payments. */
  customers: customersSchema.optional(),
  finance: financeSchema.default({ carryingRatePerYear: 0 }),
  variants: z.array(variantSchema).max(limits.listLength).default([]),
});

/** A validated workflow model, defaults filled in. */
export type Workflow = z.infer<typeof workflowSchema>;
/** The same model as written in a file (defaults may be missing). */
export type WorkflowInput = z.input<typeof workflowSchema>;
