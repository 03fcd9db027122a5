import { describe, expect, it } from 'vitest';
import { runScenario } from '../../simulator';
import { insightsForComparison, insightsForRecommendation, insightsForRun, insightsForStress, insightsForSweep, inProcessRunner, recommendCapacity, runStress, runSweep, type Insight } from '../../simulator/experiments';
import { compareKpis } from '../../simulator/stats/compare';
import { apiQueue, singleQueue } from './models';

/** Reads `a.b[2].c` out of a report. */
function valueAt(root: unknown, path: string): unknown {
  let at: unknown = root;
  for (const part of path.match(/[^.[\]]+/g) ?? []) at = (at as Record<string, unknown>)[part];
  return at;
}

/** Every insight's evidence must be the number at its path in the report: findings are traceable. */
function expectTraceable(insights: readonly Insight[], report: unknown): void {
  expect(insights.length).toBeGreaterThan(0);
  insights.forEach((insight, i) => {
    expect(insight.rank).toBe(i + 1);
    if (i > 0) expect(insight.score).toBeLessThanOrEqual(insights[i - 1].score);
    for (const e of insight.evidence) {
      const at = valueAt(report, e.path);
      if (Array.isArray(at)) expect(at.length).toBe(e.value);
      else expect(at).toEqual(e.value);
    }
  });
}

describe('insights', () => {
  it('a run: the missed SLA ranks first, then where orders wait, with numbers from the report', () => {
    // M/M/2 at 95% load: long waits; the 15-minute SLA goal of 95% is missed.
    const model = singleQueue({ ratePerHour: 28.5, serviceMinutes: 4, servers: 2, sla: { targetMinutes: 15, goal: 0.95 }, horizonDays: 4, warmupDays: 0.5 });
    const report = runScenario(model, { replications: 4 });
    const insights = insightsForRun(report);
    expectTraceable(insights, report);
    expect(insights[0].kind).toBe('sla-missed');
    expect(insights[0].text).toMatch(/^Fast service: \d+% of orders meet the 15 min target against a goal of 95%/);
    const bottleneck = insights.find((i) => i.kind === 'bottleneck');
    expect(bottleneck?.text).toMatch(/^Work: pool 'Clerks' 9\d% busy; orders wait .* there on average, \d+% of their cycle time\.$/);
    expect(insights.some((i) => i.kind === 'pool-near-limit')).toBe(true);
  });

  it('a sweep: saturation and what one more clerk buys', async () => {
    const model = singleQueue({ ratePerHour: 27, serviceMinutes: 4, servers: 2, horizonDays: 3, warmupDays: 0.5 });
    const sweep = await runSweep(model, { parameters: [{ parameter: 'pool.clerks.capacity', values: [1, 2, 3] }], replications: 3, seed: 4, horizonMinutes: 3 * 1440, warmupMinutes: 720 }, inProcessRunner());
    const insights = insightsForSweep(sweep);
    expectTraceable(insights, sweep);
    const step = insights.find((i) => i.kind === 'step-effect');
    expect(step?.text).toMatch(/^One more \(Clerks capacity 2 → 3\) cuts p90 cycle time by an estimated \d+%/);
    // With one clerk (load 1.8) the process cannot keep up; from two on it can: a capacity-like parameter.
    expect(sweep.saturation[0]).toMatchObject({ saturatedAt: 1, lastStableAt: 2, stableSide: 'above' });
    expect(insights.find((i) => i.kind === 'saturation')?.text).toMatch(/^The process cannot keep up at Clerks capacity = 1 and keeps up from 2: throughput is \d+\.\d% of arrivals; the process tops out at about \d+ orders\/day\.$/);
  });

  it('a stress test, a recommendation and a comparison', async () => {
    const api = apiQueue({ ratePerHour: 30, latencyMinutes: 1, slaMinutes: 10, horizonDays: 3, warmupDays: 1 });
    const stress = await runStress(api, { shocks: [{ kind: 'outage', system: 'api', startMinutes: 1800, durationMinutes: 120 }], replications: 4, seed: 1, horizonMinutes: 3 * 1440, warmupMinutes: 1440 }, inProcessRunner());
    const s = insightsForStress(stress);
    expectTraceable(s, stress);
    expect(s.map((i) => i.kind)).toEqual(expect.arrayContaining(['recovery', 'sla-misses', 'backlog']));

    const desk = singleQueue({ ratePerHour: 60, serviceMinutes: 4, servers: 9, sla: { targetMinutes: 15, goal: 0.955 }, horizonDays: 2, warmupDays: 0.5 });
    const rec = await recommendCapacity(desk, { replications: 3, seed: 1, horizonMinutes: 2 * 1440, warmupMinutes: 720 }, inProcessRunner());
    const r = insightsForRecommendation(rec);
    expectTraceable(r, rec);
    expect(r[0].text).toMatch(/^Change Clerks 9 → 6: every SLA goal is met with confidence at .* per week \(−.* against the model as written\)\.$/);

    const kpis = compareKpis([
      { id: 'cycle', label: 'Cycle time mean', unit: 'min', higherIsBetter: false, a: [10, 11, 12, 13], b: [8, 9.1, 9.9, 11] },
      { id: 'thr', label: 'Throughput', unit: 'orders/day', higherIsBetter: true, a: [100, 101, 99, 100], b: [100.5, 100, 99.5, 100.2] },
    ]);
    const c = insightsForComparison(kpis, { a: 'today', b: 'target' });
    expectTraceable(c, { kpis });
    expect(c[0].text).toMatch(/^Cycle time mean: target is better than today, 11\.5 min → 9\.5 min \(-17\.4%\)/);
  });
});
