import { toMinutes, type Workflow } from '../../models';
import { checkOfferedLoad } from '../engine/loadCheck';
import {
  reportFormatVersion,
  type DurationSummary,
  type GroupReplication,
  type GroupReport,
  type ReplicationResult,
  type RunReport,
} from '../report';
import type { AggregateMeta } from '../run';
import { aggregateFulfilment } from './aggregateFulfilment';
import { findBottlenecks } from './bottleneck';
import { costPerOrderPart, costPerOrderParts } from './compare';
import { durationEstimate, estimate } from './estimate';
import { pooledHistogram } from './histogram';
import { mser5 } from './mser';
import { seriesBucketMinutes } from './series';

/** Mean per bucket over the replications that reached that bucket. */
function meanSeries(list: ReadonlyArray<ReadonlyArray<number | null>>): Array<number | null> {
  const length = Math.max(0, ...list.map((s) => s.length));
  const out: Array<number | null> = [];
  for (let b = 0; b < length; b++) {
    let sum = 0;
    let n = 0;
    for (const s of list) {
      const v = s[b];
      if (v === null || v === undefined) continue;
      sum += v;
      n++;
    }
    out.push(n > 0 ? sum / n : null);
  }
  return out;
}

const zeroFilled = (xs: Array<number | null>): number[] => xs.map((x) => x ?? 0);

/**
 * Aggregates replication results (sorted by replication index) into the run report. Only arithmetic on the
 * results, in a fixed order: the same results give the same bytes.
 */
export function aggregate(model: Workflow, results: ReplicationResult[], meta: AggregateMeta): RunReport {
  const target = meta.relativePrecision ?? 0.05;
  const observedDays = (r: ReplicationResult) => Math.max(0, r.simulatedMinutes - r.warmupMinutes) / 1440;
  const messages: string[] = [];
  const cancelled = results.some((r) => r.status === 'cancelled');
  const unstable = results.filter((r) => r.status === 'unstable');
  for (const r of unstable) messages.push(`Replication ${r.replication + 1}: ${r.message ?? 'stopped early'}`);
  if (cancelled) messages.push('The run was cancelled; the figures cover only the replications that finished.');
  const done = results.filter((r) => r.status !== 'cancelled');

  const loadCheck = checkOfferedLoad(model);
  for (const check of loadCheck) if (check.offeredLoad >= 1) messages.push(check.message + (check.approximate ? ' (estimated with equal shares for condition branches)' : ''));

  const group = (pick: (r: ReplicationResult) => GroupReplication[], keys: string[]): GroupReport[] =>
    keys.map((key) => {
      const rows = done.map((r) => pick(r).find((g) => g.key === key));
      return {
        key,
        share: estimate(
          done.map((r, i) => {
            const total = pick(r).reduce((a, g) => a + g.completed, 0);
            const row = rows[i];
            return total > 0 && row ? row.completed / total : null;
          }),
        ),
        completedPerDay: estimate(done.map((r, i) => (observedDays(r) > 0 ? (rows[i]?.completed ?? 0) / observedDays(r) : null))),
        cycleTime: durationEstimate(rows.map((g) => g?.cycleTime ?? emptySummary)),
      };
    });
  const outcomeKeys = done.length > 0 ? done[0].byOutcome.map((g) => g.key) : [];
  const siteKeys = model.sites.map((s) => s.id);

  const nodes = model.nodes.map((node, i) => {
    const rows = done.map((r) => r.nodes[i]);
    return {
      nodeId: node.id,
      name: node.name,
      kind: node.kind,
      arrivals: estimate(rows.map((n) => n.arrivals)),
      completions: estimate(rows.map((n) => n.completions)),
      queueWaitMean: estimate(rows.map((n) => n.queueWaitMean)),
      queueWaitP90: estimate(rows.map((n) => n.queueWaitP90)),
      waitedShare: estimate(rows.map((n) => n.waitedShare)),
      meanQueueLength: estimate(rows.map((n) => n.meanQueueLength)),
      waitShare: estimate(rows.map((n) => n.waitShare)),
      maxQueueLength: Math.max(0, ...rows.map((n) => n.maxQueueLength)),
      failures: estimate(rows.map((n) => n.failures)),
      retries: estimate(rows.map((n) => n.retries)),
      deadLetters: estimate(rows.map((n) => n.deadLetters)),
      overflows: estimate(rows.map((n) => n.overflows)),
      timeouts: estimate(rows.map((n) => n.timeouts)),
    };
  });

  const edges = model.edges.map((edge, k) => ({
    edgeId: edge.id,
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    traversals: estimate(done.map((r) => r.edges[k].traversals)),
    traversalsPerDay: estimate(done.map((r) => (observedDays(r) > 0 ? r.edges[k].traversals / observedDays(r) : null))),
  }));

  const poolTemplate = done.length > 0 ? done[0].pools : [];
  const pools = poolTemplate.map((p, k) => ({
    poolId: p.poolId,
    name: model.pools.find((x) => x.id === p.poolId)?.name ?? p.poolId,
    siteId: p.siteId,
    capacity: p.capacity,
    utilisation: estimate(done.map((r) => r.pools[k].utilisation)),
    labourCost: estimate(done.map((r) => r.pools[k].labourCost)),
  }));
  const systemTemplate = done.length > 0 ? done[0].systems : [];
  const systems = systemTemplate.map((s, k) => ({
    systemId: s.systemId,
    name: model.systems.find((x) => x.id === s.systemId)?.name ?? s.systemId,
    siteId: s.siteId,
    calls: estimate(done.map((r) => r.systems[k].calls)),
    failedCalls: estimate(done.map((r) => r.systems[k].failedCalls)),
    outageMinutes: estimate(done.map((r) => r.systems[k].outageMinutes)),
    utilisation: estimate(done.map((r) => r.systems[k].utilisation)),
  }));
  const slas = model.slas.map((sla, k) => {
    const attainment = estimate(done.map((r) => r.slas[k]?.attainment ?? null));
    return {
      slaId: sla.id,
      name: sla.name,
      targetMinutes: toMinutes(sla.target),
      goal: sla.goal,
      attainment,
      meetsGoal: attainment.mean === null ? null : attainment.mean >= sla.goal,
    };
  });

  const bucketMinutes = done.length > 0 ? done[0].series.bucketMinutes : seriesBucketMinutes(meta.horizonMinutes);
  const wipSeries = zeroFilled(meanSeries(done.map((r) => r.series.wip)));
  const series = {
    bucketMinutes,
    throughput: zeroFilled(meanSeries(done.map((r) => r.series.throughput))),
    wip: wipSeries,
    queueLength: (done[0]?.series.queueLength ?? []).map((q, k) => ({
      nodeId: q.nodeId,
      values: zeroFilled(meanSeries(done.map((r) => r.series.queueLength[k].values))),
    })),
    utilisation: (done[0]?.series.utilisation ?? []).map((u, k) => ({
      poolId: u.poolId,
      values: meanSeries(done.map((r) => r.series.utilisation[k].values)),
    })),
  };

  const mserPoints = mser5(wipSeries);
  const suggestedWarmup = mserPoints === null ? null : mserPoints * bucketMinutes;
  if (suggestedWarmup !== null && suggestedWarmup > meta.warmupMinutes && suggestedWarmup > 0)
    messages.push(
      `The work in progress settles after about ${Math.round(suggestedWarmup / 60)} h (MSER-5), later than the warm-up of ${Math.round(meta.warmupMinutes / 60)} h: consider a longer warm-up.`,
    );

  const throughputPerHour = estimate(done.map((r) => r.throughputPerHour));
  const cycleEstimate = durationEstimate(done.map((r) => r.cycleTime));
  const cycleTime = { ...cycleEstimate, histogram: pooledHistogram(done.map((r) => r.cycleTimeHistogram), cycleEstimate.max) };
  const relative = (e: { mean: number | null; halfWidth: number | null }) =>
    e.mean !== null && e.halfWidth !== null && e.mean !== 0 ? e.halfWidth / Math.abs(e.mean) : null;
  const suggest = (achieved: number | null, n: number) => (achieved === null ? null : Math.max(2, Math.ceil(n * (achieved / target) * (achieved / target))));
  const achievedCycle = relative(cycleTime.mean);
  const achievedThroughput = relative(throughputPerHour);
  const suggestedCycle = suggest(achievedCycle, cycleTime.mean.n);
  const suggestedThroughput = suggest(achievedThroughput, throughputPerHour.n);
  const needed = Math.max(suggestedCycle ?? 0, suggestedThroughput ?? 0);
  if (needed > done.length)
    messages.push(`For a ${Math.round(target * 100)}% precision on mean cycle time and throughput, run about ${needed} replications (this run has ${done.length}).`);

  const wipMean = estimate(done.map((r) => r.wipMean));
  const arrivals = estimate(done.map((r) => r.arrivalsPerHour));
  // Order-to-cash models: an order completes when it is paid, weeks after it ships. A run shorter than that sees
  // few completions, so throughput and cycle time say little; the fulfilment figures (order-to-ship) still do.
  if (model.nodes.some((n) => n.milestone === 'cash') && arrivals.mean !== null && arrivals.mean > 0 && (throughputPerHour.mean ?? 0) < 0.5 * arrivals.mean)
    messages.push(
      `Only ${Math.round(((throughputPerHour.mean ?? 0) / arrivals.mean) * 100)}% as many orders completed as arrived: orders here complete when they are paid, so throughput and cycle time need a run (after the warm-up) longer than order-to-cash. Read order-to-ship and OTIF on the Fulfilment figures, or run longer.`,
    );
  const L = wipMean.mean;
  const lambda = arrivals.mean;
  const W = cycleTime.mean.mean;
  const relativeError = L !== null && lambda !== null && W !== null && L > 0 ? Math.abs(L - (lambda / 60) * W) / L : null;

  return {
    reportFormatVersion,
    model: { name: model.metadata.name, variant: meta.variant, currency: model.currency },
    settings: { seed: meta.seed, replications: results.length, horizonMinutes: meta.horizonMinutes, warmupMinutes: meta.warmupMinutes, bucketMinutes },
    status: cancelled ? 'cancelled' : unstable.length > 0 ? 'unstable' : 'ok',
    messages,
    totals: {
      events: results.reduce((a, r) => a + r.events, 0),
      ordersArrived: results.reduce((a, r) => a + r.ordersArrived, 0),
      ordersCompleted: results.reduce((a, r) => a + r.ordersCompleted, 0),
    },
    throughputPerHour,
    throughputPerDay: estimate(done.map((r) => r.throughputPerDay)),
    cycleTime,
    wipMean,
    wipMax: estimate(done.map((r) => r.wipMax)),
    costPerOrder: estimate(done.map((r) => r.cost.perOrder)),
    costPerOrderBreakdown: costBreakdown(done),
    littlesLaw: { wip: L, arrivalsPerHour: lambda, cycleTimeMinutes: W, relativeError },
    outcomes: group((r) => r.byOutcome, outcomeKeys),
    sites: group((r) => r.bySite, siteKeys),
    slas,
    nodes,
    edges,
    pools,
    systems,
    bottlenecks: findBottlenecks(model, done),
    loadCheck,
    series,
    warmup: { usedMinutes: meta.warmupMinutes, suggestedMinutes: suggestedWarmup },
    precision: {
      target,
      suggestedReplications: { cycleTimeMean: suggestedCycle, throughput: suggestedThroughput },
      achieved: { cycleTimeMean: achievedCycle, throughput: achievedThroughput },
    },
    replications: results.map((r) => ({
      replication: r.replication,
      status: r.status,
      message: r.message,
      events: r.events,
      throughputPerHour: r.throughputPerHour,
      cycleTimeMean: r.cycleTime.mean,
      cycleTimeP90: r.cycleTime.p90,
      wipMean: r.wipMean,
      costPerOrder: r.cost.perOrder,
      slaAttainment: r.slas.map((s) => s.attainment),
    })),
    fulfilment: aggregateFulfilment(model, done),
  };
}

/** Each cost per completed order, per replication (the comparisons' `costPerOrderPart`), then estimated. */
function costBreakdown(done: readonly ReplicationResult[]): RunReport['costPerOrderBreakdown'] {
  const out = {} as RunReport['costPerOrderBreakdown'];
  for (const part of [...costPerOrderParts, 'total'] as const) out[part] = estimate(done.map((r) => costPerOrderPart(r.cost, part)));
  return out;
}

const emptySummary: DurationSummary = { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
