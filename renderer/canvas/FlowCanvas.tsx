import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { NodeKind } from '../../models';
import { addPaletteItem, connectNodes, paletteMime, type PaletteItem } from '../actions/actionAddNode';
import { useStudio, useStudioStore } from '../state';
import { edgesOf, moveNodes, nodesOf, reconnect, type XY } from '../state/documentOps';
import { kindColors } from './nodes/kindIcon';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { createEdgeMapper, createNodeMapper, nodeSize, type FlowEdgeModel, type StepFlowNode } from './toFlow';

/** Above this many nodes only what is in view is rendered (3,000 nodes: drag 4.3 s -> 0.8 s here). */
const visibleOnlyAbove = 200;
const grid: [number, number] = [20, 20];

/**
 * The workflow canvas. The document in the studio store is the source of truth: nodes and edges are derived from
 * it, and React Flow's changes are mapped back to document commands (a whole drag is one undoable move,
 * committed at drag stop; during the drag positions live here only).
 */
export function FlowCanvas({ onOpenExamples }: { onOpenExamples: () => void }) {
  const store = useStudioStore();
  const flow = useReactFlow<StepFlowNode, FlowEdgeModel>();
  const doc = useStudio((s) => s.doc);
  const rawText = useStudio((s) => s.rawText);
  const selectedNodeIds = useStudio((s) => s.selectedNodeIds);
  const selectedEdgeIds = useStudio((s) => s.selectedEdgeIds);
  const snapToGrid = useStudio((s) => s.snapToGrid);
  const showMinimap = useStudio((s) => s.showMinimap);
  const focusRequest = useStudio((s) => s.focusRequest);
  const fitRequest = useStudio((s) => s.fitRequest);

  const [dragging, setDragging] = useState<Map<string, XY> | null>(null);
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  const [mapNodes] = useState(createNodeMapper);
  const [mapEdges] = useState(createEdgeMapper);

  const docNodes = useMemo(() => nodesOf(doc), [doc]);
  const docEdges = useMemo(() => edgesOf(doc), [doc]);
  const selectedNodes = useMemo(() => new Set(selectedNodeIds), [selectedNodeIds]);
  const selectedEdges = useMemo(() => new Set(selectedEdgeIds), [selectedEdgeIds]);
  const nodes = useMemo(() => mapNodes(docNodes, selectedNodes, dragging, measured, fallbackPosition), [mapNodes, docNodes, selectedNodes, dragging, measured]);
  const edges = useMemo(() => mapEdges(docEdges, selectedEdges), [mapEdges, docEdges, selectedEdges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      let selection: Set<string> | undefined;
      let sizes: Map<string, { width: number; height: number }> | undefined;
      let moved: Map<string, XY> | undefined;
      let settled: Map<string, XY> | undefined;
      for (const change of changes) {
        if (change.type === 'select') {
          selection ??= new Set(store.getState().selectedNodeIds);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        } else if (change.type === 'dimensions' && change.dimensions) {
          sizes ??= new Map();
          sizes.set(change.id, change.dimensions);
        } else if (change.type === 'position' && change.position && change.dragging) {
          moved ??= new Map();
          moved.set(change.id, change.position);
        } else if (change.type === 'position' && change.position) {
          // The end of a drag, or a keyboard nudge (arrow keys on a selected step).
          settled ??= new Map();
          settled.set(change.id, change.position);
        }
      }
      if (selection) store.getState().setSelection([...selection], store.getState().selectedEdgeIds);
      if (sizes) {
        const update = sizes;
        setMeasured((previous) => {
          let next: Map<string, { width: number; height: number }> | undefined;
          for (const [id, size] of update) {
            const old = previous.get(id);
            if (old && old.width === size.width && old.height === size.height) continue;
            next ??= new Map(previous);
            next.set(id, size);
          }
          return next ?? previous;
        });
      }
      if (settled) {
        const update = settled;
        store.getState().updateDocument((d) => moveNodes(d, update));
        setDragging(null);
      }
      if (moved) {
        const update = moved;
        setDragging((previous) => {
          const next = new Map(previous ?? []);
          for (const [id, p] of update) next.set(id, p);
          return next;
        });
      }
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdgeModel>[]) => {
      let selection: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selection ??= new Set(store.getState().selectedEdgeIds);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      if (selection) store.getState().setSelection(store.getState().selectedNodeIds, [...selection]);
    },
    [store],
  );

  // The drag becomes one document change (one undo step), from the positions at drag start to these. (If the
  // final position change already committed them, moveNodes changes nothing and no step is added.)
  const commitDrag = useCallback(
    (draggedNodes: StepFlowNode[]) => {
      const positions = new Map(draggedNodes.map((n) => [n.id, n.position] as const));
      store.getState().updateDocument((d) => moveNodes(d, positions));
      setDragging(null);
    },
    [store],
  );
  const onNodeDragStop: OnNodeDrag<StepFlowNode> = useCallback((_event, _node, draggedNodes) => commitDrag(draggedNodes), [commitDrag]);
  const onSelectionDragStop = useCallback((_event: unknown, draggedNodes: StepFlowNode[]) => commitDrag(draggedNodes), [commitDrag]);

  const onConnect = useCallback(
    (connection: Connection) => {
      const edgeId = connectNodes(store, connection.source, connection.target, connection.sourceHandle);
      if (edgeId) store.getState().setSelection([], [edgeId]);
    },
    [store],
  );

  // Dragging the end of a path onto another step moves that end (one undo step).
  const onReconnect = useCallback(
    (old: FlowEdgeModel, connection: Connection) => {
      const s = store.getState();
      const result = reconnect(s.doc, old.id, connection.source, connection.target, connection.sourceHandle);
      if (result.refused) return s.setStatus(result.refused, 'error');
      s.updateDocument(() => result.doc);
      s.setSelection([], [old.id]);
    },
    [store],
  );

  const isValidConnection: IsValidConnection<FlowEdgeModel> = useCallback((c) => c.source !== c.target && (c.targetHandle ?? 'in') === 'in', []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(paletteMime)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const payload = event.dataTransfer.getData(paletteMime);
      if (!payload) return;
      event.preventDefault();
      let item: PaletteItem;
      try {
        item = JSON.parse(payload) as PaletteItem;
      } catch {
        return;
      }
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addPaletteItem(store, item, { x: at.x - nodeSize.width / 2, y: at.y - nodeSize.height / 2 });
    },
    [flow, store],
  );

  // Centre a node asked for by the problems panel, the bottleneck list or a test.
  const lastFocus = useRef(0);
  useEffect(() => {
    if (!focusRequest || focusRequest.seq === lastFocus.current) return;
    lastFocus.current = focusRequest.seq;
    const targetId = focusRequest.nodeId ?? docEdges.find((e) => e.id === focusRequest.edgeId)?.from;
    const node = targetId ? flow.getNode(targetId) : undefined;
    if (!node) return;
    const width = node.measured?.width ?? nodeSize.width;
    const height = node.measured?.height ?? nodeSize.height;
    void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 });
  }, [focusRequest, flow, docEdges]);

  const lastFit = useRef(0);
  useEffect(() => {
    if (fitRequest.seq === lastFit.current) return;
    lastFit.current = fitRequest.seq;
    void fitView(flow, fitRequest.mode);
  }, [fitRequest, flow]);

  // Level of detail: zoomed far out, parameters and edge labels are unreadable anyway; hiding them (a CSS class
  // on the container, no React render) keeps panning and dragging a whole big graph light.
  const container = useRef<HTMLDivElement>(null);
  const onMove = useCallback((_event: unknown, viewport: { zoom: number }) => {
    container.current?.classList.toggle('far', viewport.zoom < farZoom);
  }, []);
  const onMoveStart = useCallback(() => container.current?.classList.add('moving'), []);
  const onMoveEnd = useCallback(() => container.current?.classList.remove('moving'), []);

  const minimapColor = useCallback((n: StepFlowNode) => kindColors[n.data.node.kind as NodeKind] ?? '#888', []);
  const big = docNodes.length > visibleOnlyAbove;
  const unreadable = rawText !== null;
  // JSON, but not shaped like a workflow (no list of steps): nothing to draw; the JSON view is where to fix it.
  const shapeless = !unreadable && !Array.isArray((doc as { nodes?: unknown }).nodes);
  const setUi = useStudio((s) => s.setUi);

  return (
    <div className="canvas" ref={container} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<StepFlowNode, FlowEdgeModel>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onSelectionDragStop={onSelectionDragStop}
        onConnect={onConnect}
        onReconnect={onReconnect}
        onMove={onMove}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        onInit={(instance) => onMove(null, instance.getViewport())}
        isValidConnection={isValidConnection}
        snapToGrid={snapToGrid}
        snapGrid={grid}
        onlyRenderVisibleElements={big}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        fitView
        fitViewOptions={{ padding: 0.12, maxZoom: 1.2 }}
        minZoom={0.05}
        maxZoom={2.5}
        elevateEdgesOnSelect
        proOptions={{ hideAttribution: false }}
      >
        <Background variant={BackgroundVariant.Dots} gap={grid} size={1} color="#c9ced6" />
        <Controls showInteractive={false} position="bottom-left">
          <ControlButton onClick={() => store.getState().setUi({ snapToGrid: !snapToGrid })} title={`Snap to grid: ${snapToGrid ? 'on' : 'off'} (G)`} aria-pressed={snapToGrid} className={snapToGrid ? 'on' : ''} data-testid="toggle-snap">
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M2 2h3v3H2zM6.5 2h3v3h-3zM11 2h3v3h-3zM2 6.5h3v3H2zM6.5 6.5h3v3h-3zM11 6.5h3v3h-3zM2 11h3v3H2zM6.5 11h3v3h-3zM11 11h3v3h-3z" />
            </svg>
          </ControlButton>
          <ControlButton onClick={() => store.getState().setUi({ showMinimap: !showMinimap })} title={`Minimap: ${showMinimap ? 'shown' : 'hidden'} (M)`} aria-pressed={showMinimap} className={showMinimap ? 'on' : ''} data-testid="toggle-minimap">
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M1 3h14v10H1zm1.5 1.5v7h11v-7zM8 8h4.5v2.5H8z" fillRule="evenodd" />
            </svg>
          </ControlButton>
        </Controls>
        {showMinimap && docNodes.length > 0 && <MiniMap<StepFlowNode> pannable zoomable nodeColor={minimapColor} position="bottom-right" ariaLabel="Minimap" style={{ width: 168, height: 104 }} />}
      </ReactFlow>
      {docNodes.length === 0 && !unreadable && !shapeless && (
        <div className="canvas-empty" data-testid="canvas-empty">
          <h2>Start a workflow</h2>
          <ol>
            <li>
              Drag an <b>Order source</b> from the palette onto the canvas (or click it).
            </li>
            <li>
              Add the steps orders go through, e.g. an <b>Activity</b> or a ready-made template, and an <b>End</b>.
            </li>
            <li>Connect them: drag from the dot on the right of a step to the dot on the left of the next.</li>
          </ol>
          <button type="button" className="btn" onClick={onOpenExamples}>
            Or open an example…
          </button>
        </div>
      )}
      {(unreadable || shapeless) && (
        <div className="canvas-empty" data-testid="canvas-unreadable">
          <h2>This file is not a workflow yet</h2>
          <p>
            {unreadable
              ? 'It could not be read as JSON. Its text is kept unchanged in the JSON tab below, with the problem; repair it there.'
              : 'It is JSON but has no list of steps ("nodes"). It is kept as it is: the problems say what is missing, and the JSON tab lets you repair it.'}
          </p>
          <div className="button-row">
            <button type="button" className="btn" onClick={() => setUi({ dockTab: 'json' })}>
              Show the JSON
            </button>
            <button type="button" className="btn" onClick={() => setUi({ dockTab: 'problems' })}>
              Show the problems
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** Below this zoom the canvas drops node parameters and edge labels (level of detail). */
const farZoom = 0.3;

/** Below this zoom step names cannot be read: a wide graph is shown from its start at this zoom instead. */
const readableZoom = 0.5;

/**
 * Fits the graph in view. In `readable` mode, when that would shrink it below readable size, shows where orders
 * arrive (the sources) at a readable zoom instead.
 */
async function fitView(flow: ReturnType<typeof useReactFlow<StepFlowNode, FlowEdgeModel>>, mode: 'all' | 'readable'): Promise<void> {
  // An empty canvas starts at 100%, so the first steps dropped on it are drawn at their real size.
  if (flow.getNodes().length === 0) return void (await flow.setViewport({ x: 0, y: 0, zoom: 1 }));
  await flow.fitView({ padding: 0.08, maxZoom: 1.1, duration: mode === 'all' ? 200 : 0 });
  if (mode === 'all') return;
  const pane = document.querySelector('.canvas .react-flow')?.getBoundingClientRect();
  const nodes = flow.getNodes();
  if (!pane || nodes.length === 0 || flow.getZoom() >= readableZoom) return;
  const bounds = flow.getNodesBounds(nodes);
  const zoom = readableZoom;
  // Centre on where orders arrive (the sources), clear of the zoom controls at the bottom left.
  const sources = nodes.filter((n) => n.data.node.kind === 'source');
  const start = sources.length > 0 ? sources : nodes.filter((n) => n.position.x <= bounds.x + 1);
  const ys = start.map((n) => n.position.y + (n.measured?.height ?? nodeSize.height) / 2);
  const centreY = ys.length > 0 ? (Math.min(...ys) + Math.max(...ys)) / 2 : bounds.y + bounds.height / 2;
  await flow.setViewport({ x: 64 - bounds.x * zoom, y: pane.height / 2 - centreY * zoom, zoom }, { duration: 150 });
}

/** Where a node without a stored position sits until the layout has run: a simple grid. */
function fallbackPosition(index: number): XY {
  return { x: (index % 6) * (nodeSize.width + 60), y: Math.floor(index / 6) * (nodeSize.height + 60) };
}
