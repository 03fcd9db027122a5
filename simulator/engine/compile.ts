import {
  resolveSite,
  toMinutes,
  type AnyDistribution,
  type Condition,
  type NodeOfKind,
  type Pool,
  type System,
  type Workflow,
  type WorkflowEdge,
} from '../../models';
import { Sampler, cumulativeShares } from '../core/sampling';
import { compileFulfilment, type CompiledFulfilment } from './compileFulfilment';
import { compileCalendar, type CompiledCalendar } from './shifts';

/**
 * The model compiled once per replication set into integer-indexed tables, so that the event loop works on small
 * integers and typed arrays: node kinds as small ints, successor indices, per-(node, site) parameter tables built
 * from `resolveSite`, pool and system instances per site.
 */
export const K_SOURCE = 0;
export const K_ACTIVITY = 1;
export const K_INTEGRATION = 2;
export const K_DECISION = 3;
export const K_SPLIT = 4;
export const K_JOIN = 5;
export const K_DELAY = 6;
export const K_BATCH = 7;
export const K_END = 8;
export const K_ALLOCATE = 9;
export const K_CREDIT_CHECK = 10;
export const K_AWAIT_PAYMENT = 11;

const kindCodes: Record<string, number> = {
  source: K_SOURCE,
  activity: K_ACTIVITY,
  integration: K_INTEGRATION,
  decision: K_DECISION,
  split: K_SPLIT,
  join: K_JOIN,
  delay: K_DELAY,
  batch: K_BATCH,
  end: K_END,
  allocate: K_ALLOCATE,
  creditCheck: K_CREDIT_CHECK,
  awaitPayment: K_AWAIT_PAYMENT,
};

/** Attribute kinds a condition can test. */
export const A_SITE = 0;
export const A_PRIORITY = 1;
export const A_CUSTOM = 2;
export const A_LINES = 3;
export const A_VALUE = 4;

export const OP_EQ = 0;
export const OP_NEQ = 1;
export const OP_IN = 2;
export const OP_LT = 3;
export const OP_LTE = 4;
export const OP_GT = 5;
export const OP_GTE = 6;
const opCodes: Record<Condition['op'], number> = { eq: OP_EQ, neq: OP_NEQ, in: OP_IN, lt: OP_LT, lte: OP_LTE, gt: OP_GT, gte: OP_GTE };

export interface CompiledCondition {
  attribute: number;
  /** Custom attribute index (A_CUSTOM), -1 when no source draws it. */
  customIndex: number;
  op: number;
  /** For numeric attributes. */
  number: number;
  /** For categorical attributes: accepted value indices (site index, class index, value index). */
  accepted: Set<number>;
  /** Categorical with an ordering op (lt, gt...): never true (documented). */
  numericOnCategorical: boolean;
}

export interface ActivityParams {
  sampler: Sampler;
  perLine: boolean;
  pool: number;
  poolInstance: number;
  quantity: number;
  failureProbability: number;
  queueCapacity: number;
  priority: boolean;
  /** Index of the (activity, pool instance) queue. */
  queue: number;
}

export interface IntegrationParams {
  latency: Sampler;
  failureProbability: number;
  timeoutMinutes: number;
  maxAttempts: number;
  initialBackoffMinutes: number;
  multiplier: number;
  maxBackoffMinutes: number;
  jitter: number;
  batch: boolean;
  batchIntervalMinutes: number;
  batchOffsetMinutes: number;
  batchCutoffMinutes: number;
  systemInstance: number;
}

export interface SourceSpec {
  node: number;
  id: string;
  next: number;
  baseRatePerMinute: number;
  /** Upper bound of the rate (per minute); 0 = no arrivals at all. */
  maxRatePerMinute: number;
  /** True when the rate varies (profiles or surges): arrivals walk the rate segments. */
  varying: boolean;
  hourOfDay: Float64Array | null;
  dayOfWeek: Float64Array | null;
  surges: Array<{ start: number; end: number; multiplier: number }>;
  siteCumulative: Float64Array;
  siteIndex: Int32Array;
  priorityCumulative: Float64Array | null;
  priorityIndex: Int32Array;
  attributes: Array<{ index: number; cumulative: Float64Array; valueIndex: Int32Array }>;
  lines: Sampler;
  value: Sampler;
  constantLines: boolean;
}

export interface PoolInstanceSpec {
  pool: number;
  poolId: string;
  name: string;
  siteId: string | null;
  capacity: number;
  calendar: number;
  costPerHour: number;
  queues: number[];
}

export interface QueueSpec {
  node: number;
  poolInstance: number;
  priority: boolean;
}

export interface SystemInstanceSpec {
  system: number;
  systemId: string;
  name: string;
  siteId: string | null;
  concurrency: number;
  costPerCall: number;
  failBehaviour: boolean;
  scheduled: Array<{ start: number; duration: number; repeat: number }>;
  randomMtbf: number;
  randomMttr: Sampler | null;
  spikes: Array<{ start: number; end: number; extra: number }>;
  /** True when calls can be interrupted by outages (in-flight calls are tracked). */
  hasOutages: boolean;
}

export interface SlaSpec {
  id: string;
  name: string;
  from: number;
  to: number;
  targetMinutes: number;
  goal: number;
}

export interface CompiledModel {
  model: Workflow;
  nodeCount: number;
  siteCount: number;
  siteIds: string[];
  nodeIds: string[];
  nodeNames: string[];
  kind: Int8Array;
  next: Int32Array;
  errorTo: Int32Array;
  overflowTo: Int32Array;
  deadLetterTo: Int32Array;
  /**
   * Edge indices (into `model.edges`) of the paths above, `edgeCount` (a sentinel edge leading to node -1) where
   * there is none, so that the event loop counts traversals without a branch.
   */
  nextEdge: Int32Array;
  errorEdge: Int32Array;
  overflowEdge: Int32Array;
  deadLetterEdge: Int32Array;
  holdEdge: Int32Array;
  /** Target node of each edge, then -1 for the sentinel (length edgeCount + 1). */
  edgeTo: Int32Array;
  edgeCount: number;
  splitTargets: Int32Array[];
  splitEdges: Int32Array[];
  decisionProbability: Array<{ cumulative: Float64Array; targets: Int32Array; edges: Int32Array } | null>;
  decisionConditions: Array<{ conditions: CompiledCondition[]; targets: Int32Array; edges: Int32Array; otherwise: number; otherwiseEdge: number } | null>;
  costPerVisit: Float64Array;
  /** nodes x sites */
  activity: Array<ActivityParams | null>;
  integration: Array<IntegrationParams | null>;
  delay: Array<Sampler | null>;
  batch: Array<{ every: number; offset: number; atCount: number } | null>;
  joinSlot: Int32Array;
  joinExpected: Int32Array;
  joinCount: number;
  /** Node index -> its queue-statistics slot, -1 for nodes that never hold a queue. */
  waitSlot: Int32Array;
  waitNodes: number[];
  outcomeOf: Int32Array;
  outcomes: string[];
  sources: SourceSpec[];
  poolInstances: PoolInstanceSpec[];
  queues: QueueSpec[];
  systemInstances: SystemInstanceSpec[];
  calendars: CompiledCalendar[];
  priorityClasses: string[];
  customAttributes: string[];
  customValues: string[][];
  slas: SlaSpec[];
  /** SLAs started / stopped when leaving each node, as compressed rows: node i's are [offset[i], offset[i+1]). */
  slaStartOffset: Int32Array;
  slaStartList: Int32Array;
  slaStopOffset: Int32Array;
  slaStopList: Int32Array;
  slaTargetMinutes: Float64Array;
  slaHook: Uint8Array;
  /** Lines, stock, allocation, credit, payments and milestones; null for models that use none of them. */
  fulfilment: CompiledFulfilment | null;
}

function sampler(d: AnyDistribution): Sampler {
  return new Sampler(d);
}

/** Compiles a validated model (variant already applied). Throws an Error naming the place for anything inconsistent. */
export function compileModel(model: Workflow): CompiledModel {
  const nodeCount = model.nodes.length;
  const siteCount = model.sites.length;
  const siteIds = model.sites.map((s) => s.id);
  const nodeIndex = new Map(model.nodes.map((n, i) => [n.id, i] as const));
  const resolved = model.sites.map((s) => resolveSite(model, s.id));
  const idx = (id: string): number => {
    const i = nodeIndex.get(id);
    if (i === undefined) throw new Error(`Edge refers to unknown node "${id}".`);
    return i;
  };

  const kind = new Int8Array(nodeCount);
  const next = new Int32Array(nodeCount).fill(-1);
  const errorTo = new Int32Array(nodeCount).fill(-1);
  const overflowTo = new Int32Array(nodeCount).fill(-1);
  const deadLetterTo = new Int32Array(nodeCount).fill(-1);
  const noEdge = model.edges.length;
  const nextEdge = new Int32Array(nodeCount).fill(noEdge);
  const errorEdge = new Int32Array(nodeCount).fill(noEdge);
  const overflowEdge = new Int32Array(nodeCount).fill(noEdge);
  const deadLetterEdge = new Int32Array(nodeCount).fill(noEdge);
  const holdEdge = new Int32Array(nodeCount).fill(noEdge);
  const edgeTo = Int32Array.from([...model.edges.map((e) => idx(e.to)), -1]);
  const edgeIndex = new Map(model.edges.map((e, i) => [e, i] as const));
  const eix = (e: WorkflowEdge): number => edgeIndex.get(e) as number;
  const outgoing: WorkflowEdge[][] = model.nodes.map(() => []);
  for (const edge of model.edges) outgoing[idx(edge.from)].push(edge);

  const calendars = model.calendars.map(compileCalendar);
  const calendarIndex = new Map(model.calendars.map((c, i) => [c.id, i] as const));
  const poolIndex = new Map(model.pools.map((p, i) => [p.id, i] as const));
  const systemIndex = new Map(model.systems.map((s, i) => [s.id, i] as const));

  // Pool instances: one per site for site-scoped pools, one for shared pools (which ignore site overrides).
  const poolInstances: PoolInstanceSpec[] = [];
  const poolInstanceOf: number[][] = model.pools.map(() => []);
  model.pools.forEach((basePool, p) => {
    const make = (pool: Pool, siteId: string | null): number => {
      poolInstances.push({
        pool: p,
        poolId: pool.id,
        name: pool.name,
        siteId,
        capacity: pool.capacity,
        calendar: pool.calendar !== undefined ? (calendarIndex.get(pool.calendar) ?? -1) : -1,
        costPerHour: pool.costPerHour,
        queues: [],
      });
      return poolInstances.length - 1;
    };
    if (basePool.scope === 'shared') {
      const shared = make(basePool, null);
      for (let s = 0; s < siteCount; s++) poolInstanceOf[p][s] = shared;
    } else {
      for (let s = 0; s < siteCount; s++) poolInstanceOf[p][s] = make(resolved[s].pools[p], siteIds[s]);
    }
  });

  // System instances: shared, except for sites that override the system (they get their own).
  const systemInstances: SystemInstanceSpec[] = [];
  const systemInstanceOf: number[][] = model.systems.map(() => []);
  model.systems.forEach((baseSystem, k) => {
    const make = (system: System, siteId: string | null): number => {
      const o = system.outages;
      const scheduled = o.scheduled.map((s) => ({
        start: toMinutes(s.start),
        duration: toMinutes(s.duration),
        repeat: s.repeatEvery ? toMinutes(s.repeatEvery) : 0,
      }));
      systemInstances.push({
        system: k,
        systemId: system.id,
        name: system.name,
        siteId,
        concurrency: system.concurrency ?? Infinity,
        costPerCall: system.costPerCall,
        failBehaviour: o.behaviour === 'fail',
        scheduled,
        randomMtbf: o.random ? toMinutes(o.random.mtbf) : 0,
        randomMttr: o.random ? sampler(o.random.mttr) : null,
        spikes: system.failureSpikes.map((f) => ({ start: toMinutes(f.start), end: toMinutes(f.start) + toMinutes(f.duration), extra: f.extraFailureProbability })),
        hasOutages: scheduled.some((s) => s.duration > 0) || o.random !== undefined,
      });
      return systemInstances.length - 1;
    };
    let shared = -1;
    for (let s = 0; s < siteCount; s++) {
      const overridden = model.sites[s].overrides.some((o) => o.target === 'system' && o.id === baseSystem.id);
      if (overridden) systemInstanceOf[k][s] = make(resolved[s].systems[k], siteIds[s]);
      else {
        if (shared < 0) shared = make(baseSystem, null);
        systemInstanceOf[k][s] = shared;
      }
    }
  });

  // Attributes that conditions or sources use.
  const customAttributes: string[] = [];
  const customValues: string[][] = [];
  const attributeIndex = (name: string): number => {
    let i = customAttributes.indexOf(name);
    if (i < 0) {
      customAttributes.push(name);
      customValues.push([]);
      i = customAttributes.length - 1;
    }
    return i;
  };
  const valueIndex = (attribute: number, value: string): number => {
    const list = customValues[attribute];
    let i = list.indexOf(value);
    if (i < 0) {
      list.push(value);
      i = list.length - 1;
    }
    return i;
  };
  for (const node of model.nodes) {
    if (node.kind !== 'source') continue;
    for (const mix of node.attributes) {
      if (mix.attribute === 'site' || mix.attribute === 'priority' || mix.attribute === 'lines' || mix.attribute === 'value') continue;
      const a = attributeIndex(mix.attribute);
      for (const v of mix.values) valueIndex(a, v.value);
    }
  }

  const activity: Array<ActivityParams | null> = new Array(nodeCount * siteCount).fill(null);
  const integration: Array<IntegrationParams | null> = new Array(nodeCount * siteCount).fill(null);
  const delay: Array<Sampler | null> = new Array(nodeCount * siteCount).fill(null);
  const batch: Array<{ every: number; offset: number; atCount: number } | null> = new Array(nodeCount).fill(null);
  const splitTargets: Int32Array[] = model.nodes.map(() => new Int32Array(0));
  const splitEdges: Int32Array[] = model.nodes.map(() => new Int32Array(0));
  const decisionProbability: CompiledModel['decisionProbability'] = model.nodes.map(() => null);
  const decisionConditions: CompiledModel['decisionConditions'] = model.nodes.map(() => null);
  const costPerVisit = new Float64Array(nodeCount);
  const joinSlot = new Int32Array(nodeCount).fill(-1);
  const joinExpected = new Int32Array(nodeCount);
  const waitSlot = new Int32Array(nodeCount).fill(-1);
  const waitNodes: number[] = [];
  const outcomes: string[] = [];
  const outcomeOf = new Int32Array(nodeCount).fill(-1);
  const queues: QueueSpec[] = [];
  const queueKey = new Map<string, number>();
  let joinCount = 0;

  const priorityClasses = model.priorityClasses;
  model.nodes.forEach((node, i) => {
    kind[i] = kindCodes[node.kind];
    costPerVisit[i] = node.costPerVisit ?? 0;
    for (const edge of outgoing[i]) {
      const to = idx(edge.to);
      if (edge.kind === 'next' && node.kind !== 'split') {
        next[i] = to;
        nextEdge[i] = eix(edge);
      } else if (edge.kind === 'error') {
        errorTo[i] = to;
        errorEdge[i] = eix(edge);
      } else if (edge.kind === 'overflow') {
        overflowTo[i] = to;
        overflowEdge[i] = eix(edge);
      } else if (edge.kind === 'deadLetter') {
        deadLetterTo[i] = to;
        deadLetterEdge[i] = eix(edge);
      } else if (edge.kind === 'hold') holdEdge[i] = eix(edge);
    }
    if (node.kind === 'activity' || node.kind === 'integration' || node.kind === 'batch' || node.kind === 'join' || node.kind === 'allocate' || node.kind === 'creditCheck') {
      waitSlot[i] = waitNodes.length;
      waitNodes.push(i);
    }
    switch (node.kind) {
      case 'activity':
        for (let s = 0; s < siteCount; s++) {
          const n = resolved[s].nodes[i] as NodeOfKind<'activity'>;
          const p = poolIndex.get(n.pool);
          if (p === undefined) throw new Error(`nodes[${i}] "${node.name}": unknown pool "${n.pool}".`);
          const instance = poolInstanceOf[p][s];
          const key = `${i}:${instance}`;
          let queue = queueKey.get(key);
          if (queue === undefined) {
            queue = queues.length;
            queues.push({ node: i, poolInstance: instance, priority: n.queue.discipline === 'priority' });
            queueKey.set(key, queue);
            poolInstances[instance].queues.push(queue);
          }
          activity[i * siteCount + s] = {
            sampler: sampler(n.duration),
            perLine: n.durationPer === 'line',
            pool: p,
            poolInstance: instance,
            quantity: n.quantity,
            failureProbability: n.failureProbability,
            queueCapacity: n.queue.capacity ?? Infinity,
            priority: n.queue.discipline === 'priority',
            queue,
          };
        }
        break;
      case 'integration':
        for (let s = 0; s < siteCount; s++) {
          const n = resolved[s].nodes[i] as NodeOfKind<'integration'>;
          const k = systemIndex.get(n.system);
          if (k === undefined) throw new Error(`nodes[${i}] "${node.name}": unknown system "${n.system}".`);
          const interval = n.batch ? toMinutes(n.batch.interval) : 0;
          integration[i * siteCount + s] = {
            latency: sampler(n.latency),
            failureProbability: n.failureProbability,
            timeoutMinutes: n.timeout ? toMinutes(n.timeout) : Infinity,
            maxAttempts: n.retry.maxAttempts,
            initialBackoffMinutes: toMinutes(n.retry.initialBackoff),
            multiplier: n.retry.multiplier,
            maxBackoffMinutes: toMinutes(n.retry.maxBackoff),
            jitter: n.retry.jitter,
            batch: n.mode === 'batch' && n.batch !== undefined,
            batchIntervalMinutes: interval,
            batchOffsetMinutes: n.batch?.offset ? toMinutes(n.batch.offset) : interval,
            batchCutoffMinutes: n.batch?.cutoff ? toMinutes(n.batch.cutoff) : 0,
            systemInstance: systemInstanceOf[k][s],
          };
        }
        break;
      case 'delay':
        for (let s = 0; s < siteCount; s++) delay[i * siteCount + s] = sampler((resolved[s].nodes[i] as NodeOfKind<'delay'>).duration);
        break;
      case 'batch':
        batch[i] = {
          every: node.every ? toMinutes(node.every) : 0,
          offset: node.offset ? toMinutes(node.offset) : 0,
          atCount: node.atCount ?? Infinity,
        };
        break;
      case 'split':
        splitTargets[i] = Int32Array.from(outgoing[i].filter((e) => e.kind === 'next').map((e) => idx(e.to)));
        splitEdges[i] = Int32Array.from(outgoing[i].filter((e) => e.kind === 'next').map(eix));
        break;
      case 'join': {
        joinSlot[i] = joinCount++;
        const split = nodeIndex.get(node.split);
        joinExpected[i] = split === undefined ? 1 : outgoing[split].filter((e) => e.kind === 'next').length;
        break;
      }
      case 'end': {
        let o = outcomes.indexOf(node.outcome);
        if (o < 0) {
          outcomes.push(node.outcome);
          o = outcomes.length - 1;
        }
        outcomeOf[i] = o;
        break;
      }
      case 'decision': {
        const branches = outgoing[i].filter((e) => e.kind === 'branch');
        if (node.mode === 'probability') {
          decisionProbability[i] = {
            cumulative: cumulativeShares(branches.map((b) => b.probability ?? 0)),
            targets: Int32Array.from(branches.map((b) => idx(b.to))),
            edges: Int32Array.from(branches.map(eix)),
          };
        } else {
          const withCondition = branches.filter((b) => !b.otherwise && b.condition);
          const otherwise = branches.find((b) => b.otherwise);
          decisionConditions[i] = {
            conditions: withCondition.map((b) => compileCondition(b.condition as Condition, siteIds, priorityClasses, customAttributes, customValues)),
            targets: Int32Array.from(withCondition.map((b) => idx(b.to))),
            edges: Int32Array.from(withCondition.map(eix)),
            otherwise: otherwise ? idx(otherwise.to) : -1,
            otherwiseEdge: otherwise ? eix(otherwise) : noEdge,
          };
        }
        break;
      }
      default:
        break;
    }
  });

  const sources: SourceSpec[] = [];
  model.nodes.forEach((node, i) => {
    if (node.kind !== 'source') return;
    sources.push(compileSource(model, node, i, next[i], siteIds, priorityClasses, attributeIndex, valueIndex));
  });

  const slas: SlaSpec[] = model.slas.map((sla) => ({
    id: sla.id,
    name: sla.name,
    from: sla.from === 'arrival' ? -1 : idx(sla.from),
    to: idx(sla.to),
    targetMinutes: toMinutes(sla.target),
    goal: sla.goal,
  }));
  const slaStartsAt: number[][] = model.nodes.map(() => []);
  const slaStopsAt: number[][] = model.nodes.map(() => []);
  const slaHook = new Uint8Array(nodeCount);
  slas.forEach((sla, s) => {
    if (sla.from >= 0) {
      slaStartsAt[sla.from].push(s);
      slaHook[sla.from] = 1;
    }
    slaStopsAt[sla.to].push(s);
    slaHook[sla.to] = 1;
  });

  return {
    model,
    nodeCount,
    siteCount,
    siteIds,
    nodeIds: model.nodes.map((n) => n.id),
    nodeNames: model.nodes.map((n) => n.name),
    kind,
    next,
    errorTo,
    overflowTo,
    deadLetterTo,
    nextEdge,
    errorEdge,
    overflowEdge,
    deadLetterEdge,
    holdEdge,
    edgeTo,
    edgeCount: model.edges.length,
    splitTargets,
    splitEdges,
    decisionProbability,
    decisionConditions,
    costPerVisit,
    activity,
    integration,
    delay,
    batch,
    joinSlot,
    joinExpected,
    joinCount,
    waitSlot,
    waitNodes,
    outcomeOf,
    outcomes,
    sources,
    poolInstances,
    queues,
    systemInstances,
    calendars,
    priorityClasses,
    customAttributes,
    customValues,
    slas,
    ...compressedRows(slaStartsAt, 'slaStartOffset', 'slaStartList'),
    ...compressedRows(slaStopsAt, 'slaStopOffset', 'slaStopList'),
    slaTargetMinutes: Float64Array.from(slas.map((sla) => sla.targetMinutes)),
    slaHook,
    fulfilment: compileFulfilment(model, customAttributes, customValues),
  };
}

/** Rows of small int lists as one offset array and one flat list (no nested arrays in the hot loop). */
function compressedRows<O extends string, L extends string>(rows: number[][], offsetName: O, listName: L): Record<O | L, Int32Array> {
  const offset = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (offset[i + 1] = offset[i] + row.length));
  const list = Int32Array.from(rows.flat());
  return { [offsetName]: offset, [listName]: list } as Record<O | L, Int32Array>;
}

function compileCondition(
  c: Condition,
  siteIds: string[],
  classes: string[],
  customAttributes: string[],
  customValues: string[][],
): CompiledCondition {
  const op = opCodes[c.op];
  const ordering = op >= OP_LT;
  const texts = Array.isArray(c.value) ? c.value : [String(c.value)];
  const accepted = new Set<number>();
  let attribute: number;
  let customIndex = -1;
  if (c.attribute === 'lines' || c.attribute === 'value') {
    attribute = c.attribute === 'lines' ? A_LINES : A_VALUE;
    return { attribute, customIndex, op, number: Number(Array.isArray(c.value) ? c.value[0] : c.value), accepted, numericOnCategorical: false };
  }
  if (c.attribute === 'site') {
    attribute = A_SITE;
    for (const t of texts) if (siteIds.includes(t)) accepted.add(siteIds.indexOf(t));
  } else if (c.attribute === 'priority') {
    attribute = A_PRIORITY;
    for (const t of texts) if (classes.includes(t)) accepted.add(classes.indexOf(t));
  } else {
    attribute = A_CUSTOM;
    customIndex = customAttributes.indexOf(c.attribute);
    if (customIndex >= 0) for (const t of texts) if (customValues[customIndex].includes(t)) accepted.add(customValues[customIndex].indexOf(t));
  }
  return { attribute, customIndex, op, number: NaN, accepted, numericOnCategorical: ordering };
}

function compileSource(
  model: Workflow,
  node: NodeOfKind<'source'>,
  i: number,
  next: number,
  siteIds: string[],
  classes: string[],
  attributeIndex: (name: string) => number,
  valueIndex: (attribute: number, value: string) => number,
): SourceSpec {
  const a = node.arrivals;
  const base = (a.ratePerHour * a.volumeMultiplier) / 60;
  const hod = a.hourOfDay ? Float64Array.from(a.hourOfDay) : null;
  const dow = a.dayOfWeek ? Float64Array.from(a.dayOfWeek) : null;
  const surges = a.surges.map((s) => ({ start: toMinutes(s.start), end: toMinutes(s.start) + toMinutes(s.duration), multiplier: s.multiplier }));
  let bound = base * (hod ? Math.max(...hod) : 1) * (dow ? Math.max(...dow) : 1);
  for (const s of surges) bound *= Math.max(1, s.multiplier);
  const sitesWithShares = node.siteShares ?? model.sites.map((s) => ({ site: s.id, share: s.volumeShare }));
  const siteIndex = Int32Array.from(sitesWithShares.map((s) => siteIds.indexOf(s.site)));
  const priorityIndex = Int32Array.from(node.priorityMix.map((p) => classes.indexOf(p.value)));
  const attributes = node.attributes
    .filter((mix) => !['site', 'priority', 'lines', 'value'].includes(mix.attribute))
    .map((mix) => {
      const index = attributeIndex(mix.attribute);
      return {
        index,
        cumulative: cumulativeShares(mix.values.map((v) => v.share)),
        valueIndex: Int32Array.from(mix.values.map((v) => valueIndex(index, v.value))),
      };
    });
  return {
    node: i,
    id: node.id,
    next,
    baseRatePerMinute: base,
    maxRatePerMinute: bound,
    varying: hod !== null || dow !== null || surges.length > 0,
    hourOfDay: hod,
    dayOfWeek: dow,
    surges,
    siteCumulative: cumulativeShares(sitesWithShares.map((s) => s.share)),
    siteIndex,
    priorityCumulative: node.priorityMix.length > 0 ? cumulativeShares(node.priorityMix.map((p) => p.share)) : null,
    priorityIndex,
    attributes,
    lines: sampler(node.lines),
    value: sampler(node.value.distribution),
    constantLines: node.lines.kind === 'constant',
  };
}
