import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../models';
import { applyShocks, inProcessRunner, recoveryMinutes, runStress, type StressSpec } from '../../simulator/experiments';
import { apiQueue, singleQueue } from './models';

describe('stress tests', () => {
  // An order API with one call slot and a constant 1-minute latency (mu = 60/h), orders at lambda = 30/h. A 2-hour
  // outage (calls held) leaves a backlog of about lambda x 2 h = 60 calls (+ the ~0.75 usually there), which drains
  // at mu - lambda = 30/h: about 2.05 h. Recovery is read in 15-minute buckets (the first whole bucket after the
  // drain), so the measured mean lies near 2.05 h + 7.5 min.
  const model = apiQueue({ ratePerHour: 30, latencyMinutes: 1, slaMinutes: 10, horizonDays: 4, warmupDays: 1 });
  const outageStart = 2 * 1440 + 12 * 60;
  const spec: StressSpec = {
    shocks: [{ kind: 'outage', system: 'api', startMinutes: outageStart, durationMinutes: 120 }],
    replications: 20,
    seed: 9,
    horizonMinutes: 4 * 1440,
    warmupMinutes: 1440,
    holdMinutes: 360,
  };

  it('measures the drain time of an outage backlog (lambda D / (mu - lambda))', async () => {
    const report = await runStress(model, spec, inProcessRunner());
    expect(report.window).toEqual({ startMinutes: outageStart, endMinutes: outageStart + 120 });
    expect(report.settings.bucketMinutes).toBe(15);
    expect(report.recovery.recovered).toBe(20);
    const { mean, halfWidth } = report.recovery.minutesAfterShock;
    const expected = ((30 * 2 + 0.75) / 30) * 60 + 7.5;
    // The drain time varies (the backlog is Poisson, and so are arrivals while it drains: sd about 22 min), so the
    // check is the 95% interval of the mean widened by the bucket's rounding.
    expect(Math.abs((mean as number) - expected)).toBeLessThan((halfWidth as number) + 8);
    for (const r of report.recovery.perReplication) expect(r as number).toBeGreaterThan(45);
    // The backlog sits at the API call; its peak is the ~60 calls held, less the averaging over a 15-minute bucket.
    expect(report.backlogAt[0].nodeId).toBe('call');
    expect(report.peakExtraWip.mean as number).toBeGreaterThan(45);
    expect(report.peakExtraWip.mean as number).toBeLessThan(66);
  });

  it('counts the SLA misses the outage causes against the same seeds without it', async () => {
    const report = await runStress(model, spec, inProcessRunner());
    // Fluid view: an order arriving u hours after the outage starts waits 2 - u/2 hours (lambda/mu = 1/2), so it
    // misses the 10-minute target (1 minute of latency included) while u < 2 x (2 h - 9 min) = 3.7 h: ~111 orders.
    const [misses] = report.slaMisses;
    expect(misses.slaId).toBe('posted');
    expect(misses.baselineMisses).toBeLessThan(5);
    expect(Math.abs(misses.extra.meanDifference - 111)).toBeLessThan(15);
    expect(misses.extra.significant).toBe(true);
    const cycle = report.comparison.find((k) => k.id === 'cycleTimeMean');
    expect(cycle?.direction).toBe('worse');
  });

  it('reports a sustained staff loss without inventing a recovery time', async () => {
    const desk = singleQueue({ ratePerHour: 50, serviceMinutes: 4, servers: 5, sla: { targetMinutes: 15, goal: 0.9 }, horizonDays: 3, warmupDays: 0.5 });
    const report = await runStress(desk, { shocks: [{ kind: 'staff-loss', pool: 'clerks', site: null, lost: 1 }], replications: 4, seed: 1, horizonMinutes: 3 * 1440, warmupMinutes: 720 }, inProcessRunner());
    expect(report.window).toBeNull();
    expect(report.recovery.minutesAfterShock.mean).toBeNull();
    expect(report.recovery.note).toMatch(/sustained/);
    expect(report.shocks[0].description).toMatch(/whole run/);
    expect(report.slaMisses[0].extra.meanDifference).toBeGreaterThan(0);
  });

  it('applies each shock kind as a model patch and names bad shocks', () => {
    const shocked = applyShocks(model, [
      { kind: 'failure-spike', system: 'api', startMinutes: 100, durationMinutes: 60, extraFailureProbability: 0.2 },
      { kind: 'surge', startMinutes: 200, durationMinutes: 30, multiplier: 3 },
    ]);
    expect(shocked.systems[0].failureSpikes).toEqual([{ start: { value: 100, unit: 'min' }, duration: { value: 60, unit: 'min' }, extraFailureProbability: 0.2 }]);
    const source = shocked.nodes.find((n) => n.kind === 'source');
    expect(source?.kind === 'source' && source.arrivals.surges).toEqual([{ start: { value: 200, unit: 'min' }, duration: { value: 30, unit: 'min' }, multiplier: 3 }]);
    expect(model.systems[0].failureSpikes).toEqual([]);
    expect(() => applyShocks(model, [{ kind: 'outage', system: 'erp', startMinutes: 0, durationMinutes: 1 }])).toThrow(/no system "erp" \(it has api\)/);
    expect(() => applyShocks(model, [{ kind: 'staff-loss', pool: 'clerks', site: null, lost: 3 }])).toThrow(/has 2 people; cannot lose 3/);
  });

  it('refuses shocks in the warm-up or past the horizon', async () => {
    await expect(runStress(model, { ...spec, shocks: [{ kind: 'outage', system: 'api', startMinutes: 60, durationMinutes: 60 }] }, inProcessRunner())).rejects.toThrow(/starts in the warm-up/);
    await expect(runStress(model, { ...spec, shocks: [{ kind: 'outage', system: 'api', startMinutes: 3 * 1440, durationMinutes: 2 * 1440 }] }, inProcessRunner())).rejects.toThrow(/ends after the horizon/);
  });

  it('recovery needs the level to hold, not just touch the band', () => {
    const base = [1, 1, 1, 1, 1, 1, 1, 1];
    const shocked = [1, 5, 1.2, 4, 2, 1.3, 1.1, 1];
    // Buckets of 10 min, shock ends at 10; within 0.5 from bucket 5 on (50 min), held for 3 buckets.
    expect(recoveryMinutes(base, shocked, 8, 10, 10, 0.5, 30)).toBe(40);
    expect(recoveryMinutes(base, [1, 5, 5, 5, 5, 5, 5, 5], 8, 10, 10, 0.5, 30)).toBeNull();
    // Not held long enough before the end of the run: recovered at the last run of good buckets.
    expect(recoveryMinutes(base, [1, 5, 5, 5, 5, 5, 1, 1], 8, 10, 10, 0.5, 60)).toBe(50);
  });

  it('reports what a demand surge costs in fulfilment terms (fill rates, backorders), paired on the same seeds', async () => {
    // The fixture's East DC runs an (s, Q) policy sized for normal demand: three times the orders for a week empty
    // its shelves, so fewer orders leave complete and more lines wait for stock than without the surge.
    const { model } = loadModelText(readFileSync(join(__dirname, '..', 'fixtures', 'fulfilment.flowcast.json'), 'utf8'));
    if (!model) return expect.fail('the fulfilment fixture does not load');
    const report = await runStress(
      model,
      { shocks: [{ kind: 'surge', startMinutes: 10 * 1440, durationMinutes: 7 * 1440, multiplier: 3 }], replications: 6, seed: 4, horizonMinutes: 30 * 1440, warmupMinutes: 3 * 1440 },
      inProcessRunner(),
    );
    const row = (id: string) => report.comparison.find((k) => k.id === id);
    expect(row('lineFillRate')?.direction).toBe('worse');
    expect(row('lineFillRate')?.significant).toBe(true);
    expect(row('backorders')?.direction).toBe('worse');
    expect(row('orderToShipMean')?.unit).toBe('min');
    expect(row('workingCapitalTotal')?.unit).toBe(model.currency);
  });
});
