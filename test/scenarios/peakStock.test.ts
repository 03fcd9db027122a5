import { describe, expect, it } from 'vitest';
import { toMinutes, type Workflow } from '../../models';
import { group, paired, replicateModel, scenarioVariant } from './replicate';

/**
 * Stock through the peak, paired (same seeds) over 3 replications. Stock does not need the long credit warm-up, so
 * to keep the test short the season is moved 8 weeks earlier (surge from day 14 instead of 70; everything else
 * as shipped) and the runs stop at day 28: one normal week and two peak weeks observed after a 7-day warm-up.
 * The (s, Q) stock is sized for normal demand: at 2.5x the reorder point covers well under the lead-time demand,
 * so lines run short and backorders rise; the `season-stock` variant (s and Q raised 2.5x) keeps them filled, at
 * the cost of more stock carried.
 */

const file = 'peak-season.flowcast.json';
const run = { horizonDays: 28, warmupDays: 7, replications: 3 };
const weeksEarlier = 8;

/** The same model with its surge and carrier-API spikes `weeksEarlier` weeks earlier. */
function seasonMovedEarlier(model: Workflow): Workflow {
  const moved = structuredClone(model);
  const shift = (start: { value: number; unit: 's' | 'min' | 'h' | 'd' }) => ({ value: toMinutes(start) - weeksEarlier * 7 * 1440, unit: 'min' as const });
  for (const node of moved.nodes) if (node.kind === 'source') node.arrivals.surges = node.arrivals.surges.map((s) => ({ ...s, start: shift(s.start) }));
  for (const system of moved.systems) system.failureSpikes = system.failureSpikes.map((s) => ({ ...s, start: shift(s.start) }));
  return moved;
}

const variant = (id: string | undefined) => replicateModel(`${file}|${id ?? ''}|moved`, seasonMovedEarlier(scenarioVariant(file, id)), run);

describe('peak season: stock through the surge', () => {
  it('the surge is where the shipped model says, and moved it starts on day 14', () => {
    const surge = scenarioVariant(file, undefined).nodes.find((n) => n.kind === 'source' && n.arrivals.surges.length > 0);
    expect(surge?.kind === 'source' && toMinutes(surge.arrivals.surges[0].start) / 1440).toBe(70);
    const moved = seasonMovedEarlier(scenarioVariant(file, undefined)).nodes.find((n) => n.id === surge?.id);
    expect(moved?.kind === 'source' && toMinutes(moved.arrivals.surges[0].start) / 1440).toBe(14);
  });

  it('backorders a larger share of orders and fills fewer lines at once than the same weeks without the surge', () => {
    const peak = variant(undefined);
    const flat = variant('no-surge');
    const backordersPerOrder = paired(flat, peak, (r) => group(r).backorders / group(r).orders);
    expect(backordersPerOrder.significant).toBe(true);
    expect(backordersPerOrder.meanB).toBeGreaterThan(2 * backordersPerOrder.meanA);
    const lineFill = paired(flat, peak, (r) => group(r).lineFillRate);
    expect(lineFill.significant).toBe(true);
    expect(lineFill.meanDifference).toBeLessThan(-0.05);
  });

  it('stock built for the season fills more lines and delivers more orders on time in full, carrying more stock', () => {
    const planned = variant(undefined);
    const seasonStock = variant('season-stock');
    const lineFill = paired(planned, seasonStock, (r) => group(r).lineFillRate);
    expect(lineFill.significant).toBe(true);
    expect(lineFill.meanDifference).toBeGreaterThan(0.05);
    const otif = paired(planned, seasonStock, (r) => group(r).otifRate);
    expect(otif.significant).toBe(true);
    expect(otif.meanDifference).toBeGreaterThan(0.1);
    const carrying = paired(planned, seasonStock, (r) => r.fulfilment?.stock.reduce((sum, s) => sum + s.carryingCost, 0) ?? null);
    expect(carrying.significant).toBe(true);
    expect(carrying.meanDifference).toBeGreaterThan(0);
  });
});
