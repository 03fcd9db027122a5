import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelText, type Workflow } from '../../../models';
import { aggregateReplications, runReplication, type RunReport } from '../../../simulator';

/**
 * The fulfilment part is a pure function of model and seed: the same seed gives the same report byte for byte, a
 * different seed a different one; a model that uses no fulfilment feature (a v1 file, or v2 without lines, stock,
 * allocation, credit, payments or milestones) reports `fulfilment: null` and pays nothing for it.
 */

function fixture(path: string): Workflow {
  const loaded = loadModelText(readFileSync(path, 'utf8'));
  if (!loaded.model) throw new Error(`${path}: ${loaded.findings.map((f) => f.message).join('; ')}`);
  return loaded.model;
}

function report(model: Workflow, seed: number): RunReport {
  const horizonMinutes = 20 * 1440;
  const warmupMinutes = 2 * 1440;
  const results = [0, 1].map((replication) => runReplication(model, { replication, seed, horizonMinutes, warmupMinutes }));
  return aggregateReplications(model, results, { variant: null, seed, horizonMinutes, warmupMinutes });
}

describe('fulfilment determinism', () => {
  const model = fixture('test/fixtures/fulfilment.flowcast.json');

  it('the same seed gives a byte-identical report, fulfilment included', () => {
    const a = JSON.stringify(report(model, 7));
    const b = JSON.stringify(report(model, 7));
    expect(a).toBe(b);
    const parsed = JSON.parse(a) as RunReport;
    expect(parsed.fulfilment).not.toBeNull();
    expect(parsed.fulfilment?.all.orders.mean).toBeGreaterThan(0);
  });

  it('a different seed gives different fulfilment numbers', () => {
    const a = report(model, 7).fulfilment;
    const b = report(model, 8).fulfilment;
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });

  it('models without fulfilment features report fulfilment null', () => {
    for (const path of ['test/fixtures/old-versions/v1-regional-distributor-current.flowcast.json', 'test/fixtures/minimal.flowcast.json']) {
      const plain = fixture(path);
      const results = [0, 1].map((replication) => runReplication(plain, { replication, seed: 3, horizonMinutes: 2 * 1440, warmupMinutes: 0 }));
      for (const r of results) expect(r.fulfilment, path).toBeNull();
      expect(aggregateReplications(plain, results, { variant: null, seed: 3, horizonMinutes: 2 * 1440, warmupMinutes: 0 }).fulfilment, path).toBeNull();
    }
  });
});
