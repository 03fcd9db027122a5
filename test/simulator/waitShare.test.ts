import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, loadModelText } from '../../models';
import { aggregateReplications, runReplication, runScenario, type ReplicationResult, type RunReport } from '../../simulator';
import { day, longCycle, sumOf, threeSites } from './populationModels';
import { tandemModel } from './theory/models';

/** Wait shares: waiting time over time in the system, both for every order branch over the window after the warm-up. */

function expectWaitSharesBounded(report: RunReport, results?: ReplicationResult[]): void {
  for (const b of report.bottlenecks) expect(b.waitShare).toBeLessThanOrEqual(1 + 1e-9);
  expect(sumOf(report.nodes.map((n) => n.waitShare.mean))).toBeLessThanOrEqual(1 + 1e-9);
  for (const r of results ?? []) expect(sumOf(r.nodes.map((n) => n.waitShare))).toBeLessThanOrEqual(1 + 1e-9);
}

describe('wait share population', () => {
  it('adds up to at most 1 over the nodes on a model with a long cycle and a warm-up', () => {
    const options = { seed: 3, horizonMinutes: 5 * day, warmupMinutes: day };
    const results = [0, 1, 2].map((replication) => runReplication(longCycle, { ...options, replication }));
    const report = aggregateReplications(longCycle, results, { ...options, variant: null });
    expectWaitSharesBounded(report, results);
    // Orders wait at the two batches nearly all the time they spend in the system.
    const gather = report.nodes.find((n) => n.nodeId === 'gather');
    const hold = report.nodes.find((n) => n.nodeId === 'hold');
    expect((gather?.waitShare.mean as number) + (hold?.waitShare.mean as number)).toBeGreaterThan(0.99);
    expect(report.bottlenecks[0].nodeId).toBe('hold');
  });

  it('is the time-weighted number waiting over the orders in the system (same window)', () => {
    const r = runReplication(longCycle, { replication: 0, seed: 5, horizonMinutes: 4 * day, warmupMinutes: day });
    for (const n of r.nodes) if (n.waitShare !== null) expect(n.waitShare).toBeCloseTo(n.meanQueueLength / r.wipMean, 12);
    expect(r.branchesMean).toBe(r.wipMean);
  });

  it('counts parallel branches in the denominator, so a split model stays within 1', () => {
    const options = { seed: 2, horizonMinutes: 8 * day, warmupMinutes: 2 * day };
    const results = [0, 1].map((replication) => runReplication(threeSites, { ...options, replication }));
    expectWaitSharesBounded(aggregateReplications(threeSites, results, { ...options, variant: null }), results);
    // Up to two branches per order between the split and the join.
    for (const r of results) {
      expect(r.branchesMean).toBeGreaterThan(r.wipMean);
      expect(r.branchesMean).toBeLessThan(2 * r.wipMean);
    }
  });

  it('matches Wq / W = rho for an M/M/1 queue in steady state', () => {
    const m = loadModel(tandemModel(1, 48, 1)).model;
    if (!m) throw new Error('invalid');
    const report = runScenario(m, { replications: 4, seed: 11, horizonMinutes: 40 * day, warmupMinutes: day });
    expect(report.bottlenecks[0].waitShare).toBeGreaterThan(0.77);
    expect(report.bottlenecks[0].waitShare).toBeLessThan(0.83);
  });

  it('stays within 1 on the regional distributor with a warm-up (the case that showed 121%)', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'scenarios', 'regional-distributor-current.flowcast.json'), 'utf8');
    const m = loadModelText(text).model;
    if (!m) throw new Error('scenario invalid');
    const report = runScenario(m, { replications: 4, seed: 20261127, horizonMinutes: 7 * day, warmupMinutes: 2 * day });
    expectWaitSharesBounded(report);
  });
});

