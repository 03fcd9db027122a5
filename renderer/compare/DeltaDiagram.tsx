import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider, useReactFlow, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { Workflow } from '../../models';
import { layoutGraph } from '../canvas/layoutCore';
import { cssGradient, divergingColor, divergingStops, legendTicks } from '../results/colorScale';
import { formatSignedDuration } from '../results/format';
import { largestChanges, type DeltaMap } from './compareRows';
import DeltaNode, { NODE_HEIGHT, NODE_WIDTH, type DeltaFlowNode } from './DeltaNode';

// Module level: React Flow must never see a new nodeTypes object.
const deltaNodeTypes = { delta: DeltaNode };

export interface DeltaDiagramProps {
  /** The compared model (B): its steps are drawn. */
  model: Workflow;
  deltas: DeltaMap;
  baselineLabel: string;
  otherLabel: string;
}

/**
 * The difference drawn on the diagram: a read-only React Flow canvas of the compared model with every step
 * coloured by the change in mean queue wait against the baseline (a diverging scale), significance marked.
 */
export default function DeltaDiagram(props: DeltaDiagramProps) {
  // Its own provider: the studio's canvas has one around the whole app, and sharing it would mix the compared
  // model's nodes into the editor's canvas state.
  return (
    <ReactFlowProvider>
      <DeltaDiagramInner {...props} />
    </ReactFlowProvider>
  );
}

function DeltaDiagramInner({ model, deltas, baselineLabel, otherLabel }: DeltaDiagramProps) {
  const flow = useReactFlow();
  const { nodes, edges } = useMemo(() => {
    const missing = model.nodes.some((n) => !n.position);
    const laid = missing
      ? layoutGraph({ nodes: model.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })), edges: model.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind })) }).positions
      : undefined;
    const flowNodes: DeltaFlowNode[] = model.nodes.map((n, i) => ({
      id: n.id,
      type: 'delta',
      position: laid?.[n.id] ?? n.position ?? { x: i * (NODE_WIDTH + 40), y: 0 },
      data: { delta: deltas.nodes.get(n.id), name: n.name, kind: n.kind, maxAbs: deltas.maxAbsMinutes },
      draggable: false,
      selectable: false,
      connectable: false,
    }));
    const flowEdges: Edge[] = model.edges.map((e) => ({
      id: e.id,
      source: e.from,
      target: e.to,
      selectable: false,
      style: { stroke: e.kind === 'next' || e.kind === 'branch' ? '#475467' : '#98a2b3', strokeWidth: 1.5, strokeDasharray: e.kind === 'next' || e.kind === 'branch' ? undefined : '5 4' },
      markerEnd: { type: MarkerType.ArrowClosed, color: '#475467' },
    }));
    return { nodes: flowNodes, edges: flowEdges };
  }, [model, deltas]);

  const ticks = legendTicks(-deltas.maxAbsMinutes, deltas.maxAbsMinutes, 5);
  const changes = useMemo(() => largestChanges(deltas), [deltas]);
  const focusNode = (nodeId: string) => {
    const node = nodes.find((n) => n.id === nodeId);
    if (!node) return;
    void flow.setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + NODE_HEIGHT / 2, { zoom: 1.3, duration: 300 });
  };
  return (
    <div className="fc-cmp-diagram-wrap">
      <div className="fc-cmp-diagram-legend" data-testid="delta-legend">
        <span className="fc-cmp-legend-title">
          Change in mean queue wait per step, {otherLabel} against {baselineLabel}
        </span>
        <div className="fc-cmp-legend-scale">
          <span className="fc-cmp-legend-end">faster</span>
          <div>
            <div className="fc-cmp-legend-bar" style={{ background: cssGradient(divergingStops) }} />
            <div className="fc-cmp-legend-ticks">
              {ticks.map((t) => (
                <span key={t}>{Math.abs(t) < 1e-9 ? '0' : formatSignedDuration(t)}</span>
              ))}
            </div>
          </div>
          <span className="fc-cmp-legend-end">slower</span>
        </div>
        <span className="fc-cmp-legend-note">● significant at 95% · n.s. not significant · dashed: step only in {otherLabel}</span>
      </div>
      <div className="fc-cmp-diagram-row">
        <ol className="fc-cmp-changes" aria-label="Largest changes in queue wait" data-testid="delta-changes">
          {changes.length === 0 && <li className="fc-cmp-changes-none">No step's wait changed.</li>}
          {changes.map((c) => {
            const swatch = divergingColor(c.deltaMinutes ?? 0, deltas.maxAbsMinutes);
            const judged = c.paired && c.paired.verdict !== 'too-few';
            return (
              <li key={c.nodeId}>
                <button type="button" onClick={() => focusNode(c.nodeId)} title="Zoom the diagram to this step">
                  <span className="fc-cmp-change-value" style={{ background: swatch.fill, color: swatch.text }}>
                    {formatSignedDuration(c.deltaMinutes ?? 0)}
                  </span>
                  <span className="fc-cmp-change-name">{c.name}</span>
                  {judged && <span className="fc-cmp-change-sig">{c.paired?.significant ? '● significant' : 'n.s.'}</span>}
                </button>
              </li>
            );
          })}
        </ol>
        <div className="fc-cmp-diagram" data-testid="delta-diagram">
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={deltaNodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            edgesFocusable={false}
            nodesFocusable={false}
            fitView
            fitViewOptions={{ padding: 0.08 }}
            minZoom={0.1}
          >
            <Background gap={24} color="#eaecf0" />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
      </div>
      {deltas.removed.length > 0 && (
        <p className="fc-cmp-removed">
          Steps of {baselineLabel} not in {otherLabel}: {deltas.removed.map((r) => r.name).join(', ')}.
        </p>
      )}
    </div>
  );
}
