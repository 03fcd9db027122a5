import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../models';
import { kpiEstimate, showSweepValue, sweepKpis } from '../../renderer/experiments/chartOptions';
import { ExperimentError, describeParameter, inProcessRunner, parseValues, runSweep, setParameter, type SweepSpec } from '../../simulator/experiments';
import { mmcSojournCdf, singleQueue } from './models';

describe('sweep', () => {
  it('finds the saturation point of an M/M/1 queue whose capacity is known (60 orders/h)', async () => {
    // Service exponential with mean 1 min: capacity 60/h. Base arrivals 30/h, so the multiplier saturates at 2.
    const model = singleQueue({ ratePerHour: 30, serviceMinutes: 1, servers: 1 });
    const spec: SweepSpec = { parameters: [{ parameter: 'volume', values: [3, 1, 1.4, 1.8, 1.9, 2.1, 2.2, 2.6] }], replications: 4, seed: 7, horizonMinutes: 5 * 1440, warmupMinutes: 1440 };
    const report = await runSweep(model, spec, inProcessRunner());
    expect(report.points).toHaveLength(8);
    const [s] = report.saturation;
    expect(s.lastStableAt).toBe(1.9);
    expect(s.saturatedAt).toBe(2.1);
    expect(s.stableSide).toBe('below');
    expect(s.reason).toMatch(/throughput is \d+\.\d% of arrivals/);
    // Past saturation throughput plateaus at the server's capacity.
    expect(s.capacityPerHour).not.toBeNull();
    expect(Math.abs((s.capacityPerHour as number) - 60) / 60).toBeLessThan(0.03);
    // Below saturation throughput follows arrivals (0.5 x 60 = 30/h at multiplier 1).
    const base = report.points.find((p) => p.values[0] === 1);
    expect(base?.throughputToArrivals).toBeGreaterThan(0.98);
    expect(Math.abs((base?.arrivalsPerHour.mean as number) - 30)).toBeLessThan(1.5);
  });

  it('saturates on a p90 threshold when one is given', async () => {
    const model = singleQueue({ ratePerHour: 30, serviceMinutes: 1, servers: 1 });
    // M/M/1 sojourn is exponential with rate mu - lambda: p90 = ln(10) / (mu - lambda). At multiplier 1.6
    // (lambda 48/h) p90 = 11.5 min; at 1.2 (36/h) 5.8 min. A 8-minute threshold falls between them.
    const spec: SweepSpec = { parameters: [{ parameter: 'volume', values: [1.2, 1.6] }], replications: 4, seed: 3, horizonMinutes: 5 * 1440, warmupMinutes: 1440, p90ThresholdMinutes: 8 };
    const report = await runSweep(model, spec, inProcessRunner());
    expect(report.saturation[0]).toMatchObject({ saturatedAt: 1.6, lastStableAt: 1.2, capacityPerHour: null });
    expect(report.saturation[0].reason).toMatch(/p90 cycle time/);
    const p90 = report.points.map((p) => p.cycleTimeP90.mean as number);
    expect(Math.abs(p90[0] - Math.log(10) / (1 - 0.6)) / (Math.log(10) / 0.4)).toBeLessThan(0.1);
    expect(Math.abs(p90[1] - Math.log(10) / (1 - 0.8)) / (Math.log(10) / 0.2)).toBeLessThan(0.15);
  });

  it('reports SLA attainment per server count that matches Erlang C (M/M/c)', async () => {
    // lambda 1/min, service 4 min: offered load 4. SLA: sojourn <= 15 min.
    const model = singleQueue({ ratePerHour: 60, serviceMinutes: 4, servers: 5, sla: { targetMinutes: 15, goal: 0.95 } });
    const spec: SweepSpec = { parameters: [{ parameter: 'pool.clerks.capacity', values: [5, 6, 8] }], replications: 5, seed: 21, horizonMinutes: 6 * 1440, warmupMinutes: 720 };
    const report = await runSweep(model, spec, inProcessRunner());
    for (const point of report.points) {
      const c = point.values[0];
      const exact = mmcSojournCdf(c, 1, 0.25, 15);
      const a = point.slas[0].attainment;
      expect(Math.abs((a.mean as number) - exact)).toBeLessThan((a.halfWidth as number) + 0.006);
      expect(point.pools[0].capacity).toBe(c);
      expect(Math.abs((point.pools[0].utilisation.mean as number) - 4 / c)).toBeLessThan(0.02);
    }
  });

  it('sweeps two parameters as a grid and finds saturation per line', async () => {
    const model = singleQueue({ ratePerHour: 30, serviceMinutes: 1.5, servers: 1 });
    const spec: SweepSpec = { parameters: [{ parameter: 'volume', values: [1, 1.6] }, { parameter: 'pool.clerks.capacity', values: [1, 2] }], replications: 3, seed: 1, horizonMinutes: 3 * 1440, warmupMinutes: 720 };
    const report = await runSweep(model, spec, inProcessRunner());
    expect(report.points.map((p) => p.values)).toEqual([[1, 1], [1, 2], [1.6, 1], [1.6, 2]]);
    // One clerk: capacity 40/h, so 48/h (1.6) saturates; two clerks keep up.
    expect(report.saturation).toEqual([
      expect.objectContaining({ seriesValue: 1, saturatedAt: 1.6, lastStableAt: 1 }),
      expect.objectContaining({ seriesValue: 2, saturatedAt: null, lastStableAt: 1.6 }),
    ]);
  });
});

describe('parameters', () => {
  const model = singleQueue({ ratePerHour: 30, serviceMinutes: 1, servers: 2 });

  it('describes and sets parameters', () => {
    expect(describeParameter(model, 'pool.clerks.capacity')).toMatchObject({ current: 2, integer: true, unit: 'people' });
    expect(describeParameter(model, 'node.work.duration.mean')).toMatchObject({ current: 1, unit: '' });
    const changed = setParameter(model, 'volume', 1.1);
    const source = changed.nodes.find((n) => n.kind === 'source');
    expect(source?.kind === 'source' && source.arrivals.volumeMultiplier).toBe(1.1);
    expect(model.nodes.find((n) => n.kind === 'source')).not.toBe(source);
  });

  it('names unknown parameters and values that break the model', async () => {
    expect(() => describeParameter(model, 'pool.nobody.capacity')).toThrow(/no pool "nobody" \(it has clerks\)/);
    expect(() => describeParameter(model, 'speed')).toThrow(ExperimentError);
    // An activity that fails needs an error edge: the patched model is validated like a loaded file.
    const spec: SweepSpec = { parameters: [{ parameter: 'node.work.failureProbability', values: [0, 0.5] }], replications: 2, seed: 1, horizonMinutes: 1440, warmupMinutes: 0 };
    await expect(runSweep(model, spec, inProcessRunner())).rejects.toThrow(/node\.work\.failureProbability = 0\.5 the model is not valid: nodes\[1\]\.failureProbability/);
    const fractional: SweepSpec = { ...spec, parameters: [{ parameter: 'pool.clerks.capacity', values: [1.5] }] };
    await expect(runSweep(model, fractional, inProcessRunner())).rejects.toThrow(/whole numbers/);
  });

  it('parses value lists and ranges', () => {
    expect(parseValues('0.8:1.2:0.1')).toEqual([0.8, 0.9, 1, 1.1, 1.2]);
    expect(parseValues('1,2,5')).toEqual([1, 2, 5]);
    expect(parseValues('15min,1h')).toEqual([15, 60]);
    expect(() => parseValues('1:2')).toThrow(/FROM:TO:STEP/);
    expect(() => parseValues('a,b')).toThrow(/not a number/);
  });

  it('reports the fulfilment KPIs of each point: more volume against the same stock policy fills fewer lines', async () => {
    const { model } = loadModelText(readFileSync(join(__dirname, '..', 'fixtures', 'fulfilment.flowcast.json'), 'utf8'));
    if (!model) return expect.fail('the fulfilment fixture does not load');
    const spec: SweepSpec = { parameters: [{ parameter: 'volume', values: [1, 3] }], replications: 4, seed: 5, horizonMinutes: 30 * 1440, warmupMinutes: 3 * 1440 };
    const report = await runSweep(model, spec, inProcessRunner());
    const kpi = (volume: number, id: string) => report.points.find((p) => p.values[0] === volume)?.fulfilment.find((f) => f.id === id);
    expect(kpi(1, 'otifRate')?.kind).toBe('share');
    expect(kpi(1, 'orderToShipMean')?.kind).toBe('duration');
    // East's (s, Q) stock is sized for the base volume: at three times the orders its shelves run empty more often.
    const fillAt = (v: number) => kpi(v, 'lineFillRate')?.estimate;
    expect((fillAt(3)?.high as number) < (fillAt(1)?.low as number)).toBe(true);
    expect(report.points[0].fulfilment.some((f) => f.id.startsWith('costPerOrder:'))).toBe(false);
    // The studio offers them in the sweep chart's KPI choice, formatted by kind.
    const choices = sweepKpis(report);
    expect(choices.map((c) => c.id)).toContain('ff:otifRate');
    expect(choices.find((c) => c.id === 'ff:workingCapitalTotal')?.label).toMatch(/USD/);
    const point = report.points[0];
    expect(kpiEstimate(point, 'ff:lineFillRate')).toEqual(fillAt(1));
    expect(showSweepValue(report, 'ff:lineFillRate', 0.975)).toMatch(/%$/);
    expect(showSweepValue(report, 'ff:orderToShipMean', 90)).toMatch(/h|min/);
  });
});
