/**
 * Stress tests: scripted shocks applied to a base model as model patches, run against the same model without the
 * shock on the same seeds (common random numbers), so that every difference between the two runs of a replication
 * is the shock's doing.
 *
 * Shocks and how the format expresses them:
 * - `outage`: a scheduled outage of a system (its calls fail or wait, per the system's `behaviour`).
 * - `failure-spike`: a failure spike window on a system (every call fails with an extra probability).
 * - `surge`: a demand surge window on every source (or one source).
 * - `staff-loss`: fewer people in a pool at one site. The format has no dated capacity, so this is a site pool
 *   override for the WHOLE run (a sustained loss): its effects are measured, but there is no "after" to recover in,
 *   and the report says so instead of inventing a recovery time.
 *
 * Time to recover, per replication: from the end of the shock to the start of the first time bucket from which the
 * WIP (orders in the system, time-weighted per bucket) stays within a tolerance of the no-shock run for `holdMinutes`
 * (or to the end of the run). With WIP back at the no-shock level and arrivals unchanged, Little's law puts the
 * cycle time back too; the series have no per-bucket cycle time, so that part is implied, not measured.
 */
import { cloneJson, type Workflow } from '../../models';
import type { Estimate, ReplicationResult } from '../report';
import { aggregateReplications } from '../run';
import { compareKpis, fulfilmentKpis, kpiUnit, pairedComparison, type KpiComparison, type KpiSeries, type PairedDifference } from '../stats/compare';
import { estimate } from '../stats/estimate';
import { ExperimentError, validated, withPoolCapacity } from './parameters';
import { runPlan, type ExperimentPlan, type PointResults, type RunPlanOptions, type RunReplications } from './runner';

/** A scripted shock; times are minutes from the start of the simulation (Monday 00:00). */
export type Shock =
  | { kind: 'outage'; system: string; startMinutes: number; durationMinutes: number }
  | { kind: 'failure-spike'; system: string; startMinutes: number; durationMinutes: number; extraFailureProbability: number }
  | { kind: 'surge'; startMinutes: number; durationMinutes: number; multiplier: number; source?: string }
  | { kind: 'staff-loss'; pool: string; site: string | null; lost: number };

/** What to run. Plain JSON: it travels inside shard files. */
export interface StressSpec {
  shocks: Shock[];
  replications: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  /** Time-series bucket (default 15 min, widened by the engine for long horizons). */
  bucketMinutes?: number;
  /** WIP within max(relative x pre-shock mean WIP, absolute) of the no-shock run counts as recovered. */
  relativeTolerance?: number;
  absoluteTolerance?: number;
  /** How long WIP must stay within tolerance to count as recovered (default 24 h). */
  holdMinutes?: number;
}

export interface StressReport {
  stressFormatVersion: 1;
  model: { name: string; currency: string };
  shocks: Array<Shock & { description: string }>;
  settings: { replications: number; seed: number; horizonMinutes: number; warmupMinutes: number; bucketMinutes: number; relativeTolerance: number; absoluteTolerance: number; holdMinutes: number };
  /** The shock window [start, end) in minutes (earliest start, latest end of the timed shocks); null for a sustained loss only. */
  window: { startMinutes: number; endMinutes: number } | null;
  status: { baseline: 'ok' | 'unstable' | 'cancelled'; shocked: 'ok' | 'unstable' | 'cancelled' };
  recovery: {
    /** Per replication: minutes from the end of the shock to recovery; null when not recovered by the end of the run. */
    perReplication: Array<number | null>;
    /** Over the replications that recovered. */
    minutesAfterShock: Estimate;
    recovered: number;
    notRecovered: number;
    /** Plain statement of what was measured or why not. */
    note: string;
  };
  /** Pre-shock mean WIP of the no-shock run (the level to come back to). */
  preShockWip: number | null;
  /** Largest extra WIP over the no-shock run (mean over replications of each replication's peak). */
  peakExtraWip: Estimate;
  /** Where the extra orders waited: per node, the largest mean extra queue (top 5). */
  backlogAt: Array<{ nodeId: string; name: string; peakExtraQueue: number }>;
  /** SLA misses attributable to the shock: misses (measured - met) with the shock minus without, paired per replication. */
  slaMisses: Array<{ slaId: string; name: string; baselineMisses: number; shockedMisses: number; extra: PairedDifference }>;
  kpis: { baseline: StressKpis; shocked: StressKpis };
  /** Shocked (B) against no shock (A), paired per replication (common random numbers). */
  comparison: KpiComparison[];
  /** Mean WIP per bucket, both runs (for the timeline chart). */
  series: { bucketMinutes: number; baselineWip: number[]; shockedWip: number[] };
}

export interface StressKpis {
  throughputPerDay: Estimate;
  cycleTimeMean: Estimate;
  cycleTimeP90: Estimate;
  wipMean: Estimate;
}

/** One sentence for a shock. */
export function describeShock(model: Workflow, shock: Shock): string {
  const name = (list: ReadonlyArray<{ id: string; name: string }>, id: string) => list.find((x) => x.id === id)?.name ?? id;
  const when = (s: { startMinutes: number; durationMinutes: number }) => `for ${hours(s.durationMinutes)} from day ${dayClock(s.startMinutes)}`;
  switch (shock.kind) {
    case 'outage':
      return `${name(model.systems, shock.system)} down ${when(shock)}`;
    case 'failure-spike':
      return `${name(model.systems, shock.system)} calls fail ${(shock.extraFailureProbability * 100).toFixed(0)}% more often ${when(shock)}`;
    case 'surge':
      return `demand x${shock.multiplier}${shock.source ? ` on ${name(model.nodes, shock.source)}` : ''} ${when(shock)}`;
    case 'staff-loss':
      return `${shock.lost} fewer in ${name(model.pools, shock.pool)}${shock.site ? ` at ${name(model.sites, shock.site)}` : ''} for the whole run (the format has no dated capacity)`;
  }
}

function hours(minutes: number): string {
  return minutes % 1440 === 0 ? `${minutes / 1440} d` : `${Number((minutes / 60).toFixed(2))} h`;
}

function dayClock(minutes: number): string {
  const day = Math.floor(minutes / 1440) + 1;
  const m = Math.round(minutes - (day - 1) * 1440);
  return `${day} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The base model with the shocks applied, validated; throws `ExperimentError` naming a bad shock. */
export function applyShocks(model: Workflow, shocks: readonly Shock[]): Workflow {
  const out = cloneJson(model);
  for (const shock of shocks) {
    switch (shock.kind) {
      case 'outage':
      case 'failure-spike': {
        const system = out.systems.find((s) => s.id === shock.system);
        if (!system) throw new ExperimentError(`Shock ${shock.kind}: the model has no system "${shock.system}" (it has ${out.systems.map((s) => s.id).join(', ') || 'none'}).`);
        const window = { start: { value: shock.startMinutes, unit: 'min' as const }, duration: { value: shock.durationMinutes, unit: 'min' as const } };
        if (shock.kind === 'outage') system.outages.scheduled.push(window);
        else system.failureSpikes.push({ ...window, extraFailureProbability: shock.extraFailureProbability });
        break;
      }
      case 'surge': {
        const sources = out.nodes.filter((n) => n.kind === 'source' && (shock.source === undefined || n.id === shock.source));
        if (sources.length === 0) throw new ExperimentError(`Shock surge: the model has no source "${shock.source}".`);
        for (const node of sources) if (node.kind === 'source') node.arrivals.surges.push({ start: { value: shock.startMinutes, unit: 'min' }, duration: { value: shock.durationMinutes, unit: 'min' }, multiplier: shock.multiplier });
        break;
      }
      case 'staff-loss': {
        const pool = out.pools.find((p) => p.id === shock.pool);
        if (!pool) throw new ExperimentError(`Shock staff-loss: the model has no pool "${shock.pool}" (it has ${out.pools.map((p) => p.id).join(', ') || 'none'}).`);
        if (!(shock.lost >= 1) || !Number.isInteger(shock.lost)) throw new ExperimentError('Shock staff-loss: the number of people lost must be a whole number >= 1.');
        if (shock.site !== null && !out.sites.some((s) => s.id === shock.site)) throw new ExperimentError(`Shock staff-loss: the model has no site "${shock.site}".`);
        if (shock.site !== null && pool.scope === 'shared') throw new ExperimentError(`Shock staff-loss: pool "${pool.id}" is shared by all sites; leave out the site.`);
        const site = shock.site ?? (out.sites.length === 1 || pool.scope === 'shared' ? null : undefined);
        if (site === undefined) throw new ExperimentError(`Shock staff-loss: pool "${pool.id}" has a team per site; name the site.`);
        const current = site === null ? pool.capacity : effectiveCapacity(out, pool.id, site);
        if (shock.lost > current) throw new ExperimentError(`Shock staff-loss: pool "${pool.id}" has ${current} people${site ? ` at ${site}` : ''}; cannot lose ${shock.lost}.`);
        withPoolCapacity(out, pool.id, site, current - shock.lost);
        break;
      }
    }
  }
  return validated(out, shocks.map((s) => describeShock(model, s)).join('; '));
}

function effectiveCapacity(model: Workflow, poolId: string, siteId: string): number {
  const site = model.sites.find((s) => s.id === siteId);
  const override = site?.overrides.find((o) => o.target === 'pool' && o.id === poolId);
  const capacity = override?.set.capacity;
  return typeof capacity === 'number' ? capacity : (model.pools.find((p) => p.id === poolId)?.capacity ?? 0);
}

/** The two points of a stress test: 0 = no shock, 1 = shocked. */
export function planStress(model: Workflow, spec: StressSpec): ExperimentPlan {
  if (spec.shocks.length === 0) throw new ExperimentError('A stress test needs at least one shock.');
  if (!Number.isInteger(spec.replications) || spec.replications < 2) throw new ExperimentError('A stress test needs at least 2 replications (confidence intervals).');
  if (!(spec.horizonMinutes > spec.warmupMinutes)) throw new ExperimentError('The horizon must be longer than the warm-up.');
  for (const shock of spec.shocks) {
    if (shock.kind === 'staff-loss') continue;
    if (shock.startMinutes < spec.warmupMinutes) throw new ExperimentError(`The shock "${describeShock(model, shock)}" starts in the warm-up; start it after ${hours(spec.warmupMinutes)} so that the level before it is measured.`);
    if (shock.startMinutes + shock.durationMinutes >= spec.horizonMinutes) throw new ExperimentError(`The shock "${describeShock(model, shock)}" ends after the horizon; leave time to recover.`);
  }
  return {
    points: [
      { id: 'baseline', model },
      { id: 'shocked', model: applyShocks(model, spec.shocks) },
    ],
    replications: spec.replications,
    seed: spec.seed,
    horizonMinutes: spec.horizonMinutes,
    warmupMinutes: spec.warmupMinutes,
    bucketMinutes: spec.bucketMinutes ?? 15,
  };
}

/** Runs a stress test through `run`. */
export async function runStress(model: Workflow, spec: StressSpec, run: RunReplications, options: Omit<RunPlanOptions, 'items'> = {}): Promise<StressReport> {
  const plan = planStress(model, spec);
  return finishStress(model, spec, plan, await runPlan(plan, run, options));
}

/** The report from both runs' results. Pure and deterministic. */
export function finishStress(model: Workflow, spec: StressSpec, plan: ExperimentPlan, results: PointResults): StressReport {
  const base = results.get(0);
  const shocked = results.get(1);
  if (!base || !shocked || base.length !== spec.replications || shocked.length !== spec.replications) throw new ExperimentError('The stress test is missing replications of the baseline or the shocked run.');
  const meta = { variant: null, seed: spec.seed, horizonMinutes: spec.horizonMinutes, warmupMinutes: spec.warmupMinutes };
  const baseReport = aggregateReplications(plan.points[0].model, base, meta);
  const shockReport = aggregateReplications(plan.points[1].model, shocked, meta);
  const relativeTolerance = spec.relativeTolerance ?? 0.1;
  const absoluteTolerance = spec.absoluteTolerance ?? 0.5;
  const holdMinutes = spec.holdMinutes ?? 1440;
  const bucket = base[0].series.bucketMinutes;
  const timed = spec.shocks.filter((s): s is Exclude<Shock, { kind: 'staff-loss' }> => s.kind !== 'staff-loss');
  const window = timed.length > 0 ? { startMinutes: Math.min(...timed.map((s) => s.startMinutes)), endMinutes: Math.max(...timed.map((s) => s.startMinutes + s.durationMinutes)) } : null;

  const startBucket = (minutes: number) => Math.floor(minutes / bucket);
  const meanOver = (values: readonly number[], from: number, to: number) => {
    let sum = 0;
    let n = 0;
    for (let b = from; b < Math.min(to, values.length); b++) {
      sum += values[b];
      n++;
    }
    return n > 0 ? sum / n : null;
  };
  const warmBucket = Math.ceil(spec.warmupMinutes / bucket);
  const preShockWip = window ? meanOver(baseReport.series.wip, warmBucket, startBucket(window.startMinutes)) : null;
  const tolerance = Math.max(absoluteTolerance, relativeTolerance * (preShockWip ?? 0));

  const perReplication: Array<number | null> = [];
  const peaks: number[] = [];
  for (let r = 0; r < spec.replications; r++) {
    const a = base[r].series.wip;
    const b = shocked[r].series.wip;
    const length = Math.min(a.length, b.length);
    const from = window ? startBucket(window.startMinutes) : warmBucket;
    let peak = 0;
    for (let k = from; k < length; k++) peak = Math.max(peak, b[k] - a[k]);
    peaks.push(peak);
    if (!window || shocked[r].status !== 'ok' || base[r].status !== 'ok') {
      perReplication.push(null);
      continue;
    }
    perReplication.push(recoveryMinutes(a, b, length, bucket, window.endMinutes, tolerance, holdMinutes));
  }
  const recoveredTimes = perReplication.filter((x): x is number => x !== null);
  const note = !window
    ? 'A sustained staff loss has no end within the run, so no recovery time is measured; compare the KPIs and SLA misses instead.'
    : `Recovered = WIP back within ${tolerance.toFixed(2)} orders of the no-shock run (same seeds) and staying there for ${hours(holdMinutes)}, measured from the end of the shock in ${bucket}-minute buckets.`;

  const slaMisses = model.slas.map((sla, k) => {
    const misses = (list: ReplicationResult[]) => list.map((r) => {
      const s = r.slas.find((x) => x.slaId === sla.id) ?? r.slas[k];
      return s ? s.measured - s.met : 0;
    });
    const a = misses(base);
    const b = misses(shocked);
    return { slaId: sla.id, name: sla.name, baselineMisses: mean(a), shockedMisses: mean(b), extra: pairedComparison(a, b) };
  });

  const backlogAt = baseReport.series.queueLength
    .map((q) => {
      const other = shockReport.series.queueLength.find((x) => x.nodeId === q.nodeId);
      let peak = 0;
      if (other) for (let k = 0; k < Math.min(q.values.length, other.values.length); k++) peak = Math.max(peak, other.values[k] - q.values[k]);
      return { nodeId: q.nodeId, name: model.nodes.find((n) => n.id === q.nodeId)?.name ?? q.nodeId, peakExtraQueue: peak };
    })
    .filter((x) => x.peakExtraQueue > 0)
    .sort((x, y) => y.peakExtraQueue - x.peakExtraQueue || x.nodeId.localeCompare(y.nodeId))
    .slice(0, 5);

  const kpis = (rep: typeof baseReport): StressKpis => ({ throughputPerDay: rep.throughputPerDay, cycleTimeMean: rep.cycleTime.mean, cycleTimeP90: rep.cycleTime.p90, wipMean: rep.wipMean });
  const series = (id: string, label: string, unit: string, higherIsBetter: boolean, pick: (r: ReplicationResult) => number | null): KpiSeries => {
    const xa: number[] = [];
    const xb: number[] = [];
    for (let r = 0; r < spec.replications; r++) {
      const va = pick(base[r]);
      const vb = pick(shocked[r]);
      if (va === null || vb === null) continue;
      xa.push(va);
      xb.push(vb);
    }
    return { id, label, unit, higherIsBetter, a: xa, b: xb };
  };
  const comparison = compareKpis([
    series('throughputPerDay', 'Throughput', 'orders/day', true, (r) => r.throughputPerDay),
    series('cycleTimeMean', 'Cycle time mean', 'min', false, (r) => r.cycleTime.mean),
    series('cycleTimeP90', 'Cycle time p90', 'min', false, (r) => r.cycleTime.p90),
    series('wipMean', 'WIP mean', 'orders', false, (r) => r.wipMean),
    ...model.slas.map((sla) => series(`sla:${sla.id}`, `SLA ${sla.name}`, '%', true, (r) => r.slas.find((s) => s.slaId === sla.id)?.attainment ?? null)),
    // OTIF, fill rates, backorders, order-to-ship, working capital...: what the shock costs the customer and the cash.
    ...fulfilmentKpis([baseReport, shockReport]).map((kpi) => series(kpi.id, kpi.label, kpiUnit(kpi, model.currency), kpi.higherIsBetter, kpi.perReplication)),
  ]);

  return {
    stressFormatVersion: 1,
    model: { name: model.metadata.name, currency: model.currency },
    shocks: spec.shocks.map((s) => ({ ...s, description: describeShock(model, s) })),
    settings: { replications: spec.replications, seed: spec.seed, horizonMinutes: spec.horizonMinutes, warmupMinutes: spec.warmupMinutes, bucketMinutes: bucket, relativeTolerance, absoluteTolerance, holdMinutes },
    window,
    status: { baseline: baseReport.status, shocked: shockReport.status },
    recovery: { perReplication, minutesAfterShock: estimate(recoveredTimes), recovered: recoveredTimes.length, notRecovered: perReplication.length - recoveredTimes.length, note },
    preShockWip,
    peakExtraWip: estimate(peaks),
    backlogAt,
    slaMisses,
    kpis: { baseline: kpis(baseReport), shocked: kpis(shockReport) },
    comparison,
    series: { bucketMinutes: bucket, baselineWip: baseReport.series.wip, shockedWip: shockReport.series.wip },
  };
}

/**
 * Minutes from `endMinutes` to the start of the first bucket (at or after the one holding `endMinutes`) from which
 * |shocked - baseline| <= tolerance holds for `holdMinutes` or to the end; null when that never happens.
 */
export function recoveryMinutes(baseline: readonly number[], shocked: readonly number[], length: number, bucket: number, endMinutes: number, tolerance: number, holdMinutes: number): number | null {
  const holdBuckets = Math.max(1, Math.ceil(holdMinutes / bucket));
  let runStart = -1;
  for (let k = Math.floor(endMinutes / bucket); k < length; k++) {
    if (Math.abs(shocked[k] - baseline[k]) <= tolerance) {
      if (runStart < 0) runStart = k;
      if (k - runStart + 1 >= holdBuckets) break;
    } else runStart = -1;
  }
  if (runStart < 0) return null;
  return Math.max(0, runStart * bucket - endMinutes);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}
