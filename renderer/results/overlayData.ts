/**
 * The data behind the canvas overlay: a value and colour per node (utilisation of what the step needs, or the
 * share of cycle time orders spend waiting there) and an order flow per edge. Pure, tested headless.
 */
import type { Workflow, WorkflowEdge } from '../../models';
import type { NodeReport, RunReport } from '../simulation/report';
import { niceCeil, sequentialColor } from './colorScale';
import { formatNumber, formatPercent } from './format';

export type OverlayMode = 'off' | 'utilisation' | 'waiting';

/** What the canvas draws on a node. `textColor` is readable on `fill`. */
export interface NodeOverlay {
  label: string;
  fill: string;
  value: number;
  textColor: string;
}

export interface EdgeFlow {
  widthPx: number;
  label: string;
  ordersPerDay: number;
}

/** The overlay of a whole model for one mode: per node, plus the scale the legend shows. */
export interface OverlayData {
  mode: Exclude<OverlayMode, 'off'>;
  nodes: Map<string, NodeOverlay>;
  /** The colour scale runs from 0 to `scaleMax` (1 = 100%). */
  scaleMax: number;
  title: string;
  /** What a node without a colour means in this mode. */
  missingNote: string;
}

export const MIN_EDGE_WIDTH_PX = 1.5;
export const MAX_EDGE_WIDTH_PX = 10;

/**
 * Utilisation of what each step needs: an activity's pool (the busiest site when the pool is per site), an
 * integration's system call slots (only when the system has a concurrency limit). Other steps get none.
 */
export function utilisationByNode(model: Workflow, report: RunReport): Map<string, { utilisation: number; where: string }> {
  const out = new Map<string, { utilisation: number; where: string }>();
  const siteName = (id: string | null) => (id === null ? '' : (model.sites.find((s) => s.id === id)?.name ?? id));
  for (const node of model.nodes) {
    if (node.kind === 'activity') {
      let best: { utilisation: number; where: string } | undefined;
      for (const pool of report.pools) {
        const u = pool.utilisation.mean;
        if (pool.poolId !== node.pool || u === null) continue;
        if (!best || u > best.utilisation) best = { utilisation: u, where: pool.siteId === null ? pool.name : `${pool.name} at ${siteName(pool.siteId)}` };
      }
      if (best) out.set(node.id, best);
    } else if (node.kind === 'integration') {
      let best: { utilisation: number; where: string } | undefined;
      for (const system of report.systems) {
        const u = system.utilisation.mean;
        if (system.systemId !== node.system || u === null) continue;
        if (!best || u > best.utilisation) best = { utilisation: u, where: system.siteId === null ? system.name : `${system.name} at ${siteName(system.siteId)}` };
      }
      if (best) out.set(node.id, best);
    }
  }
  return out;
}

/**
 * Share of the time orders spend in the system that they spend waiting at each node: the engine's figure
 * (`NodeReport.waitShare`, the same population as the bottleneck ranking, so the shares add up to at most 1; the
 * bottleneck's own value where it ranked the node). Reports without it (older engines) fall back to total wait at
 * the node (mean wait x visits) over total cycle time (mean cycle time x completed orders).
 */
export function waitShareByNode(report: RunReport): Map<string, number> {
  const out = new Map<string, number>();
  const exact = report.nodes.some((n) => (n as Partial<NodeReport>).waitShare !== undefined);
  if (exact) {
    for (const node of report.nodes) if (node.waitShare.mean !== null) out.set(node.nodeId, Math.max(0, node.waitShare.mean));
    for (const b of report.bottlenecks) out.set(b.nodeId, b.waitShare);
    return out;
  }
  const replications = Math.max(1, report.settings.replications);
  const cycleMean = report.cycleTime.mean.mean;
  const completedPerReplication = report.totals.ordersCompleted / replications;
  const totalCycle = cycleMean !== null ? cycleMean * completedPerReplication : 0;
  for (const node of report.nodes) {
    const wait = node.queueWaitMean.mean;
    const visits = node.completions.mean ?? node.arrivals.mean;
    if (wait === null || visits === null || totalCycle <= 0) continue;
    out.set(node.nodeId, Math.max(0, (wait * visits) / totalCycle));
  }
  for (const b of report.bottlenecks) out.set(b.nodeId, b.waitShare);
  return out;
}

/** The overlay of every node for a mode (null for `off`). */
export function computeOverlay(model: Workflow, report: RunReport, mode: OverlayMode): OverlayData | null {
  if (mode === 'off') return null;
  const nodes = new Map<string, NodeOverlay>();
  if (mode === 'utilisation') {
    for (const [nodeId, { utilisation }] of utilisationByNode(model, report)) {
      const swatch = sequentialColor(utilisation, 1);
      nodes.set(nodeId, { label: `${formatPercent(utilisation)} busy`, fill: swatch.fill, textColor: swatch.text, value: utilisation });
    }
    return { mode, nodes, scaleMax: 1, title: 'Utilisation of the people or system a step needs', missingNote: 'no pool or limited system' };
  }
  const shares = waitShareByNode(report);
  let max = 0;
  for (const share of shares.values()) max = Math.max(max, share);
  const scaleMax = Math.min(1, niceCeil(Math.max(max, 0.01)));
  for (const [nodeId, share] of shares) {
    const swatch = sequentialColor(share, scaleMax);
    nodes.set(nodeId, { label: `${formatPercent(share)} of cycle time waiting`, fill: swatch.fill, textColor: swatch.text, value: share });
  }
  return { mode, nodes, scaleMax, title: 'Share of cycle time orders spend waiting at a step', missingNote: 'no waiting measured' };
}

/**
 * Orders per simulated day along each edge: the engine's exact per-edge counts (`report.edges`: traversals per day
 * after the warm-up, mean over replications). Reports without them (older engines) fall back to `inferredEdgeFlows`.
 */
export function edgeFlows(model: Workflow, report: RunReport): Map<string, number> {
  const exact = (report as Partial<RunReport>).edges;
  if (!exact || exact.length === 0) return inferredEdgeFlows(model, report);
  const known = new Set(model.edges.map((e) => e.id));
  const perDay = new Map<string, number>();
  for (const e of exact) if (known.has(e.edgeId)) perDay.set(e.edgeId, e.traversalsPerDay.mean ?? 0);
  return perDay;
}

/**
 * Orders per simulated day along each edge, inferred from node counts (for reports without per-edge counts):
 * error, overflow and dead-letter edges carry the node's failures, overflows and dead letters; a split's
 * edges each carry everything; a branch into a node with no other way in carries that node's arrivals; other
 * branches share what is left by their probabilities (equally when a condition decides).
 */
export function inferredEdgeFlows(model: Workflow, report: RunReport): Map<string, number> {
  const observedDays = Math.max(1e-9, (report.settings.horizonMinutes - report.settings.warmupMinutes) / 1440);
  const byId = new Map<string, NodeReport>(report.nodes.map((n) => [n.nodeId, n]));
  const incoming = new Map<string, number>();
  for (const e of model.edges) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  const outgoing = new Map<string, WorkflowEdge[]>();
  for (const e of model.edges) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e]);
  const mean = (x: { mean: number | null } | undefined) => x?.mean ?? 0;
  const flows = new Map<string, number>();
  for (const node of model.nodes) {
    const edges = outgoing.get(node.id) ?? [];
    if (edges.length === 0) continue;
    const r = byId.get(node.id);
    if (!r) continue;
    const out = r.completions.mean ?? r.arrivals.mean ?? 0;
    const special: Record<'error' | 'overflow' | 'deadLetter', number> = {
      // An integration's failures are attempts (retried), not orders; its orders leave by dead letter or next.
      error: node.kind === 'activity' ? mean(r.failures) : 0,
      overflow: mean(r.overflows),
      deadLetter: mean(r.deadLetters),
    };
    let remaining = out;
    for (const kind of ['error', 'overflow', 'deadLetter'] as const) {
      const list = edges.filter((e) => e.kind === kind);
      if (list.length === 0) continue;
      remaining -= special[kind];
      for (const e of list) flows.set(e.id, special[kind] / list.length);
    }
    remaining = Math.max(0, remaining);
    const normal = edges.filter((e) => e.kind === 'next' || e.kind === 'branch');
    if (node.kind === 'split' || normal.length === 1) {
      for (const e of normal) flows.set(e.id, remaining);
      continue;
    }
    const exact = normal.filter((e) => incoming.get(e.to) === 1 && byId.get(e.to)?.arrivals.mean != null);
    let left = remaining;
    for (const e of exact) {
      const v = byId.get(e.to)?.arrivals.mean ?? 0;
      flows.set(e.id, v);
      left -= v;
    }
    const rest = normal.filter((e) => !exact.includes(e));
    const probabilitySum = rest.reduce((s, e) => s + (e.probability ?? 0), 0);
    for (const e of rest) {
      const share = probabilitySum > 0 ? (e.probability ?? 0) / probabilitySum : 1 / rest.length;
      flows.set(e.id, Math.max(0, left) * share);
    }
  }
  const perDay = new Map<string, number>();
  for (const [id, count] of flows) perDay.set(id, count / observedDays);
  return perDay;
}

/** Edge widths proportional to flow (the largest flow gets the widest line) and labels in orders per day. */
export function edgeFlowStyles(flowsPerDay: Map<string, number>): Map<string, EdgeFlow> {
  let max = 0;
  for (const v of flowsPerDay.values()) max = Math.max(max, v);
  const out = new Map<string, EdgeFlow>();
  for (const [id, v] of flowsPerDay) {
    const widthPx = max > 0 ? MIN_EDGE_WIDTH_PX + ((MAX_EDGE_WIDTH_PX - MIN_EDGE_WIDTH_PX) * v) / max : MIN_EDGE_WIDTH_PX;
    out.set(id, { widthPx, ordersPerDay: v, label: `${formatNumber(v)}/day` });
  }
  return out;
}
