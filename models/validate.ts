import { distributionParameterProblems, type AnyDistribution } from './distributions';
import type { ModelFinding } from './findings';
import { deepMerge } from './patch';
import { limits } from './limits';
import { toMinutes, type Duration } from './units';
import { nodeSchema, type Condition, type NodeOfKind, type Workflow, type WorkflowEdge, type WorkflowNode, type EdgeKind } from './workflow';

/**
 * Checks a model whose shape is already valid for what the shape cannot say: references, graph structure,
 * probabilities, capacities. Returns findings; never throws.
 */
export function validateSemantics(model: Workflow): ModelFinding[] {
  const findings: ModelFinding[] = [];
  const add = (severity: ModelFinding['severity'], code: string, path: string, message: string, nodeId?: string) =>
    findings.push(nodeId === undefined ? { severity, code, path, message } : { severity, code, path, message, nodeId });

  checkUniqueIds(model, add);

  const nodeIndex = new Map(model.nodes.map((n, i) => [n.id, i] as const));
  const poolById = new Map(model.pools.map((p) => [p.id, p] as const));
  const systemIds = new Set(model.systems.map((s) => s.id));
  const siteIds = new Set(model.sites.map((s) => s.id));
  const calendarIds = new Set(model.calendars.map((c) => c.id));

  // ---- edges: dangling ends and edge kinds allowed per node kind
  const outgoing = new Map<string, Array<{ edge: WorkflowEdge; index: number }>>();
  const incomingCount = new Map<string, number>();
  model.edges.forEach((edge, index) => {
    const path = `edges[${index}]`;
    const fromOk = nodeIndex.has(edge.from);
    const toOk = nodeIndex.has(edge.to);
    if (!fromOk) add('error', 'dangling-edge', `${path}.from`, `Edge "${edge.id}" starts at "${edge.from}", which is not a node.`);
    if (!toOk) add('error', 'dangling-edge', `${path}.to`, `Edge "${edge.id}" ends at "${edge.to}", which is not a node.`, fromOk ? edge.from : undefined);
    if (!fromOk || !toOk) return;
    const list = outgoing.get(edge.from) ?? [];
    list.push({ edge, index });
    outgoing.set(edge.from, list);
    incomingCount.set(edge.to, (incomingCount.get(edge.to) ?? 0) + 1);
  });

  const sources = model.nodes.filter((n) => n.kind === 'source');
  if (sources.length === 0) add('error', 'no-source', 'nodes', 'The model has no source node, so no order ever arrives.');
  if (!model.nodes.some((n) => n.kind === 'end')) add('error', 'no-end', 'nodes', 'The model has no end node, so no order can finish.');

  model.nodes.forEach((node, i) => {
    const path = `nodes[${i}]`;
    const out = outgoing.get(node.id) ?? [];
    const byKind = (kind: EdgeKind) => out.filter((o) => o.edge.kind === kind);
    const allowed = allowedEdgeKinds[node.kind];
    for (const { edge, index } of out) {
      if (!allowed.includes(edge.kind)) {
        add('error', 'edge-kind', `edges[${index}].kind`, `A ${node.kind} node cannot have a "${edge.kind}" edge (allowed: ${allowed.join(', ') || 'none'}).`, node.id);
      }
    }
    if (node.kind === 'source' && (incomingCount.get(node.id) ?? 0) > 0) {
      add('error', 'edge-into-source', path, `"${node.name}" is a source; no edge may lead into it.`, node.id);
    }
    const next = byKind('next');
    switch (node.kind) {
      case 'end':
        break;
      case 'decision':
        checkDecision(model, node, i, byKind('branch'), add);
        break;
      case 'split':
        if (next.length < 2) add('error', 'split-branches', path, `Split "${node.name}" needs at least two "next" edges; it has ${next.length}.`, node.id);
        if (!model.nodes.some((n) => n.kind === 'join' && n.split === node.id))
          add('warning', 'split-without-join', path, `Split "${node.name}" has no join; its branches finish separately and the order completes when the last one ends.`, node.id);
        break;
      default:
        if (next.length !== 1) add('error', 'next-edge', path, `"${node.name}" needs exactly one "next" edge; it has ${next.length}.`, node.id);
    }
    if (node.kind === 'activity') {
      if (node.failureProbability > 0 && byKind('error').length !== 1)
        add('error', 'missing-error-edge', `${path}.failureProbability`, `"${node.name}" fails ${pct(node.failureProbability)} of the time but has no "error" edge for those orders.`, node.id);
      if (node.queue.capacity !== undefined && byKind('overflow').length !== 1)
        add('error', 'missing-overflow-edge', `${path}.queue.capacity`, `"${node.name}" has a queue limit but no "overflow" edge for orders that do not fit.`, node.id);
      const pool = poolById.get(node.pool);
      if (!pool) add('error', 'unknown-pool', `${path}.pool`, `"${node.name}" uses pool "${node.pool}", which is not defined.`, node.id);
      else checkPoolCapacity(model, node, i, pool.id, add);
      checkDistribution(node.duration, `${path}.duration`, node.id, add);
    }
    if (node.kind === 'integration') {
      if (!systemIds.has(node.system)) add('error', 'unknown-system', `${path}.system`, `"${node.name}" calls system "${node.system}", which is not defined.`, node.id);
      const system = model.systems.find((s) => s.id === node.system);
      const canFail =
        node.failureProbability > 0 ||
        node.timeout !== undefined ||
        (system !== undefined && system.failureSpikes.length > 0) ||
        (system !== undefined && system.outages.behaviour === 'fail' && (system.outages.scheduled.length > 0 || system.outages.random !== undefined));
      if (canFail && byKind('deadLetter').length !== 1)
        add('error', 'missing-dead-letter-edge', path, `"${node.name}" can fail after its retries but has no "deadLetter" edge for those orders.`, node.id);
      if (node.mode === 'batch') {
        if (!node.batch) add('error', 'batch-settings', `${path}.batch`, `"${node.name}" runs in batch mode but has no batch interval.`, node.id);
        else {
          if (toMinutes(node.batch.interval) <= 0) add('error', 'batch-interval', `${path}.batch.interval`, 'The batch interval must be more than zero.', node.id);
          if (node.batch.cutoff && toMinutes(node.batch.cutoff) >= toMinutes(node.batch.interval))
            add('error', 'batch-cutoff', `${path}.batch.cutoff`, 'The cut-off must be shorter than the batch interval.', node.id);
        }
      }
      if (node.timeout && toMinutes(node.timeout) <= 0) add('error', 'timeout', `${path}.timeout`, 'A timeout must be more than zero.', node.id);
      checkDistribution(node.latency, `${path}.latency`, node.id, add);
    }
    if (node.kind === 'delay') checkDistribution(node.duration, `${path}.duration`, node.id, add);
    if (node.kind === 'batch') {
      if (!node.every && node.atCount === undefined) add('error', 'batch-release', path, `Batch "${node.name}" needs "every" or "atCount" to know when to release.`, node.id);
      if (node.every && toMinutes(node.every) <= 0) add('error', 'batch-interval', `${path}.every`, 'The release interval must be more than zero.', node.id);
    }
    if (node.kind === 'join') {
      const split = model.nodes.find((n) => n.id === node.split);
      if (!split || split.kind !== 'split')
        add('error', 'join-without-split', `${path}.split`, `Join "${node.name}" waits for split "${node.split}", which is not a split node.`, node.id);
      else {
        const end = endReachedBeforeJoin(split.id, node.id, outgoing, model);
        if (end)
          add('warning', 'branch-ends-before-join', `nodes[${nodeIndex.get(split.id)}]`, `A branch of "${split.name}" can reach "${end}" without passing "${node.name}"; the join then never fires for that order, which completes when its last branch ends.`, split.id);
      }
    }
    if (node.kind === 'split') checkParallelFulfilment(model, node, i, outgoing, add);
    if (node.kind === 'source') checkSource(model, node, i, siteIds, add);
    checkFulfilmentNode(model, node, path, out, undefined, add);
  });
  checkFulfilmentOverrides(model, outgoing, add);

  checkCustomers(model, add);
  checkStock(model, add);
  checkMilestones(model, add);

  // ---- pools, systems, calendars, sites
  model.pools.forEach((pool, i) => {
    if (pool.calendar !== undefined && !calendarIds.has(pool.calendar))
      add('error', 'unknown-calendar', `pools[${i}].calendar`, `Pool "${pool.name}" follows calendar "${pool.calendar}", which is not defined.`);
  });
  model.calendars.forEach((calendar, i) =>
    calendar.windows.forEach((w, j) => {
      if (w.start === w.end) add('error', 'empty-shift', `calendars[${i}].windows[${j}]`, `A shift of "${calendar.name}" starts and ends at ${w.start}.`);
    }),
  );
  model.systems.forEach((system, i) => {
    system.outages.scheduled.forEach((o, j) => {
      if (o.repeatEvery && toMinutes(o.repeatEvery) <= toMinutes(o.duration))
        add('error', 'outage-repeat', `systems[${i}].outages.scheduled[${j}].repeatEvery`, `Outages of "${system.name}" repeat before the previous one has ended.`);
    });
    if (system.outages.random) {
      if (toMinutes(system.outages.random.mtbf) <= 0) add('error', 'outage-mtbf', `systems[${i}].outages.random.mtbf`, 'The mean time between failures must be more than zero.');
      checkDistribution(system.outages.random.mttr, `systems[${i}].outages.random.mttr`, undefined, add);
    }
  });
  model.variants.forEach((variant, i) => {
    if (variant.id === 'base') add('error', 'reserved-id', `variants[${i}].id`, 'The variant id "base" is reserved for the model without patches; choose another id.');
    variant.patches.forEach((patch, j) => {
      if ((patch.target === 'run' || patch.target === 'customers' || patch.target === 'finance') && patch.id !== undefined)
        add('warning', 'patch-id-ignored', `variants[${i}].patches[${j}].id`, `Variant "${variant.name}" changes the model's ${patch.target} settings, which have no id; the id "${patch.id}" is ignored.`);
    });
  });
  model.sites.forEach((site, i) =>
    site.overrides.forEach((override, j) => {
      const pool = override.target === 'pool' ? poolById.get(override.id) : undefined;
      if (pool?.scope === 'shared')
        add('error', 'override-shared-pool', `sites[${i}].overrides[${j}]`, `"${pool.name}" is one team shared by every site, so site "${site.name}" cannot change it; make the pool per-site (scope "site") or change it for all sites.`);
    }),
  );
  const totalShare = model.sites.reduce((a, s) => a + s.volumeShare, 0);
  if (totalShare <= 0) add('error', 'site-shares', 'sites', 'At least one site needs a volume share above zero.');

  // ---- run settings
  const horizon = toMinutes(model.run.horizon);
  if (horizon <= 0) add('error', 'horizon', 'run.horizon', 'The horizon must be more than zero.');
  if (horizon > limits.horizonDays * 1440) add('error', 'horizon', 'run.horizon', `The horizon may be at most ${limits.horizonDays} days.`);
  if (toMinutes(model.run.warmup) >= horizon) add('error', 'warmup', 'run.warmup', 'The warm-up must be shorter than the horizon.');

  // ---- SLAs
  model.slas.forEach((sla, i) => {
    if (sla.from !== 'arrival' && !nodeIndex.has(sla.from)) add('error', 'unknown-node', `slas[${i}].from`, `SLA "${sla.name}" starts at "${sla.from}", which is not a node (or "arrival").`);
    if (!nodeIndex.has(sla.to)) add('error', 'unknown-node', `slas[${i}].to`, `SLA "${sla.name}" ends at "${sla.to}", which is not a node.`);
  });

  checkReachability(model, outgoing, add);
  return findings;
}

type Add = (severity: ModelFinding['severity'], code: string, path: string, message: string, nodeId?: string) => void;

/** Edge kinds each node kind may start (the studio offers only these). */
export const allowedEdgeKinds: Record<WorkflowNode['kind'], readonly EdgeKind[]> = {
  source: ['next'],
  activity: ['next', 'error', 'overflow'],
  integration: ['next', 'deadLetter'],
  decision: ['branch'],
  split: ['next'],
  join: ['next'],
  delay: ['next'],
  batch: ['next'],
  allocate: ['next', 'error'],
  creditCheck: ['next', 'hold'],
  awaitPayment: ['next'],
  end: [],
};

function formatDuration(d: Duration): string {
  return `${d.value} ${d.unit}`;
}

function pct(p: number): string {
  return `${Math.round(p * 1000) / 10}%`;
}

function checkUniqueIds(model: Workflow, add: Add): void {
  const groups: Array<[string, ReadonlyArray<{ id: string }>]> = [
    ['nodes', model.nodes],
    ['edges', model.edges],
    ['pools', model.pools],
    ['systems', model.systems],
    ['sites', model.sites],
    ['calendars', model.calendars],
    ['slas', model.slas],
    ['variants', model.variants],
  ];
  for (const [name, list] of groups) {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) add('error', 'duplicate-id', `${name}[${i}].id`, `The id "${item.id}" is used twice in ${name}.`);
      seen.add(item.id);
    });
  }
}

function checkDistribution(d: AnyDistribution, path: string, nodeId: string | undefined, add: Add): void {
  for (const [field, message] of distributionParameterProblems(d)) add('error', 'distribution', `${path}.${field}`, message, nodeId);
}

function checkDecision(model: Workflow, node: WorkflowNode & { kind: 'decision' }, i: number, branches: Array<{ edge: WorkflowEdge; index: number }>, add: Add): void {
  const path = `nodes[${i}]`;
  if (branches.length < 2) add('error', 'decision-branches', path, `Decision "${node.name}" needs at least two "branch" edges; it has ${branches.length}.`, node.id);
  if (node.mode === 'probability') {
    let sum = 0;
    for (const { edge, index } of branches) {
      if (edge.probability === undefined) add('error', 'branch-probability', `edges[${index}].probability`, `Branch "${edge.id}" of "${node.name}" has no probability.`, node.id);
      else sum += edge.probability;
    }
    if (branches.length > 0 && Math.abs(sum - 1) > 1e-6)
      add('error', 'probabilities-sum', path, `The branch probabilities of "${node.name}" add up to ${Math.round(sum * 1e6) / 1e6}, not 1.`, node.id);
  } else {
    let otherwise = 0;
    for (const { edge, index } of branches) {
      if (edge.otherwise) otherwise++;
      else if (!edge.condition) add('error', 'branch-condition', `edges[${index}].condition`, `Branch "${edge.id}" of "${node.name}" has no condition (or "otherwise").`, node.id);
      else checkCondition(model, edge.condition, `edges[${index}].condition`, node.id, add);
    }
    if (otherwise !== 1) add('error', 'branch-otherwise', path, `Decision "${node.name}" needs exactly one "otherwise" branch for orders no condition matches; it has ${otherwise}.`, node.id);
  }
}

function checkPoolCapacity(model: Workflow, node: WorkflowNode & { kind: 'activity' }, i: number, poolId: string, add: Add): void {
  const pool = model.pools.find((p) => p.id === poolId);
  if (!pool) return;
  const capacities =
    pool.scope === 'shared'
      ? [{ site: undefined as string | undefined, capacity: pool.capacity }]
      : model.sites
          .filter((s) => receivesOrders(model, s.id) || shipsForOtherSites(model, s.id))
          .map((site) => {
            const override = site.overrides.find((o) => o.target === 'pool' && o.id === pool.id && typeof o.set.capacity === 'number');
            return { site: site.name as string | undefined, capacity: override ? (override.set.capacity as number) : pool.capacity };
          });
  for (const { site, capacity } of capacities) {
    if (capacity < node.quantity) {
      const where = site ? ` at ${site}` : '';
      add('error', 'pool-capacity', `nodes[${i}].pool`, `"${node.name}" needs ${node.quantity} of "${pool.name}" but the pool has ${capacity}${where}; orders would wait forever.`, node.id);
    }
  }
}

/**
 * A site ships for other sites when an allocation may send it short lines as a second shipment: the base step, or
 * any site's version of it (a site override can turn second shipments on for that site's orders).
 */
function shipsForOtherSites(model: Workflow, siteId: string): boolean {
  const versions = (n: WorkflowNode): unknown[] => [
    n,
    ...model.sites.flatMap((s) => s.overrides.filter((o) => o.target === 'node' && o.id === n.id).map((o) => deepMerge(n, o.set))),
  ];
  return model.nodes.some(
    (n) =>
      n.kind === 'allocate' &&
      versions(n).some((v) => {
        const a = v as NodeOfKind<'allocate'>;
        return a.policy === 'sourceElsewhere' && a.sourcing?.fulfil === 'secondShipment' && (a.sourcing.sites ?? model.sites.map((s) => s.id)).includes(siteId);
      }),
  );
}

/** A site receives orders when it has a volume share or a source sends it a share of its orders. */
function receivesOrders(model: Workflow, siteId: string): boolean {
  const site = model.sites.find((s) => s.id === siteId);
  if (site && site.volumeShare > 0) return true;
  return model.nodes.some((n) => n.kind === 'source' && (n.siteShares ?? []).some((s) => s.site === siteId && s.share > 0));
}

/**
 * Conditions must compare an attribute the way its type allows (errors), and should name an attribute orders carry
 * and values that exist (warnings: such a branch is never taken, which runs but is rarely what was meant).
 */
function checkCondition(model: Workflow, condition: Condition, path: string, nodeId: string, add: Add): void {
  const { attribute, op, value } = condition;
  const numeric = attribute === 'lines' || attribute === 'value';
  const categorical = new Map<string, Set<string>>([
    ['site', new Set(model.sites.map((s) => s.id))],
    ['priority', new Set(model.priorityClasses)],
  ]);
  for (const node of model.nodes) {
    if (node.kind !== 'source') continue;
    for (const mix of node.attributes) {
      const values = categorical.get(mix.attribute) ?? new Set<string>();
      for (const v of mix.values) values.add(v.value);
      categorical.set(mix.attribute, values);
    }
  }
  const known = categorical.get(attribute);
  if (!numeric && !known) {
    add('warning', 'unknown-attribute', `${path}.attribute`, `No order carries the attribute "${attribute}" (known: site, priority, lines, value${[...categorical.keys()].filter((k) => k !== 'site' && k !== 'priority').map((k) => `, ${k}`).join('')}), so this branch is never taken; add it to a source's attributes.`, nodeId);
    return;
  }
  const ordering = op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte';
  if (numeric) {
    if (typeof value !== 'number' || op === 'in')
      add('error', 'condition-type', `${path}.value`, `"${attribute}" is a number: compare it with eq, neq, lt, lte, gt or gte and a number.`, nodeId);
    return;
  }
  if (ordering || typeof value === 'number') {
    add('error', 'condition-type', `${path}.op`, `"${attribute}" is a category: compare it with eq, neq or in and its values.`, nodeId);
    return;
  }
  if (op === 'in' && !Array.isArray(value)) add('error', 'condition-type', `${path}.value`, `"in" takes a list of values, e.g. ["EDI", "portal"].`, nodeId);
  if (op !== 'in' && Array.isArray(value)) add('error', 'condition-type', `${path}.op`, `A list of values needs the "in" operator.`, nodeId);
  const unknown = (Array.isArray(value) ? value : [value]).filter((v) => !known!.has(v));
  if (unknown.length > 0) {
    const code = attribute === 'site' ? 'unknown-site' : attribute === 'priority' ? 'unknown-priority' : 'unknown-attribute-value';
    add('warning', code, `${path}.value`, `"${attribute}" is never ${unknown.map((v) => `"${v}"`).join(' or ')} (its values: ${[...known!].join(', ')}), so this branch is never taken.`, nodeId);
  }
}

function checkSource(model: Workflow, node: WorkflowNode & { kind: 'source' }, i: number, siteIds: Set<string>, add: Add): void {
  const path = `nodes[${i}]`;
  node.siteShares?.forEach((s, j) => {
    if (!siteIds.has(s.site)) add('error', 'unknown-site', `${path}.siteShares[${j}].site`, `Source "${node.name}" sends orders to site "${s.site}", which is not defined.`, node.id);
  });
  const classes = new Set(model.priorityClasses);
  node.priorityMix.forEach((p, j) => {
    if (!classes.has(p.value)) add('error', 'unknown-priority', `${path}.priorityMix[${j}].value`, `Priority class "${p.value}" is not in the model's priorityClasses.`, node.id);
  });
  checkDistribution(node.lines, `${path}.lines`, node.id, add);
  checkDistribution(node.value.distribution, `${path}.value.distribution`, node.id, add);
  checkDistribution(node.lineQuantity, `${path}.lineQuantity`, node.id, add);
  if (node.promise?.requestedLeadTime) checkDistribution(node.promise.requestedLeadTime, `${path}.promise.requestedLeadTime`, node.id, add);
  const seenClasses = new Set<string>();
  node.productMix.forEach((m, j) => {
    if (seenClasses.has(m.value)) add('error', 'duplicate-product-class', `${path}.productMix[${j}].value`, `Product class "${m.value}" is listed twice in "${node.name}".`, node.id);
    seenClasses.add(m.value);
  });
  if (node.productMix.length > 0 && node.productMix.every((m) => m.share === 0))
    add('error', 'product-mix', `${path}.productMix`, `The product mix of "${node.name}" has no share above zero.`, node.id);
}

/**
 * Allocation and credit checks act on the order's shipment, which parallel branches share: a step of those kinds
 * reached by two branches of one split (before its join) would hold the shipment twice.
 */
function checkParallelFulfilment(model: Workflow, split: WorkflowNode, i: number, outgoing: Map<string, Array<{ edge: WorkflowEdge }>>, add: Add): void {
  const join = model.nodes.find((n) => n.kind === 'join' && n.split === split.id);
  const byId = new Map(model.nodes.map((n) => [n.id, n] as const));
  const reachedBy = new Map<string, number>();
  const followOnReported = new Set<string>();
  const stops = join ? [split.id, join.id] : [split.id];
  for (const { edge } of (outgoing.get(split.id) ?? []).filter((o) => o.edge.kind === 'next')) {
    for (const id of reachableBefore([edge.to], stops, outgoing)) {
      const node = byId.get(id);
      if (node?.kind === 'allocate' || node?.kind === 'creditCheck') reachedBy.set(id, (reachedBy.get(id) ?? 0) + 1);
      // Follow-on shipments are tokens of their own: inside a split they would reach its join as extra branches.
      if (join && node?.kind === 'allocate' && node.policy !== 'shipComplete' && !followOnReported.has(id)) {
        followOnReported.add(id);
        add('error', 'follow-on-inside-split', `nodes[${model.nodes.indexOf(node)}].policy`, `"${node.name}" can split shipments off (${node.policy}) between "${split.name}" and its join "${join.name}", where the extra shipments would be taken for branches; use "shipComplete" there, or move it before the split or after the join.`, node.id);
      }
    }
  }
  for (const [id, branches] of reachedBy) {
    if (branches < 2) continue;
    const node = byId.get(id) as WorkflowNode;
    add('error', 'parallel-fulfilment-step', `nodes[${i}]`, `"${node.name}" can be reached by ${branches} parallel branches of "${split.name}"; an order's shipment can be allocated or credit-checked by one branch only. Move it before the split or after the join.`, split.id);
  }
}

/** The name of an end node reachable from the split's branches without passing its join, if any. */
function endReachedBeforeJoin(splitId: string, joinId: string, outgoing: Map<string, Array<{ edge: WorkflowEdge }>>, model: Workflow): string | undefined {
  const kindOf = new Map(model.nodes.map((n) => [n.id, n] as const));
  const starts = (outgoing.get(splitId) ?? []).map((o) => o.edge.to);
  for (const id of reachableBefore(starts, [splitId, joinId], outgoing)) {
    const node = kindOf.get(id);
    if (node?.kind === 'end') return node.name;
  }
  return undefined;
}

/** Nodes reachable from `starts` without passing any of `stops` (which are not included), in the order visited. */
function reachableBefore(starts: readonly string[], stops: readonly string[], outgoing: Map<string, Array<{ edge: WorkflowEdge }>>): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id) || stops.includes(id)) continue;
    seen.add(id);
    for (const { edge } of outgoing.get(id) ?? []) stack.push(edge.to);
  }
  return seen;
}

/** Every node reachable from a source (else a warning) and every node able to reach an end (else an error). */
function checkReachability(model: Workflow, outgoing: Map<string, Array<{ edge: WorkflowEdge }>>, add: Add): void {
  const reached = new Set<string>();
  const stack = model.nodes.filter((n) => n.kind === 'source').map((n) => n.id);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const { edge } of outgoing.get(id) ?? []) stack.push(edge.to);
  }
  const incoming = new Map<string, string[]>();
  for (const [from, list] of outgoing) for (const { edge } of list) incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), from]);
  const canEnd = new Set<string>();
  const back = model.nodes.filter((n) => n.kind === 'end').map((n) => n.id);
  while (back.length > 0) {
    const id = back.pop() as string;
    if (canEnd.has(id)) continue;
    canEnd.add(id);
    for (const from of incoming.get(id) ?? []) back.push(from);
  }
  model.nodes.forEach((node, i) => {
    if (!reached.has(node.id) && node.kind !== 'source')
      add('warning', 'unreachable', `nodes[${i}]`, `No order can reach "${node.name}" from a source.`, node.id);
    if (!canEnd.has(node.id))
      add('error', 'no-path-to-end', `nodes[${i}]`, `Orders at "${node.name}" can never reach an end node (a dead end, or a loop with no way out).`, node.id);
  });
}

// ---------------------------------------------------------------------------------------------- fulfilment (format v2)

type Edges = Array<{ edge: WorkflowEdge; index: number }>;

/** Indexes of the sites an allocation at `home` may source short lines from: the listed ones, else every other site. */
function sourcingCandidates(model: Workflow, listed: readonly string[] | undefined, home: string): number[] {
  const ids = listed ?? model.sites.map((s) => s.id);
  return model.sites.flatMap((s, k) => (s.id !== home && ids.includes(s.id) ? [k] : []));
}

/**
 * Checks of an allocate, credit check or payment step. `path` is where the node's fields are written (the node, or
 * a site override's `set`); `home`, when given, limits the checks to orders of that site (an override applies there only).
 */
function checkFulfilmentNode(model: Workflow, node: WorkflowNode, path: string, out: Edges, home: number | undefined, add: Add): void {
  const byKind = (kind: EdgeKind) => out.filter((o) => o.edge.kind === kind);
  if (node.kind === 'allocate') checkAllocate(model, node, path, byKind('error'), home, add);
  if (node.kind === 'creditCheck') {
    const hold = byKind('hold');
    if (hold.length > 1)
      add('error', 'duplicate-hold-edge', `edges[${hold[1].index}]`, `Credit check "${node.name}" has ${hold.length} "hold" edges; held orders can go to one review only.`, node.id);
    if (node.reviewAfter !== undefined && hold.length === 0)
      add('error', 'missing-hold-edge', `${path}.reviewAfter`, `Credit check "${node.name}" sends held orders to review after ${formatDuration(node.reviewAfter)} but has no "hold" edge to the review.`, node.id);
    if (!model.customers)
      add('warning', 'no-customers', path, `Credit check "${node.name}" has no customers to check against (the model has no "customers" section), so every order passes.`, node.id);
  }
  if (node.kind === 'awaitPayment') {
    if (node.daysToPay) checkDistribution(node.daysToPay, `${path}.daysToPay`, node.id, add);
    else if (!model.customers)
      add('error', 'missing-days-to-pay', `${path}.daysToPay`, `"${node.name}" waits for payment but has no "daysToPay" and the model has no "customers" section with payment terms.`, node.id);
  }
}

/**
 * Site overrides of fulfilment steps (the engine allocates each order with its site's version of the node): what
 * the overridden node gets wrong for that site and the base node does not, reported at the override.
 */
function checkFulfilmentOverrides(model: Workflow, outgoing: Map<string, Edges>, add: Add): void {
  model.sites.forEach((site, k) =>
    site.overrides.forEach((override, j) => {
      if (override.target !== 'node') return;
      const i = model.nodes.findIndex((n) => n.id === override.id);
      const base = model.nodes[i];
      if (!base || (base.kind !== 'allocate' && base.kind !== 'creditCheck' && base.kind !== 'awaitPayment')) return;
      // An override that breaks the node's shape is reported by the loader; nothing to add here.
      const merged = nodeSchema.safeParse(deepMerge(base, override.set));
      if (!merged.success || merged.data.kind !== base.kind) return;
      const out = outgoing.get(base.id) ?? [];
      const collect = (node: WorkflowNode, path: string) => {
        const list: ModelFinding[] = [];
        checkFulfilmentNode(model, node, path, out, k, (severity, code, p, message, nodeId) => list.push({ severity, code, path: p, message, ...(nodeId === undefined ? {} : { nodeId }) }));
        return list;
      };
      const overridePath = `sites[${k}].overrides[${j}].set`;
      const known = new Set(collect(base, overridePath).map((f) => `${f.code}|${f.path}|${f.message}`));
      for (const f of collect(merged.data, overridePath)) {
        if (known.has(`${f.code}|${f.path}|${f.message}`)) continue;
        add(f.severity, f.code, f.path, `At ${site.name} (site override): ${f.message}`, f.nodeId);
      }
    }),
  );
}

function checkAllocate(model: Workflow, node: NodeOfKind<'allocate'>, path: string, errorEdges: Edges, home: number | undefined, add: Add): void {
  const name = `Allocation "${node.name}"`;
  if (node.maxBackorderWait !== undefined) {
    if (errorEdges.length === 0)
      add('error', 'missing-error-edge', `${path}.maxBackorderWait`, `${name} cancels lines short for more than ${formatDuration(node.maxBackorderWait)} but has no "error" edge for a shipment left with no line (e.g. to a "cancelled" end).`, node.id);
  } else {
    for (const { index } of errorEdges)
      add('warning', 'unused-error-edge', `edges[${index}]`, `${name} never cancels lines (it has no "maxBackorderWait"), so its "error" edge is never taken.`, node.id);
  }
  if (errorEdges.length > 1)
    add('error', 'duplicate-error-edge', `edges[${errorEdges[1].index}]`, `${name} has ${errorEdges.length} "error" edges; a shipment whose lines were all cancelled can take only one.`, node.id);
  if (!model.sites.some((s) => s.stock !== undefined))
    add('warning', 'no-stock', path, `No site has a "stock" model, so every line is always available and ${name} never holds a shipment; give the sites a fill rate or an inventory.`, node.id);

  const sourcing = node.sourcing;
  if (node.policy !== 'sourceElsewhere') {
    if (sourcing) add('info', 'sourcing-ignored', `${path}.sourcing`, `${name} has policy "${node.policy}", so its "sourcing" settings are not used (they are for "sourceElsewhere").`, node.id);
    return;
  }
  if (!sourcing) {
    add('error', 'missing-sourcing', `${path}.policy`, `${name} sources short lines elsewhere but has no "sourcing" settings (rule, sites, transfer or second shipment).`, node.id);
    return;
  }
  const siteIds = new Set(model.sites.map((s) => s.id));
  const seen = new Set<string>();
  sourcing.sites?.forEach((id, j) => {
    if (!siteIds.has(id)) add('error', 'unknown-site', `${path}.sourcing.sites[${j}]`, `${name} sources from site "${id}", which is not defined.`, node.id);
    else if (seen.has(id)) add('warning', 'duplicate-sourcing-site', `${path}.sourcing.sites[${j}]`, `${name} lists site "${id}" twice.`, node.id);
    seen.add(id);
  });
  checkDistribution(sourcing.transferTime, `${path}.sourcing.transferTime`, node.id, add);
  const needLocation = new Set<number>();
  model.sites.forEach((site, k) => {
    if ((home !== undefined && k !== home) || !receivesOrders(model, site.id)) return;
    const candidates = sourcingCandidates(model, sourcing.sites, site.id);
    if (candidates.length === 0) {
      const why = sourcing.sites ? `"sourcing.sites" names no site other than ${site.name}` : 'the model has no other site';
      add('error', 'sourcing-sites', sourcing.sites ? `${path}.sourcing.sites` : `${path}.sourcing`, `${name} looks for short lines at other sites, but for orders of ${site.name} ${why}.`, node.id);
      return;
    }
    if (sourcing.rule === 'nearest') for (const c of [k, ...candidates]) needLocation.add(c);
  });
  for (const k of [...needLocation].sort((a, b) => a - b)) {
    const site = model.sites[k];
    if (!site.location)
      add('error', 'site-location', `sites[${k}].location`, `${name} sources from the nearest site, so site "${site.name}" needs a "location" (lat, lon).`, node.id);
  }
}

type AttributeDraw = { node: NodeOfKind<'source'>; nodeIndex: number; mixIndex: number };

/** Where each categorical attribute is drawn: source and index of its mix. */
function attributeDraws(model: Workflow): Map<string, AttributeDraw[]> {
  const out = new Map<string, AttributeDraw[]>();
  model.nodes.forEach((node, nodeIndex) => {
    if (node.kind !== 'source') return;
    node.attributes.forEach((mix, mixIndex) => out.set(mix.attribute, [...(out.get(mix.attribute) ?? []), { node, nodeIndex, mixIndex }]));
  });
  return out;
}

/** Segments are unique, found by an attribute that orders carry, and every drawn value has one (else warnings). */
function checkCustomers(model: Workflow, add: Add): void {
  const customers = model.customers;
  if (!customers) return;
  const values = new Set<string>();
  customers.segments.forEach((segment, j) => {
    if (values.has(segment.value)) add('error', 'duplicate-segment', `customers.segments[${j}].value`, `The customer segment "${segment.value}" is listed twice.`);
    values.add(segment.value);
    checkDistribution(segment.daysToPay, `customers.segments[${j}].daysToPay`, undefined, add);
  });
  const first = customers.segments[0].value;
  const attribute = customers.segmentAttribute;
  if (attribute === undefined) {
    if (customers.segments.length > 1)
      add('error', 'segment-attribute', 'customers.segmentAttribute', `There are ${customers.segments.length} customer segments but no "segmentAttribute" saying which order belongs to which; name the order attribute (e.g. "segment") that the sources draw.`);
  } else {
    const draws = attributeDraws(model).get(attribute) ?? [];
    if (draws.length === 0) {
      add('error', 'segment-attribute', 'customers.segmentAttribute', `Customer segments are chosen by the order attribute "${attribute}", but no source draws it; add it to a source's "attributes".`);
    } else {
      const taken = new Set<string>();
      for (const { node, nodeIndex, mixIndex } of draws) {
        node.attributes[mixIndex].values.forEach((v, m) => {
          if (v.share <= 0) return;
          taken.add(v.value);
          if (!values.has(v.value))
            add('warning', 'unsegmented-value', `nodes[${nodeIndex}].attributes[${mixIndex}].values[${m}].value`, `Orders of "${node.name}" with ${attribute} "${v.value}" match no customer segment, so they count as segment "${first}" (the first).`, node.id);
        });
      }
      customers.segments.forEach((segment, j) => {
        if (!taken.has(segment.value))
          add('warning', 'unknown-segment', `customers.segments[${j}].value`, `No order has ${attribute} "${segment.value}" (values drawn: ${[...taken].join(', ') || 'none'}), so segment "${segment.value}" never has an order.`);
      });
      model.nodes.forEach((node, i) => {
        if (node.kind === 'source' && !node.attributes.some((a) => a.attribute === attribute))
          add('warning', 'unsegmented-source', `nodes[${i}].attributes`, `Source "${node.name}" does not draw "${attribute}", so all its orders count as segment "${first}" (the first).`, node.id);
      });
    }
  }
  const checks = model.nodes.filter((n) => n.kind === 'creditCheck');
  if (checks.length > 0 && customers.segments.every((s) => s.creditLimit === undefined))
    add('warning', 'no-credit-limit', 'customers.segments', `No customer segment has a "creditLimit", so ${checks.map((n) => `"${n.name}"`).join(', ')} never holds an order.`, checks[0].id);
}

/** Stock rows: one per product class plus at most one catch-all; rows for classes nobody orders, and classes no row covers. */
function checkStock(model: Workflow, add: Add): void {
  const ordered = new Set<string>();
  for (const node of model.nodes) {
    if (node.kind !== 'source') continue;
    // A source without a product mix orders one class, "default".
    if (node.productMix.length === 0) ordered.add('default');
    for (const m of node.productMix) if (m.share > 0) ordered.add(m.value);
  }
  const hasAllocate = model.nodes.some((n) => n.kind === 'allocate');
  model.sites.forEach((site, i) => {
    const stock = site.stock;
    if (!stock) return;
    const path = `sites[${i}].stock`;
    if (!hasAllocate) add('warning', 'unused-stock', path, `Site "${site.name}" has a stock model but no allocate step draws on it, so stock never holds an order; add an allocate step to the flow.`);
    const rows = new Set<string>();
    let catchAll = 0;
    stock.classes.forEach((row, j) => {
      const rowPath = `${path}.classes[${j}]`;
      checkDistribution(row.replenishmentLeadTime, `${rowPath}.replenishmentLeadTime`, undefined, add);
      if (row.productClass === undefined) {
        catchAll++;
        if (catchAll > 1) add('error', 'stock-catch-all', rowPath, `Site "${site.name}" has more than one stock row without a "productClass"; only one row may cover the other classes.`);
        return;
      }
      if (rows.has(row.productClass)) add('error', 'duplicate-stock-class', `${rowPath}.productClass`, `Site "${site.name}" has two stock rows for product class "${row.productClass}".`);
      rows.add(row.productClass);
      if (!ordered.has(row.productClass))
        add('warning', 'unused-stock-class', `${rowPath}.productClass`, `No source orders product class "${row.productClass}" (classes ordered: ${[...ordered].join(', ')}), so this stock row of "${site.name}" is never used.`);
    });
    if (catchAll === 0) {
      const uncovered = [...ordered].filter((c) => !rows.has(c));
      if (uncovered.length > 0)
        add('warning', 'uncovered-stock-class', `${path}.classes`, `At "${site.name}" lines of class ${uncovered.map((c) => `"${c}"`).join(', ')} have no stock row (and no row without "productClass" covers the other classes), so they are always available.`);
    }
  });
}

/** Milestones the KPIs need: cash to release credit exposure, ship to measure invoice lag. */
function checkMilestones(model: Workflow, add: Add): void {
  const has = (m: 'ship' | 'invoice' | 'cash') => model.nodes.some((n) => n.milestone === m);
  const credit = model.nodes.find((n) => n.kind === 'creditCheck' || n.kind === 'awaitPayment');
  if (credit && !has('cash'))
    add('warning', 'no-cash-milestone', 'nodes', `"${credit.name}" deals with credit or payment, but no step has milestone "cash", so customers' open exposure is never released and order-to-cash is not measured; set "milestone": "cash" on the step where cash is applied.`, credit.id);
  const invoice = model.nodes.find((n) => n.milestone === 'invoice');
  if (invoice && !has('ship'))
    add('warning', 'no-ship-milestone', 'nodes', `"${invoice.name}" marks the invoice but no step has milestone "ship", so invoice lag and shipped-not-invoiced value are not measured; set "milestone": "ship" on the step where goods leave.`, invoice.id);
}
