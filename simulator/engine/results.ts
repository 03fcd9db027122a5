import type { DurationHistogram } from '../core/histogram';
import type { DurationSummary, GroupReplication, ReplicationResult } from '../report';
import type { Simulation } from './simulation';

/** Summary of a histogram: exact count, mean and max; quantiles within the histogram's relative error. */
export function summarise(h: DurationHistogram): DurationSummary {
  return {
    count: h.count,
    mean: h.mean(),
    p50: h.quantile(0.5),
    p90: h.quantile(0.9),
    p95: h.quantile(0.95),
    p99: h.quantile(0.99),
    max: h.count > 0 ? h.max : null,
  };
}

/** Turns the final state of a replication into its plain-JSON result. */
export function buildReplicationResult(sim: Simulation): ReplicationResult {
  const c = sim.c;
  const simulated = sim.now;
  const observed = Math.max(0, simulated - sim.warmup);
  const area = (i: number): number => sim.twTotal[i] + sim.twBucket[i] - sim.twBaseline[i];
  const mean = (i: number): number => (observed > 0 ? area(i) / observed : sim.twValue[i]);
  const perHour = (count: number): number => (observed > 0 ? (count / observed) * 60 : 0);

  const pools = c.poolInstances.map((p, i) => {
    const busy = area(sim.twPoolWorking + i);
    const available = area(sim.twPoolAvailable + i);
    return {
      poolId: p.poolId,
      siteId: p.siteId,
      capacity: p.capacity,
      busyMinutes: busy,
      availableMinutes: available,
      utilisation: available > 0 ? busy / available : null,
      labourCost: (available / 60) * p.costPerHour,
    };
  });
  const systems = c.systemInstances.map((s, i) => ({
    systemId: s.systemId,
    siteId: s.siteId,
    calls: sim.sCalls[i],
    failedCalls: sim.sFailed[i],
    outageMinutes: area(sim.twSystemDown + i),
    utilisation: Number.isFinite(s.concurrency) && observed > 0 ? area(sim.twSystemBusy + i) / (s.concurrency * observed) : null,
    callCost: sim.sCalls[i] * s.costPerCall,
  }));
  const labour = pools.reduce((a, p) => a + p.labourCost, 0);
  const systemCalls = systems.reduce((a, s) => a + s.callCost, 0);
  const fulfilment = sim.ff ? sim.ff.result(simulated, c.siteIds) : null;
  const lineHandling = fulfilment ? fulfilment.all.cost.lineHandling : 0;
  const sourcing = fulfilment ? fulfilment.all.cost.sourcing : 0;
  const carrying = fulfilment ? fulfilment.all.cost.carrying + fulfilment.stock.reduce((a, s) => a + s.carryingCost, 0) : 0;
  const total = labour + systemCalls + sim.visitCost + lineHandling + sourcing + carrying;

  // Order branches in the system, time-weighted over the same window as the queue lengths (waitShare's denominator).
  const branchesMean = mean(0) + mean(sim.twExtraBranches);
  const nodes = c.nodeIds.map((id, n) => {
    const slot = c.waitSlot[n];
    const h = slot >= 0 ? sim.nWait[slot] : null;
    return {
      nodeId: id,
      arrivals: sim.nArrivals[n],
      completions: sim.nCompletions[n],
      queueWaitMean: h ? h.mean() : null,
      queueWaitP90: h ? h.quantile(0.9) : null,
      waitedShare: h && h.count > 0 ? h.positive / h.count : null,
      queueWaitTotalMinutes: h ? h.sum : 0,
      maxQueueLength: slot >= 0 ? sim.twMaxAll[1 + slot] : 0,
      meanQueueLength: slot >= 0 ? mean(1 + slot) : 0,
      waitShare: slot >= 0 && branchesMean > 0 ? mean(1 + slot) / branchesMean : null,
      failures: sim.nFailures[n],
      retries: sim.nRetries[n],
      deadLetters: sim.nDeadLetters[n],
      overflows: sim.nOverflows[n],
      timeouts: sim.nTimeouts[n],
    };
  });

  const group = (key: string, completed: number, h: DurationHistogram): GroupReplication => ({ key, completed, cycleTime: summarise(h) });

  // Utilisation series per pool: all instances (sites) of the pool together.
  const buckets = sim.seriesThroughput.length;
  const utilisation = c.model.pools.map((pool, p) => {
    const values: Array<number | null> = [];
    for (let b = 0; b < buckets; b++) {
      let busy = 0;
      let available = 0;
      c.poolInstances.forEach((instance, i) => {
        if (instance.pool !== p) return;
        busy += sim.seriesTw[sim.twPoolWorking + i][b];
        available += sim.seriesTw[sim.twPoolAvailable + i][b];
      });
      values.push(available > 0 ? busy / available : null);
    }
    return { poolId: pool.id, values };
  });

  return {
    replication: sim.options.replication,
    seed: sim.options.seed,
    status: sim.status,
    message: sim.message,
    instability: sim.instability,
    horizonMinutes: sim.horizon,
    warmupMinutes: sim.warmup,
    simulatedMinutes: simulated,
    events: sim.events,
    ordersArrived: sim.ordersArrived,
    ordersCompleted: sim.ordersCompleted,
    ordersInSystemAtEnd: sim.wip,
    throughputPerHour: perHour(sim.completionsInWindow),
    throughputPerDay: perHour(sim.completionsInWindow) * 24,
    arrivalsPerHour: perHour(sim.ordersArrivedInWindow),
    cycleTime: summarise(sim.cycle),
    cycleTimeHistogram: sim.cycle.toData(),
    byOutcome: c.outcomes.map((o, i) => group(o, sim.completedByOutcome[i], sim.cycleByOutcome[i])),
    bySite: c.siteIds.map((s, i) => group(s, sim.completedBySite[i], sim.cycleBySite[i])),
    slas: c.slas.map((sla, k) => ({
      slaId: sla.id,
      measured: sim.slaMeasured[k],
      met: sim.slaMet[k],
      attainment: sim.slaMeasured[k] > 0 ? sim.slaMet[k] / sim.slaMeasured[k] : null,
    })),
    wipMean: mean(0),
    wipMax: sim.twMax[0],
    branchesMean,
    nodes,
    edges: c.model.edges.map((e, i) => ({ edgeId: e.id, traversals: sim.eTraversals[i] - sim.eTraversalsAtWarmup[i] })),
    pools,
    systems,
    cost: {
      labour,
      exceptionLabour: sim.ff ? sim.ff.exceptionLabour : 0,
      systemCalls,
      visits: sim.visitCost,
      lineHandling,
      sourcing,
      carrying,
      total,
      perOrder: sim.completionsInWindow > 0 ? total / sim.completionsInWindow : null,
    },
    series: {
      bucketMinutes: sim.bucketMinutes,
      throughput: sim.seriesThroughput,
      wip: sim.seriesTw[0],
      queueLength: c.waitNodes.map((n, slot) => ({ nodeId: c.nodeIds[n], values: sim.seriesTw[1 + slot] })),
      utilisation,
    },
    fulfilment,
  };
}
