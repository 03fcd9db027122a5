import { describe, expect, it } from 'vitest';
import { aggregateReplications, runReplication, runScenario, type ReplicationResult } from '../../simulator';
import { day, longCycle, sumOf, threeSites } from './populationModels';

/** The pooled cycle-time histogram and the per-edge traversal counts of the report. */

describe('cycle-time histogram', () => {
  const options = { seed: 8, horizonMinutes: 8 * day, warmupMinutes: day };
  const results = [0, 1, 2].map((replication) => runReplication(threeSites, { ...options, replication }));
  const report = aggregateReplications(threeSites, results, { ...options, variant: null });
  const h = report.cycleTime.histogram;

  it('pools every measured cycle time of every replication into at most 60 ordered bins', () => {
    expect(h.total).toBe(results.reduce((a, r) => a + r.cycleTime.count, 0));
    expect(sumOf(h.counts)).toBe(h.total);
    expect(h.counts.length).toBeGreaterThan(10);
    expect(h.counts.length).toBeLessThanOrEqual(60);
    expect(h.edgesMinutes.length).toBe(h.counts.length + 1);
    for (let i = 1; i < h.edgesMinutes.length; i++) expect(h.edgesMinutes[i]).toBeGreaterThan(h.edgesMinutes[i - 1]);
    expect(h.edgesMinutes[0]).toBeLessThanOrEqual(Math.min(...results.map((r) => r.cycleTime.p50 as number)));
    expect(h.edgesMinutes[h.edgesMinutes.length - 1]).toBeGreaterThanOrEqual(report.cycleTime.max as number);
  });

  it('agrees with the quantiles: about half the orders lie below the median', () => {
    const median = report.cycleTime.p50.mean as number;
    let below = 0;
    h.counts.forEach((c, i) => {
      if (h.edgesMinutes[i + 1] <= median) below += c;
    });
    const binShare = (i: number) => h.counts[i] / h.total;
    const medianBin = h.edgesMinutes.findIndex((e) => e > median) - 1;
    expect(below / h.total).toBeLessThanOrEqual(0.5 + 0.05);
    expect(below / h.total + binShare(medianBin)).toBeGreaterThanOrEqual(0.5 - 0.05);
  });

  it('does not depend on the order replications arrive in, and stays small whatever the horizon', () => {
    const shuffled = [results[2], results[0], results[1]].map((r) => JSON.parse(JSON.stringify(r)) as ReplicationResult);
    expect(JSON.stringify(aggregateReplications(threeSites, shuffled, { ...options, variant: null }))).toBe(JSON.stringify(report));
    const long = runReplication(threeSites, { replication: 0, seed: 8, horizonMinutes: 120 * day, warmupMinutes: day });
    // At most one entry per bucket of the fixed histogram (4,352), whatever the number of orders.
    expect(long.cycleTimeHistogram.buckets.length).toBeLessThan(4352);
    expect(JSON.stringify(long.cycleTimeHistogram).length).toBeLessThan(4352 * 16);
    expect(aggregateReplications(threeSites, [long], { ...options, horizonMinutes: 120 * day, variant: null }).cycleTime.histogram.counts.length).toBeLessThanOrEqual(60);
  });

  it('is empty when no order completed', () => {
    const r = runScenario(longCycle, { replications: 1, seed: 1, horizonMinutes: 30, warmupMinutes: 29 });
    expect(r.cycleTime.histogram).toEqual({ edgesMinutes: [], counts: [], total: 0 });
  });
});

describe('edge traversals', () => {
  it('count every token along each edge, consistent with node visits', () => {
    const r = runReplication(threeSites, { replication: 0, seed: 6, horizonMinutes: 6 * day, warmupMinutes: 0 });
    const edge = (id: string) => r.edges.find((e) => e.edgeId === id)?.traversals as number;
    const node = (id: string) => r.nodes.find((n) => n.nodeId === id);
    expect(r.edges.map((e) => e.edgeId)).toEqual(threeSites.edges.map((e) => e.id));
    // Without a warm-up every order is counted, so edges and node counts describe the same visits.
    expect(edge('src-check')).toBe(r.ordersArrived);
    expect(edge('err')).toBe(node('check')?.failures);
    expect(edge('check-split') + edge('err')).toBe(node('check')?.completions);
    expect(edge('toShip')).toBe(node('split')?.completions);
    expect(edge('toBill')).toBe(node('split')?.completions);
    expect(edge('join-end')).toBe(node('join')?.completions);
    expect(edge('join-end') + edge('err')).toBe(r.ordersCompleted);
  });

  it('report traversals per day after the warm-up, per edge in model order', () => {
    const options = { seed: 6, horizonMinutes: 6 * day, warmupMinutes: 2 * day };
    const results = [0, 1].map((replication) => runReplication(longCycle, { ...options, replication }));
    const report = aggregateReplications(longCycle, results, { ...options, variant: null });
    expect(report.edges.map((e) => e.edgeId)).toEqual(longCycle.edges.map((e) => e.id));
    const byId = new Map(report.edges.map((e) => [e.edgeId, e] as const));
    const inflow = byId.get('in');
    expect(inflow?.from).toBe('src');
    expect(inflow?.to).toBe('route');
    expect(inflow?.traversalsPerDay.mean).toBeCloseTo((inflow?.traversals.mean as number) / 4, 9);
    // 20 orders an hour arrive; the decision sends 90% / 10% of them (time-based, any order).
    expect(inflow?.traversalsPerDay.mean as number).toBeGreaterThan(20 * 24 * 0.9);
    expect(inflow?.traversalsPerDay.mean as number).toBeLessThan(20 * 24 * 1.1);
    const slow = byId.get('slow')?.traversals.mean as number;
    const quick = byId.get('quick')?.traversals.mean as number;
    expect(slow + quick).toBe(inflow?.traversals.mean);
    expect(quick / (slow + quick)).toBeGreaterThan(0.07);
    expect(quick / (slow + quick)).toBeLessThan(0.13);
    // Nothing is released by the monthly batch within the horizon.
    expect(byId.get('hold-end')?.traversals.mean).toBe(0);
  });
});
