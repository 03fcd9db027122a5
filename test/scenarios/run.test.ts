import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModelText, type Workflow } from '../../models';
import { runScenario } from '../../simulator/run';
import type { RunReport } from '../../simulator/report';
import { estimateOfferedLoad } from './offeredLoad';

/**
 * Every shipped scenario runs briefly (a week, two replications) and gives plausible numbers; the comparisons the
 * scenarios are shipped for come out the right way round. Short runs, so the checks are coarse on purpose. Orders
 * now end when their cash is applied, ~45 days after the invoice, so a week shows shipments, not completed orders;
 * the fulfilment stories with statistics are in fulfilment.test.ts, national.test.ts, credit.test.ts and peak.test.ts.
 */

const scenarioDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = readdirSync(scenarioDir)
  .filter((f) => f.endsWith('.flowcast.json'))
  .sort();

const day = 1440;
const week = { horizonMinutes: 7 * day, warmupMinutes: 1 * day, replications: 2 };

function load(file: string): Workflow {
  const { model, findings } = loadModelText(readFileSync(scenarioDir + file, 'utf8'));
  if (!model) throw new Error(`${file}: ${findings.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  return model;
}

const cache = new Map<string, RunReport>();
function run(file: string, variant?: string, options: { horizonMinutes: number; warmupMinutes: number; replications: number } = week): RunReport {
  const key = `${file}|${variant ?? ''}|${options.horizonMinutes}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const report = runScenario(load(file), { ...options, variant });
  cache.set(key, report);
  return report;
}

const sla = (report: RunReport, id: string) => {
  const found = report.slas.find((s) => s.slaId === id);
  if (!found || found.attainment.mean === null) throw new Error(`SLA ${id} not measured`);
  return found.attainment.mean;
};

describe('shipped scenarios run', () => {
  it.each(files)('%s: a week runs stable with plausible volumes and loads', (file) => {
    const model = load(file);
    const report = run(file);
    expect(report.status).toBe('ok');
    for (const r of report.replications) expect(r.status, r.message ?? '').toBe('ok');
    // Arrivals match the volume the scenario claims (5 working days of 7), summed over replications.
    const perWeek = Object.values(estimateOfferedLoad(model).arrivalsPerWeek).reduce((a, b) => a + b, 0);
    expect(report.totals.ordersArrived / week.replications).toBeGreaterThan(perWeek * 0.95);
    expect(report.totals.ordersArrived / week.replications).toBeLessThan(perWeek * 1.05);
    // Most orders of the week leave the dock within it (order-to-ship is about a day today, hours in the target).
    const all = report.fulfilment?.all;
    expect(all, 'fulfilment figures').toBeDefined();
    expect(all?.ordersFirstShipped.mean ?? 0).toBeGreaterThan(0.5 * (all?.orders.mean ?? Infinity));
    // Every order carries its lines (12 on average, [6]) and is judged against its promise.
    const linesPerOrder = (all?.linesOrdered.mean ?? 0) / (all?.orders.mean ?? Infinity);
    expect(linesPerOrder).toBeGreaterThan(10);
    expect(linesPerOrder).toBeLessThan(14);
    expect(all?.ordersJudged.mean ?? 0).toBeGreaterThan(0);
    for (const p of report.pools) {
      expect(p.utilisation.mean ?? 0, p.poolId).toBeGreaterThanOrEqual(0);
      expect(p.utilisation.mean ?? 0, p.poolId).toBeLessThanOrEqual(1);
    }
    // Nothing the engine's own offered-load check calls unstable.
    for (const l of report.loadCheck) expect(l.offeredLoad, `${l.resource} ${l.id} ${l.siteId ?? ''}`).toBeLessThan(1);
  });

  it('the current state is slower than the target state on the same volume', () => {
    const current = run('regional-distributor-current.flowcast.json');
    const target = run('regional-distributor-target.flowcast.json');
    expect(target.totals.ordersArrived).toBeGreaterThan(0.97 * current.totals.ordersArrived);
    expect(target.totals.ordersArrived).toBeLessThan(1.03 * current.totals.ordersArrived);
    const orderToShip = (r: RunReport) => r.fulfilment?.all.orderToShip.mean.mean ?? NaN;
    expect(orderToShip(current)).toBeGreaterThan(1.5 * orderToShip(target));
    expect(sla(current, 'order-to-shipment')).toBeLessThan(sla(target, 'order-to-shipment'));
    // Manual invoicing days later versus an invoice run within the hour.
    expect(sla(current, 'shipment-to-invoice')).toBeLessThan(0.1);
    expect(sla(target, 'shipment-to-invoice')).toBeGreaterThan(0.9);
    const invoiceLagDays = (r: RunReport) => (r.fulfilment?.all.invoiceLag.mean.mean ?? NaN) / day;
    // Counted on shipments invoiced within the week, so below the ~3.7 days of a settled run.
    expect(invoiceLagDays(current)).toBeGreaterThan(1);
    expect(invoiceLagDays(target)).toBeLessThan(0.1);
  });

  it("harmonising the acquired sites' process releases orders to the floor sooner", () => {
    const asAcquired = run('national-acquisition.flowcast.json', 'as-acquired');
    const processOnly = run('national-acquisition.flowcast.json', 'harmonised-process-only');
    expect(asAcquired.totals.ordersArrived).toBe(processOnly.totals.ordersArrived);
    expect(sla(processOnly, 'order-to-release')).toBeGreaterThan(sla(asAcquired, 'order-to-release'));
  });

  it('longer retries turn hub outages into delays instead of dead letters', () => {
    const deadLetters = (r: RunReport) => r.nodes.filter((n) => n.nodeId.startsWith('hub-') || n.nodeId.startsWith('confirm-') || n.nodeId === 'wms-release').reduce((a, n) => a + (n.deadLetters.mean ?? 0), 0);
    const base = run('cloud-erp-coexistence.flowcast.json');
    const longRetries = run('cloud-erp-coexistence.flowcast.json', 'long-retries');
    // The weekly Tuesday-evening hub window falls inside the week.
    expect(deadLetters(base)).toBeGreaterThan(10);
    expect(deadLetters(longRetries)).toBeLessThan(deadLetters(base) / 2);
  });
});
