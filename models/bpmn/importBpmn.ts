import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { distributionMoments, type TimeDistribution } from '../distributions';
import { loadModel } from '../load';
import { isPlainObject } from '../patch';
import { arrivalProfiles, loadedCostPerHour, nodeTemplates, weeklyAverageRatePerHour } from '../templates';
import { limits } from '../limits';
import { minutesPerUnit } from '../units';
import { CURRENT_FORMAT_VERSION, type Condition, type EdgeKind, type NodeKind, type WorkflowInput } from '../workflow';
import { bpsimNumber, bpsimTimeDistribution, localName, readBpsim, type BpsimScenario } from './bpsim';
import { durationInPlainUnit, parseIsoDurationMinutes } from './isoDuration';
import { flowcastPrefix, type BpmnImportOptions, type BpmnImportResult, type BpmnIssue } from './types';
import { checkXmlSafety, xmlLimits } from './xmlSafety';

/**
 * BPMN 2.0 -> Flowcast. The mapping (docs/interop.md has the full table):
 * start event -> source; end event -> end; user/manual task -> activity (its lane -> a pool); service/send/receive
 * task -> integration (the black-box participant it exchanges messages with -> a system); exclusive gateway ->
 * decision; parallel gateways -> split and join (paired); intermediate timer -> delay; sub-process -> flattened;
 * error boundary event -> the task's error (or dead-letter) edge; DI bounds -> positions. Flowcast's own fulfilment
 * steps come back from their extension elements: a task -> allocate (an error boundary event: its error edge), a
 * business rule task -> credit check (a timer or error boundary event: its hold edge), a message catch event ->
 * await payment; without the extension they import as an activity, a system call and a delay, with warnings.
 * Converging exclusive gateways have no Flowcast node (any node may have several incoming edges): they are removed
 * and their incoming flows connected straight to what follows. Parameters come from Flowcast's own extension
 * elements (written by `exportBpmn`), then BPSim, then defaults from models/templates.ts, each default with a warning
 * naming the element. Nothing is dropped without an issue naming its element id.
 */

type RawKind = NodeKind | 'pass' | 'gateway';
type GatewayType = 'exclusive' | 'parallel' | 'inclusive' | 'complex' | 'eventBased';

interface RawNode {
  /** The BPMN id (or a derived one for synthetic nodes). */
  bpmnId: string;
  kind: RawKind;
  gateway?: GatewayType;
  name: string;
  element?: ModdleElement;
  /** Sort key: document order, synthetic nodes right after their origin. */
  order: number;
  processId: string;
  laneId?: string;
  position?: { x: number; y: number };
  size?: { width: number; height: number };
  /** The Flowcast parameters from the `flowcast:node` extension. */
  ext?: Record<string, unknown>;
  /** For joins: the split it waits for (bpmn id). */
  split?: string;
  /** The sub-process directly holding it, if any. */
  parent?: string;
}

interface RawEdge {
  bpmnId: string;
  from: string;
  to: string;
  kind?: EdgeKind;
  element?: ModdleElement;
  order: number;
  ext?: Record<string, unknown>;
}

const gatewayTypes: Record<string, GatewayType> = {
  'bpmn:ExclusiveGateway': 'exclusive',
  'bpmn:ParallelGateway': 'parallel',
  'bpmn:InclusiveGateway': 'inclusive',
  'bpmn:ComplexGateway': 'complex',
  'bpmn:EventBasedGateway': 'eventBased',
};
const ignoredTypes = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
]);

/** Defaults taken from the palette templates (models/templates.ts), so an imported model starts from known numbers. */
function templateDefaults(): { activityDuration: TimeDistribution; integrationLatency: TimeDistribution } {
  const manual = nodeTemplates.find((t) => t.id === 'email-fax-entry')?.build('x', { x: 0, y: 0 }).nodes[0];
  const call = nodeTemplates.find((t) => t.id === 'portal-intake')?.build('x', { x: 0, y: 0 }).nodes[0];
  return {
    activityDuration: manual?.kind === 'activity' ? manual.duration : { kind: 'lognormal', mean: 6, sd: 4, unit: 'min' },
    integrationLatency: call?.kind === 'integration' ? call.latency : { kind: 'lognormal', mean: 1, sd: 0.5, unit: 's' },
  };
}

const defaultArrivals = {
  ratePerHour: weeklyAverageRatePerHour(100),
  hourOfDay: [...arrivalProfiles.businessHours],
  dayOfWeek: [...arrivalProfiles.weekdays],
};

/**
 * Imports BPMN 2.0 XML (as Camunda Modeler, bpmn.io, Signavio or Bizagi write it) into a Flowcast model.
 * Never throws: a refused or broken file gives issues with severity `error` and no model.
 * @example const { model, issues } = await importBpmn(xml); for (const i of issues) console.log(i.elementId, i.message);
 */
export async function importBpmn(xml: string, options: BpmnImportOptions = {}): Promise<BpmnImportResult> {
  const issues: BpmnIssue[] = [];
  const refused = checkXmlSafety(xml, xmlLimits.bpmnChars, 'BPMN file', xmlLimits.bpmnElements);
  if (refused) return { issues: [{ severity: 'error', code: refused.code, elementId: null, message: refused.message }], findings: [] };
  const root = /<(?![?!])([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(xml.replace(/<!--[\s\S]*?-->/g, ''));
  if (root && root[2] !== 'definitions')
    return { issues: [{ severity: 'error', code: 'not-bpmn', elementId: null, message: `The root element is <${root[1] ?? ''}${root[2]}>, not a BPMN <definitions>: this is not a BPMN 2.0 file.` }], findings: [] };
  let parsed: Awaited<ReturnType<BpmnModdle['fromXML']>>;
  try {
    parsed = await new BpmnModdle().fromXML(xml);
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
    return { issues: [{ severity: 'error', code: 'xml-syntax', elementId: null, message: `The file is not well-formed BPMN XML: ${message}` }], findings: [] };
  }
  const definitions = parsed.rootElement;
  if (definitions.$type !== 'bpmn:Definitions')
    return { issues: [{ severity: 'error', code: 'not-bpmn', elementId: null, message: `The root element is ${definitions.$type}, not a BPMN <definitions>: this is not a BPMN 2.0 file.` }], findings: [] };
  for (const w of parsed.warnings) {
    const id = typeof w.element?.id === 'string' ? w.element.id : null;
    issues.push({ severity: 'warning', code: 'xml-warning', elementId: id, message: `The BPMN reader reported: ${w.message.replace(/\s+/g, ' ').trim()}` });
  }
  return new Importer(definitions, issues, options).run();
}

class Importer {
  private readonly nodes: RawNode[] = [];
  private readonly edges: RawEdge[] = [];
  private readonly nodeById = new Map<string, RawNode>();
  private readonly boundaries = new Map<string, { attachedTo: string; trigger: 'error' | 'timer' | 'other'; element: ModdleElement }>();
  private readonly flows: Array<{ element: ModdleElement; order: number; processId: string }> = [];
  private readonly subprocessExit = new Map<string, string>();
  private readonly shapes = new Map<string, { x: number; y: number; width: number; height: number }>();
  private readonly laneOf = new Map<string, string>();
  private readonly lanes: Array<{ id: string; name: string; element: ModdleElement }> = [];
  private readonly participantOfProcess = new Map<string, ModdleElement>();
  private readonly messagePartner = new Map<string, ModdleElement>();
  private bpsim: BpsimScenario | undefined;
  private modelExt: Record<string, unknown> | undefined;
  private order = 0;
  private readonly defaults = templateDefaults();

  constructor(
    private readonly definitions: ModdleElement,
    private readonly issues: BpmnIssue[],
    private readonly options: BpmnImportOptions,
  ) {}

  warn(code: string, elementId: string | null, message: string): void {
    this.issues.push({ severity: 'warning', code, elementId, message });
  }

  private error(code: string, elementId: string | null, message: string): void {
    this.issues.push({ severity: 'error', code, elementId, message });
  }

  run(): BpmnImportResult {
    const rootElements = list(this.definitions.rootElements);
    const processes = rootElements.filter((e) => e.$type === 'bpmn:Process');
    const collaborations = rootElements.filter((e) => e.$type === 'bpmn:Collaboration');
    if (processes.length === 0) {
      this.error('no-process', null, 'The file has no process (bpmn:process); there is nothing to simulate.');
      return { issues: this.issues, findings: [] };
    }
    for (const collaboration of collaborations) this.readCollaboration(collaboration);
    this.bpsim = readBpsim([...list(this.definitions.relationships), ...processes]);
    if (this.bpsim && !this.bpsim.baseTimeUnitGiven)
      this.warn('bpsim-time-unit', null, 'The BPSim scenario gives no baseTimeUnit; BPSim then means milliseconds, so times were read as milliseconds.');
    this.readDiagram();
    for (const process of processes) {
      this.modelExt ??= flowcastExtension(process, 'model', this);
      for (const laneSet of list(process.laneSets)) this.readLanes(laneSet);
      this.walk(process, str(process.id), undefined);
    }
    this.connectFlows();
    this.classifyGateways();
    this.reducePasses();
    this.insertImplicitSplits();
    this.pairJoins();
    return this.build(processes);
  }

  // ------------------------------------------------------------------------------------------ reading

  private readCollaboration(collaboration: ModdleElement): void {
    const participants = list(collaboration.participants);
    for (const participant of participants) {
      const process = participant.processRef as ModdleElement | undefined;
      if (process?.id) this.participantOfProcess.set(str(process.id), participant);
    }
    // A task exchanging messages with a black-box participant (one with no process) calls that participant's system.
    for (const flow of list(collaboration.messageFlows)) {
      const source = flow.sourceRef as ModdleElement | undefined;
      const target = flow.targetRef as ModdleElement | undefined;
      if (!source || !target) continue;
      if (target.$type === 'bpmn:Participant' && !target.processRef && source.id) this.messagePartner.set(str(source.id), target);
      else if (source.$type === 'bpmn:Participant' && !source.processRef && target.id) this.messagePartner.set(str(target.id), source);
      else this.warn('message-flow', str(flow.id), `Message flow "${str(flow.id)}" between two processes is not simulated (Flowcast models one order flow); it was left out.`);
    }
  }

  private readDiagram(): void {
    for (const diagram of list(this.definitions.diagrams)) {
      const plane = diagram.plane as ModdleElement | undefined;
      for (const item of list(plane?.planeElement)) {
        if (item.$type !== 'bpmndi:BPMNShape') continue;
        const element = item.bpmnElement as ModdleElement | undefined;
        const bounds = item.bounds as ModdleElement | undefined;
        if (!element?.id || !bounds) continue;
        const box = { x: Number(bounds.x), y: Number(bounds.y), width: Number(bounds.width), height: Number(bounds.height) };
        if ([box.x, box.y, box.width, box.height].every(Number.isFinite)) this.shapes.set(str(element.id), box);
      }
    }
  }

  private readLanes(laneSet: ModdleElement): void {
    for (const lane of list(laneSet.lanes)) {
      const child = lane.childLaneSet as ModdleElement | undefined;
      if (child && list(child.lanes).length > 0) {
        // Nested lanes: each innermost lane is a team of its own.
        this.readLanes(child);
        continue;
      }
      const id = str(lane.id);
      this.lanes.push({ id, name: cleanName(lane.name) ?? id, element: lane });
      for (const ref of list(lane.flowNodeRef)) if (ref.id) this.laneOf.set(str(ref.id), id);
    }
  }

  private add(node: Omit<RawNode, 'order'> & { order?: number }): RawNode {
    const raw: RawNode = { ...node, order: node.order ?? this.order++ };
    const shape = this.shapes.get(raw.bpmnId);
    if (shape && !raw.position) {
      raw.position = { x: shape.x, y: shape.y };
      raw.size = { width: shape.width, height: shape.height };
    }
    this.nodes.push(raw);
    this.nodeById.set(raw.bpmnId, raw);
    return raw;
  }

  /** Walks a process or sub-process; `subprocess` is the enclosing sub-process id (its start and end events pass through). */
  private walk(container: ModdleElement, processId: string, subprocess: string | undefined): void {
    for (const el of list(container.flowElements)) {
      const id = str(el.id);
      const type = el.$type;
      const name = cleanName(el.name);
      const base = { bpmnId: id, name: name ?? id, element: el, processId, laneId: this.laneOf.get(id), parent: subprocess };
      if (type === 'bpmn:SequenceFlow') {
        this.flows.push({ element: el, order: this.order++, processId });
        continue;
      }
      if (type === 'bpmn:BoundaryEvent') {
        const attached = el.attachedToRef as ModdleElement | undefined;
        const definitions = list(el.eventDefinitions);
        const only = (type: string) => definitions.length > 0 && definitions.every((d) => d.$type === type);
        const trigger = only('bpmn:ErrorEventDefinition') ? 'error' : only('bpmn:TimerEventDefinition') ? 'timer' : 'other';
        if (!attached?.id) this.warn('boundary-unattached', id, `Boundary event "${id}" is attached to nothing; it was left out.`);
        else this.boundaries.set(id, { attachedTo: str(attached.id), trigger, element: el });
        continue;
      }
      if (type === 'bpmn:SubProcess' || type === 'bpmn:Transaction' || type === 'bpmn:AdHocSubProcess') {
        this.flattenSubprocess(el, processId, subprocess);
        continue;
      }
      if (ignoredTypes.has(type)) {
        this.warn('not-simulated', id, `${label(type)} "${id}" is not part of the order flow; it was left out.`);
        continue;
      }
      const ext = flowcastExtension(el, 'node', this);
      switch (type) {
        case 'bpmn:StartEvent':
          this.add({ ...base, kind: subprocess ? 'pass' : 'source', name: name ?? 'Orders', ext });
          break;
        case 'bpmn:EndEvent':
          this.add({ ...base, kind: subprocess ? 'pass' : 'end', name: name ?? 'End', ext });
          break;
        case 'bpmn:UserTask':
        case 'bpmn:ManualTask':
          this.add({ ...base, kind: 'activity', ext });
          break;
        case 'bpmn:ServiceTask':
        case 'bpmn:SendTask':
        case 'bpmn:ReceiveTask':
          this.add({ ...base, kind: 'integration', ext });
          break;
        case 'bpmn:ScriptTask':
        case 'bpmn:BusinessRuleTask':
          // Flowcast writes its credit check as a business rule task.
          if (type === 'bpmn:BusinessRuleTask' && ext?.kind === 'creditCheck') {
            this.add({ ...base, kind: 'creditCheck', ext });
            break;
          }
          this.warn('automated-task', id, `${label(type)} "${id}" runs without people; it became a system call (integration) to the default system.`);
          this.add({ ...base, kind: 'integration', ext });
          break;
        case 'bpmn:Task':
          if (ext?.kind === 'batch' || ext?.kind === 'allocate' || ext?.kind === 'creditCheck') this.add({ ...base, kind: ext.kind, ext });
          else {
            if (!ext) this.warn('untyped-task', id, `Task "${id}" has no type (user, manual, service...); it became a manual activity.`);
            this.add({ ...base, kind: 'activity', ext });
          }
          break;
        case 'bpmn:CallActivity':
          this.warn('call-activity', id, `Call activity "${id}" calls another process that is not imported; it became one activity with its own duration.`);
          this.add({ ...base, kind: 'activity', ext });
          break;
        case 'bpmn:IntermediateCatchEvent': {
          // Flowcast writes its wait for the customer's payment as a message catch event.
          if (ext?.kind === 'awaitPayment') {
            this.add({ ...base, kind: 'awaitPayment', ext });
            break;
          }
          const definition = list(el.eventDefinitions)[0];
          if (definition?.$type !== 'bpmn:TimerEventDefinition')
            this.warn('catch-event-as-delay', id, `${definition ? `${label(definition.$type).replace(/ event definition$/, '')} catch` : 'Catch'} event "${id}" waits for something outside the model; it became a delay.`);
          this.add({ ...base, kind: 'delay', ext });
          break;
        }
        case 'bpmn:IntermediateThrowEvent':
          this.warn('throw-event', id, `Intermediate throw event "${id}" takes no time in a simulation; it was replaced by a direct connection.`);
          this.add({ ...base, kind: 'pass' });
          break;
        default:
          if (gatewayTypes[type]) {
            this.add({ ...base, kind: 'gateway', gateway: gatewayTypes[type], name: name ?? id, ext });
          } else {
            this.warn('unsupported-element', id, `${label(type)} "${id}" is not supported; it was replaced by a direct connection between what comes before and after it.`);
            this.add({ ...base, kind: 'pass' });
          }
      }
    }
    for (const artifact of list(container.artifacts))
      this.warn('not-simulated', str(artifact.id), `${label(artifact.$type)} "${str(artifact.id)}" is not part of the order flow; it was left out.`);
  }

  private flattenSubprocess(sp: ModdleElement, processId: string, parent: string | undefined): void {
    const id = str(sp.id);
    if (sp.triggeredByEvent) {
      this.warn('event-subprocess', id, `Event sub-process "${id}" is started by an event, which Flowcast does not simulate; it and its contents were left out.`);
      return;
    }
    if (sp.$type !== 'bpmn:SubProcess') this.warn('subprocess-kind', id, `${label(sp.$type)} "${id}" was flattened like a plain sub-process; its special semantics are not simulated.`);
    const entry = this.add({ bpmnId: id, kind: 'pass', name: id, processId, parent });
    const exitId = `${id}__exit`;
    const before = this.nodes.length;
    const flowsBefore = this.flows.length;
    this.walk(sp, processId, id);
    const exit = this.add({ bpmnId: exitId, kind: 'pass', name: exitId, processId, parent });
    this.subprocessExit.set(id, exitId);
    const inner = this.nodes.slice(before, this.nodes.length - 1);
    const innerFlows = this.flows.slice(flowsBefore).map((f) => f.element);
    const hasIncoming = new Set(innerFlows.map((f) => str((f.targetRef as ModdleElement | undefined)?.id)));
    const hasOutgoing = new Set(innerFlows.map((f) => str((f.sourceRef as ModdleElement | undefined)?.id)));
    // Only the sub-process's own children (a nested sub-process counts as one child: its entry and exit).
    const topLevel = inner.filter((n) => n.parent === id && !n.bpmnId.endsWith('__exit'));
    const starts = topLevel.filter((n) => n.element?.$type === 'bpmn:StartEvent');
    const firsts = starts.length > 0 ? starts : topLevel.filter((n) => !hasIncoming.has(n.bpmnId));
    firsts.forEach((n, i) => this.edges.push({ bpmnId: `${id}_in${i + 1}`, from: entry.bpmnId, to: n.bpmnId, order: entry.order }));
    const lasts = topLevel.filter((n) => n.element?.$type === 'bpmn:EndEvent' || !hasOutgoing.has(n.bpmnId));
    lasts.forEach((n, i) => this.edges.push({ bpmnId: `${id}_out${i + 1}`, from: this.subprocessExit.get(n.bpmnId) ?? n.bpmnId, to: exit.bpmnId, order: exit.order }));
    this.warn('subprocess-flattened', id, `Sub-process "${id}" was flattened: its steps joined the main flow.`);
  }

  /** Sequence flows become edges; flows out of an error boundary event become the task's error edge. */
  private connectFlows(): void {
    for (const { element, order } of this.flows) {
      const id = str(element.id);
      const source = element.sourceRef as ModdleElement | undefined;
      const target = element.targetRef as ModdleElement | undefined;
      if (!source?.id || !target?.id) {
        this.warn('dangling-flow', id, `Sequence flow "${id}" lacks a ${source?.id ? 'target' : 'source'}; it was left out.`);
        continue;
      }
      let from = str(source.id);
      const to = str(target.id);
      let kind: EdgeKind | undefined;
      const boundary = this.boundaries.get(from);
      if (boundary) {
        const task = this.nodeById.get(boundary.attachedTo);
        kind = task ? boundaryEdgeKind(task.kind, boundary.trigger) : undefined;
        if (!task || !kind) {
          this.warn(
            'boundary-event',
            from,
            `Boundary event "${from}" is ${boundary.trigger === 'other' ? 'neither an error nor a timer event' : `${boundary.trigger === 'error' ? 'an error' : 'a timer'} event on "${boundary.attachedTo}" (imported as ${task ? task.kind : 'nothing'})`}; only error events on tasks (the error or dead-letter path) and on allocations (all lines cancelled), and error or timer events on credit checks (the hold path), are simulated, so flow "${id}" was left out.`,
          );
          continue;
        }
        from = task.bpmnId;
      }
      from = this.subprocessExit.get(from) ?? from;
      if (!this.nodeById.has(from) || !this.nodeById.has(to)) {
        this.warn('dangling-flow', id, `Sequence flow "${id}" connects an element that was left out; the flow was left out too.`);
        continue;
      }
      this.edges.push({ bpmnId: id, from, to, kind, element, order, ext: flowcastExtension(element, 'edge', this) });
    }
    for (const [id, boundary] of this.boundaries) {
      if (!this.edges.some((e) => e.element && (e.element.sourceRef as ModdleElement | undefined)?.id === id) && boundary.trigger === 'error')
        this.warn('boundary-event', id, `Error boundary event "${id}" has no outgoing flow; it was left out.`);
    }
  }

  private outgoing(id: string): RawEdge[] {
    return this.edges.filter((e) => e.from === id);
  }

  private incoming(id: string): RawEdge[] {
    return this.edges.filter((e) => e.to === id);
  }

  private classifyGateways(): void {
    for (const node of [...this.nodes]) {
      if (node.kind !== 'gateway') continue;
      const outs = this.outgoing(node.bpmnId).length;
      const ins = this.incoming(node.bpmnId).length;
      const id = node.bpmnId;
      switch (node.gateway) {
        case 'exclusive':
          node.kind = outs >= 2 || outs === 0 ? 'decision' : 'pass';
          break;
        case 'parallel':
          // Flowcast's own export says which it is (a split may have several incoming edges: a merge before it).
          if (node.ext?.kind === 'split' && outs >= 2) node.kind = 'split';
          else if (node.ext?.kind === 'join' && outs <= 1) node.kind = 'join';
          else if (outs >= 2 && ins <= 1) node.kind = 'split';
          else if (ins >= 2 && outs <= 1) node.kind = 'join';
          else if (ins >= 2 && outs >= 2) {
            // Both a join and a split: the join keeps the id, a split follows it.
            node.kind = 'join';
            const split = this.add({ bpmnId: `${id}_split`, kind: 'split', name: node.name, processId: node.processId, order: node.order + 0.5, position: node.position ? { x: node.position.x + 80, y: node.position.y } : undefined });
            for (const e of this.outgoing(id)) e.from = split.bpmnId;
            this.edges.push({ bpmnId: `${id}_to_split`, from: id, to: split.bpmnId, order: node.order + 0.5 });
            this.warn('gateway-join-split', id, `Parallel gateway "${id}" both joins and splits; it became a join followed by a split.`);
          } else node.kind = 'pass';
          break;
        default:
          if (outs >= 2) {
            node.kind = 'decision';
            this.warn('gateway-as-decision', id, `${node.gateway} gateway "${id}" became a decision that takes exactly one branch per order.`);
          } else {
            node.kind = 'pass';
            if (ins >= 2) this.warn('gateway-merge', id, `${node.gateway} gateway "${id}" merges flows; orders pass through it at once (no waiting for other branches).`);
          }
      }
    }
  }

  /** Removes pass-through nodes, connecting what comes before them to what comes after. */
  private reducePasses(): void {
    for (const node of [...this.nodes]) {
      if (node.kind !== 'pass') continue;
      const id = node.bpmnId;
      const ins = this.incoming(id).filter((e) => e.from !== id);
      const outs = this.outgoing(id).filter((e) => e.to !== id);
      this.removeEdges((e) => (e.from === id && e.to === id));
      if (outs.length === 1) {
        for (const e of ins) e.to = outs[0].to;
        this.removeEdges((e) => e === outs[0]);
      } else if (ins.length === 1 && outs.length > 1) {
        for (const e of outs) e.from = ins[0].from;
        if (ins[0].kind) for (const e of outs) e.kind = ins[0].kind;
        this.removeEdges((e) => e === ins[0]);
      } else if (ins.length === 0 || outs.length === 0) {
        if (!id.endsWith('__exit') || ins.length > 0)
          this.warn('dead-end', this.originalId(id), `"${this.originalId(id)}" has ${ins.length === 0 ? 'no incoming' : 'no outgoing'} flow; it was left out${ins.length + outs.length > 0 ? ' with its flows' : ''}.`);
        this.removeEdges((e) => e.from === id || e.to === id);
      } else {
        for (const a of ins) for (const b of outs) this.edges.push({ bpmnId: `${a.bpmnId}_${b.bpmnId}`, from: a.from, to: b.to, kind: a.kind, order: a.order });
        this.removeEdges((e) => e.from === id || e.to === id);
        this.warn('pass-many', this.originalId(id), `"${this.originalId(id)}" had several incoming and outgoing flows; each incoming flow was connected to each outgoing one.`);
      }
      this.removeNode(id);
    }
  }

  private originalId(id: string): string {
    return id.endsWith('__exit') ? id.slice(0, -'__exit'.length) : id;
  }

  private removeEdges(predicate: (e: RawEdge) => boolean): void {
    for (let i = this.edges.length - 1; i >= 0; i--) if (predicate(this.edges[i])) this.edges.splice(i, 1);
  }

  private removeNode(id: string): void {
    const index = this.nodes.findIndex((n) => n.bpmnId === id);
    if (index >= 0) this.nodes.splice(index, 1);
    this.nodeById.delete(id);
  }

  /** A task or event with several outgoing flows starts them all (BPMN "uncontrolled flow"): a split makes that explicit. */
  private insertImplicitSplits(): void {
    for (const node of [...this.nodes]) {
      if (node.kind === 'decision' || node.kind === 'split' || node.kind === 'end') continue;
      const outs = this.outgoing(node.bpmnId).filter((e) => e.kind === undefined || e.kind === 'next');
      if (outs.length < 2) continue;
      const splitId = `${node.bpmnId}_split`;
      const position = node.position ? { x: node.position.x + (node.size?.width ?? 100) + 40, y: node.position.y + (node.size?.height ?? 80) / 2 - 25 } : undefined;
      this.add({ bpmnId: splitId, kind: 'split', name: `${node.name} (all paths)`, processId: node.processId, order: node.order + 0.5, position });
      const first = Math.min(...outs.map((e) => e.order));
      for (const e of outs) e.from = splitId;
      this.edges.push({ bpmnId: `${node.bpmnId}_to_split`, from: node.bpmnId, to: splitId, order: first - 0.5 });
      const conditional = outs.some((e) => e.element?.conditionExpression);
      this.warn(
        'implicit-split',
        node.bpmnId,
        `"${node.bpmnId}" has ${outs.length} outgoing flows, so BPMN starts all of them; a parallel split was added after it${conditional ? ' (their conditions are not evaluated: use a gateway to choose)' : ''}.`,
      );
    }
  }

  /** Each join waits for the nearest split that lies behind every one of its incoming branches. */
  private pairJoins(): void {
    const claimed = new Set<string>();
    let unpaired = false;
    for (const join of this.nodes.filter((n) => n.kind === 'join')) {
      const extSplit = typeof join.ext?.split === 'string' ? join.ext.split : undefined;
      if (extSplit && this.nodeById.get(extSplit)?.kind === 'split' && !claimed.has(extSplit)) {
        join.split = extSplit;
        claimed.add(extSplit);
        continue;
      }
      const branches = this.incoming(join.bpmnId).map((e) => this.splitsBehind(e.from));
      const candidates = [...(branches[0]?.keys() ?? [])].filter((s) => !claimed.has(s) && branches.every((b) => b.has(s)));
      candidates.sort((a, b) => Math.max(...branches.map((m) => m.get(a) ?? 0)) - Math.max(...branches.map((m) => m.get(b) ?? 0)));
      if (candidates.length === 0) {
        this.warn('unpaired-join', join.bpmnId, `Parallel join "${join.bpmnId}" has no parallel split behind all of its branches; it became a plain merge (orders pass through at once).`);
        join.kind = 'pass';
        unpaired = true;
        continue;
      }
      join.split = candidates[0];
      claimed.add(candidates[0]);
    }
    if (unpaired) this.reducePasses();
  }

  /** Splits reachable backwards from `start`, with their distance. */
  private splitsBehind(start: string): Map<string, number> {
    const found = new Map<string, number>();
    const seen = new Set<string>([start]);
    let frontier = [start];
    for (let distance = 0; frontier.length > 0 && distance <= this.nodes.length; distance++) {
      const next: string[] = [];
      for (const id of frontier) {
        if (this.nodeById.get(id)?.kind === 'split' && !found.has(id)) found.set(id, distance);
        for (const e of this.incoming(id)) {
          if (!seen.has(e.from)) {
            seen.add(e.from);
            next.push(e.from);
          }
        }
      }
      frontier = next;
    }
    return found;
  }

  // ------------------------------------------------------------------------------------------ the model

  private build(processes: ModdleElement[]): BpmnImportResult {
    const nodeIds = new IdMap();
    const edgeIds = new IdMap();
    const poolIds = new IdMap();
    const nodes = [...this.nodes].sort((a, b) => a.order - b.order);
    for (const node of nodes) {
      const id = nodeIds.get(node.bpmnId);
      if (id !== node.bpmnId && !node.bpmnId.includes('__')) this.warn('renamed-id', node.bpmnId, `The id "${node.bpmnId}" is not a valid Flowcast id; it became "${id}".`);
    }
    this.fillMissingPositions(nodes);

    const ext = this.modelExt ?? {};
    const pools: Array<Record<string, unknown>> = Array.isArray(ext.pools) ? ext.pools.filter(isPlainObject).map((p) => ({ ...p })) : [];
    const systems: Array<Record<string, unknown>> = Array.isArray(ext.systems) ? ext.systems.filter(isPlainObject).map((s) => ({ ...s })) : [];
    const poolExists = (id: string) => pools.some((p) => p.id === id);
    const systemExists = (id: string) => systems.some((s) => s.id === id);

    // A lane becomes a pool when an activity in it takes its team from the lane (not from its Flowcast parameters).
    const poolFromExt = (n: RawNode) => n.ext?.kind === 'activity' && typeof n.ext.pool === 'string' && poolExists(n.ext.pool);
    const usedLanes = new Set(nodes.filter((n) => n.kind === 'activity' && !poolFromExt(n)).map((n) => n.laneId).filter((l): l is string => l !== undefined));
    for (const lane of this.lanes) {
      const id = poolIds.get(lane.id);
      if (poolExists(id)) continue;
      if (!usedLanes.has(lane.id)) continue;
      const quantity = bpsimNumber(this.bpsim?.byElement.get(lane.id)?.quantity);
      const cost = bpsimNumber(this.bpsim?.byElement.get(lane.id)?.unitCost);
      const capacity = quantity !== undefined && Number.isInteger(quantity) && quantity >= 0 ? quantity : 1;
      if (quantity === undefined)
        this.warn('default-capacity', lane.id, `Lane "${lane.name}" became pool "${id}" with 1 person (no BPSim resource quantity); set its real team size.`);
      pools.push({ id, name: lane.name, capacity, costPerHour: cost ?? loadedCostPerHour.office });
    }

    const built: Array<Record<string, unknown>> = [];
    for (const node of nodes) built.push(this.buildNode(node, nodeIds, poolIds, pools, systems, poolExists, systemExists));

    const edges: Array<Record<string, unknown>> = [];
    const sortedEdges = [...this.edges].sort((a, b) => a.order - b.order);
    for (const edge of sortedEdges) {
      const from = this.nodeById.get(edge.from);
      const kind: EdgeKind = from?.kind === 'decision' ? 'branch' : edge.kind ?? 'next';
      const out: Record<string, unknown> = { id: edgeIds.get(edge.bpmnId), from: nodeIds.get(edge.from), to: nodeIds.get(edge.to), kind };
      const name = cleanName(edge.element?.name);
      if (name) out.label = name.slice(0, limits.nameLength);
      if (edge.ext) {
        for (const key of ['kind', 'probability', 'condition', 'otherwise'] as const) if (edge.ext[key] !== undefined) out[key] = edge.ext[key];
        if (from?.kind !== 'decision' && out.kind === 'branch') out.kind = kind;
      }
      edges.push(out);
    }
    for (const node of nodes.filter((n) => n.kind === 'decision')) this.decideBranches(node, nodeIds.get(node.bpmnId), built, sortedEdges, edges);
    this.declareConditionAttributes(built, edges, nodes, nodeIds);

    const participant = [...this.participantOfProcess.values()][0];
    const name = cleanName(participant?.name) ?? cleanName(processes[0].name) ?? cleanName(this.definitions.name) ?? this.options.fallbackName ?? 'Imported BPMN process';
    const document: Record<string, unknown> = {
      formatVersion: CURRENT_FORMAT_VERSION,
      metadata: { name: name.slice(0, limits.nameLength), description: 'Imported from BPMN 2.0.' },
      run: { horizon: { value: 7, unit: 'd' }, warmup: { value: 1, unit: 'd' }, replications: 10, seed: 1 },
      sites: [{ id: 'main', name: 'Main site', volumeShare: 1 }],
      pools,
      systems,
      nodes: built,
      edges,
    };
    for (const key of ['$schema', 'metadata', 'currency', 'run', 'priorityClasses', 'sites', 'calendars', 'slas', 'customers', 'finance', 'variants'] as const)
      if (ext[key] !== undefined) document[key] = ext[key];
    const loaded = loadModel(document as WorkflowInput);
    const reverse = new Map(nodes.map((n) => [nodeIds.get(n.bpmnId), this.originalId(n.bpmnId)] as const));
    for (const finding of loaded.findings) {
      const elementId = finding.nodeId ? reverse.get(finding.nodeId) ?? finding.nodeId : null;
      if (finding.severity === 'error') this.error(`model-${finding.code}`, elementId, `The imported model is not valid at ${finding.path}: ${finding.message}`);
      else if (finding.severity === 'warning') this.warn(`model-${finding.code}`, elementId, `The imported model has a warning at ${finding.path}: ${finding.message}`);
    }
    const order = (i: BpmnIssue) => (i.severity === 'error' ? 0 : 1);
    this.issues.sort((a, b) => order(a) - order(b));
    return loaded.model ? { model: loaded.model, issues: this.issues, findings: loaded.findings } : { issues: this.issues, findings: loaded.findings };
  }

  private buildNode(
    node: RawNode,
    nodeIds: IdMap,
    poolIds: IdMap,
    pools: Array<Record<string, unknown>>,
    systems: Array<Record<string, unknown>>,
    poolExists: (id: string) => boolean,
    systemExists: (id: string) => boolean,
  ): Record<string, unknown> {
    const id = nodeIds.get(node.bpmnId);
    const kind = node.kind as NodeKind;
    const base: Record<string, unknown> = { id, name: node.name.slice(0, limits.nameLength), kind };
    if (node.position) base.position = { x: round2(node.position.x), y: round2(node.position.y) };
    const ext = node.ext && node.ext.kind === kind ? node.ext : undefined;
    if (node.ext && !ext) this.warn('flowcast-extension-kind', node.bpmnId, `The Flowcast parameters of "${node.bpmnId}" are for a ${String(node.ext.kind)} but the element is now a ${kind}; they were ignored.`);
    if (ext) {
      const merged: Record<string, unknown> = { ...ext, ...base };
      if (kind === 'join') merged.split = node.split ? nodeIds.get(node.split) : ext.split;
      if (kind === 'activity' && typeof merged.pool === 'string' && !poolExists(merged.pool)) merged.pool = this.poolFor(node, poolIds, pools, poolExists);
      if (kind === 'integration' && typeof merged.system === 'string' && !systemExists(merged.system)) merged.system = this.systemFor(node, systems, systemExists);
      return merged;
    }
    const params = this.bpsim?.byElement.get(node.bpmnId);
    const baseUnit = this.bpsim?.baseTimeUnit ?? 'ms';
    const time = (what: string): TimeDistribution | undefined => {
      if (!params?.processingTime) return undefined;
      const result = bpsimTimeDistribution(params.processingTime, baseUnit);
      if ('error' in result) {
        this.warn('bpsim-unreadable', node.bpmnId, `The BPSim ${what} of "${node.bpmnId}" could not be used: ${result.error}.`);
        return undefined;
      }
      return result.distribution;
    };
    const cost = bpsimNumber(params?.unitCost);
    switch (kind) {
      case 'source': {
        let arrivals: Record<string, unknown> | undefined;
        if (params?.interTriggerTimer) {
          const result = bpsimTimeDistribution(params.interTriggerTimer, baseUnit);
          if ('error' in result) this.warn('bpsim-unreadable', node.bpmnId, `The BPSim inter-arrival time of "${node.bpmnId}" could not be used: ${result.error}.`);
          else {
            const meanMinutes = meanOf(result.distribution);
            if (result.distribution.kind !== 'exponential')
              this.warn('poisson-arrivals', node.bpmnId, `Orders at "${node.bpmnId}" arrive as a Poisson stream with the BPSim mean gap (${round2(meanMinutes)} min); the ${result.distribution.kind} shape of the gaps is not kept.`);
            if (meanMinutes > 0) arrivals = { ratePerHour: round6(60 / meanMinutes) };
          }
        }
        if (!arrivals) {
          const cycle = this.timerCycleMinutes(node);
          if (cycle !== undefined) arrivals = { ratePerHour: round6(60 / cycle) };
        }
        if (!arrivals) {
          arrivals = { ...defaultArrivals };
          this.warn('default-arrivals', node.bpmnId, `Start event "${node.bpmnId}" has no arrival rate (BPSim InterTriggerTimer); it got ${defaultArrivals.ratePerHour} orders/hour on average (100 a working day, business hours, Mon-Fri): set the real volume.`);
        }
        return { ...base, arrivals };
      }
      case 'end': {
        const definition = list(node.element?.eventDefinitions)[0]?.$type;
        const outcome = definition === 'bpmn:ErrorEventDefinition' ? 'failed' : definition === 'bpmn:CancelEventDefinition' ? 'cancelled' : 'fulfilled';
        return { ...base, outcome };
      }
      case 'activity': {
        let duration = time('processing time');
        if (!duration) {
          duration = this.defaults.activityDuration;
          this.warn('default-duration', node.bpmnId, `Activity "${node.bpmnId}" has no processing time (BPSim ProcessingTime); it got the template default ${describe(duration)}.`);
        }
        const out: Record<string, unknown> = { ...base, duration, pool: this.poolFor(node, poolIds, pools, poolExists) };
        if (cost !== undefined) out.costPerVisit = cost;
        return out;
      }
      case 'integration': {
        let latency = time('processing time');
        if (!latency) {
          latency = this.defaults.integrationLatency;
          this.warn('default-latency', node.bpmnId, `System call "${node.bpmnId}" has no processing time (BPSim ProcessingTime); it got the template default latency ${describe(latency)}.`);
        }
        const out: Record<string, unknown> = { ...base, latency, system: this.systemFor(node, systems, systemExists) };
        if (cost !== undefined) out.costPerVisit = cost;
        return out;
      }
      case 'delay': {
        let duration = time('processing time');
        if (!duration) duration = this.timerDuration(node);
        return { ...base, duration };
      }
      case 'join':
        return { ...base, split: node.split ? nodeIds.get(node.split) : undefined };
      case 'batch':
        return { ...base, every: { value: 1, unit: 'h' } };
      case 'decision':
      case 'split':
      case 'allocate':
      case 'creditCheck':
      case 'awaitPayment':
        return base;
    }
  }

  private poolFor(node: RawNode, poolIds: IdMap, pools: Array<Record<string, unknown>>, poolExists: (id: string) => boolean): string {
    if (node.laneId) {
      const id = poolIds.get(node.laneId);
      if (poolExists(id)) return id;
    }
    const fallback = 'staff';
    if (!poolExists(fallback)) pools.push({ id: fallback, name: 'Staff (default pool)', capacity: 1, costPerHour: loadedCostPerHour.office });
    this.warn('no-lane', node.bpmnId, `Activity "${node.bpmnId}" is in no lane; it uses the default pool "Staff" (1 person).`);
    return fallback;
  }

  private systemFor(node: RawNode, systems: Array<Record<string, unknown>>, systemExists: (id: string) => boolean): string {
    const partner = this.messagePartner.get(node.bpmnId);
    if (partner?.id) {
      const id = new IdMap().get(str(partner.id));
      if (!systemExists(id)) systems.push({ id, name: cleanName(partner.name) ?? id, kind: systemKind(cleanName(partner.name) ?? '') });
      return id;
    }
    const fallback = 'system';
    if (!systemExists(fallback)) systems.push({ id: fallback, name: 'Default system', kind: 'other' });
    this.warn('default-system', node.bpmnId, `System call "${node.bpmnId}" exchanges no message with a participant; it calls the "Default system".`);
    return fallback;
  }

  private timerDuration(node: RawNode): TimeDistribution {
    const definition = list(node.element?.eventDefinitions)[0];
    const fallback: TimeDistribution = { kind: 'constant', value: 1, unit: 'h' };
    if (definition?.$type !== 'bpmn:TimerEventDefinition') {
      this.warn('default-delay', node.bpmnId, `Delay "${node.bpmnId}" has no timer duration; it waits 1 h: set the real wait.`);
      return fallback;
    }
    const durationText = (definition.timeDuration as ModdleElement | undefined)?.body;
    if (typeof durationText === 'string' && durationText.trim() !== '') {
      const parsed = parseIsoDurationMinutes(durationText);
      if ('minutes' in parsed) {
        const d = durationInPlainUnit(parsed.minutes);
        return { kind: 'constant', value: d.value, unit: d.unit };
      }
      this.warn('timer-duration', node.bpmnId, `The timer of "${node.bpmnId}" could not be read: ${parsed.error}; it waits 1 h.`);
      return fallback;
    }
    const kind = definition.timeDate ? 'a date' : definition.timeCycle ? 'a cycle' : 'no time';
    this.warn('timer-kind', node.bpmnId, `The timer of "${node.bpmnId}" gives ${kind}, not a duration; it waits 1 h: set the real wait.`);
    return fallback;
  }

  /** Minutes between arrivals of a timer start event with a cycle such as `R/PT1H`. */
  private timerCycleMinutes(node: RawNode): number | undefined {
    const definition = list(node.element?.eventDefinitions)[0];
    const cycle = (definition?.timeCycle as ModdleElement | undefined)?.body;
    if (definition?.$type !== 'bpmn:TimerEventDefinition' || typeof cycle !== 'string') return undefined;
    const period = cycle.trim().split('/').find((part) => /^P/i.test(part));
    const parsed = period ? parseIsoDurationMinutes(period) : undefined;
    if (!parsed || 'error' in parsed || parsed.minutes <= 0) {
      this.warn('timer-cycle', node.bpmnId, `The timer cycle "${cycle}" of "${node.bpmnId}" could not be read.`);
      return undefined;
    }
    this.warn('poisson-arrivals', node.bpmnId, `Start event "${node.bpmnId}" fires every ${round2(parsed.minutes)} min; orders arrive as a Poisson stream with that mean gap.`);
    return parsed.minutes;
  }

  /** Branch probabilities: Flowcast extension, then BPSim, then conditions, else equal shares (with a warning). */
  private decideBranches(node: RawNode, nodeId: string, built: Array<Record<string, unknown>>, rawEdges: RawEdge[], edges: Array<Record<string, unknown>>): void {
    const index = rawEdges.map((e, i) => [e, i] as const).filter(([e]) => e.from === node.bpmnId);
    const out = index.map(([, i]) => edges[i]);
    const raws = index.map(([e]) => e);
    const decision = built.find((b) => b.id === nodeId);
    if (raws.length === 0) return;
    if (node.ext && node.ext.kind === 'decision' && raws.every((e) => e.ext)) return;
    const id = node.bpmnId;
    const probabilities = raws.map((e) => bpsimNumber(this.bpsim?.byElement.get(e.bpmnId)?.probability));
    const given = probabilities.filter((p): p is number => p !== undefined && p >= 0);
    if (given.length > 0) {
      const missing = probabilities.length - given.length;
      const sum = given.reduce((a, b) => a + b, 0);
      // BPSim tools write percentages as often as fractions.
      const scale = sum > 1.5 && given.every((p) => p <= 100) ? 100 : 1;
      const rest = Math.max(0, 1 - sum / scale);
      let shares = probabilities.map((p) => (p !== undefined && p >= 0 ? p / scale : missing > 0 ? rest / missing : 0));
      const total = shares.reduce((a, b) => a + b, 0);
      if (missing > 0) this.warn('partial-probabilities', id, `Only ${given.length} of the ${raws.length} branches of "${id}" have a BPSim probability; the others share the rest equally.`);
      if (Math.abs(total - 1) > 1e-9) {
        if (total <= 0) shares = shares.map(() => 1 / shares.length);
        else shares = shares.map((s) => s / total);
        this.warn('probabilities-normalised', id, `The branch probabilities of "${id}" added up to ${round6(total)}; they were scaled to add up to 1.`);
      }
      out.forEach((e, i) => (e.probability = shares[i]));
      return;
    }
    const defaultFlow = (node.element?.default as ModdleElement | undefined)?.id;
    const conditions = raws.map((e) => {
      const body = (e.element?.conditionExpression as ModdleElement | undefined)?.body;
      return typeof body === 'string' ? parseCondition(body) : undefined;
    });
    const defaults = raws.filter((e) => e.bpmnId === defaultFlow).length;
    const allConditions = raws.every((e, i) => e.bpmnId === defaultFlow || conditions[i] !== undefined);
    if (allConditions && defaults === 1) {
      if (decision) decision.mode = 'condition';
      out.forEach((e, i) => {
        if (raws[i].bpmnId === defaultFlow) e.otherwise = true;
        else e.condition = conditions[i];
      });
      return;
    }
    const hasText = raws.some((e) => (e.element?.conditionExpression as ModdleElement | undefined)?.body);
    out.forEach((e) => (e.probability = 1 / out.length));
    this.warn(
      'equal-shares',
      id,
      `Decision "${id}" has no branch probabilities (BPSim ControlParameters Probability)${hasText ? ' and its conditions are not of the form "attribute op value" with a default flow' : ''}; its ${out.length} branches got equal shares: set the real ones.`,
    );
  }

  /**
   * Conditions read from BPMN (`channel == "EDI"`) name order attributes that BPMN does not define. Each source
   * that lacks such an attribute gets it with the values the conditions name plus "other", in equal shares, and a
   * warning asks for the real mix (without it, no order would carry the attribute and the branch never be taken).
   */
  private declareConditionAttributes(built: Array<Record<string, unknown>>, edges: Array<Record<string, unknown>>, nodes: RawNode[], nodeIds: IdMap): void {
    const builtIn = new Set(['site', 'priority', 'lines', 'value']);
    const values = new Map<string, { values: Set<string>; decision: string }>();
    for (const edge of edges) {
      const condition = edge.condition as Condition | undefined;
      if (!condition || builtIn.has(condition.attribute) || typeof condition.value === 'number') continue;
      const entry = values.get(condition.attribute) ?? { values: new Set<string>(), decision: String(edge.from) };
      for (const v of Array.isArray(condition.value) ? condition.value : [condition.value]) entry.values.add(v);
      values.set(condition.attribute, entry);
    }
    if (values.size === 0) return;
    const reverse = new Map(nodes.map((n) => [nodeIds.get(n.bpmnId), this.originalId(n.bpmnId)] as const));
    for (const [attribute, { values: named, decision }] of values) {
      let added = false;
      for (const node of built) {
        if (node.kind !== 'source') continue;
        const attributes = (node.attributes as Array<{ attribute: string }> | undefined) ?? [];
        if (attributes.some((a) => a.attribute === attribute)) continue;
        const list = [...named, ...(named.has('other') ? [] : ['other'])];
        node.attributes = [...attributes, { attribute, values: list.map((value) => ({ value, share: 1 / list.length })) }];
        added = true;
      }
      if (added)
        this.warn(
          'attribute-shares',
          reverse.get(decision) ?? decision,
          `Conditions use the order attribute "${attribute}", which BPMN does not define; the sources now draw it with equal shares of ${[...named].map((v) => `"${v}"`).join(', ')} and "other": set the real mix.`,
        );
    }
  }

  /** Positions for nodes without DI: a left-to-right layering from the sources (steps 180 x 120). */
  private fillMissingPositions(nodes: RawNode[]): void {
    if (nodes.every((n) => n.position)) return;
    const layer = new Map<string, number>();
    const queue = nodes.filter((n) => n.kind === 'source').map((n) => n.bpmnId);
    for (const id of queue) layer.set(id, 0);
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      for (const e of this.outgoing(id)) {
        if (layer.has(e.to)) continue;
        layer.set(e.to, (layer.get(id) ?? 0) + 1);
        queue.push(e.to);
      }
    }
    const perLayer = new Map<number, number>();
    for (const node of nodes) {
      if (node.position) continue;
      const l = layer.get(node.bpmnId) ?? 0;
      const row = perLayer.get(l) ?? 0;
      perLayer.set(l, row + 1);
      node.position = { x: 100 + l * 180, y: 100 + row * 120 };
    }
    if (this.shapes.size === 0) this.warn('no-diagram', null, 'The file has no diagram (BPMN DI); the steps were laid out left to right.');
  }
}

// ---------------------------------------------------------------------------------------------- helpers

/**
 * The edge kind of a flow leaving a boundary event: an error event on an activity is its error path, on a system
 * call its dead-letter path, on an allocation the path of a shipment whose lines were all cancelled; a credit
 * check's hold path is a timer (review after a while) or an error event. Undefined: not simulated.
 */
function boundaryEdgeKind(kind: RawKind, trigger: 'error' | 'timer' | 'other'): EdgeKind | undefined {
  if (trigger === 'error' && kind === 'activity') return 'error';
  if (trigger === 'error' && kind === 'integration') return 'deadLetter';
  if (trigger === 'error' && kind === 'allocate') return 'error';
  if (trigger !== 'other' && kind === 'creditCheck') return 'hold';
  return undefined;
}

/** Valid, unique Flowcast ids for BPMN ids (letters, digits, "-" and "_", starting with a letter, at most 64). */
class IdMap {
  private readonly map = new Map<string, string>();
  private readonly used = new Set<string>();

  get(bpmnId: string): string {
    const known = this.map.get(bpmnId);
    if (known) return known;
    let id = bpmnId.replace(/[^A-Za-z0-9_-]/g, '_');
    if (!/^[A-Za-z]/.test(id)) id = `n${id}`;
    id = id.slice(0, limits.idLength);
    let candidate = id;
    for (let k = 2; this.used.has(candidate); k++) candidate = `${id.slice(0, limits.idLength - String(k).length - 1)}_${k}`;
    this.map.set(bpmnId, candidate);
    this.used.add(candidate);
    return candidate;
  }
}

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A label as a name: line breaks of multi-line labels become spaces; empty means none. */
function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.replace(/\s+/g, ' ').trim();
  return name === '' ? undefined : name;
}

/** `bpmn:UserTask` -> `User task`. */
function label(type: string): string {
  const local = localName(type).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return local.charAt(0).toUpperCase() + local.slice(1);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function meanOf(d: TimeDistribution): number {
  return distributionMoments(d).mean * minutesPerUnit[d.unit];
}

function describe(d: TimeDistribution): string {
  if (d.kind === 'lognormal') return `lognormal, mean ${d.mean} ${d.unit}, sd ${d.sd} ${d.unit}`;
  return `${d.kind} ${d.unit}`;
}

function systemKind(name: string): string {
  const n = name.toLowerCase();
  if (/\berp\b|sap|oracle|dynamics/.test(n)) return 'erp';
  if (/\bwms\b|warehouse/.test(n)) return 'wms';
  if (/\btms\b|transport/.test(n)) return 'tms';
  if (/carrier/.test(n)) return 'carrier-api';
  if (/\bedi\b/.test(n)) return 'edi';
  if (/\bcrm\b|salesforce|portal/.test(n)) return 'crm';
  if (/financ|billing|invoice|bank/.test(n)) return 'finance';
  if (/middleware|esb|integration|mulesoft/.test(n)) return 'middleware';
  return 'other';
}

/**
 * Reads `<flowcast:node json="..."/>` (or `edge`, `model`) from an element's extension elements.
 * A broken JSON text is reported and ignored.
 */
function flowcastExtension(element: ModdleElement, what: 'node' | 'edge' | 'model', importer: { warn: (code: string, id: string | null, message: string) => void }): Record<string, unknown> | undefined {
  const values = list((element.extensionElements as ModdleElement | undefined)?.values);
  const ext = values.find((v) => v.$type === `${flowcastPrefix}:${what}`);
  if (!ext) return undefined;
  const text = typeof ext.json === 'string' ? ext.json : undefined;
  try {
    const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
    if (isPlainObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  importer.warn('flowcast-extension', str(element.id) || null, `The Flowcast parameters of "${str(element.id)}" are not a JSON object; they were ignored.`);
  return undefined;
}

const conditionOps: Record<string, Condition['op']> = { '==': 'eq', '=': 'eq', '!=': 'neq', '<>': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };

/**
 * A sequence-flow condition of the simple form `attribute op value` (optionally inside `${...}` or `#{...}`), e.g.
 * `${channel == "EDI"}`, `lines > 10`, `${site in ["north","south"]}`; anything else gives undefined.
 */
export function parseCondition(text: string): Condition | undefined {
  let body = text.trim();
  const wrapped = /^[$#]\{([\s\S]*)\}$/.exec(body);
  if (wrapped) body = wrapped[1].trim();
  const inMatch = /^([A-Za-z][A-Za-z0-9_]*)\s+in\s+\[(.*)\]$/.exec(body);
  if (inMatch) {
    const values = inMatch[2].split(',').map((v) => unquote(v.trim())).filter((v) => v !== '');
    return values.length > 0 ? { attribute: inMatch[1], op: 'in', value: values } : undefined;
  }
  const match = /^([A-Za-z][A-Za-z0-9_]*)\s*(==|!=|<>|<=|>=|=|<|>)\s*(.+)$/.exec(body);
  if (!match) return undefined;
  const op = conditionOps[match[2]];
  const raw = match[3].trim();
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  if (quoted) return { attribute: match[1], op, value: quoted[2] };
  const value = Number(raw);
  if (raw !== '' && Number.isFinite(value)) return { attribute: match[1], op, value };
  if (/^[A-Za-z0-9_-]+$/.test(raw)) return { attribute: match[1], op, value: raw };
  return undefined;
}

function unquote(text: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(text);
  return quoted ? quoted[2] : text;
}
