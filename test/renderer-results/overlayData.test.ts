import { describe, expect, it } from 'vitest';
import { sequentialColor } from '../../renderer/results/colorScale';
import type { RunReport } from '../../renderer/simulation/report';
import {
  computeOverlay,
  edgeFlowStyles,
  edgeFlows,
  inferredEdgeFlows,
  MAX_EDGE_WIDTH_PX,
  MIN_EDGE_WIDTH_PX,
  utilisationByNode,
  waitShareByNode,
} from '../../renderer/results/overlayData';
import { branchingModelInput, buildModel, simulate } from './helpers';

const model = buildModel(branchingModelInput);
const { report } = simulate(model);
const observedDays = (report.settings.horizonMinutes - report.settings.warmupMinutes) / 1440;
const nodeMean = (id: string, field: 'arrivals' | 'completions' | 'failures') => report.nodes.find((n) => n.nodeId === id)?.[field].mean ?? NaN;

describe('edge flows from the engine per-edge counts', () => {
  const flows = edgeFlows(model, report);
  const traversals = (id: string) => report.edges.find((e) => e.edgeId === id)?.traversalsPerDay.mean ?? NaN;

  it('gives every edge its exact traversals per day', () => {
    expect([...flows.keys()].sort()).toEqual(model.edges.map((e) => e.id).sort());
    for (const e of report.edges) expect(flows.get(e.edgeId)).toBe(e.traversalsPerDay.mean);
    expect(flows.get('e1')).toBeGreaterThan(0);
  });
  it('conserves orders through an instant step and into the end: what leaves the decision entered it', () => {
    expect((flows.get('e5') ?? 0) + (flows.get('e6') ?? 0)).toBeCloseTo((flows.get('e2') ?? 0) + (flows.get('e4') ?? 0), 9);
    // Every order reaching the end completes (no split), so the edges into it carry the throughput.
    expect(traversals('e6') + traversals('e7')).toBeCloseTo(report.throughputPerDay.mean as number, 9);
  });
  it('falls back to inferring flows from node counts for a report without per-edge counts', () => {
    const { edges: _edges, ...older } = report;
    expect(edgeFlows(model, older as unknown as RunReport)).toEqual(inferredEdgeFlows(model, report));
  });
});

describe('edge flows inferred from node counts', () => {
  const flows = inferredEdgeFlows(model, report);

  it('gives every edge a flow', () => {
    expect([...flows.keys()].sort()).toEqual(model.edges.map((e) => e.id).sort());
  });
  it('sends failures down the error edge and the rest down the normal one', () => {
    expect(flows.get('e3')).toBeCloseTo(nodeMean('entry', 'failures') / observedDays, 9);
    expect(flows.get('e2')).toBeCloseTo((nodeMean('entry', 'completions') - nodeMean('entry', 'failures')) / observedDays, 9);
  });
  it('conserves orders: what enters a node by its edges equals its arrivals', () => {
    for (const node of model.nodes) {
      if (node.kind === 'source') continue;
      const inflow = model.edges.filter((e) => e.to === node.id).reduce((s, e) => s + (flows.get(e.id) ?? 0), 0);
      expect(inflow * observedDays).toBeCloseTo(nodeMean(node.id, 'arrivals'), 6);
    }
  });
  it('uses the exact arrivals of a branch target with no other way in', () => {
    expect(flows.get('e5')).toBeCloseTo(nodeMean('review', 'arrivals') / observedDays, 9);
  });
  it('scales widths linearly from the thinnest to the widest line', () => {
    const styles = edgeFlowStyles(flows);
    const widths = [...styles.values()].map((s) => s.widthPx);
    expect(Math.max(...widths)).toBeCloseTo(MAX_EDGE_WIDTH_PX, 9);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(MIN_EDGE_WIDTH_PX);
    expect(styles.get('e1')?.label).toMatch(/^[\d,.]+\/day$/);
    const none = edgeFlowStyles(new Map([['x', 0]]));
    expect(none.get('x')?.widthPx).toBe(MIN_EDGE_WIDTH_PX);
  });
});

describe('node overlay', () => {
  it('colours activities by the utilisation of their pool, and nothing else', () => {
    const byNode = utilisationByNode(model, report);
    expect([...byNode.keys()].sort()).toEqual(['entry', 'fix', 'review']);
    const clerks = report.pools.find((p) => p.poolId === 'clerks')?.utilisation.mean ?? NaN;
    expect(byNode.get('entry')?.utilisation).toBeCloseTo(clerks, 12);
    const overlay = computeOverlay(model, report, 'utilisation');
    const entry = overlay?.nodes.get('entry');
    expect(entry?.fill).toBe(sequentialColor(clerks).fill);
    expect(entry?.label).toMatch(/% busy$/);
    expect(overlay?.scaleMax).toBe(1);
    expect(overlay?.nodes.has('check')).toBe(false);
  });
  it('colours by waiting share on a scale that fits the largest share', () => {
    const overlay = computeOverlay(model, report, 'waiting');
    expect(overlay).not.toBeNull();
    const shares = waitShareByNode(report);
    const max = Math.max(...shares.values());
    expect(overlay?.scaleMax).toBeGreaterThanOrEqual(max);
    expect(overlay?.scaleMax).toBeLessThanOrEqual(1);
    // The engine's own figure wins where it ranked the node; elsewhere its per-node share.
    for (const b of report.bottlenecks) expect(shares.get(b.nodeId)).toBe(b.waitShare);
    for (const n of report.nodes) if (n.waitShare.mean !== null && !report.bottlenecks.some((b) => b.nodeId === n.nodeId)) expect(shares.get(n.nodeId)).toBe(n.waitShare.mean);
    // One population: orders wait at one step at a time, so the shares add up to at most 1.
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    for (const [, share] of shares) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
  });
  it('draws nothing when the overlay is off', () => {
    expect(computeOverlay(model, report, 'off')).toBeNull();
  });
});
