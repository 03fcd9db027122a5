/**
 * Sweeps: one or two parameters varied over a list of values; every point runs the same replications (common
 * random numbers), and each KPI is reported with its 95% Student-t interval over replications. The saturation point
 * is the first value (in increasing order) at which the process stops keeping up: throughput no longer follows
 * arrivals (their ratio falls below 1 - tolerance), a replication ran away (the engine's guard stopped it), or the
 * p90 cycle time passes a threshold.
 */
import type { Workflow } from '../../models';
import type { Estimate, ReplicationResult } from '../report';
import { aggregateReplications } from '../run';
import { fulfilmentKpis, type KpiKind } from '../stats/compare';
import { estimate } from '../stats/estimate';
import { applyParameters, describeParameter, ExperimentError, type ParameterInfo } from './parameters';
import { runPlan, type ExperimentPlan, type PointResults, type RunPlanOptions, type RunReplications } from './runner';

/** What to sweep. Plain JSON: it travels inside shard files. */
export interface SweepSpec {
  /** One or two parameters; with two, every combination is a point (the first is the chart's x axis). */
  parameters: Array<{ parameter: string; values: number[] }>;
  replications: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  /** Throughput below (1 - tolerance) x arrivals counts as saturated (default 0.02). */
  throughputTolerance?: number;
  /** Mean p90 cycle time above this (minutes) counts as saturated. */
  p90ThresholdMinutes?: number;
}

/** KPIs of one point, each over the point's replications. */
export interface SweepPoint {
  /** The parameter values of this point, in the order of `parameters`. */
  values: number[];
  status: 'ok' | 'unstable';
  unstableReplications: number;
  arrivalsPerHour: Estimate;
  throughputPerHour: Estimate;
  throughputPerDay: Estimate;
  /** Mean throughput / mean arrival rate; 1 when the process keeps up. */
  throughputToArrivals: number | null;
  cycleTimeMean: Estimate;
  cycleTimeP90: Estimate;
  wipMean: Estimate;
  costPerOrder: Estimate;
  slas: Array<{ slaId: string; name: string; goal: number; attainment: Estimate }>;
  pools: Array<{ poolId: string; siteId: string | null; capacity: number; utilisation: Estimate }>;
  /** OTIF, fill rates, backorders, order-to-ship and -cash, working capital, credit holds: for models that measure them. */
  fulfilment: Array<{ id: string; label: string; kind: KpiKind; estimate: Estimate }>;
  /** The engine's top bottleneck at this point, if any. */
  topBottleneck: { nodeId: string; name: string; utilisation: number | null; waitShare: number } | null;
  saturated: boolean;
  /** Why it counts as saturated, in words (empty when not). */
  saturatedBecause: string[];
}

/** The saturation point along the first parameter (for one value of the second parameter, if any). */
export interface SaturationResult {
  /** Value of the second parameter this line belongs to; null for a one-parameter sweep. */
  seriesValue: number | null;
  /**
   * The boundary value at which the process is saturated: the first value from below for load-like parameters, the
   * last value from below for capacity-like ones (see `stableSide`); null when it never is in the range.
   */
  saturatedAt: number | null;
  /** The value next to it on the stable side; null when there is none. */
  lastStableAt: number | null;
  /** `below`: stable below `saturatedAt` (volume); `above`: stable above it (capacity). */
  stableSide: 'below' | 'above';
  /** Mean throughput (orders/hour) at the saturated points: an estimate of the process capacity; null if none. */
  capacityPerHour: number | null;
  /** Plain reason for the first saturated point. */
  reason: string | null;
}

export interface SweepReport {
  sweepFormatVersion: 1;
  model: { name: string; currency: string };
  parameters: Array<ParameterInfo & { values: number[] }>;
  settings: { replications: number; seed: number; horizonMinutes: number; warmupMinutes: number; throughputTolerance: number; p90ThresholdMinutes: number | null };
  /** Points in plan order: the first parameter varies slowest. */
  points: SweepPoint[];
  saturation: SaturationResult[];
}

/** Checks a spec against its model; throws `ExperimentError` naming the problem. */
export function checkSweepSpec(model: Workflow, spec: SweepSpec): void {
  if (spec.parameters.length < 1 || spec.parameters.length > 2) throw new ExperimentError(`A sweep varies one or two parameters (got ${spec.parameters.length}).`);
  if (spec.parameters.length === 2 && spec.parameters[0].parameter === spec.parameters[1].parameter) throw new ExperimentError(`The two swept parameters are both "${spec.parameters[0].parameter}".`);
  for (const p of spec.parameters) {
    describeParameter(model, p.parameter);
    if (p.values.length === 0) throw new ExperimentError(`Parameter "${p.parameter}" has no values.`);
    if (new Set(p.values).size !== p.values.length) throw new ExperimentError(`Parameter "${p.parameter}" lists a value twice.`);
  }
  if (!Number.isInteger(spec.replications) || spec.replications < 2) throw new ExperimentError('A sweep needs at least 2 replications per point (confidence intervals).');
  if (!(spec.horizonMinutes > spec.warmupMinutes) || spec.warmupMinutes < 0) throw new ExperimentError('The horizon must be longer than the warm-up.');
}

/** The values of every point, in plan order (first parameter slowest). */
export function sweepPointValues(spec: SweepSpec): number[][] {
  const [first, second] = spec.parameters;
  const out: number[][] = [];
  for (const a of first.values) {
    if (second) for (const b of second.values) out.push([a, b]);
    else out.push([a]);
  }
  return out;
}

/** Builds the plan: one model per point, validated. */
export function planSweep(model: Workflow, spec: SweepSpec): ExperimentPlan {
  checkSweepSpec(model, spec);
  const points = sweepPointValues(spec).map((values) => ({
    id: values.map((v, i) => `${spec.parameters[i].parameter}=${v}`).join(','),
    model: applyParameters(
      model,
      values.map((value, i) => ({ parameter: spec.parameters[i].parameter, value })),
    ),
  }));
  return { points, replications: spec.replications, seed: spec.seed, horizonMinutes: spec.horizonMinutes, warmupMinutes: spec.warmupMinutes };
}

/**
 * Runs a whole sweep through `run` and returns its report.
 * @example const report = await runSweep(model, { parameters: [{ parameter: 'volume', values: [1, 1.5, 2] }], replications: 5, seed: 1, horizonMinutes: 14 * 1440, warmupMinutes: 1440 }, inProcessRunner());
 */
export async function runSweep(model: Workflow, spec: SweepSpec, run: RunReplications, options: Omit<RunPlanOptions, 'items'> = {}): Promise<SweepReport> {
  const plan = planSweep(model, spec);
  const results = await runPlan(plan, run, options);
  return finishSweep(model, spec, plan, results);
}

/** Builds the report from every point's results (all replications present). Pure and deterministic. */
export function finishSweep(model: Workflow, spec: SweepSpec, plan: ExperimentPlan, results: PointResults): SweepReport {
  const tolerance = spec.throughputTolerance ?? 0.02;
  const threshold = spec.p90ThresholdMinutes ?? null;
  const values = sweepPointValues(spec);
  const points = plan.points.map((point, i) => {
    const list = results.get(i);
    if (!list || list.length !== spec.replications) throw new ExperimentError(`Sweep point ${point.id} has ${list?.length ?? 0} of ${spec.replications} replications.`);
    return summarisePoint(point.model, list, values[i], spec, tolerance, threshold);
  });
  return {
    sweepFormatVersion: 1,
    model: { name: model.metadata.name, currency: model.currency },
    parameters: spec.parameters.map((p) => ({ ...describeParameter(model, p.parameter), values: [...p.values] })),
    settings: { replications: spec.replications, seed: spec.seed, horizonMinutes: spec.horizonMinutes, warmupMinutes: spec.warmupMinutes, throughputTolerance: tolerance, p90ThresholdMinutes: threshold },
    points,
    saturation: findSaturation(spec, points),
  };
}

function summarisePoint(model: Workflow, list: ReplicationResult[], values: number[], spec: SweepSpec, tolerance: number, threshold: number | null): SweepPoint {
  const report = aggregateReplications(model, list, { variant: null, seed: spec.seed, horizonMinutes: spec.horizonMinutes, warmupMinutes: spec.warmupMinutes });
  const arrivals = estimate(list.map((r) => r.arrivalsPerHour));
  const ratio = arrivals.mean !== null && arrivals.mean > 0 && report.throughputPerHour.mean !== null ? report.throughputPerHour.mean / arrivals.mean : null;
  const unstable = list.filter((r) => r.status === 'unstable').length;
  const because: string[] = [];
  if (unstable > 0) because.push(`${unstable} of ${list.length} replications ran away (queues grew past the engine's guard)`);
  if (ratio !== null && ratio < 1 - tolerance) because.push(`throughput is ${(ratio * 100).toFixed(1)}% of arrivals`);
  const p90 = report.cycleTime.p90.mean;
  if (threshold !== null && p90 !== null && p90 > threshold) because.push(`p90 cycle time ${Math.round(p90)} min is above the ${Math.round(threshold)} min threshold`);
  const top = report.bottlenecks[0];
  return {
    values,
    status: unstable > 0 ? 'unstable' : 'ok',
    unstableReplications: unstable,
    arrivalsPerHour: arrivals,
    throughputPerHour: report.throughputPerHour,
    throughputPerDay: report.throughputPerDay,
    throughputToArrivals: ratio,
    cycleTimeMean: report.cycleTime.mean,
    cycleTimeP90: report.cycleTime.p90,
    wipMean: report.wipMean,
    costPerOrder: report.costPerOrder,
    slas: report.slas.map((s) => ({ slaId: s.slaId, name: s.name, goal: s.goal, attainment: s.attainment })),
    pools: report.pools.map((p) => ({ poolId: p.poolId, siteId: p.siteId, capacity: p.capacity, utilisation: p.utilisation })),
    fulfilment: fulfilmentKpis([report])
      .filter((k) => !k.id.startsWith('costPerOrder:'))
      .map((k) => ({ id: k.id, label: k.label, kind: k.kind, estimate: k.estimate(report) ?? estimate([]) })),
    topBottleneck: top ? { nodeId: top.nodeId, name: top.name, utilisation: top.utilisation, waitShare: top.waitShare } : null,
    saturated: because.length > 0,
    saturatedBecause: because,
  };
}

/**
 * The saturation point along the first parameter, per value of the second. Values are taken in increasing order
 * whatever order they were listed in; "saturated" is per point (see `SweepPoint.saturated`). A parameter that adds
 * load (volume) saturates from some value upwards; one that adds capacity (a pool's size) is saturated up to some
 * value and keeps up above it: when the lowest value is saturated and the highest is not, the boundary is read from
 * the top down.
 */
export function findSaturation(spec: SweepSpec, points: readonly SweepPoint[]): SaturationResult[] {
  const seriesValues: Array<number | null> = spec.parameters.length === 2 ? spec.parameters[1].values : [null];
  const tolerance = spec.throughputTolerance ?? 0.02;
  return seriesValues.map((seriesValue) => {
    const line = points.filter((p) => seriesValue === null || p.values[1] === seriesValue).sort((a, b) => a.values[0] - b.values[0]);
    const relieving = line.length > 1 && line[0].saturated && !line[line.length - 1].saturated;
    const ordered = relieving ? [...line].reverse() : line;
    const index = ordered.findIndex((p) => p.saturated);
    if (index < 0) return { seriesValue, saturatedAt: null, lastStableAt: line.length > 0 ? line[line.length - 1].values[0] : null, stableSide: 'below' as const, capacityPerHour: null, reason: null };
    // Past saturation the throughput plateaus at what the process can do: its mean over those points estimates it.
    const plateau = ordered.slice(index).filter((p) => p.throughputToArrivals !== null && p.throughputToArrivals < 1 - tolerance);
    const capacity = plateau.length > 0 ? plateau.reduce((s, p) => s + (p.throughputPerHour.mean ?? 0), 0) / plateau.length : null;
    return {
      seriesValue,
      saturatedAt: ordered[index].values[0],
      lastStableAt: index > 0 ? ordered[index - 1].values[0] : null,
      stableSide: relieving ? ('above' as const) : ('below' as const),
      capacityPerHour: capacity,
      reason: ordered[index].saturatedBecause.join('; '),
    };
  });
}
