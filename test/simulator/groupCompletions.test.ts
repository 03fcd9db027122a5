import { describe, expect, it } from 'vitest';
import { runReplication, runScenario } from '../../simulator';
import { day, sumOf, threeSites } from './populationModels';

/** Per-site and per-outcome completions cover the throughput's population: completions after the warm-up. */

describe('group completions', () => {
  it('per-site and per-outcome completions per day add up to the throughput', () => {
    const report = runScenario(threeSites, { replications: 3, seed: 7, horizonMinutes: 8 * day, warmupMinutes: 2 * day });
    const total = report.throughputPerDay.mean as number;
    expect(report.sites.map((s) => s.key)).toEqual(['north', 'south', 'west']);
    expect(sumOf(report.sites.map((s) => s.completedPerDay.mean))).toBeCloseTo(total, 9);
    expect(sumOf(report.outcomes.map((s) => s.completedPerDay.mean))).toBeCloseTo(total, 9);
    expect(sumOf(report.sites.map((s) => s.share.mean))).toBeCloseTo(1, 12);
    // The sites get orders in proportion 3:2:1 (within noise).
    expect((report.sites[0].completedPerDay.mean as number) / total).toBeGreaterThan(0.4);
    expect((report.sites[2].completedPerDay.mean as number) / total).toBeLessThan(0.25);
  });

  it('counts in each replication the completions after the warm-up, whenever the orders arrived', () => {
    const r = runReplication(threeSites, { replication: 0, seed: 4, horizonMinutes: 6 * day, warmupMinutes: 2 * day });
    const completions = (r.throughputPerDay * 4 * day) / day;
    expect(r.bySite.reduce((a, g) => a + g.completed, 0)).toBeCloseTo(completions, 6);
    expect(r.byOutcome.reduce((a, g) => a + g.completed, 0)).toBeCloseTo(completions, 6);
    // Cycle times still cover only orders that arrived after the warm-up: fewer than the completions here.
    expect(r.bySite.reduce((a, g) => a + g.cycleTime.count, 0)).toBe(r.cycleTime.count);
    expect(r.cycleTime.count).toBeLessThan(completions);
  });
});

