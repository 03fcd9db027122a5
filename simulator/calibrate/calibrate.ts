import { CURRENT_FORMAT_VERSION, limits, loadModel, type Workflow, type WorkflowInput } from '../../models';
import type { EventLogRow } from '../report';
import { runReplication } from '../run';
import type { EventLog, ObservedEvent } from './eventLog';
import { fitDurations, ksTwoSample, sig, type DurationFit, type FamilyName } from './fit';

/**
 * Calibrates a current-state model from an event log (docs/interop.md, "Calibration"):
 * 1. the activity graph by directly-follows discovery, dropping relations taken by fewer than `minEdgeShare` of the
 *    cases leaving an activity (each activity keeps at least one way on, and a way to the end);
 * 2. branch probabilities = how often each kept relation was taken (with 95% Wilson intervals in the report);
 * 3. arrivals = first events of cases: a Poisson rate with hour-of-day and weekday profiles (UTC);
 * 4. durations per activity fitted by maximum likelihood (exponential, lognormal, gamma, Weibull, normal), the best
 *    family by AIC;
 * 5. pools: activities whose resource sets overlap (Jaccard >= 0.5) share a pool; its capacity is the largest
 *    number of its steps observed running at once; in a log with resources, a step that never has one is a delay;
 * 6. the calibrated model is simulated and its cycle times and activity frequencies compared with the log.
 * Activities that always run together at the same time become a parallel block (split, the activities, join);
 * other concurrency is read as alternative orderings.
 */
export interface CalibrationOptions {
  /** Relations taken by less than this share of an activity's outgoing cases are dropped (default 0.02). */
  minEdgeShare?: number;
  /** Model name (default: "Calibrated current state"). */
  name?: string;
  /** Simulate the calibrated model and compare it with the log (default true). */
  compare?: boolean;
  /** Replications of the comparison run (default 5) and its seed (default 1). */
  replications?: number;
  seed?: number;
}

export interface BranchEstimate {
  /** Activity name, or `(start)` / `(end)`. */
  from: string;
  to: string;
  count: number;
  probability: number;
  /** 95% Wilson score interval of the probability. */
  low: number;
  high: number;
}

export interface CycleSummary {
  cases: number;
  meanMinutes: number | null;
  p50Minutes: number | null;
  p90Minutes: number | null;
}

export interface CalibrationReport {
  cases: number;
  events: number;
  firstEvent: string;
  lastEvent: string;
  hasStartTimes: boolean;
  warnings: string[];
  arrivals: { ratePerHour: number; low: number; high: number; hourOfDay?: number[]; dayOfWeek?: number[] };
  activities: Array<{
    activity: string;
    nodeId: string;
    count: number;
    /** The pool id; null for a wait (a step no resource ever did, modelled as a delay). */
    pool: string | null;
    best: FamilyName | 'constant';
    meanMinutes: number;
    sdMinutes: number;
    /** Each fitted family with its AIC and KS distance, best first. */
    fits: Array<{ family: FamilyName; aic: number; ks: number }>;
  }>;
  branches: BranchEstimate[];
  /** Relations dropped by the frequency filter. */
  dropped: Array<{ from: string; to: string; count: number; share: number }>;
  pools: Array<{ poolId: string; name: string; activities: string[]; resources: string[]; capacity: number }>;
  comparison?: {
    observed: CycleSummary;
    simulated: CycleSummary;
    /** Two-sample Kolmogorov-Smirnov distance between the cycle-time distributions (0 = identical). */
    ks: number;
    activityFrequency: Array<{ activity: string; observedPerCase: number; simulatedPerCase: number }>;
  };
}

export interface CalibrationResult {
  model: Workflow;
  report: CalibrationReport;
}

const START = '(start)';
const END = '(end)';

/**
 * Calibrates a model from a parsed event log. Throws an Error when the log is too small to calibrate from.
 * @example const { model, report } = calibrate(parseCsvEventLog(text, { case: 'case_id', activity: 'activity', end: 'complete' }));
 */
export function calibrate(log: EventLog, options: CalibrationOptions = {}): CalibrationResult {
  const minEdgeShare = options.minEdgeShare ?? 0.02;
  const warnings = [...log.warnings];
  const cases = groupCases(log.events);
  if (cases.length < 2) throw new Error(`The log has ${cases.length} case${cases.length === 1 ? '' : 's'}; calibration needs at least 2.`);

  // ---- activities and the directly-follows graph
  const activityNames = [...new Set(log.events.map((e) => e.activity))];
  if (activityNames.length > limits.nodes / 3) throw new Error(`The log has ${activityNames.length} distinct activities; at most ${Math.floor(limits.nodes / 3)} can be calibrated.`);
  const follows = new Map<string, Map<string, number>>();
  const count = (from: string, to: string) => {
    const row = follows.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + 1);
    follows.set(from, row);
  };
  // Steps of one case that run at the same time form a parallel block: in the graph they are one token, which
  // becomes a split, the steps, and a join.
  const blocks = discoverParallelBlocks(cases, activityNames, log.hasStartTimes, warnings);
  const blockOf = new Map<string, ParallelBlock>();
  for (const block of blocks) for (const a of block.members) blockOf.set(a, block);
  for (const trace of cases) {
    let previous = START;
    for (const token of abstractTrace(trace.events, blockOf)) {
      count(previous, token);
      previous = token;
    }
    count(previous, END);
  }
  const kept = new Map<string, Map<string, number>>();
  const dropped: CalibrationReport['dropped'] = [];
  for (const [from, row] of follows) {
    const total = [...row.values()].reduce((a, b) => a + b, 0);
    const keep = new Map<string, number>();
    const best = [...row.entries()].sort((a, b) => b[1] - a[1])[0];
    for (const [to, n] of row) {
      if (n / total >= minEdgeShare || to === best[0]) keep.set(to, n);
      else dropped.push({ from, to, count: n, share: n / total });
    }
    kept.set(from, keep);
  }
  ensureWayToEnd(kept, follows);

  // ---- ids
  const used = new Set<string>(['arrivals', 'done', 'start-choice']);
  const nodeIdOf = new Map<string, string>();
  for (const name of activityNames) nodeIdOf.set(name, uniqueId(slug(name), used));

  // ---- durations
  const durations = new Map<string, number[]>();
  let fromPrevious = 0;
  for (const trace of cases) {
    let previousEnd: number | undefined;
    for (const e of trace.events) {
      const list = durations.get(e.activity) ?? [];
      if (e.startMs !== undefined) list.push((e.endMs - e.startMs) / 60_000);
      else if (previousEnd !== undefined) {
        list.push(Math.max(0, e.endMs - previousEnd) / 60_000);
        fromPrevious++;
      }
      durations.set(e.activity, list);
      previousEnd = Math.max(previousEnd ?? -Infinity, e.endMs);
    }
  }
  const fits = new Map<string, DurationFit>();
  for (const name of activityNames) {
    const list = durations.get(name) ?? [];
    if (list.length === 0) {
      warnings.push(`"${name}" has no duration (it only ever comes first and the log has no start times); it takes no time in the model.`);
      list.push(0);
    } else if (list.length < 10) warnings.push(`"${name}" has only ${list.length} durations; its distribution is uncertain.`);
    fits.set(name, fitDurations(list));
  }
  if (fromPrevious > 0 && !log.hasStartTimes) warnings.push(`${fromPrevious} durations were taken from the previous step's completion (no start times): they include waiting, so the model double-counts some queueing.`);

  // ---- arrivals
  const arrivalsMs = cases.map((c) => c.startMs).sort((a, b) => a - b);
  const arrivals = arrivalProfile(arrivalsMs, warnings);

  // ---- pools
  // In a log with resources, a step that never has one is a wait (a timer, a carrier's transit): a delay, no team.
  const withResource = new Set(log.events.filter((e) => e.resource !== '').map((e) => e.activity));
  const waits = new Set(withResource.size > 0 ? activityNames.filter((a) => !withResource.has(a)) : []);
  const pools = discoverPools(activityNames.filter((a) => !waits.has(a)), log.events, log.hasStartTimes, used, warnings);
  const poolOf = new Map<string, string>();
  for (const pool of pools) for (const a of pool.activities) poolOf.set(a, pool.poolId);

  // ---- the model
  const nodes: Array<Record<string, unknown>> = [{ id: 'arrivals', kind: 'source', name: 'Cases', arrivals: modelArrivals(arrivals) }];
  const edges: Array<Record<string, unknown>> = [];
  const branches: BranchEstimate[] = [];
  const blockByToken = new Map(blocks.map((b) => [b.token, b] as const));
  for (const block of blocks) {
    block.splitId = uniqueId(`${nodeIdOf.get(block.members[0])}-parallel`, used);
    block.joinId = uniqueId(`${nodeIdOf.get(block.members[0])}-join`, used);
  }
  const target = (to: string) => (to === END ? 'done' : (blockByToken.get(to)?.splitId ?? (nodeIdOf.get(to) as string)));
  const edgeIds = new Set<string>();
  const edgeId = (wanted: string) => uniqueId(wanted, edgeIds);
  const connect = (from: string, fromNodeId: string, decisionId: string, decisionName: string) => {
    const row = kept.get(from) ?? new Map<string, number>([[END, 1]]);
    const total = [...row.values()].reduce((a, b) => a + b, 0);
    const entries = [...row.entries()].sort((a, b) => b[1] - a[1]);
    for (const [to, n] of entries) branches.push({ from, to, count: n, probability: n / total, ...wilson(n, total) });
    if (entries.length === 1) {
      edges.push({ id: edgeId(`${fromNodeId}-to-${target(entries[0][0])}`), from: fromNodeId, to: target(entries[0][0]), kind: 'next' });
      return;
    }
    nodes.push({ id: decisionId, kind: 'decision', name: decisionName });
    edges.push({ id: edgeId(`${fromNodeId}-to-${decisionId}`), from: fromNodeId, to: decisionId, kind: 'next' });
    // Probabilities as exact shares of the counts, the last one taking the rounding rest, so they add up to 1.
    let rest = 1;
    entries.forEach(([to, n], i) => {
      const p = i === entries.length - 1 ? rest : Math.round((n / total) * 1e6) / 1e6;
      rest = Math.round((rest - p) * 1e6) / 1e6;
      edges.push({ id: edgeId(`${decisionId}-to-${target(to)}`), from: decisionId, to: target(to), kind: 'branch', probability: Math.max(0, p), label: (to === END ? 'end' : to).slice(0, limits.nameLength) });
    });
  };
  connect(START, 'arrivals', 'start-choice', 'First step');
  for (const name of activityNames) {
    const id = nodeIdOf.get(name) as string;
    const fit = fits.get(name) as DurationFit;
    const block = blockOf.get(name);
    if (block && block.members[0] === name) {
      nodes.push({ id: block.splitId, kind: 'split', name: `Start ${block.token}`.slice(0, limits.nameLength) });
      nodes.push({ id: block.joinId, kind: 'join', name: `End ${block.token}`.slice(0, limits.nameLength), split: block.splitId });
    }
    if (waits.has(name)) nodes.push({ id, kind: 'delay', name: name.slice(0, limits.nameLength), duration: fit.distribution });
    else nodes.push({ id, kind: 'activity', name: name.slice(0, limits.nameLength), duration: fit.distribution, pool: poolOf.get(name) });
    if (block) {
      edges.push({ id: edgeId(`${block.splitId}-to-${id}`), from: block.splitId, to: id, kind: 'next' });
      edges.push({ id: edgeId(`${id}-to-${block.joinId}`), from: id, to: block.joinId, kind: 'next' });
      if (block.members[block.members.length - 1] === name) connect(block.token, block.joinId, uniqueId(`${block.joinId}-next`, used), `After ${block.token}`.slice(0, limits.nameLength));
    } else connect(name, id, uniqueId(`${id}-next`, used), `After ${name}`.slice(0, limits.nameLength));
  }
  nodes.push({ id: 'done', kind: 'end', name: 'Done', outcome: 'fulfilled' });
  layout(nodes, edges);

  // A loop, not Math.min(...events): spreading a million values overflows the call stack.
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const e of log.events) {
    firstMs = Math.min(firstMs, e.startMs ?? e.endMs);
    lastMs = Math.max(lastMs, e.endMs);
  }
  const spanDays = (lastMs - firstMs) / 86_400_000;
  const horizonDays = Math.min(365, Math.max(7, Math.ceil(spanDays)));
  const document: WorkflowInput = {
    formatVersion: CURRENT_FORMAT_VERSION,
    metadata: {
      name: options.name ?? 'Calibrated current state',
      description: `Calibrated from an event log of ${cases.length} cases and ${log.events.length} events (${isoDate(firstMs)} to ${isoDate(lastMs)}).`,
      assumptions: [
        'Arrivals: Poisson with the observed mean rate and hour-of-day and weekday profiles (UTC).',
        'Routing: directly-follows relations with their observed shares; parallel work is modelled as alternative orderings.',
        'Durations: maximum-likelihood fits, the family chosen by AIC.',
        'Teams: activities sharing resources share a pool; capacity is the most steps seen running at once; pools work around the clock.',
      ],
    },
    run: { horizon: { value: horizonDays, unit: 'd' }, warmup: { value: 1, unit: 'd' }, replications: options.replications ?? 5, seed: options.seed ?? 1 },
    sites: [{ id: 'main', name: 'Main site', volumeShare: 1 }],
    pools: pools.map((p) => ({ id: p.poolId, name: p.name, capacity: p.capacity })),
    nodes: nodes as WorkflowInput['nodes'],
    edges: edges as WorkflowInput['edges'],
  };
  const loaded = loadModel(document);
  if (!loaded.model) throw new Error(`The calibrated model is not valid (a bug in calibration): ${loaded.findings.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  const model = loaded.model;

  const stepCounts = new Map<string, number>();
  for (const e of log.events) stepCounts.set(e.activity, (stepCounts.get(e.activity) ?? 0) + 1);
  const report: CalibrationReport = {
    cases: cases.length,
    events: log.events.length,
    firstEvent: new Date(firstMs).toISOString(),
    lastEvent: new Date(lastMs).toISOString(),
    hasStartTimes: log.hasStartTimes,
    warnings,
    arrivals,
    activities: activityNames.map((name) => {
      const fit = fits.get(name) as DurationFit;
      return {
        activity: name,
        nodeId: nodeIdOf.get(name) as string,
        count: stepCounts.get(name) ?? 0,
        pool: poolOf.get(name) ?? null,
        best: fit.best,
        meanMinutes: fit.meanMinutes,
        sdMinutes: fit.sdMinutes,
        fits: fit.fits.map((f) => ({ family: f.family, aic: f.aic, ks: f.ks })),
      };
    }),
    branches,
    dropped,
    pools: pools.map((p) => ({ poolId: p.poolId, name: p.name, activities: p.activities, resources: p.resources, capacity: p.capacity })),
  };
  if (options.compare ?? true) report.comparison = compareWithSimulation(model, cases, activityNames, options.seed ?? 1, options.replications ?? 5);
  return { model, report };
}

// ---------------------------------------------------------------------------------------------- cases

interface Trace {
  caseId: string;
  events: ObservedEvent[];
  startMs: number;
  endMs: number;
}

function groupCases(events: readonly ObservedEvent[]): Trace[] {
  const byCase = new Map<string, ObservedEvent[]>();
  for (const e of events) {
    const list = byCase.get(e.caseId) ?? [];
    list.push(e);
    byCase.set(e.caseId, list);
  }
  return [...byCase.entries()].map(([caseId, list]) => {
    // Time order of the steps: by start when known, else by completion.
    const sorted = [...list].sort((a, b) => (a.startMs ?? a.endMs) - (b.startMs ?? b.endMs) || a.endMs - b.endMs);
    let startMs = Infinity;
    let endMs = -Infinity;
    for (const e of sorted) {
      startMs = Math.min(startMs, e.startMs ?? e.endMs);
      endMs = Math.max(endMs, e.endMs);
    }
    return { caseId, events: sorted, startMs, endMs };
  });
}

/** Activities that run in parallel within a case; `token` names the block in the graph ("A + B"). */
interface ParallelBlock {
  members: string[];
  token: string;
  splitId: string;
  joinId: string;
}

/**
 * Parallel blocks: pairs of activities that occur in the same cases and run at the same time there. With start
 * times "at the same time" means their intervals overlap in at least 30% of the cases holding both; without, that
 * each directly follows the other in at least 20% of those cases (the alpha-algorithm's test). Mutually parallel
 * activities form a block when every pair is parallel and each member occurs in at least 95% of the cases of the
 * block (a Flowcast split always starts every branch). Needs 5 cases holding the pair at least.
 */
function discoverParallelBlocks(cases: readonly Trace[], activities: readonly string[], hasStartTimes: boolean, warnings: string[]): ParallelBlock[] {
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const together = new Map<string, number>();
  const overlapping = new Map<string, number>();
  const follows = new Map<string, number>();
  const present = new Map<string, number>();
  for (const trace of cases) {
    const names = [...new Set(trace.events.map((e) => e.activity))];
    for (const a of names) present.set(a, (present.get(a) ?? 0) + 1);
    if (names.length > 60) continue; // pairs grow quadratically; such cases are loops, not parallel work
    for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) together.set(key(names[i], names[j]), (together.get(key(names[i], names[j])) ?? 0) + 1);
    const seen = new Set<string>();
    for (let i = 0; i < trace.events.length; i++) {
      const e = trace.events[i];
      if (i > 0 && trace.events[i - 1].activity !== e.activity) follows.set(`${trace.events[i - 1].activity}\u0000${e.activity}`, (follows.get(`${trace.events[i - 1].activity}\u0000${e.activity}`) ?? 0) + 1);
      if (!hasStartTimes || e.startMs === undefined) continue;
      for (let j = i + 1; j < trace.events.length; j++) {
        const f = trace.events[j];
        if (f.startMs === undefined || (f.startMs as number) >= e.endMs) break;
        if (f.activity === e.activity || f.endMs <= (e.startMs as number)) continue;
        const k = key(e.activity, f.activity);
        if (!seen.has(k)) overlapping.set(k, (overlapping.get(k) ?? 0) + 1);
        seen.add(k);
      }
    }
  }
  const parallel = (a: string, b: string): boolean => {
    const n = together.get(key(a, b)) ?? 0;
    if (n < 5) return false;
    if (hasStartTimes) return (overlapping.get(key(a, b)) ?? 0) >= 0.3 * n;
    return Math.min(follows.get(`${a}\u0000${b}`) ?? 0, follows.get(`${b}\u0000${a}`) ?? 0) >= 0.2 * n;
  };
  const blocks: ParallelBlock[] = [];
  const taken = new Set<string>();
  for (const a of activities) {
    if (taken.has(a)) continue;
    const members = [a, ...activities.filter((b) => b !== a && !taken.has(b) && parallel(a, b))];
    if (members.length < 2) continue;
    const clique = members.every((x, i) => members.every((y, j) => i === j || parallel(x, y)));
    const counts = members.map((m) => present.get(m) ?? 0);
    const balanced = Math.min(...counts) >= 0.95 * Math.max(...counts);
    if (!clique || !balanced) {
      warnings.push(`${members.join(', ')} overlap in time but not as one parallel block (${!clique ? 'not every pair runs in parallel' : 'some of them are often skipped'}); they are modelled as alternatives.`);
      continue;
    }
    for (const m of members) taken.add(m);
    blocks.push({ members, token: members.join(' + '), splitId: '', joinId: '' });
  }
  return blocks;
}

/** A case's steps as graph tokens: the steps of a parallel block, wherever they interleave, count as one token. */
function abstractTrace(events: readonly ObservedEvent[], blockOf: ReadonlyMap<string, ParallelBlock>): string[] {
  const tokens: string[] = [];
  let open: { block: ParallelBlock; seen: Set<string> } | undefined;
  for (const e of events) {
    const block = blockOf.get(e.activity);
    if (open && block === open.block && !open.seen.has(e.activity)) {
      open.seen.add(e.activity);
      if (open.seen.size === block.members.length) open = undefined;
      continue;
    }
    if (block) {
      tokens.push(block.token);
      open = block.members.length > 1 ? { block, seen: new Set([e.activity]) } : undefined;
      continue;
    }
    tokens.push(e.activity);
  }
  return tokens;
}

/** Adds back the most frequent dropped relation of any activity that can no longer reach the end. */
function ensureWayToEnd(kept: Map<string, Map<string, number>>, all: Map<string, Map<string, number>>): void {
  for (let round = 0; round < all.size + 1; round++) {
    const reaches = new Set<string>([END]);
    let changed = true;
    while (changed) {
      changed = false;
      for (const [from, row] of kept) {
        if (reaches.has(from)) continue;
        if ([...row.keys()].some((to) => reaches.has(to))) {
          reaches.add(from);
          changed = true;
        }
      }
    }
    const stuck = [...kept.keys()].filter((a) => !reaches.has(a));
    if (stuck.length === 0) return;
    let fixed = false;
    for (const from of stuck) {
      const options = [...(all.get(from) ?? new Map<string, number>()).entries()].filter(([to]) => reaches.has(to)).sort((a, b) => b[1] - a[1]);
      if (options.length > 0) {
        kept.get(from)?.set(options[0][0], options[0][1]);
        fixed = true;
      }
    }
    if (!fixed) {
      // Nothing observed leads out (a log cut short inside a loop): let the first stuck activity end cases.
      kept.get(stuck[0])?.set(END, 1);
    }
  }
}

/** 95% Wilson score interval for a share n/total. */
export function wilson(n: number, total: number): { low: number; high: number } {
  if (total === 0) return { low: 0, high: 1 };
  const z = 1.959963984540054;
  const p = n / total;
  const denominator = 1 + (z * z) / total;
  const centre = (p + (z * z) / (2 * total)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

// ---------------------------------------------------------------------------------------------- arrivals

/**
 * Mean arrival rate ((n - 1) gaps over the span, with a 95% interval from the normal approximation to the Poisson
 * count) and hourly and weekday profiles: arrivals per hour of exposure, divided by the overall rate and
 * normalised to average 1. A profile is given only when the log covers every hour (a day) or weekday (a week).
 */
function arrivalProfile(sorted: number[], warnings: string[]): CalibrationReport['arrivals'] {
  const n = sorted.length;
  const first = sorted[0];
  const last = sorted[n - 1];
  const hours = (last - first) / 3_600_000;
  if (hours <= 0) {
    warnings.push('Every case starts at the same moment; the arrival rate was set to 1 per hour.');
    return { ratePerHour: 1, low: 1, high: 1 };
  }
  const rate = (n - 1) / hours;
  const half = (1.959963984540054 * Math.sqrt(n - 1)) / hours;
  const result: CalibrationReport['arrivals'] = { ratePerHour: sig(rate), low: sig(Math.max(0, rate - half)), high: sig(rate + half) };
  const hourExposure = new Array<number>(24).fill(0);
  const dayExposure = new Array<number>(7).fill(0);
  // Exposure in hours of each hour of the day and each weekday between the first and the last arrival.
  const step = 3_600_000;
  for (let t = Math.floor(first / step) * step; t < last; t += step) {
    const from = Math.max(t, first);
    const to = Math.min(t + step, last);
    const d = new Date(t);
    const h = (to - from) / step;
    hourExposure[d.getUTCHours()] += h;
    dayExposure[(d.getUTCDay() + 6) % 7] += h;
  }
  const hourCounts = new Array<number>(24).fill(0);
  const dayCounts = new Array<number>(7).fill(0);
  for (const t of sorted) {
    const d = new Date(t);
    hourCounts[d.getUTCHours()]++;
    dayCounts[(d.getUTCDay() + 6) % 7]++;
  }
  const profile = (counts: number[], exposure: number[]) => {
    const rates = counts.map((c, i) => c / exposure[i]);
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    return rates.map((r) => Math.round((r / mean) * 1000) / 1000);
  };
  if (hourExposure.every((e) => e > 0)) result.hourOfDay = profile(hourCounts, hourExposure);
  else warnings.push('The log covers less than a day; arrivals are flat over the day.');
  if (dayExposure.every((e) => e >= 1)) result.dayOfWeek = profile(dayCounts, dayExposure);
  else warnings.push('The log covers less than a week; arrivals are the same every day of the week.');
  return result;
}

function modelArrivals(a: CalibrationReport['arrivals']): Record<string, unknown> {
  const out: Record<string, unknown> = { ratePerHour: a.ratePerHour };
  if (a.hourOfDay) out.hourOfDay = a.hourOfDay;
  if (a.dayOfWeek) out.dayOfWeek = a.dayOfWeek;
  return out;
}

// ---------------------------------------------------------------------------------------------- pools

interface DiscoveredPool {
  poolId: string;
  name: string;
  activities: string[];
  resources: string[];
  capacity: number;
}

function discoverPools(activities: string[], events: readonly ObservedEvent[], hasStartTimes: boolean, used: Set<string>, warnings: string[]): DiscoveredPool[] {
  const resourcesOf = new Map<string, Set<string>>(activities.map((a) => [a, new Set<string>()]));
  for (const e of events) if (e.resource !== '') resourcesOf.get(e.activity)?.add(e.resource);
  const withResources = activities.filter((a) => (resourcesOf.get(a)?.size ?? 0) > 0);
  // Union-find over activities whose resource sets overlap at least half (Jaccard >= 0.5): one role, one pool.
  const parent = new Map(activities.map((a) => [a, a] as const));
  const find = (a: string): string => {
    let root = a;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(a, root);
    return root;
  };
  for (let i = 0; i < withResources.length; i++) {
    for (let j = i + 1; j < withResources.length; j++) {
      const a = resourcesOf.get(withResources[i]) as Set<string>;
      const b = resourcesOf.get(withResources[j]) as Set<string>;
      let common = 0;
      for (const r of a) if (b.has(r)) common++;
      if (common / (a.size + b.size - common) >= 0.5) parent.set(find(withResources[i]), find(withResources[j]));
    }
  }
  const groups = new Map<string, string[]>();
  for (const a of activities) {
    const root = find(a);
    groups.set(root, [...(groups.get(root) ?? []), a]);
  }
  if (withResources.length === 0) warnings.push('The log has no resources: each activity got a pool of its own.');
  if (!hasStartTimes) warnings.push('Without start times, pool sizes cannot be measured from concurrent work; they were set from the number of distinct resources (at least 1).');
  return [...groups.values()].map((members) => {
    const resources = [...new Set(members.flatMap((a) => [...(resourcesOf.get(a) ?? [])]))].sort();
    const name = resources.length === 1 ? resources[0] : resources.length > 1 ? `Team of ${members.slice(0, 2).join(', ')}${members.length > 2 ? ', ...' : ''}` : `Team for ${members[0]}`;
    const capacity = hasStartTimes ? Math.max(1, maxConcurrent(events.filter((e) => members.includes(e.activity)))) : Math.max(1, resources.length);
    return {
      poolId: uniqueId(`${slug(resources.length === 1 ? resources[0] : members[0])}-team`, used),
      name: name.slice(0, limits.nameLength),
      activities: members,
      resources,
      capacity: Math.min(capacity, limits.poolCapacity),
    };
  });
}

/** Largest number of intervals open at once (an interval ending when another starts does not overlap it). */
function maxConcurrent(events: readonly ObservedEvent[]): number {
  const points: Array<[number, number]> = [];
  for (const e of events) {
    if (e.startMs === undefined || e.endMs <= e.startMs) continue;
    points.push([e.startMs, 1], [e.endMs, -1]);
  }
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let max = 0;
  for (const [, delta] of points) {
    open += delta;
    max = Math.max(max, open);
  }
  return max;
}

// ---------------------------------------------------------------------------------------------- comparison

function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (h - lo);
}

function summary(sorted: readonly number[]): CycleSummary {
  return {
    cases: sorted.length,
    meanMinutes: sorted.length === 0 ? null : sorted.reduce((a, b) => a + b, 0) / sorted.length,
    p50Minutes: quantile(sorted, 0.5),
    p90Minutes: quantile(sorted, 0.9),
  };
}

/**
 * Runs the calibrated model and measures, per simulated case, the same cycle time as in the log (first step's start
 * to last step's completion) and the steps taken. Cases starting in the warm-up, or too late to finish within the
 * horizon (later than the horizon minus the log's 99th-percentile cycle time), are left out.
 */
function compareWithSimulation(model: Workflow, cases: readonly Trace[], activities: readonly string[], seed: number, replications: number): NonNullable<CalibrationReport['comparison']> {
  const observed = cases.map((c) => (c.endMs - c.startMs) / 60_000).sort((a, b) => a - b);
  const horizonMinutes = model.run.horizon.value * 1440;
  const warmupMinutes = 1440;
  const cutoff = horizonMinutes - (quantile(observed, 0.99) ?? 0);
  const nameOf = new Map(model.nodes.map((n) => [n.id, n.name] as const));
  const simulatedCycles: number[] = [];
  const simulatedCounts = new Map<string, number>();
  let simulatedCases = 0;
  for (let r = 0; r < replications; r++) {
    const open = new Map<number, { start: number; end: number; steps: string[] }>();
    runReplication(model, {
      replication: r,
      seed,
      horizonMinutes,
      warmupMinutes,
      eventLog: (row: EventLogRow) => {
        const c = open.get(row.caseId) ?? { start: row.startMinutes, end: row.completeMinutes, steps: [] };
        c.start = Math.min(c.start, row.startMinutes);
        c.end = Math.max(c.end, row.completeMinutes);
        c.steps.push(nameOf.get(row.activityId) ?? row.activity);
        open.set(row.caseId, c);
      },
    });
    for (const c of open.values()) {
      if (c.start < warmupMinutes || c.start > cutoff) continue;
      simulatedCases++;
      simulatedCycles.push(c.end - c.start);
      for (const s of c.steps) simulatedCounts.set(s, (simulatedCounts.get(s) ?? 0) + 1);
    }
  }
  simulatedCycles.sort((a, b) => a - b);
  const observedCounts = new Map<string, number>();
  for (const c of cases) for (const e of c.events) observedCounts.set(e.activity, (observedCounts.get(e.activity) ?? 0) + 1);
  return {
    observed: summary(observed),
    simulated: summary(simulatedCycles),
    ks: simulatedCycles.length > 0 ? ksTwoSample(observed, simulatedCycles) : 1,
    activityFrequency: activities.map((a) => ({
      activity: a,
      observedPerCase: (observedCounts.get(a) ?? 0) / cases.length,
      simulatedPerCase: simulatedCases === 0 ? 0 : (simulatedCounts.get(a) ?? 0) / simulatedCases,
    })),
  };
}

// ---------------------------------------------------------------------------------------------- ids and layout

/** A Flowcast id from a name: letters, digits and "-" only, starting with a letter. */
function slug(name: string): string {
  let id = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  if (!/^[a-z]/.test(id)) id = `a-${id}`;
  return id.slice(0, limits.idLength - 8).replace(/-+$/, '') || 'activity';
}

function uniqueId(wanted: string, used: Set<string>): string {
  const base = wanted.slice(0, limits.idLength - 4);
  let id = base;
  for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
  used.add(id);
  return id;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Left-to-right layers by breadth-first distance from the source, 220 x 140 apart. */
function layout(nodes: Array<Record<string, unknown>>, edges: Array<Record<string, unknown>>): void {
  const depth = new Map<string, number>([['arrivals', 0]]);
  const queue = ['arrivals'];
  for (let i = 0; i < queue.length; i++) {
    for (const e of edges) {
      if (e.from !== queue[i] || depth.has(e.to as string)) continue;
      depth.set(e.to as string, (depth.get(queue[i]) ?? 0) + 1);
      queue.push(e.to as string);
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  const rows = new Map<number, number>();
  for (const node of nodes) {
    const d = node.id === 'done' ? maxDepth + 1 : depth.get(node.id as string) ?? maxDepth + 1;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    node.position = { x: 80 + d * 220, y: 80 + row * 140 };
  }
}
