import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { distributionMoments, type TimeDistribution } from '../distributions';
import { minutesPerUnit, toMinutes } from '../units';
import type { Condition, Workflow, WorkflowEdge, WorkflowNode } from '../workflow';
import { bpsimDistributionSpec, bpsimNamespace, type GenericSpec } from './bpsim';
import { formatIsoDuration } from './isoDuration';
import { flowcastNamespace, flowcastPrefix, type BpmnIssue } from './types';

/**
 * Flowcast -> BPMN 2.0 with diagram interchange (DI), so that bpmn.io and Camunda Modeler show the model with the
 * same layout. bpmn-moddle writes no DI by itself: every BPMNShape and BPMNEdge is made here.
 *
 * What BPMN says plainly is written as BPMN (tasks, gateways, timers, lanes for pools, black-box participants for
 * systems, error boundary events for error paths, conditions); durations, probabilities, arrival rates and team sizes
 * also go into BPSim so other simulation tools read them; everything else (retries, outages, calendars, sites...) is
 * kept in Flowcast extension elements, which `importBpmn` reads back: import -> export -> import gives the same model.
 * Fulfilment steps: an allocation is a task (its error path an error boundary event), a credit check a business rule
 * task (its hold path a timer boundary event firing after `reviewAfter`), the wait for payment a message catch event;
 * stock, customers and finance travel in the model's extension element with the rest.
 */

/** Sizes of BPMN shapes as bpmn.io draws them. */
export const bpmnShapeSizes = {
  task: { width: 100, height: 80 },
  event: { width: 36, height: 36 },
  gateway: { width: 50, height: 50 },
} as const;

export interface BpmnExportResult {
  xml: string;
  /** Things that could not be written exactly (e.g. an edge id that clashes with a node id). */
  issues: BpmnIssue[];
}

type Box = { x: number; y: number; width: number; height: number };

/**
 * Writes a model as BPMN 2.0 XML with DI, BPSim parameters and Flowcast extension elements.
 * @example const { xml } = await exportBpmn(model); await writeFile('model.bpmn', xml);
 */
export async function exportBpmn(model: Workflow): Promise<BpmnExportResult> {
  const moddle = new BpmnModdle();
  const issues: BpmnIssue[] = [];
  const used = new Set<string>();
  const claim = (wanted: string, fallbackPrefix: string): string => {
    let id = wanted;
    if (used.has(id)) id = `${fallbackPrefix}_${wanted}`;
    for (let k = 2; used.has(id); k++) id = `${fallbackPrefix}_${wanted}_${k}`;
    used.add(id);
    return id;
  };
  for (const node of model.nodes) used.add(node.id);
  const edgeIds = new Map<string, string>();
  for (const edge of model.edges) {
    const id = claim(edge.id, 'Flow');
    if (id !== edge.id) issues.push({ severity: 'warning', code: 'id-clash', elementId: id, message: `Edge "${edge.id}" has the id of a node; in BPMN (one id space) it is "${id}".` });
    edgeIds.set(edge.id, id);
  }

  const create = (type: string, attrs: Record<string, unknown> = {}) => moddle.create(type, attrs);
  const ext = (what: 'node' | 'edge' | 'model', value: Record<string, unknown>): ModdleElement =>
    create('bpmn:ExtensionElements', { values: [moddle.createAny(`${flowcastPrefix}:${what}`, flowcastNamespace, { json: JSON.stringify(value) })] });

  // ---- positions and sizes
  const position = fallbackPositions(model);
  const boxOf = new Map<string, Box>();
  for (const node of model.nodes) {
    const size = sizeOf(node);
    const p = position.get(node.id) ?? { x: 0, y: 0 };
    boxOf.set(node.id, { x: p.x, y: p.y, ...size });
  }

  // ---- process and flow nodes
  const process = create('bpmn:Process', { id: claim('Process_1', 'Process'), isExecutable: false, name: model.metadata.name });
  const flowElements: ModdleElement[] = [];
  const elementOf = new Map<string, ModdleElement>();
  for (const node of model.nodes) {
    // An unnamed BPMN element imports with its id as its name: leave the name out again, so the diagram shows no
    // id as a label (the import restores the same name).
    const element = create(bpmnType(node), node.name === node.id ? { id: node.id } : { id: node.id, name: node.name });
    if (node.kind === 'end' && node.outcome === 'failed') element.eventDefinitions = [create('bpmn:ErrorEventDefinition', { id: claim(`${node.id}_error`, 'Def') })];
    if (node.kind === 'delay') {
      const timer = create('bpmn:TimerEventDefinition', { id: claim(`${node.id}_timer`, 'Def') });
      timer.timeDuration = create('bpmn:FormalExpression', { body: formatIsoDuration(meanMinutes(node.duration)) });
      element.eventDefinitions = [timer];
    }
    // Waiting for the customer's payment is waiting for a message from outside the process.
    if (node.kind === 'awaitPayment') element.eventDefinitions = [create('bpmn:MessageEventDefinition', { id: claim(`${node.id}_payment`, 'Def') })];
    const { id: _id, name: _name, position: _position, ...parameters } = node;
    element.extensionElements = ext('node', parameters);
    element.incoming = [];
    element.outgoing = [];
    elementOf.set(node.id, element);
    flowElements.push(element);
  }

  const mergeLinks: Array<{ flow: ModdleElement; from: Box; to: Box }> = [];

  // ---- boundary events for error, overflow, dead-letter and hold paths: a credit hold is a timer (the review starts
  // `reviewAfter` after the hold), the others are errors
  const boundaryOf = new Map<string, ModdleElement>();
  const boundaryBoxes = new Map<string, Box>();
  const specialCount = new Map<string, number>();
  for (const edge of model.edges) {
    if (edge.kind === 'next' || edge.kind === 'branch') continue;
    const task = elementOf.get(edge.from);
    const taskBox = boxOf.get(edge.from);
    if (!task || !taskBox) continue;
    const k = specialCount.get(edge.from) ?? 0;
    specialCount.set(edge.from, k + 1);
    const boundary = create('bpmn:BoundaryEvent', { id: claim(`${edgeIds.get(edge.id)}_boundary`, 'Boundary'), name: edge.label ?? edgeKindLabel[edge.kind], attachedToRef: task, cancelActivity: true });
    const from = model.nodes.find((n) => n.id === edge.from);
    if (edge.kind === 'hold' && from?.kind === 'creditCheck') {
      const timer = create('bpmn:TimerEventDefinition', { id: claim(`${edgeIds.get(edge.id)}_timer`, 'Def') });
      timer.timeDuration = create('bpmn:FormalExpression', { body: formatIsoDuration(from.reviewAfter ? toMinutes(from.reviewAfter) : 0) });
      boundary.eventDefinitions = [timer];
    } else boundary.eventDefinitions = [create('bpmn:ErrorEventDefinition', { id: claim(`${edgeIds.get(edge.id)}_error`, 'Def') })];
    boundary.outgoing = [];
    boundaryOf.set(edge.id, boundary);
    boundaryBoxes.set(edge.id, { x: taskBox.x + taskBox.width - 28 - k * 40, y: taskBox.y + taskBox.height - 18, width: 36, height: 36 });
    flowElements.push(boundary);
  }

  // ---- a split reached by several edges: in BPMN a parallel gateway with several incoming flows would wait for all
  // of them, so an exclusive merge gateway goes in front (the import removes it again).
  const mergeOf = new Map<string, ModdleElement>();
  const flows: ModdleElement[] = [];
  for (const node of model.nodes) {
    if (node.kind !== 'split' || model.edges.filter((e) => e.to === node.id).length < 2) continue;
    const split = elementOf.get(node.id) as ModdleElement;
    const splitBox = boxOf.get(node.id) as Box;
    const merge = create('bpmn:ExclusiveGateway', { id: claim(`${node.id}_merge`, 'Gateway'), incoming: [], outgoing: [] });
    const mergeBox = { x: splitBox.x - 65, y: splitBox.y, ...bpmnShapeSizes.gateway };
    boxOf.set(String(merge.id), mergeBox);
    const link = create('bpmn:SequenceFlow', { id: claim(`${node.id}_merged`, 'Flow'), sourceRef: merge, targetRef: split });
    (merge.outgoing as ModdleElement[]).push(link);
    (split.incoming as ModdleElement[]).push(link);
    mergeOf.set(node.id, merge);
    flowElements.push(merge);
    flows.push(link);
    mergeLinks.push({ flow: link, from: mergeBox, to: splitBox });
  }

  // ---- sequence flows
  const decisionDefault = new Map<string, ModdleElement>();
  const flowOf = new Map<string, ModdleElement>();
  for (const edge of model.edges) {
    const source = boundaryOf.get(edge.id) ?? elementOf.get(edge.from);
    const target = mergeOf.get(edge.to) ?? elementOf.get(edge.to);
    if (!source || !target) continue;
    const flow = create('bpmn:SequenceFlow', { id: edgeIds.get(edge.id), sourceRef: source, targetRef: target });
    if (edge.label) flow.name = edge.label;
    if (edge.condition) flow.conditionExpression = create('bpmn:FormalExpression', { body: conditionText(edge.condition) });
    if (edge.otherwise) decisionDefault.set(edge.from, flow);
    const extra: Record<string, unknown> = { kind: edge.kind };
    for (const key of ['probability', 'condition', 'otherwise'] as const) if (edge[key] !== undefined) extra[key] = edge[key];
    flow.extensionElements = ext('edge', extra);
    (source.outgoing as ModdleElement[]).push(flow);
    (target.incoming as ModdleElement[]).push(flow);
    flows.push(flow);
    flowOf.set(edge.id, flow);
  }
  for (const [nodeId, flow] of decisionDefault) {
    const gateway = elementOf.get(nodeId);
    if (gateway) gateway.default = flow;
  }
  process.flowElements = [...flowElements, ...flows];
  const { nodes: _nodes, edges: _edges, ...modelParameters } = model;
  process.extensionElements = ext('model', modelParameters);

  // ---- lanes: one per pool, holding its activities and the other steps nearest to them
  const collaborationNeeded = model.pools.length > 0 || model.systems.length > 0;
  const rootElements: ModdleElement[] = [];
  const diElements: ModdleElement[] = [];
  const diagramBounds = enclosing([...boxOf.values(), ...boundaryBoxes.values()]);
  const participantBox: Box = { x: diagramBounds.x - 60, y: diagramBounds.y - 40, width: diagramBounds.width + 100, height: diagramBounds.height + 80 };
  let collaboration: ModdleElement | undefined;
  const laneBoxes: Array<{ lane: ModdleElement; box: Box }> = [];
  const laneIds = new Map<string, string>();
  if (collaborationNeeded) {
    collaboration = create('bpmn:Collaboration', { id: claim('Collaboration_1', 'Collaboration') });
    const participant = create('bpmn:Participant', { id: claim('Participant_1', 'Participant'), name: model.metadata.name, processRef: process });
    const participants: ModdleElement[] = [participant];
    const usedPools = model.pools.filter((p) => model.nodes.some((n) => n.kind === 'activity' && n.pool === p.id));
    if (usedPools.length > 0) {
      const bands = laneBands(model, usedPools.map((p) => p.id), boxOf, participantBox);
      const lanes = usedPools.map((pool) => {
        const lane = create('bpmn:Lane', { id: claim(pool.id, 'Lane'), name: pool.name });
        laneIds.set(pool.id, String(lane.id));
        lane.flowNodeRef = (bands.members.get(pool.id) ?? []).map((id) => elementOf.get(id)).filter((e): e is ModdleElement => e !== undefined);
        const box = bands.boxes.get(pool.id) as Box;
        laneBoxes.push({ lane, box });
        return lane;
      });
      process.laneSets = [create('bpmn:LaneSet', { id: claim('LaneSet_1', 'LaneSet'), lanes })];
    }
    // After the lanes: dividing them evenly may have made the participant taller.
    diElements.push(shape(moddle, claim('Participant_1_di', 'DI'), participant, participantBox, { isHorizontal: true }));
    // Systems as black-box participants below the process, each called by its integrations through message flows.
    const messageFlows: ModdleElement[] = [];
    const messageEdges: ModdleElement[] = [];
    model.systems.forEach((system, i) => {
      const box: Box = { x: participantBox.x, y: participantBox.y + participantBox.height + 40 + i * 100, width: participantBox.width, height: 60 };
      const blackBox = create('bpmn:Participant', { id: claim(system.id, 'Participant'), name: system.name });
      participants.push(blackBox);
      diElements.push(shape(moddle, claim(`${system.id}_di`, 'DI'), blackBox, box, { isHorizontal: true }));
      for (const node of model.nodes) {
        if (node.kind !== 'integration' || node.system !== system.id) continue;
        const task = elementOf.get(node.id) as ModdleElement;
        const taskBox = boxOf.get(node.id) as Box;
        const messageFlow = create('bpmn:MessageFlow', { id: claim(`${node.id}_call`, 'MessageFlow'), sourceRef: task, targetRef: blackBox });
        messageFlows.push(messageFlow);
        const x = taskBox.x + taskBox.width / 2;
        messageEdges.push(edgeDi(moddle, claim(`${node.id}_call_di`, 'DI'), messageFlow, [{ x, y: taskBox.y + taskBox.height }, { x, y: box.y }]));
      }
    });
    collaboration.participants = participants;
    collaboration.messageFlows = messageFlows;
    rootElements.push(collaboration);
    for (const { lane, box } of laneBoxes) diElements.push(shape(moddle, claim(`${String(lane.id)}_di`, 'DI'), lane, box, { isHorizontal: true }));
    diElements.push(...messageEdges);
  }
  rootElements.push(process);

  // ---- DI for nodes, boundary events and flows
  for (const node of model.nodes) {
    const box = boxOf.get(node.id) as Box;
    const attrs: Record<string, unknown> = node.kind === 'decision' ? { isMarkerVisible: true } : {};
    diElements.push(shape(moddle, claim(`${node.id}_di`, 'DI'), elementOf.get(node.id) as ModdleElement, box, attrs));
  }
  for (const [nodeId, merge] of mergeOf) diElements.push(shape(moddle, claim(`${nodeId}_merge_di`, 'DI'), merge, boxOf.get(String(merge.id)) as Box, { isMarkerVisible: true }));
  for (const link of mergeLinks) diElements.push(edgeDi(moddle, claim(`${String(link.flow.id)}_di`, 'DI'), link.flow, route(link.from, link.to, false)));
  for (const [edgeId, boundary] of boundaryOf) diElements.push(shape(moddle, claim(`${String(boundary.id)}_di`, 'DI'), boundary, boundaryBoxes.get(edgeId) as Box));
  for (const edge of model.edges) {
    const flow = flowOf.get(edge.id);
    if (!flow) continue;
    const from = boundaryBoxes.get(edge.id) ?? boxOf.get(edge.from);
    const merge = mergeOf.get(edge.to);
    const to = merge ? boxOf.get(String(merge.id)) : boxOf.get(edge.to);
    if (!from || !to) continue;
    diElements.push(edgeDi(moddle, claim(`${String(flow.id)}_di`, 'DI'), flow, route(from, to, boundaryBoxes.has(edge.id))));
  }

  const plane = create('bpmndi:BPMNPlane', { id: claim('BPMNPlane_1', 'Plane'), bpmnElement: collaboration ?? process, planeElement: diElements });
  const diagram = create('bpmndi:BPMNDiagram', { id: claim('BPMNDiagram_1', 'Diagram'), plane });

  const definitions = create('bpmn:Definitions', {
    id: claim('Definitions_1', 'Definitions'),
    targetNamespace: 'http://bpmn.io/schema/bpmn',
    exporter: 'Flowcast',
    exporterVersion: '1',
    rootElements,
    diagrams: [diagram],
  });
  definitions.relationships = [bpsimRelationship(moddle, model, laneIds, claim, definitions)];
  const { xml } = await moddle.toXML(definitions, { format: true });
  return { xml, issues };
}

const edgeKindLabel: Record<WorkflowEdge['kind'], string> = { next: 'next', branch: 'branch', error: 'error', overflow: 'queue full', deadLetter: 'dead letter', hold: 'credit hold' };

function bpmnType(node: WorkflowNode): string {
  switch (node.kind) {
    case 'source':
      return 'bpmn:StartEvent';
    case 'end':
      return 'bpmn:EndEvent';
    case 'activity':
      return 'bpmn:UserTask';
    case 'integration':
      return 'bpmn:ServiceTask';
    case 'batch':
    case 'allocate':
      return 'bpmn:Task';
    case 'creditCheck':
      return 'bpmn:BusinessRuleTask';
    case 'awaitPayment':
      return 'bpmn:IntermediateCatchEvent';
    case 'decision':
      return 'bpmn:ExclusiveGateway';
    case 'split':
    case 'join':
      return 'bpmn:ParallelGateway';
    case 'delay':
      return 'bpmn:IntermediateCatchEvent';
  }
}

function sizeOf(node: WorkflowNode): { width: number; height: number } {
  switch (node.kind) {
    case 'source':
    case 'end':
    case 'delay':
    case 'awaitPayment':
      return bpmnShapeSizes.event;
    case 'decision':
    case 'split':
    case 'join':
      return bpmnShapeSizes.gateway;
    default:
      return bpmnShapeSizes.task;
  }
}

function meanMinutes(d: TimeDistribution): number {
  return distributionMoments(d).mean * minutesPerUnit[d.unit];
}

/** `${channel == "EDI"}`, `${lines > 10}`, `${site in ["a","b"]}`: what `parseCondition` reads back. */
export function conditionText(condition: Condition): string {
  const ops: Record<Condition['op'], string> = { eq: '==', neq: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=', in: 'in' };
  const value = (v: string | number) => (typeof v === 'number' ? String(v) : JSON.stringify(v));
  const right = Array.isArray(condition.value) ? `[${condition.value.map(value).join(',')}]` : value(condition.value);
  return `\${${condition.attribute} ${ops[condition.op]} ${right}}`;
}

/** Positions of the model, and a left-to-right layering for nodes that have none. */
function fallbackPositions(model: Workflow): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  const layer = new Map<string, number>();
  const queue = model.nodes.filter((n) => n.kind === 'source').map((n) => n.id);
  for (const id of queue) layer.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    for (const e of model.edges) {
      if (e.from !== queue[i] || layer.has(e.to)) continue;
      layer.set(e.to, (layer.get(queue[i]) ?? 0) + 1);
      queue.push(e.to);
    }
  }
  const rows = new Map<number, number>();
  for (const node of model.nodes) {
    if (node.position) {
      positions.set(node.id, node.position);
      continue;
    }
    const l = layer.get(node.id) ?? 0;
    const row = rows.get(l) ?? 0;
    rows.set(l, row + 1);
    positions.set(node.id, { x: 100 + l * 180, y: 100 + row * 120 });
  }
  return positions;
}

function enclosing(boxes: Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, width: 100, height: 100 };
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * Horizontal lane bands inside the participant: lanes ordered by the mean height of their activities; every other
 * step joins the lane whose activities are nearest; bands meet halfway between neighbouring lanes.
 */
function laneBands(model: Workflow, poolIds: string[], boxOf: Map<string, Box>, participant: Box): { members: Map<string, string[]>; boxes: Map<string, Box> } {
  const centre = (id: string) => {
    const b = boxOf.get(id) as Box;
    return b.y + b.height / 2;
  };
  const poolCentre = new Map<string, number>();
  for (const pool of poolIds) {
    const ys = model.nodes.filter((n) => n.kind === 'activity' && n.pool === pool).map((n) => centre(n.id));
    poolCentre.set(pool, ys.reduce((a, b) => a + b, 0) / ys.length);
  }
  const ordered = [...poolIds].sort((a, b) => (poolCentre.get(a) ?? 0) - (poolCentre.get(b) ?? 0));
  const members = new Map<string, string[]>(ordered.map((p) => [p, []]));
  for (const node of model.nodes) {
    let lane: string;
    if (node.kind === 'activity') lane = node.pool;
    else {
      const y = centre(node.id);
      lane = ordered.reduce((best, p) => (Math.abs((poolCentre.get(p) ?? 0) - y) < Math.abs((poolCentre.get(best) ?? 0) - y) ? p : best), ordered[0]);
    }
    members.get(lane)?.push(node.id);
  }
  const boxes = new Map<string, Box>();
  const laneX = participant.x + 30;
  const laneWidth = participant.width - 30;
  const minHeight = 60;
  const bottom = participant.y + participant.height;
  // Bands meet halfway between the lanes' centres; when lanes sit too close for that (activities of different
  // pools on the same row), the participant is divided evenly instead, in the same order.
  const edges = ordered.map((pool, i) => (i === ordered.length - 1 ? bottom : ((poolCentre.get(pool) ?? 0) + (poolCentre.get(ordered[i + 1]) ?? 0)) / 2));
  const crowded = edges.some((edge, i) => edge - (i === 0 ? participant.y : edges[i - 1]) < minHeight);
  if (crowded) {
    participant.height = Math.max(participant.height, minHeight * ordered.length);
    const height = participant.height / ordered.length;
    ordered.forEach((pool, i) => boxes.set(pool, { x: laneX, y: participant.y + i * height, width: laneWidth, height }));
  } else {
    ordered.forEach((pool, i) => {
      const top = i === 0 ? participant.y : edges[i - 1];
      boxes.set(pool, { x: laneX, y: top, width: laneWidth, height: edges[i] - top });
    });
  }
  return { members, boxes };
}

function shape(moddle: BpmnModdle, id: string, element: ModdleElement, box: Box, attrs: Record<string, unknown> = {}): ModdleElement {
  const bounds = moddle.create('dc:Bounds', { x: round(box.x), y: round(box.y), width: round(box.width), height: round(box.height) });
  return moddle.create('bpmndi:BPMNShape', { id, bpmnElement: element, bounds, ...attrs });
}

function edgeDi(moddle: BpmnModdle, id: string, element: ModdleElement, points: Array<{ x: number; y: number }>): ModdleElement {
  return moddle.create('bpmndi:BPMNEdge', { id, bpmnElement: element, waypoint: points.map((p) => moddle.create('dc:Point', { x: round(p.x), y: round(p.y) })) });
}

/** Orthogonal waypoints from the right side of `from` to the left side of `to` (from the bottom of a boundary event). */
function route(from: Box, to: Box, fromBoundary: boolean): Array<{ x: number; y: number }> {
  const ty = to.y + to.height / 2;
  const tx = to.x;
  if (fromBoundary) {
    const sx = from.x + from.width / 2;
    const sy = from.y + from.height;
    const ex = to.x + to.width / 2;
    return ty > sy ? [{ x: sx, y: sy }, { x: sx, y: ty }, { x: tx, y: ty }] : [{ x: sx, y: sy }, { x: sx, y: sy + 20 }, { x: ex, y: sy + 20 }, { x: ex, y: to.y + to.height }];
  }
  const sx = from.x + from.width;
  const sy = from.y + from.height / 2;
  if (tx >= sx && Math.abs(ty - sy) < 0.5) return [{ x: sx, y: sy }, { x: tx, y: ty }];
  if (tx >= sx) {
    const mx = (sx + tx) / 2;
    return [{ x: sx, y: sy }, { x: mx, y: sy }, { x: mx, y: ty }, { x: tx, y: ty }];
  }
  // Below or above: leave from the bottom (top), turn halfway, come in from the top (bottom).
  const scx = from.x + from.width / 2;
  const tcx = to.x + to.width / 2;
  if (to.y >= from.y + from.height || to.y + to.height <= from.y) {
    const down = to.y >= from.y + from.height;
    const sy2 = down ? from.y + from.height : from.y;
    const ty2 = down ? to.y : to.y + to.height;
    if (Math.abs(scx - tcx) < 0.5) return [{ x: scx, y: sy2 }, { x: tcx, y: ty2 }];
    const my = (sy2 + ty2) / 2;
    return [{ x: scx, y: sy2 }, { x: scx, y: my }, { x: tcx, y: my }, { x: tcx, y: ty2 }];
  }
  // Backwards (a loop): leave from the top, go over both shapes, come in from the top.
  const top = Math.min(from.y, to.y) - 30;
  const cx = to.x + to.width / 2;
  return [{ x: from.x + from.width / 2, y: from.y }, { x: from.x + from.width / 2, y: top }, { x: cx, y: top }, { x: cx, y: to.y }];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

// ---------------------------------------------------------------------------------------------- BPSim

function generic(moddle: BpmnModdle, spec: GenericSpec): ModdleElement {
  const element = moddle.createAny(`bpsim:${spec.name}`, bpsimNamespace, { ...spec.attributes });
  if (spec.children) element.$children = spec.children.map((c) => generic(moddle, c));
  return element;
}

/** BPSim 2.0 scenario: processing times, branch probabilities, inter-arrival times and team sizes, in minutes. */
function bpsimRelationship(moddle: BpmnModdle, model: Workflow, laneIds: ReadonlyMap<string, string>, claim: (id: string, prefix: string) => string, definitions: ModdleElement): ModdleElement {
  const parameters: GenericSpec[] = [];
  const time = (d: TimeDistribution) => bpsimDistributionSpec(d, minutesPerUnit[d.unit]);
  for (const node of model.nodes) {
    // A payment wait with its own terms is a processing time too, so other tools (and a stripped import) see it.
    const waits = node.kind === 'awaitPayment' ? node.daysToPay : undefined;
    if (node.kind === 'activity' || node.kind === 'integration' || node.kind === 'delay' || waits) {
      const d = node.kind === 'integration' ? node.latency : node.kind === 'activity' || node.kind === 'delay' ? node.duration : (waits as TimeDistribution);
      const children: GenericSpec[] = [{ name: 'TimeParameters', children: [{ name: 'ProcessingTime', children: [time(d)] }] }];
      if (node.costPerVisit !== undefined) children.push({ name: 'CostParameters', children: [{ name: 'UnitCost', children: [{ name: 'FloatingParameter', attributes: { value: String(node.costPerVisit) } }] }] });
      parameters.push({ name: 'ElementParameters', attributes: { elementRef: node.id }, children });
    }
    if (node.kind === 'source' && node.arrivals.ratePerHour > 0) {
      const meanGap = 60 / node.arrivals.ratePerHour;
      parameters.push({
        name: 'ElementParameters',
        attributes: { elementRef: node.id },
        children: [{ name: 'ControlParameters', children: [{ name: 'InterTriggerTimer', children: [{ name: 'ExponentialDistribution', attributes: { mean: String(Math.round(meanGap * 1e9) / 1e9) } }] }] }],
      });
    }
  }
  for (const edge of model.edges) {
    if (edge.probability === undefined) continue;
    parameters.push({
      name: 'ElementParameters',
      attributes: { elementRef: edge.id },
      children: [{ name: 'ControlParameters', children: [{ name: 'Probability', children: [{ name: 'FloatingParameter', attributes: { value: String(edge.probability) } }] }] }],
    });
  }
  for (const pool of model.pools) {
    const laneId = laneIds.get(pool.id);
    if (laneId === undefined) continue;
    parameters.push({
      name: 'ElementParameters',
      attributes: { elementRef: laneId },
      children: [
        { name: 'ResourceParameters', children: [{ name: 'Quantity', children: [{ name: 'NumericParameter', attributes: { value: String(pool.capacity) } }] }] },
        { name: 'CostParameters', children: [{ name: 'UnitCost', children: [{ name: 'FloatingParameter', attributes: { value: String(pool.costPerHour) } }] }] },
      ],
    });
  }
  const data = generic(moddle, {
    name: 'BPSimData',
    children: [
      {
        name: 'Scenario',
        attributes: { id: 'flowcast', name: model.metadata.name, author: 'Flowcast', version: '1', replication: String(model.run.replications) },
        children: [{ name: 'ScenarioParameters', attributes: { baseTimeUnit: 'min', baseCurrencyUnit: model.currency, replication: String(model.run.replications), seed: String(model.run.seed) } }, ...parameters],
      },
    ],
  });
  return moddle.create('bpmn:Relationship', {
    id: claim('BPSimData', 'Relationship'),
    type: 'BPSimData',
    extensionElements: moddle.create('bpmn:ExtensionElements', { values: [data] }),
    source: [definitions],
    target: [definitions],
  });
}
