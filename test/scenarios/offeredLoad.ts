import {
  distributionDensity,
  distributionMoments,
  meanMinutes,
  resolveSite,
  toMinutes,
  type Calendar,
  type Condition,
  type Site,
  type ValueDistribution,
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
} from '../../models';

/**
 * A hand-calculation of offered load, done by the computer: the rough-cut capacity check a planner does before
 * simulating. Visit rates flow from the sources through decisions (probabilities, or conditions evaluated on the
 * order attributes), failure shares and dead letters; each activity's work is visits x mean duration; a pool's
 * utilisation is that work over its capacity x minutes on shift per week. Surges, outages, timeouts and queue
 * overflow are ignored: this is the long-run average a stable model must keep below 1.
 *
 * Fulfilment steps: a credit check refers `creditHoldShare` of its orders down its `hold` edge (an assumption, the
 * simulated share depends on exposure; DOMAIN.md section 3 puts holds at 3-8%). An allocation that ships what is
 * available (`shipAvailable`, or `sourceElsewhere` with second shipments) sends on, per order, 1 + the chance that
 * the order is partly short (a follow-on shipment visits every step after it); per-line work is counted on lines,
 * which allocation does not multiply. Line availability comes from fill-rate stock (p^n arithmetic below);
 * inventory stock is taken as `inventoryFillRate` (default 1: its fill emerges from the (s, Q) dynamics).
 */

/** Assumptions of the estimate that the model does not fix. */
export interface LoadOptions {
  /** Share of a credit check's orders held and referred down its `hold` edge (default 0.05, DOMAIN.md 3-8%). */
  creditHoldShare?: number;
  /** Line fill probability assumed for sites with inventory (s, Q) stock (default 1). */
  inventoryFillRate?: number;
}

export interface PoolLoad {
  pool: string;
  /** The site whose team this is, or `shared`. */
  site: string;
  capacity: number;
  workMinutesPerWeek: number;
  /** Minutes per week the pool's capacity is on shift (per unit of capacity). */
  shiftMinutesPerWeek: number;
  utilisation: number;
}

export interface LoadEstimate {
  /** Orders entering per week from each source (all sites). */
  arrivalsPerWeek: Record<string, number>;
  /** Visits per week of each node (all sites). */
  visitsPerWeek: Record<string, number>;
  pools: PoolLoad[];
}

const minutesPerWeek = 7 * 1440;

/** Minutes per week a calendar is open (windows crossing midnight count to the next day). */
export function calendarMinutesPerWeek(calendar: Calendar | undefined): number {
  if (!calendar) return minutesPerWeek;
  let total = 0;
  for (const w of calendar.windows) {
    const start = clock(w.start);
    let end = clock(w.end);
    if (end <= start) end += 1440;
    total += w.days.length * (end - start);
  }
  return Math.min(total, minutesPerWeek);
}

function clock(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return h * 60 + m;
}

function sum(values: readonly number[] | undefined, fallback: number): number {
  return values ? values.reduce((a, b) => a + b, 0) : fallback;
}

function normalise<T extends { share: number }>(items: readonly T[]): Array<T & { weight: number }> {
  const total = items.reduce((a, b) => a + b.share, 0);
  return total > 0 ? items.map((i) => ({ ...i, weight: i.share / total })) : [];
}

type Attributes = Record<string, string | number>;

function matches(condition: Condition, attributes: Attributes): boolean {
  const actual = attributes[condition.attribute];
  const v = condition.value;
  switch (condition.op) {
    case 'eq':
      return actual === v;
    case 'neq':
      return actual !== v;
    case 'in':
      return Array.isArray(v) && typeof actual === 'string' && v.includes(actual);
    case 'lt':
      return typeof actual === 'number' && typeof v === 'number' && actual < v;
    case 'lte':
      return typeof actual === 'number' && typeof v === 'number' && actual <= v;
    case 'gt':
      return typeof actual === 'number' && typeof v === 'number' && actual > v;
    case 'gte':
      return typeof actual === 'number' && typeof v === 'number' && actual >= v;
  }
}

/** How a flow is counted: shipments (per-order work) or lines (per-line work); `followOns` = partial share at allocations. */
interface FlowContext {
  attributes: Attributes;
  creditHoldShare: number;
  followOns: number;
  countLines: boolean;
}

/** The share of a node's visits that leave by each outgoing edge, for orders with these attributes. */
function edgeShares(node: WorkflowNode, out: readonly WorkflowEdge[], context: FlowContext, downFraction: number): number[] {
  const { attributes } = context;
  switch (node.kind) {
    case 'creditCheck':
      return out.map((e) => (e.kind === 'next' ? 1 - context.creditHoldShare : e.kind === 'hold' ? context.creditHoldShare : 0));
    case 'allocate': {
      const splits = node.policy === 'shipAvailable' || (node.policy === 'sourceElsewhere' && node.sourcing?.fulfil === 'secondShipment');
      const multiplier = splits && !context.countLines ? 1 + context.followOns : 1;
      return out.map((e) => (e.kind === 'next' ? multiplier : 0));
    }
    case 'end':
      return out.map(() => 0);
    case 'decision':
      if (node.mode === 'probability') return out.map((e) => (e.kind === 'branch' ? (e.probability ?? 0) : 0));
      else {
        const branches = out.filter((e) => e.kind === 'branch');
        const chosen = branches.find((e) => !e.otherwise && e.condition && matches(e.condition, attributes)) ?? branches.find((e) => e.otherwise);
        return out.map((e) => (e === chosen ? 1 : 0));
      }
    case 'activity':
      return out.map((e) => (e.kind === 'next' ? 1 - node.failureProbability : e.kind === 'error' ? node.failureProbability : 0));
    case 'integration': {
      const deadLettered = 1 - (1 - node.failureProbability ** node.retry.maxAttempts) * (1 - downFraction);
      return out.map((e) => (e.kind === 'next' ? 1 - deadLettered : e.kind === 'deadLetter' ? deadLettered : 0));
    }
    default:
      return out.map((e) => (e.kind === 'next' ? 1 : 0));
  }
}

/** Every combination of a source's categorical attributes, with its weight. */
function attributeClasses(source: WorkflowNode & { kind: 'source' }, model: Workflow): Array<{ attributes: Attributes; weight: number }> {
  let classes: Array<{ attributes: Attributes; weight: number }> = [
    { attributes: { lines: distributionMoments(source.lines).mean, value: distributionMoments(source.value.distribution).mean * (source.value.per === 'line' ? distributionMoments(source.lines).mean : 1) }, weight: 1 },
  ];
  const mixes = [...source.attributes];
  mixes.push({ attribute: 'priority', values: source.priorityMix.length > 0 ? source.priorityMix : [{ value: model.priorityClasses[0] ?? 'standard', share: 1 }] });
  for (const mix of mixes) {
    const values = normalise(mix.values);
    classes = classes.flatMap((c) => values.map((v) => ({ attributes: { ...c.attributes, [mix.attribute]: v.value }, weight: c.weight * v.weight })));
  }
  return classes;
}

/**
 * E[f(n)] over the whole number of lines n an order draws (rounded, at least 1), by integrating the density of the
 * lines distribution; a constant (or a distribution without a density) gives f(its rounded mean).
 */
export function expectOverLines(lines: ValueDistribution, f: (n: number) => number): number {
  const { mean, sd } = distributionMoments(lines);
  if (distributionDensity(lines, mean) === undefined) return f(Math.max(1, Math.round(mean)));
  const upper = mean + 12 * Math.max(sd, 1);
  const step = upper / 20000;
  let total = 0;
  let mass = 0;
  for (let x = step / 2; x < upper; x += step) {
    const w = (distributionDensity(lines, x) ?? 0) * step;
    mass += w;
    total += w * f(Math.max(1, Math.round(x)));
  }
  return mass > 0 ? total / mass : f(Math.max(1, Math.round(mean)));
}

/** A site's line fill probability: the fill-rate rows weighted by the source's product mix (1 without stock). */
export function lineFillProbability(site: Site, productMix: ReadonlyArray<{ value: string; share: number }>, options: LoadOptions = {}): number {
  const stock = site.stock;
  if (!stock) return 1;
  if (stock.model === 'inventory') return options.inventoryFillRate ?? 1;
  const mix = normalise(productMix.length > 0 ? productMix : [{ value: 'default', share: 1 }]);
  const fallback = stock.classes.find((c) => c.productClass === undefined);
  return mix.reduce((sumP, m) => {
    const row = stock.classes.find((c) => c.productClass === m.value) ?? fallback;
    return sumP + m.weight * (row ? row.fillProbability : 1);
  }, 0);
}

/** Expected order fill rate E[p^n]: every one of an order's n lines in stock, each independently with probability p. */
export function expectedOrderFillRate(lines: ValueDistribution, p: number): number {
  return expectOverLines(lines, (n) => p ** n);
}

/** Expected share of orders shipped partly (some lines available, some short): E[1 - p^n - (1 - p)^n]. */
export function expectedPartialShare(lines: ValueDistribution, p: number): number {
  return expectOverLines(lines, (n) => 1 - p ** n - (1 - p) ** n);
}

/** Estimates visits and pool utilisation per week for a validated model (no variant applied here). */
export function estimateOfferedLoad(model: Workflow, options: LoadOptions = {}): LoadEstimate {
  const creditHoldShare = options.creditHoldShare ?? 0.05;
  const arrivalsPerWeek: Record<string, number> = {};
  const visitsPerWeek: Record<string, number> = {};
  const workBySitePool = new Map<string, number>();
  const siteShares = normalise(model.sites.map((s) => ({ ...s, share: s.volumeShare })));

  for (const source of model.nodes) {
    if (source.kind !== 'source') continue;
    const a = source.arrivals;
    const perWeek = a.ratePerHour * a.volumeMultiplier * sum(a.hourOfDay, 24) * sum(a.dayOfWeek, 7);
    arrivalsPerWeek[source.id] = perWeek;
    const sites = source.siteShares
      ? normalise(source.siteShares).map((s) => ({ id: s.site, weight: s.weight }))
      : siteShares.map((s) => ({ id: s.id, weight: s.weight }));
    const meanLines = Math.max(1, distributionMoments(source.lines).mean);
    for (const site of sites) {
      const resolved = resolveSite(model, site.id);
      const nodes = new Map(resolved.nodes.map((n) => [n.id, n] as const));
      const outgoing = new Map<string, WorkflowEdge[]>();
      for (const e of resolved.edges) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e]);
      const incomingCount = new Map<string, number>();
      for (const e of resolved.edges) incomingCount.set(e.to, (incomingCount.get(e.to) ?? 0) + 1);
      const siteModel = model.sites.find((s) => s.id === site.id);
      const followOns = siteModel ? expectedPartialShare(source.lines, lineFillProbability(siteModel, source.productMix, options)) : 0;
      for (const c of attributeClasses(source, model)) {
        const attributes: Attributes = { ...c.attributes, site: site.id };
        const inject = perWeek * site.weight * c.weight;
        if (inject === 0) continue;
        const down = failingShare(resolved);
        const visits = propagate(resolved.nodes, nodes, outgoing, incomingCount, source.id, inject, { attributes, creditHoldShare, followOns, countLines: false }, down);
        // Order-visits as if allocation never split: per-line work goes with these (lines are conserved).
        const lineVisits = propagate(resolved.nodes, nodes, outgoing, incomingCount, source.id, inject, { attributes, creditHoldShare, followOns, countLines: true }, down);
        for (const [id, v] of visits) {
          visitsPerWeek[id] = (visitsPerWeek[id] ?? 0) + v;
          const node = nodes.get(id);
          if (node?.kind !== 'activity') continue;
          const perLine = node.durationPer === 'line';
          const perVisit = meanMinutes(node.duration) * (perLine ? meanLines : 1) * node.quantity;
          const counted = perLine ? (lineVisits.get(id) ?? 0) : v;
          const pool = resolved.pools.find((p) => p.id === node.pool);
          const key = `${pool?.scope === 'shared' ? 'shared' : site.id}\u0000${node.pool}`;
          workBySitePool.set(key, (workBySitePool.get(key) ?? 0) + counted * perVisit);
        }
      }
    }
  }

  const pools: PoolLoad[] = [];
  for (const [key, work] of workBySitePool) {
    const [site, poolId] = key.split('\u0000');
    const pool = (site === 'shared' ? model : resolveSite(model, site)).pools.find((p) => p.id === poolId);
    if (!pool) continue;
    const shift = calendarMinutesPerWeek(model.calendars.find((c) => c.id === pool.calendar));
    pools.push({ pool: poolId, site, capacity: pool.capacity, workMinutesPerWeek: work, shiftMinutesPerWeek: shift, utilisation: work / (pool.capacity * shift) });
  }
  pools.sort((a, b) => b.utilisation - a.utilisation);
  return { arrivalsPerWeek, visitsPerWeek, pools };
}

/**
 * Per system, the share of calls that fail outright: time down while calls `fail` (scheduled windows per repeat
 * period, random outages mttr / (mtbf + mttr)) plus failure spikes averaged over the horizon. Pessimistic for
 * windows placed at quiet hours (evening maintenance), which see fewer calls than average.
 */
export function failingShare(model: Workflow): Map<string, number> {
  const horizon = toMinutes(model.run.horizon);
  const out = new Map<string, number>();
  for (const s of model.systems) {
    let down = 0;
    if (s.outages.behaviour === 'fail') {
      for (const o of s.outages.scheduled) down += toMinutes(o.duration) / (o.repeatEvery ? toMinutes(o.repeatEvery) : Math.max(horizon, toMinutes(o.duration)));
      const random = s.outages.random;
      if (random) {
        const mttr = meanMinutes(random.mttr);
        down += mttr / (toMinutes(random.mtbf) + mttr);
      }
    }
    for (const spike of s.failureSpikes) down += (spike.extraFailureProbability * toMinutes(spike.duration)) / Math.max(horizon, toMinutes(spike.duration));
    out.set(s.id, Math.min(1, down));
  }
  return out;
}

/** Visits per node for one class of orders injected at a source: a fixed point of the flow equations. */
function propagate(
  order: readonly WorkflowNode[],
  nodes: ReadonlyMap<string, WorkflowNode>,
  outgoing: ReadonlyMap<string, WorkflowEdge[]>,
  incomingCount: ReadonlyMap<string, number>,
  sourceId: string,
  inject: number,
  context: FlowContext,
  downFractions: ReadonlyMap<string, number>,
): Map<string, number> {
  let visits = new Map<string, number>([[sourceId, inject]]);
  for (let iteration = 0; iteration < 2000; iteration++) {
    const nextVisits = new Map<string, number>([[sourceId, inject]]);
    for (const node of order) {
      const v = visits.get(node.id) ?? 0;
      if (v === 0) continue;
      const out = outgoing.get(node.id) ?? [];
      const shares = edgeShares(node, out, context, node.kind === 'integration' ? (downFractions.get(node.system) ?? 0) : 0);
      // A join lets an order through once all branches of its split have arrived.
      const throughput = node.kind === 'join' ? v / Math.max(1, incomingCount.get(node.id) ?? 1) : v;
      out.forEach((e, i) => {
        if (shares[i] > 0 && nodes.has(e.to)) nextVisits.set(e.to, (nextVisits.get(e.to) ?? 0) + throughput * shares[i]);
      });
    }
    let change = 0;
    for (const [id, v] of nextVisits) change = Math.max(change, Math.abs(v - (visits.get(id) ?? 0)));
    visits = nextVisits;
    if (change < 1e-9 * inject) break;
  }
  return visits;
}
