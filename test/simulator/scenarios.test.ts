import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../models';
import { estimate, modelForVariant, runReplication, runScenario } from '../../simulator';

/** Every shipped scenario (and each of its variants) runs, conserves orders and gives sane numbers. */
const folder = join(__dirname, '..', '..', 'scenarios');
const files = readdirSync(folder).filter((f) => f.endsWith('.flowcast.json'));

describe('shipped scenarios', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    const model = loadModelText(readFileSync(join(folder, file), 'utf8')).model;
    it(`${file} loads`, () => expect(model).toBeDefined());
    if (!model) continue;
    for (const variant of [undefined, ...model.variants.map((v) => v.id)]) {
      it(`${file} ${variant ?? '(base)'} runs with sane numbers`, () => {
        const report = runScenario(model, { variant, replications: 2, seed: 3, horizonMinutes: 10 * 1440, warmupMinutes: 1440 });
        expect(report.status).toBe('ok');
        expect(report.totals.ordersArrived).toBeGreaterThan(500);
        // Orders move: they complete, or (order-to-cash models whose payment outlasts this short run) they ship.
        const shipped = report.fulfilment?.all.ordersFirstShipped.mean ?? 0;
        expect(Math.max(report.throughputPerDay.mean as number, shipped)).toBeGreaterThan(0);
        for (const p of report.pools) if (p.utilisation.mean !== null) expect(p.utilisation.mean).toBeLessThanOrEqual(1 + 1e-9);
        for (const s of report.slas) if (s.attainment.mean !== null) expect(s.attainment.mean).toBeGreaterThanOrEqual(0);
        if (report.cycleTime.p50.mean !== null) expect(report.cycleTime.p50.mean).toBeLessThanOrEqual((report.cycleTime.p99.mean as number) + 1e-9);
        expect(report.nodes.length).toBe(model.nodes.length);
        // One population per figure: groups add up to the throughput, wait shares to at most 1.
        const total = report.throughputPerDay.mean as number;
        const sum = (xs: Array<number | null>) => xs.reduce((x: number, y) => x + (y ?? 0), 0);
        expect(sum(report.sites.map((g) => g.completedPerDay.mean))).toBeCloseTo(total, 6);
        expect(sum(report.outcomes.map((g) => g.completedPerDay.mean))).toBeCloseTo(total, 6);
        expect(sum(report.nodes.map((n) => n.waitShare.mean))).toBeLessThanOrEqual(1 + 1e-9);
        const histogram = report.cycleTime.histogram;
        expect(histogram.counts.length).toBeLessThanOrEqual(60);
        expect(sum(histogram.counts)).toBe(histogram.total);
        expect(report.edges.length).toBe(model.edges.length);
      });
    }
  }

  it('the regional distributor target state ships faster than the current state, paired by replication', () => {
    const read = (name: string) => loadModelText(readFileSync(join(folder, `${name}.flowcast.json`), 'utf8')).model;
    const current = read('regional-distributor-current');
    const target = read('regional-distributor-target');
    if (!current || !target) return expect.fail('the regional distributor scenarios are missing');
    // Order-to-ship (the process; order-to-cash also carries the customers' payment terms), one pair per replication.
    const orderToShip = (model: NonNullable<typeof current>, replication: number) =>
      runReplication(modelForVariant(model, undefined), { replication, seed: 1, horizonMinutes: 21 * 1440, warmupMinutes: 2 * 1440 }).fulfilment?.all.orderToShip.mean;
    const differences = [0, 1, 2, 3].map((r) => (orderToShip(current, r) as number) - (orderToShip(target, r) as number));
    const d = estimate(differences);
    // The 95% interval of the paired difference lies above zero.
    expect(d.low as number).toBeGreaterThan(0);
  });
});
