import { describe, expect, it } from 'vitest';
import { pairedComparison } from '../../simulator/stats/compare';
import { group, paired, perReplication, replicate } from './replicate';

/**
 * The acquisition story in fulfilment terms, judged with paired comparisons (same seeds, common random numbers):
 * as acquired, West (lower fill-rate stock) and South ((s, Q) spreadsheet stock, ship complete) fall behind HQ;
 * harmonised with cross-site sourcing, short lines come from the other sites by overnight transfer and OTIF and
 * fill rise visibly; the harmonised process without sourcing shows that sourcing, not the process, buys most of it.
 * 10 days after a 3-day warm-up (South starts at its reorder points, so stock-outs come within a lead time), 3 replications.
 */

const file = 'national-acquisition.flowcast.json';
const run = { horizonDays: 13, warmupDays: 3, replications: 3 };

describe('national acquisition: stock practices and cross-site sourcing', () => {
  it('as acquired, West (lower fill) delivers OTIF below HQ and South ships complete', () => {
    const asAcquired = replicate(file, 'as-acquired', run);
    // HQ and West orders of the same replication share its random streams: pair them by replication.
    const westVsHq = pairedComparison(
      perReplication(asAcquired, (r) => group(r, 'regional-dc').otifRate),
      perReplication(asAcquired, (r) => group(r, 'acquired-west').otifRate),
    );
    expect(westVsHq.significant).toBe(true);
    expect(westVsHq.meanDifference).toBeLessThan(-0.05);
    for (const r of asAcquired) {
      // West backorders more of its orders (97.5% line fill vs HQ's 98.75%: E[p^n] 75% vs 86%).
      expect(group(r, 'acquired-west').orderFillRate ?? 1).toBeLessThan(group(r, 'regional-dc').orderFillRate ?? 0);
      // South holds orders until complete: no partial shipments, so every shipped order is in full.
      expect(group(r, 'acquired-south').partialShipmentRate ?? 1).toBe(0);
    }
  });

  it('harmonised with cross-site sourcing raises OTIF and fill rates network-wide', () => {
    const asAcquired = replicate(file, 'as-acquired', run);
    const harmonised = replicate(file, 'harmonised', run);
    const otif = paired(asAcquired, harmonised, (r) => group(r).otifRate);
    expect(otif.significant).toBe(true);
    expect(otif.meanDifference).toBeGreaterThan(0.1);
    const lineFill = paired(asAcquired, harmonised, (r) => group(r).lineFillRate);
    expect(lineFill.significant).toBe(true);
    expect(lineFill.meanDifference).toBeGreaterThan(0);
    // Short lines found elsewhere travel to the order's site: sourced lines appear, follow-on shipments almost vanish.
    for (const r of harmonised) {
      expect(group(r).sourcedLines).toBeGreaterThan(0);
      expect(group(r).backorders).toBeLessThan(0.02 * group(r).orders);
    }
    for (const r of asAcquired) expect(group(r).sourcedLines).toBe(0);
  });

  it('sourcing, not the harmonised process alone, lifts in-full delivery', () => {
    const processOnly = replicate(file, 'harmonised-process-only', run);
    const harmonised = replicate(file, 'harmonised', run);
    const inFull = paired(processOnly, harmonised, (r) => group(r).inFullRate);
    expect(inFull.significant).toBe(true);
    expect(inFull.meanDifference).toBeGreaterThan(0.05);
    const otif = paired(processOnly, harmonised, (r) => group(r).otifRate);
    expect(otif.significant).toBe(true);
    expect(otif.meanDifference).toBeGreaterThan(0);
  });
});
