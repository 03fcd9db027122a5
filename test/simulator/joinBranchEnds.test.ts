import { describe, expect, it } from 'vitest';
import { loadModel, type WorkflowInput } from '../../models';
import { runScenario } from '../../simulator/run';

/**
 * A split whose branch can end (an error path to a "rejected" end) before reaching the join: the join can then
 * never fire for that order. The order must still complete (with the rejected outcome) whichever branch finishes
 * first, and nothing may stay held at the join. Before the fix, when the error branch ended first the other
 * branch was absorbed at the join and the order never completed: WIP grew without bound and Little's law failed.
 */
function model(errorBranchMinutes: number): WorkflowInput {
  return {
    formatVersion: 2,
    metadata: { name: 'split with an early end' },
    run: { horizon: { value: 20, unit: 'd' }, replications: 2, seed: 5 },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    pools: [{ id: 'p', name: 'Checkers', capacity: 5 }],
    nodes: [
      { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 2 } },
      { id: 'sp', kind: 'split', name: 'Split' },
      { id: 'a', kind: 'activity', name: 'Check', pool: 'p', duration: { kind: 'constant', value: errorBranchMinutes, unit: 'min' }, failureProbability: 0.5 },
      { id: 'b', kind: 'delay', name: 'Prepare', duration: { kind: 'constant', value: 10, unit: 'min' } },
      { id: 'j', kind: 'join', name: 'Join', split: 'sp' },
      { id: 'e', kind: 'end', name: 'Done', outcome: 'fulfilled' },
      { id: 'rj', kind: 'end', name: 'Rejected', outcome: 'rejected' },
    ],
    edges: [
      { id: 'e0', from: 'src', to: 'sp' },
      { id: 'e1', from: 'sp', to: 'a' },
      { id: 'e2', from: 'sp', to: 'b' },
      { id: 'e3', from: 'a', to: 'j' },
      { id: 'e4', from: 'b', to: 'j' },
      { id: 'e5', from: 'a', to: 'rj', kind: 'error' },
      { id: 'e6', from: 'j', to: 'e' },
    ],
  };
}

describe('a split branch that ends before its join', () => {
  for (const [label, minutes] of [['ends first', 5], ['ends last', 15]] as const) {
    it(`completes the order when the error branch ${label}`, () => {
      const loaded = loadModel(model(minutes));
      expect(loaded.findings.find((f) => f.code === 'branch-ends-before-join')).toMatchObject({ severity: 'warning', nodeId: 'sp' });
      const report = runScenario(loaded.model!);
      expect(report.status).toBe('ok');
      // Every arrived order completes (at most a handful are in flight at the horizon).
      expect(report.totals.ordersArrived - report.totals.ordersCompleted).toBeLessThanOrEqual(5);
      // WIP by Little's law: 1.9 orders/h x the longest branch (10 or 15 min): well under one order.
      expect(report.wipMean.mean!).toBeLessThan(1);
      expect(Math.abs(report.littlesLaw.relativeError ?? 1)).toBeLessThan(0.01);
      const rejected = report.outcomes.find((o) => o.key === 'rejected')!;
      expect(rejected.share.mean!).toBeGreaterThan(0.4);
      expect(rejected.share.mean!).toBeLessThan(0.6);
      const join = report.nodes.find((n) => n.nodeId === 'j')!;
      expect(join.meanQueueLength.mean!).toBeLessThan(0.2);
    });
  }
});
