/**
 * Capacity recommendation: the cheapest pool sizes (and system concurrency) that meet every SLA goal with
 * confidence, i.e. the lower bound of the confidence interval of each SLA's attainment over replications is at
 * least its goal, with no runaway replication.
 *
 * The search is deterministic and reports everything it tried:
 * 1. Start every resource at its lower bound: by default the smallest size whose offered load (the engine's static
 *    check: work arriving per unit of capacity) is below 1 and below the utilisation cap, or `min` when given.
 * 2. While some goal is missed: try one more unit on each of the (up to) three busiest resources. If some of these
 *    steps meet every goal, keep the cheapest; otherwise keep the step that cuts the total shortfall (sum over SLAs of
 *    goal - lower bound) most per unit of cost (ties: the busier resource). When no step helps, add to the busiest.
 * 3. Once every goal is met: try one unit less on each priced resource, the most expensive per unit first, and keep
 *    each removal that still meets every goal. At equal cost the answer closest to the model as written wins.
 * Every configuration runs the same seeds (common random numbers), so differences between them are the capacity's.
 * Headroom: a configuration also counts as meeting the goals only when every sized resource is on average at most
 * `maxUtilisation` busy (default 0.9): a team at 98% may meet an SLA over a few weeks and still be one bad day from
 * a backlog.
 *
 * Cost: a pool unit costs `costPerHour` times its paid hours per week (its calendar's hours, 168 without one); a
 * system's concurrency slot costs the given `costPerSlotHour` (default 0: then only people are priced, and slots
 * are added only when they help).
 */
import { cloneJson, limits, type Calendar, type Variant, type Workflow } from '../../models';
import { checkOfferedLoad } from '../engine/loadCheck';
import type { ReplicationResult } from '../report';
import { estimate } from '../stats/estimate';
import { ExperimentError, validated, withPoolCapacity } from './parameters';
import { runPlan, type ExperimentPlan, type RunPlanOptions, type RunReplications } from './runner';

/** A resource to size, as named on the command line: `pool.ID`, `pool.ID@SITE` or `system.ID`. */
export interface ResourceSpec {
  resource: string;
  min?: number;
  max?: number;
  /** Systems only: cost of one concurrency slot per hour (default 0). */
  costPerSlotHour?: number;
}

export interface RecommendSpec {
  /** Resources to size; default: every pool (per site for site-scoped pools) and every system with a concurrency. */
  resources?: ResourceSpec[];
  replications: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  /** Two-sided level of the attainment interval whose lower bound must reach the goal (default 0.95). */
  confidence?: number;
  /** Most configurations to simulate (default 60). */
  maxEvaluations?: number;
  /** Cost of one system concurrency slot per hour, for systems without their own `costPerSlotHour` (default 0). */
  costPerSlotHour?: number;
  /** The SLA ids whose goals must be met (default: every SLA of the model). */
  slas?: string[];
  /** Highest mean utilisation allowed for a sized resource (default 0.9; 1 turns the cap off). */
  maxUtilisation?: number;
}

/** A resource being sized. */
export interface SizedResource {
  resource: string;
  kind: 'pool' | 'system';
  id: string;
  site: string | null;
  label: string;
  /** Size in the model as written. */
  current: number;
  min: number;
  max: number;
  /** Cost of one unit per week in the model's currency. */
  unitCostPerWeek: number;
}

/** One configuration tried. */
export interface Evaluation {
  /** Sizes in the order of `resources`. */
  sizes: number[];
  /** What the search did to get here, e.g. `start`, `+1 pool.analysts`, `-1 pool.pickers`, `as modelled`. */
  step: string;
  costPerWeek: number;
  units: number;
  feasible: boolean;
  /** Sum over SLAs of max(0, goal - lower bound); 0 when feasible. */
  shortfall: number;
  status: 'ok' | 'unstable';
  slas: Array<{ slaId: string; goal: number; mean: number | null; low: number | null }>;
  /** Utilisation (mean) of each sized resource, in the order of `resources`; null when not measured. */
  utilisation: Array<number | null>;
}

export interface RecommendReport {
  recommendFormatVersion: 1;
  model: { name: string; currency: string };
  settings: { replications: number; seed: number; horizonMinutes: number; warmupMinutes: number; confidence: number; maxEvaluations: number; maxUtilisation: number };
  /** The SLAs whose goals the search had to meet. */
  targets: string[];
  resources: SizedResource[];
  /** The model as written, for comparison. */
  asModelled: Evaluation;
  /** The cheapest configuration found that meets every goal; null when none was found within the limits. */
  recommended: Evaluation | null;
  /** The recommendation as a variant of the model (null when there is none). */
  variant: Variant | null;
  /** Every configuration simulated, in the order tried. */
  tried: Evaluation[];
  messages: string[];
}

/** Paid hours per week of a calendar (windows may run past midnight). */
export function paidHoursPerWeek(calendar: Calendar | undefined): number {
  if (!calendar) return 168;
  let minutes = 0;
  for (const w of calendar.windows) {
    const [sh, sm] = w.start.split(':').map(Number);
    const [eh, em] = w.end.split(':').map(Number);
    const start = sh * 60 + sm;
    const end = eh * 60 + em;
    const length = end > start ? end - start : end === start ? 1440 : 1440 - start + end;
    minutes += length * w.days.length;
  }
  return Math.min(168, minutes / 60);
}

function poolCapacityAt(model: Workflow, poolId: string, site: string | null): number {
  const pool = model.pools.find((p) => p.id === poolId);
  if (!pool) return 0;
  if (site === null) return pool.capacity;
  const override = model.sites.find((s) => s.id === site)?.overrides.find((o) => o.target === 'pool' && o.id === poolId);
  return typeof override?.set.capacity === 'number' ? override.set.capacity : pool.capacity;
}

/** Resolves the resources to size with their bounds and unit costs; throws `ExperimentError` naming a bad one. */
export function resolveResources(model: Workflow, spec: RecommendSpec): SizedResource[] {
  const cap = spec.maxUtilisation ?? 0.9;
  if (!(cap > 0 && cap <= 1)) throw new ExperimentError(`The utilisation cap must lie in (0, 1] (got ${cap}).`);
  const multiSite = model.sites.length > 1;
  const requested: ResourceSpec[] =
    spec.resources ??
    [
      ...model.pools.flatMap((p) => (p.scope === 'site' && multiSite ? model.sites.map((s) => ({ resource: `pool.${p.id}@${s.id}` })) : [{ resource: `pool.${p.id}` }])),
      ...model.systems.filter((s) => s.concurrency !== undefined).map((s) => ({ resource: `system.${s.id}` })),
    ];
  if (requested.length === 0) throw new ExperimentError('The model has no pools or systems with a concurrency to size.');
  const load = checkOfferedLoad(model);
  const seen = new Set<string>();
  return requested.map((r) => {
    const match = /^(pool|system)\.([A-Za-z][A-Za-z0-9_-]*)(?:@([A-Za-z][A-Za-z0-9_-]*))?$/.exec(r.resource);
    if (!match) throw new ExperimentError(`Unknown resource "${r.resource}"; write pool.ID, pool.ID@SITE or system.ID.`);
    if (seen.has(r.resource)) throw new ExperimentError(`The resource "${r.resource}" is listed twice.`);
    seen.add(r.resource);
    const [, kind, id, siteGiven] = match;
    if (kind === 'pool') {
      const pool = model.pools.find((p) => p.id === id);
      if (!pool) throw new ExperimentError(`Resource "${r.resource}": the model has no pool "${id}" (it has ${model.pools.map((p) => p.id).join(', ') || 'none'}).`);
      if (siteGiven !== undefined && !model.sites.some((s) => s.id === siteGiven)) throw new ExperimentError(`Resource "${r.resource}": the model has no site "${siteGiven}".`);
      if (siteGiven !== undefined && pool.scope === 'shared') throw new ExperimentError(`Resource "${r.resource}": pool "${id}" is shared by all sites; write pool.${id}.`);
      if (siteGiven === undefined && pool.scope === 'site' && multiSite) throw new ExperimentError(`Resource "${r.resource}": pool "${id}" has a team per site; write pool.${id}@SITE (one per site).`);
      const site = siteGiven ?? null;
      const current = poolCapacityAt(model, id, site);
      // Offered load of this team at its current size; the smallest stable size carries the same work below 1.
      const checks = load.filter((l) => l.resource === 'pool' && l.id === id && (site === null || l.siteId === site));
      const work = Math.max(0, ...checks.map((l) => l.offeredLoad * current));
      const min = r.min ?? smallestSize(work, cap);
      const max = r.max ?? Math.min(limits.poolCapacity, Math.max(2 * current, min + 20));
      const name = pool.name + (site ? ` at ${model.sites.find((s) => s.id === site)?.name ?? site}` : '');
      const unitCostPerWeek = pool.costPerHour * paidHoursPerWeek(model.calendars.find((c) => c.id === pool.calendar));
      if (r.costPerSlotHour !== undefined) throw new ExperimentError(`Resource "${r.resource}": a slot cost is for systems; pools cost their costPerHour.`);
      return check({ resource: r.resource, kind: 'pool', id, site, label: name, current, min, max, unitCostPerWeek });
    }
    const system = model.systems.find((s) => s.id === id);
    if (!system) throw new ExperimentError(`Resource "${r.resource}": the model has no system "${id}" (it has ${model.systems.map((s) => s.id).join(', ') || 'none'}).`);
    if (siteGiven !== undefined) throw new ExperimentError(`Resource "${r.resource}": systems are sized as a whole (system.${id}).`);
    const checks = load.filter((l) => l.resource === 'system' && l.id === id);
    const current = system.concurrency ?? 0;
    const work = current > 0 ? Math.max(0, ...checks.map((l) => l.offeredLoad * current)) : 0;
    const min = r.min ?? smallestSize(work, cap);
    const max = r.max ?? Math.min(limits.poolCapacity, Math.max(2 * Math.max(current, 1), min + 20));
    return check({ resource: r.resource, kind: 'system', id, site: null, label: `${system.name} concurrency`, current, min, max, unitCostPerWeek: (r.costPerSlotHour ?? spec.costPerSlotHour ?? 0) * 168 });
  });
}

/** The smallest whole size that carries `work` (busy units on average) below 1 per unit and at most `cap`. */
function smallestSize(work: number, cap: number): number {
  return Math.max(1, Math.floor(work) + 1, Math.ceil(work / cap - 1e-9));
}

function check(r: SizedResource): SizedResource {
  if (!Number.isInteger(r.min) || !Number.isInteger(r.max) || r.min < (r.kind === 'pool' ? 0 : 1) || r.max < r.min) throw new ExperimentError(`Resource "${r.resource}": the bounds ${r.min}..${r.max} are not whole numbers from low to high.`);
  return r;
}

/** The model with the given sizes (validated). */
export function modelWithSizes(model: Workflow, resources: readonly SizedResource[], sizes: readonly number[]): Workflow {
  const out = cloneJson(model);
  resources.forEach((r, i) => {
    if (r.kind === 'pool') withPoolCapacity(out, r.id, r.site, sizes[i]);
    else {
      const system = out.systems.find((s) => s.id === r.id);
      if (system) system.concurrency = sizes[i];
    }
  });
  return validated(out, resources.map((r, i) => `${r.resource} = ${sizes[i]}`).join(', '));
}

/** The variant that turns the model as written into the given sizes (only what changes). */
export function variantForSizes(model: Workflow, resources: readonly SizedResource[], sizes: readonly number[], id = 'recommended-capacity'): Variant {
  let variantId = id;
  for (let k = 2; model.variants.some((v) => v.id === variantId); k++) variantId = `${id}-${k}`;
  const sized = modelWithSizes(model, resources, sizes);
  const patches: Variant['patches'] = [];
  const changedSites = new Set<string>();
  resources.forEach((r, i) => {
    if (sizes[i] === r.current) return;
    if (r.kind === 'system') patches.push({ target: 'system', id: r.id, set: { concurrency: sizes[i] } });
    else if (r.site === null) patches.push({ target: 'pool', id: r.id, set: { capacity: sizes[i] } });
    else changedSites.add(r.site);
  });
  // Variant patches replace arrays, so a site's overrides are written whole.
  for (const site of [...changedSites].sort()) {
    const overrides = sized.sites.find((s) => s.id === site)?.overrides ?? [];
    patches.push({ target: 'site', id: site, set: { overrides: cloneJson(overrides) } });
  }
  const changes = resources.map((r, i) => (sizes[i] === r.current ? null : `${r.label} ${r.current} → ${sizes[i]}`)).filter((x): x is string => x !== null);
  return { id: variantId, name: 'Recommended capacity', description: `Cheapest sizes found that meet every SLA goal with confidence: ${changes.join(', ') || 'no change'}.`, patches };
}

/**
 * Searches for the cheapest sizes meeting every SLA goal with confidence; see the module comment.
 * @example const rec = await recommendCapacity(model, { replications: 10, seed: 1, horizonMinutes: 14 * 1440, warmupMinutes: 1440 }, inProcessRunner());
 */
export async function recommendCapacity(
  model: Workflow,
  spec: RecommendSpec,
  run: RunReplications,
  options: Omit<RunPlanOptions, 'items' | 'onProgress'> & { onEvaluation?: (evaluation: Evaluation, count: number, max: number) => void } = {},
): Promise<RecommendReport> {
  if (model.slas.length === 0) throw new ExperimentError('The model has no SLAs; a recommendation needs SLA targets to meet (add "slas" to the model).');
  if (!Number.isInteger(spec.replications) || spec.replications < 2) throw new ExperimentError('A recommendation needs at least 2 replications per configuration (confidence intervals).');
  if (!(spec.horizonMinutes > spec.warmupMinutes)) throw new ExperimentError('The horizon must be longer than the warm-up.');
  const confidence = spec.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new ExperimentError(`The confidence must lie between 0 and 1 (got ${confidence}).`);
  const maxEvaluations = spec.maxEvaluations ?? 60;
  if (!Number.isInteger(maxEvaluations) || maxEvaluations < 2) throw new ExperimentError(`The search needs at least 2 evaluations (the model as written and a start); got ${maxEvaluations}.`);
  const resources = resolveResources(model, spec);
  const targets = spec.slas ?? model.slas.map((sla) => sla.id);
  if (targets.length === 0) throw new ExperimentError('Name at least one SLA to meet.');
  for (const id of targets) if (!model.slas.some((sla) => sla.id === id)) throw new ExperimentError(`The model has no SLA "${id}" (it has ${model.slas.map((sla) => sla.id).join(', ')}).`);
  const tried: Evaluation[] = [];
  const memo = new Map<string, Evaluation>();
  const key = (sizes: readonly number[]) => sizes.join(',');

  /** Evaluates configurations not tried yet (within the budget); the answer is aligned with `configs`. */
  const evaluateMany = async (configs: Array<{ sizes: number[]; step: string }>): Promise<Array<Evaluation | undefined>> => {
    const fresh = configs.filter((c, i) => !memo.has(key(c.sizes)) && configs.findIndex((d) => key(d.sizes) === key(c.sizes)) === i).slice(0, Math.max(0, maxEvaluations - tried.length));
    if (fresh.length > 0) {
      const plan: ExperimentPlan = {
        points: fresh.map((c) => ({ id: key(c.sizes), model: modelWithSizes(model, resources, c.sizes) })),
        replications: spec.replications,
        seed: spec.seed,
        horizonMinutes: spec.horizonMinutes,
        warmupMinutes: spec.warmupMinutes,
      };
      const results = await runPlan(plan, run, { concurrency: options.concurrency, signal: options.signal });
      fresh.forEach((c, i) => {
        const evaluation = evaluate(model, resources, c.sizes, c.step, results.get(i) ?? [], confidence, targets, spec.maxUtilisation ?? 0.9);
        memo.set(key(c.sizes), evaluation);
        tried.push(evaluation);
        options.onEvaluation?.(evaluation, tried.length, maxEvaluations);
      });
    }
    return configs.map((c) => memo.get(key(c.sizes)));
  };

  const messages: string[] = [];
  const currentSizes = resources.map((r) => r.current);
  const [asModelled] = (await evaluateMany([{ sizes: currentSizes, step: 'as modelled' }])) as Evaluation[];
  let [current] = (await evaluateMany([{ sizes: resources.map((r) => r.min), step: 'start (lower bounds)' }])) as Evaluation[];
  const budgetLeft = () => tried.length < maxEvaluations;

  // 2. Grow until every goal is met.
  // Each step makes one size larger, so the growth ends within the total room between the bounds; the cap only
  // guards against a step that finds nothing new.
  let steps = resources.reduce((n, r) => n + (r.max - r.min), 0) + 1;
  while (!current.feasible && budgetLeft() && steps-- > 0) {
    const order = resources
      .map((r, i) => ({ i, u: current.utilisation[i] ?? 0 }))
      .filter(({ i }) => current.sizes[i] < resources[i].max)
      .sort((a, b) => b.u - a.u || a.i - b.i)
      .slice(0, 3);
    if (order.length === 0) {
      messages.push('Every resource reached its upper bound and some SLA goal is still missed.');
      break;
    }
    const candidates = order.map(({ i }) => ({ sizes: current.sizes.map((s, k) => (k === i ? s + 1 : s)), step: `+1 ${resources[i].resource}`, i }));
    const evaluated = await evaluateMany(candidates);
    const first = evaluated.find((e) => e !== undefined);
    if (!first) break;
    // A step that meets every goal ends the growth: take the cheapest such step. Otherwise take the largest cut of
    // the shortfall per unit of cost; free units (no cost given) count as a small cost so that noise-sized gains on
    // them do not outrank real gains on priced teams.
    const priced = resources.map((r) => r.unitCostPerWeek).filter((c) => c > 0);
    const floor = priced.length > 0 ? Math.min(...priced) / 100 : 1;
    let best = first;
    let bestScore = -Infinity;
    let bestFeasible: Evaluation | undefined;
    evaluated.forEach((e, k) => {
      if (!e) return;
      if (e.feasible && (!bestFeasible || better(e, bestFeasible, currentSizes))) bestFeasible = e;
      const gain = current.shortfall - e.shortfall;
      const unitCost = Math.max(resources[candidates[k].i].unitCostPerWeek, floor);
      const score = gain > 1e-12 ? gain / unitCost : -Infinity;
      if (score > bestScore) {
        bestScore = score;
        best = e;
      }
    });
    if (bestFeasible) {
      current = bestFeasible;
      continue;
    }
    current = bestScore === -Infinity ? first : best;
  }
  if (!current.feasible) {
    if (!budgetLeft()) messages.push(`The search stopped after ${maxEvaluations} configurations without meeting every goal; raise --max-evaluations or the upper bounds.`);
    return finish(model, spec, confidence, maxEvaluations, targets, resources, asModelled, null, tried, messages);
  }
  // 3. Trim: remove units that are not needed, the most expensive per unit first. Free units (no cost given) are
  // left as they are: removing them saves nothing.
  const trimOrder = resources.map((r, i) => i).filter((i) => resources[i].unitCostPerWeek > 0).sort((a, b) => resources[b].unitCostPerWeek - resources[a].unitCostPerWeek || a - b);
  for (const i of trimOrder) {
    while (current.sizes[i] > resources[i].min && budgetLeft()) {
      const [candidate] = await evaluateMany([{ sizes: current.sizes.map((s, k) => (k === i ? s - 1 : s)), step: `-1 ${resources[i].resource}` }]);
      if (!candidate || !candidate.feasible) break;
      current = candidate;
    }
  }
  // The model as written may be cheaper than what the greedy path found (it started elsewhere): offer the cheaper.
  if (asModelled.feasible && better(asModelled, current, currentSizes)) current = asModelled;
  return finish(model, spec, confidence, maxEvaluations, targets, resources, asModelled, current, tried, messages);
}

/**
 * Cheaper wins; at equal cost, fewer changes from the model as written (a free resource is not changed for
 * nothing), then fewer units.
 */
function better(a: Evaluation, b: Evaluation, asWritten: readonly number[]): boolean {
  if (Math.abs(a.costPerWeek - b.costPerWeek) > 1e-9) return a.costPerWeek < b.costPerWeek;
  const changes = (e: Evaluation) => e.sizes.reduce((n, size, i) => n + (size === asWritten[i] ? 0 : 1), 0);
  if (changes(a) !== changes(b)) return changes(a) < changes(b);
  return a.units < b.units;
}

function finish(model: Workflow, spec: RecommendSpec, confidence: number, maxEvaluations: number, targets: string[], resources: SizedResource[], asModelled: Evaluation, recommended: Evaluation | null, tried: Evaluation[], messages: string[]): RecommendReport {
  return {
    recommendFormatVersion: 1,
    model: { name: model.metadata.name, currency: model.currency },
    settings: { replications: spec.replications, seed: spec.seed, horizonMinutes: spec.horizonMinutes, warmupMinutes: spec.warmupMinutes, confidence, maxEvaluations, maxUtilisation: spec.maxUtilisation ?? 0.9 },
    targets,
    resources,
    asModelled,
    recommended,
    variant: recommended ? variantForSizes(model, resources, recommended.sizes) : null,
    tried,
    messages,
  };
}

/** Scores one configuration from its replications against the goals of the `targets` SLAs. */
export function evaluate(model: Workflow, resources: readonly SizedResource[], sizes: number[], step: string, results: readonly ReplicationResult[], confidence: number, targets: readonly string[], maxUtilisation = 1): Evaluation {
  const unstable = results.some((r) => r.status !== 'ok');
  const slas = model.slas.filter((sla) => targets.includes(sla.id)).map((sla) => {
    const values = results.map((r) => r.slas.find((s) => s.slaId === sla.id)?.attainment ?? null);
    const e = estimate(values, confidence);
    return { slaId: sla.id, goal: sla.goal, mean: e.mean, low: e.low };
  });
  const utilisation = resources.map((r) => {
    const values = results.map((res) => {
      if (r.kind === 'system') {
        const list = res.systems.filter((s) => s.systemId === r.id && s.utilisation !== null);
        return list.length > 0 ? Math.max(...list.map((s) => s.utilisation as number)) : null;
      }
      const list = res.pools.filter((p) => p.poolId === r.id && (r.site === null || p.siteId === r.site) && p.utilisation !== null);
      return list.length > 0 ? Math.max(...list.map((p) => p.utilisation as number)) : null;
    });
    return estimate(values).mean;
  });
  let shortfall = slas.reduce((sum, s) => sum + Math.max(0, s.goal - (s.low ?? 0)), 0);
  // Headroom counts like a missed goal: the amount by which a resource is busier than the cap.
  shortfall += utilisation.reduce((sum: number, u) => sum + Math.max(0, (u ?? 0) - maxUtilisation), 0);
  if (unstable) shortfall += slas.length + 1;
  const feasible = shortfall <= 0 && results.length > 0 && slas.every((s) => s.low !== null && s.low >= s.goal);
  const costPerWeek = resources.reduce((sum, r, i) => sum + r.unitCostPerWeek * sizes[i], 0);
  return { sizes: [...sizes], step, costPerWeek, units: sizes.reduce((a, b) => a + b, 0), feasible, shortfall: feasible ? 0 : shortfall, status: unstable ? 'unstable' : 'ok', slas, utilisation };
}
