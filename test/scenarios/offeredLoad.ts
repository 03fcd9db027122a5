import {
  distributionMoments,
  meanMinutes,
  resolveSite,
  toMinutes,
  type Calendar,
  type Condition,
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
 */

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

/** The share of a node's visits that leave by each outgoing edge, for orders with these attributes. */
function edgeShares(node: WorkflowNode, out: readonly WorkflowEdge[], attributes: Attributes, downFraction: number): number[] {
  switch (node.kind) {
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

/** Estimates visits and pool utilisation per week for a validated model (no variant applied here). */
export function estimateOfferedLoad(model: Workflow): LoadEstimate {
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
      for (const c of attributeClasses(source, model)) {
        const attributes: Attributes = { ...c.attributes, site: site.id };
        const inject = perWeek * site.weight * c.weight;
        if (inject === 0) continue;
        const visits = propagate(resolved.nodes, nodes, outgoing, incomingCount, source.id, inject, attributes, failingShare(resolved));
        for (const [id, v] of visits) {
          visitsPerWeek[id] = (visitsPerWeek[id] ?? 0) + v;
          const node = nodes.get(id);
          if (node?.kind !== 'activity') continue;
          const perVisit = meanMinutes(node.duration) * (node.durationPer === 'line' ? meanLines : 1) * node.quantity;
          const pool = resolved.pools.find((p) => p.id === node.pool);
          const key = `${pool?.scope === 'shared' ? 'shared' : site.id}\u0000${node.pool}`;
          workBySitePool.set(key, (workBySitePool.get(key) ?? 0) + v * perVisit);
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
  attributes: Attributes,
  downFractions: ReadonlyMap<string, number>,
): Map<string, number> {
  let visits = new Map<string, number>([[sourceId, inject]]);
  for (let iteration = 0; iteration < 2000; iteration++) {
    const nextVisits = new Map<string, number>([[sourceId, inject]]);
    for (const node of order) {
      const v = visits.get(node.id) ?? 0;
      if (v === 0) continue;
      const out = outgoing.get(node.id) ?? [];
      const shares = edgeShares(node, out, attributes, node.kind === 'integration' ? (downFractions.get(node.system) ?? 0) : 0);
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
