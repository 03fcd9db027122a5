/**
 * Hooks the canvas uses to draw run results on the diagram: node colours (utilisation or waiting share), edge
 * widths (order flow), and the overlay mode toggled from the results toolbar. The mode is session state (never
 * saved, never undone). Each node subscribes to its own value only, so a new run re-renders just what changed.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Workflow } from '../../models';
import type { RunReport } from '../simulation/report';
import { useRunStore, type CompletedRun } from '../simulation/runStore';
import { computeOverlay, edgeFlowStyles, edgeFlows, type EdgeFlow, type NodeOverlay, type OverlayData, type OverlayMode } from './overlayData';

export type { NodeOverlay, OverlayMode, OverlayData } from './overlayData';

const overlayModeStore = createStore<{ mode: OverlayMode }>()(() => ({ mode: 'off' }));

/** The overlay mode: `off`, node colours by `utilisation`, or by `waiting` share. */
export function useOverlayMode(): OverlayMode {
  return useStore(overlayModeStore, (s) => s.mode);
}

/** Switches the overlay (from the results toolbar, a menu command or a test). */
export function setOverlayMode(mode: OverlayMode): void {
  overlayModeStore.setState({ mode });
}

/** The current mode outside React. */
export function getOverlayMode(): OverlayMode {
  return overlayModeStore.getState().mode;
}

// Derived once per report and mode, shared by every node that asks.
const overlayCache = new WeakMap<RunReport, Map<OverlayMode, OverlayData | null>>();
const flowCache = new WeakMap<RunReport, Map<string, EdgeFlow>>();

/** The overlay of a finished run for a mode, computed once and cached. */
export function overlayFor(run: CompletedRun, mode: OverlayMode): OverlayData | null {
  let byMode = overlayCache.get(run.report);
  if (!byMode) {
    byMode = new Map();
    overlayCache.set(run.report, byMode);
  }
  if (!byMode.has(mode)) byMode.set(mode, computeOverlay(run.simulatedModel, run.report, mode));
  return byMode.get(mode) ?? null;
}

/** Edge flows of a finished run, computed once and cached. */
export function flowsFor(report: RunReport, model: Workflow): Map<string, EdgeFlow> {
  let flows = flowCache.get(report);
  if (!flows) {
    flows = edgeFlowStyles(edgeFlows(model, report));
    flowCache.set(report, flows);
  }
  return flows;
}

/** The overlay of one node, or undefined when the overlay is off, there are no results or the node has none. */
export function useNodeOverlay(nodeId: string): NodeOverlay | undefined {
  const mode = useOverlayMode();
  return useRunStore((s) => (s.last ? overlayFor(s.last, mode)?.nodes.get(nodeId) : undefined));
}

/**
 * The order flow of one edge (width and "1,234/day" label) while the overlay is on, from the engine's exact
 * per-edge traversal counts (`report.edges`); undefined otherwise.
 */
export function useEdgeFlow(edgeId: string): { widthPx: number; label: string } | undefined {
  const mode = useOverlayMode();
  return useRunStore((s) => (mode !== 'off' && s.last ? flowsFor(s.last.report, s.last.simulatedModel).get(edgeId) : undefined));
}

/** The whole overlay for the legend (undefined when off or without results). */
export function useOverlayData(): { overlay: OverlayData; maxFlowPerDay: number } | undefined {
  const mode = useOverlayMode();
  const last = useRunStore((s) => s.last);
  if (!last) return undefined;
  const overlay = overlayFor(last, mode);
  if (!overlay) return undefined;
  let maxFlowPerDay = 0;
  for (const f of flowsFor(last.report, last.simulatedModel).values()) maxFlowPerDay = Math.max(maxFlowPerDay, f.ordersPerDay);
  return { overlay, maxFlowPerDay };
}
