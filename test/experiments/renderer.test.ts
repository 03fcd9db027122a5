import { describe, expect, it } from 'vitest';
import { kpiEstimate, stressChartOption, sweepChartOption, sweepKpis } from '../../renderer/experiments/chartOptions';
import { defaultShockStartMinutes, parameterChoices, resourceChoices } from '../../renderer/experiments/choices';
import { studioRunner } from '../../renderer/experiments/engine';
import { initialSettings, parseSettings } from '../../renderer/experiments/settings';
import { inProcessRunner, parseValues, runStress, runSweep, type SweepSpec } from '../../simulator/experiments';
import { apiQueue, singleQueue } from './models';

const style = { animation: false, fontSize: 12 };

describe('Experiments area (headless parts)', () => {
  const model = singleQueue({ ratePerHour: 30, serviceMinutes: 1, servers: 1, sla: { targetMinutes: 5, goal: 0.9 }, horizonDays: 2, warmupDays: 0.5 });

  it('runs batches through the studio simulation client with the same results as the engine in-process', async () => {
    const batch = { model, firstReplication: 0, replications: 3, seed: 4, horizonMinutes: 2 * 1440, warmupMinutes: 720 };
    let done = 0;
    const viaStudio = await studioRunner(new AbortController().signal)(batch, () => done++);
    const direct = await inProcessRunner()(batch);
    expect(done).toBe(3);
    expect(JSON.stringify(viaStudio)).toBe(JSON.stringify(direct));
    await expect(studioRunner(new AbortController().signal)({ ...batch, firstReplication: 2 })).rejects.toThrow(/--shard/);
  });

  it('draws the sweep KPI with its 95% band and marks the saturation point', async () => {
    const spec: SweepSpec = { parameters: [{ parameter: 'volume', values: [1, 1.5, 2.5] }], replications: 3, seed: 2, horizonMinutes: 2 * 1440, warmupMinutes: 720 };
    const report = await runSweep(model, spec, inProcessRunner());
    expect(sweepKpis(report).map((k) => k.id)).toContain('sla:fast');
    const option = sweepChartOption(report, 'throughputPerDay', style);
    const series = option.series as Array<{ name: string; stack?: string; data: Array<[number, number | null]>; markLine?: { data: Array<{ xAxis: number }> } }>;
    expect(series.map((s) => s.name)).toEqual(['mean 95% low', 'mean 95% band', 'mean']);
    const [low, width, mean] = series;
    report.points.forEach((p, i) => {
      const e = kpiEstimate(p, 'throughputPerDay');
      expect(low.data[i]).toEqual([p.values[0], e?.low]);
      expect(width.data[i][1]).toBeCloseTo((e?.high as number) - (e?.low as number), 9);
      expect(mean.data[i]).toEqual([p.values[0], e?.mean]);
    });
    expect(low.stack).toBe(width.stack);
    expect(mean.markLine?.data).toEqual([{ xAxis: 2.5 }]);
  });

  it('draws the stress timeline with the shock window and the recovery line', async () => {
    const api = apiQueue({ ratePerHour: 30, latencyMinutes: 1, slaMinutes: 10, horizonDays: 3, warmupDays: 1 });
    const report = await runStress(api, { shocks: [{ kind: 'outage', system: 'api', startMinutes: 1800, durationMinutes: 120 }], replications: 3, seed: 1, horizonMinutes: 3 * 1440, warmupMinutes: 1440, bucketMinutes: 60 }, inProcessRunner());
    const option = stressChartOption(report, style);
    const series = option.series as Array<{ name: string; data: number[][]; markArea?: { data: Array<Array<{ xAxis: number }>> }; markLine?: { data: Array<{ xAxis: number }> } }>;
    expect(series.map((s) => s.name)).toEqual(['No shock', 'Shocked']);
    expect(series[1].data).toHaveLength(72);
    expect(series[1].markArea?.data[0].map((d) => d.xAxis)).toEqual([1800 / 1440, 1920 / 1440]);
    expect(series[1].markLine?.data[0].xAxis).toBeCloseTo((1920 + (report.recovery.minutesAfterShock.mean as number)) / 1440, 9);
  });

  it('offers parameters and resources of the model, with default ranges that parse', () => {
    const choices = parameterChoices(model);
    expect(choices.map((c) => c.parameter)).toEqual(['volume', 'pool.clerks.capacity']);
    for (const c of choices) expect(parseValues(c.defaultValues).length).toBeGreaterThan(1);
    expect(parseValues(choices[1].defaultValues)).toEqual([1, 2, 3, 4]);
    expect(resourceChoices(model)).toEqual([{ resource: 'pool.clerks', label: 'Clerks' }]);
    expect(defaultShockStartMinutes(10 * 1440, 2 * 1440)).toBe(4 * 1440);
  });

  it('checks the shared settings', () => {
    const form = initialSettings(model);
    expect(parseSettings(form)).toEqual({ replications: 5, seed: 11, horizonMinutes: 2 * 1440, warmupMinutes: 720 });
    expect(parseSettings({ ...form, replications: '1' })).toMatch(/at least 2/);
    expect(parseSettings({ ...form, warmupDays: '3' })).toMatch(/shorter than the horizon/);
  });
});
