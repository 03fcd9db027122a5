import { describe, expect, it } from 'vitest';
import { loadModel } from '../../models';
import { runReplication, runScenario } from '../../simulator';
import { chain, minutes, model, node, runLogged } from './helpers';
import { tandemModel } from './theory/models';

describe('results', () => {
  it('time series add up to the totals and span the horizon', () => {
    const m = loadModel(tandemModel(2, 40, 1)).model;
    if (!m) throw new Error('invalid');
    const horizon = 3 * 1440;
    const r = runReplication(m, { replication: 0, seed: 1, horizonMinutes: horizon, warmupMinutes: 0 });
    expect(r.series.bucketMinutes).toBe(60);
    expect(r.series.throughput.length).toBe(72);
    expect(r.series.throughput.reduce((a, b) => a + b, 0)).toBe(r.ordersCompleted);
    const meanWip = r.series.wip.reduce((a, b) => a + b, 0) / r.series.wip.length;
    expect(meanWip).toBeCloseTo(r.wipMean, 9);
    for (const q of r.series.queueLength) {
      const stats = r.nodes.find((n) => n.nodeId === q.nodeId);
      expect(q.values.reduce((a, b) => a + b, 0) / q.values.length).toBeCloseTo(stats?.meanQueueLength as number, 9);
    }
    expect(r.series.utilisation.map((u) => u.poolId)).toEqual(['p1', 'p2']);
    const busy = r.series.utilisation[0].values.reduce((a: number, b) => a + (b ?? 0), 0) / 72;
    expect(busy).toBeCloseTo(r.pools[0].utilisation as number, 9);
  });

  it('counts order statistics only for orders arriving after the warm-up', () => {
    const m = loadModel(tandemModel(1, 30, 1)).model;
    if (!m) throw new Error('invalid');
    const rows: number[] = [];
    const r = runReplication(m, { replication: 0, seed: 2, horizonMinutes: 2000, warmupMinutes: 500, eventLog: (row) => row.startMinutes >= 0 && rows.push(row.caseId) });
    const all = runReplication(m, { replication: 0, seed: 2, horizonMinutes: 2000, warmupMinutes: 0 });
    expect(r.ordersArrived).toBe(all.ordersArrived);
    expect(r.cycleTime.count).toBeLessThan(all.cycleTime.count);
    expect(r.nodes[0].arrivals).toBeCloseTo((r.arrivalsPerHour * 1500) / 60, 6);
    expect(r.throughputPerHour).toBeGreaterThan(0);
  });

  it('ranks the slow station first as the bottleneck and explains it with numbers', () => {
    const input = tandemModel(3, 30, 1);
    (input.nodes[2] as { duration: unknown }).duration = { kind: 'exponential', mean: 1.8, unit: 'min' };
    const m = loadModel(input).model;
    if (!m) throw new Error('invalid');
    const report = runScenario(m, { replications: 3, seed: 1, horizonMinutes: 20 * 1440, warmupMinutes: 1440 });
    const top = report.bottlenecks[0];
    expect(top.nodeId).toBe('s2');
    expect(top.utilisation as number).toBeGreaterThan(0.85);
    expect(top.waitShare).toBeGreaterThan(0.5);
    expect(top.explanation).toMatch(/^Orders wait .* at 'Station 2', \d+% of all cycle time\. Pool 'Team 2' is busy [89]\d% of its available time/);
  });

  it('reports progress up to 1', () => {
    const m = loadModel(tandemModel(1, 30, 1)).model;
    if (!m) throw new Error('invalid');
    const seen: number[] = [];
    runScenario(m, { replications: 2, horizonMinutes: 200 * 1440, warmupMinutes: 0, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(4);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('raises failure probability inside failure spikes', () => {
    const m = model({
      systems: [{ id: 'api', name: 'Carrier API', failureSpikes: [{ start: { value: 600, unit: 'min' }, duration: { value: 120, unit: 'min' }, extraFailureProbability: 1 }] }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 30 } },
        { id: 'call', kind: 'integration', name: 'Book', system: 'api', latency: minutes(0.5) },
        { id: 'end', kind: 'end', name: 'Done' },
        { id: 'dlq', kind: 'end', name: 'Manual', outcome: 'failed' },
      ],
      edges: [...chain('src', 'call', 'end'), { id: 'd', from: 'call', to: 'dlq', kind: 'deadLetter' }],
    });
    const { rows } = runLogged(m, 1440);
    for (const r of rows) expect(r.status).toBe(r.completeMinutes >= 600 && r.completeMinutes < 720 ? 'failed' : 'ok');
    expect(rows.filter((r) => r.status === 'failed').length).toBeGreaterThan(30);
  });

  it('random outages take about MTTR / (MTBF + MTTR) of the time', () => {
    const m = model({
      systems: [{ id: 'wms', name: 'WMS', outages: { scheduled: [], random: { mtbf: { value: 10, unit: 'h' }, mttr: { kind: 'exponential', mean: 2, unit: 'h' } }, behaviour: 'hold' } }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 1 } },
        { id: 'call', kind: 'integration', name: 'Release', system: 'wms', latency: minutes(1) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'call', 'end'),
    });
    const shares = [0, 1, 2, 3, 4, 5, 6, 7].map((replication) => {
      const r = runReplication(m, { replication, seed: 5, horizonMinutes: 200 * 1440, warmupMinutes: 0 });
      return r.systems[0].outageMinutes / (200 * 1440);
    });
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    // Alternating renewal process: 2 / 12 = 0.1667; 8 x 200 days gives about +-0.01.
    expect(Math.abs(mean - 2 / 12)).toBeLessThan(0.012);
    const r = runReplication(m, { replication: 0, seed: 5, horizonMinutes: 30 * 1440, warmupMinutes: 0 });
    expect(node(r, 'call').queueWaitMean as number).toBeGreaterThan(0);
  });

  it('shares a pool between activities, serving the earliest request first', () => {
    const m = model({
      pools: [{ id: 'desk', name: 'Desk', capacity: 1 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 4 } },
        { id: 'a', kind: 'activity', name: 'First pass', pool: 'desk', duration: minutes(5) },
        { id: 'b', kind: 'activity', name: 'Second pass', pool: 'desk', duration: minutes(6) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'a', 'b', 'end'),
    });
    const { rows } = runLogged(m, 3 * 1440);
    const work = rows.filter((r) => r.activityId === 'a' || r.activityId === 'b').sort((x, y) => x.startMinutes - y.startMinutes);
    for (let i = 1; i < work.length; i++) expect(work[i].startMinutes).toBeGreaterThanOrEqual(work[i - 1].completeMinutes - 1e-9);
    const report = runScenario(m, { replications: 2, horizonMinutes: 3 * 1440, warmupMinutes: 0 });
    expect(report.pools.length).toBe(1);
    expect(report.loadCheck[0].offeredLoad).toBeCloseTo((4 / 60) * 11, 9);
  });
});
