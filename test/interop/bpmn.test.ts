import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelText, toMinutes, type Workflow, type WorkflowNode } from '../../models';
import { exportBpmn, formatIsoDuration, importBpmn, parseCondition, parseIsoDurationMinutes, xmlLimits, type BpmnImportResult } from '../../models/bpmn';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/bpmn/${name}`, import.meta.url), 'utf8');

async function imported(name: string): Promise<BpmnImportResult & { model: Workflow }> {
  const result = await importBpmn(fixture(name));
  if (!result.model) throw new Error(`${name} did not import: ${result.issues.map((i) => `${i.elementId}: ${i.message}`).join('\n')}`);
  return result as BpmnImportResult & { model: Workflow };
}

function node<K extends WorkflowNode['kind']>(model: Workflow, id: string, kind: K): Extract<WorkflowNode, { kind: K }> {
  const found = model.nodes.find((n) => n.id === id);
  expect(found?.kind, `node ${id}`).toBe(kind);
  return found as Extract<WorkflowNode, { kind: K }>;
}

function meanMinutesOf(d: { kind: string } & Record<string, unknown>, unit: string): number {
  const factor = toMinutes({ value: 1, unit: unit as 's' | 'min' | 'h' | 'd' });
  switch (d.kind) {
    case 'constant':
      return (d.value as number) * factor;
    case 'triangular':
      return (((d.min as number) + (d.mode as number) + (d.max as number)) / 3) * factor;
    default:
      return (d.mean as number) * factor;
  }
}

describe('BPMN import: a Camunda Modeler file with lanes, BPSim and a black-box ERP participant', () => {
  it('maps every element kind and takes the parameters from BPSim', async () => {
    const { model, issues } = await imported('camunda-order-to-cash.bpmn');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(model.metadata.name).toBe('Order to cash');
    // Lanes become pools with the BPSim team sizes.
    expect(model.pools.map((p) => [p.id, p.name, p.capacity])).toEqual([
      ['Lane_CSR', 'Customer service', 3],
      ['Lane_Credit', 'Credit desk', 4],
    ]);
    expect(node(model, 'Activity_Enter', 'activity').pool).toBe('Lane_CSR');
    expect(node(model, 'Activity_Review', 'activity').pool).toBe('Lane_Credit');
    // A multi-line label becomes one line.
    expect(node(model, 'StartEvent_Order', 'source').name).toBe('Order received');
    // InterTriggerTimer exponential mean 12 min: 5 orders an hour.
    expect(node(model, 'StartEvent_Order', 'source').arrivals.ratePerHour).toBe(5);
    expect(node(model, 'Activity_Enter', 'activity').duration).toEqual({ kind: 'lognormal', mean: 6, sd: 4, unit: 'min' });
    expect(node(model, 'Activity_Review', 'activity').duration).toEqual({ kind: 'triangular', min: 10, mode: 20, max: 45, unit: 'min' });
    expect(node(model, 'Activity_Pick', 'activity').duration).toEqual({ kind: 'gamma', mean: 20, sd: 10, unit: 'min' });
    // The service task calls the black-box participant it sends a message to.
    const post = node(model, 'Activity_Post', 'integration');
    expect(post.system).toBe('Participant_ERP');
    expect(post.latency).toEqual({ kind: 'constant', value: 0.5, unit: 'min' });
    expect(model.systems).toMatchObject([{ id: 'Participant_ERP', name: 'SAP ERP', kind: 'erp' }]);
    // The timer's ISO 8601 duration PT2H30M.
    expect(node(model, 'Event_Wait', 'delay').duration).toEqual({ kind: 'constant', value: 150, unit: 'min' });
    // Diverging exclusive gateway -> decision with BPSim probabilities; the converging one is gone.
    node(model, 'Gateway_Credit', 'decision');
    expect(model.nodes.some((n) => n.id === 'Gateway_Merge')).toBe(false);
    const branches = model.edges.filter((e) => e.from === 'Gateway_Credit');
    expect(branches.map((e) => [e.id, e.to, e.kind, e.probability, e.label])).toEqual([
      ['Flow_Ok', 'Gateway_Fork', 'branch', 0.85, 'yes'],
      ['Flow_Hold', 'Activity_Review', 'branch', 0.15, 'no'],
    ]);
    expect(model.edges.find((e) => e.id === 'Flow_4')?.to).toBe('Gateway_Fork');
    // Parallel gateways -> a split and the join paired with it.
    node(model, 'Gateway_Fork', 'split');
    expect(node(model, 'Gateway_Join', 'join').split).toBe('Gateway_Fork');
    // Positions from DI bounds.
    expect(node(model, 'Activity_Enter', 'activity').position).toEqual({ x: 280, y: 120 });
    expect(node(model, 'Gateway_Credit', 'decision').position).toEqual({ x: 435, y: 135 });
  });
});

describe('BPMN import: a bpmn.io file with a sub-process, a boundary error event and a condition', () => {
  it('flattens the sub-process, turns the error boundary into an error path and reads the condition', async () => {
    const { model, issues } = await imported('bpmnio-returns.bpmn');
    expect(model.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['StartEvent_1', 'source'],
      ['Task_Check', 'activity'],
      ['Gateway_Kind', 'decision'],
      ['Task_Notify', 'integration'],
      ['Task_Credit', 'activity'],
      ['End_Ok', 'end'],
      ['End_Failed', 'end'],
    ]);
    expect(node(model, 'End_Failed', 'end').outcome).toBe('failed');
    expect(model.edges.find((e) => e.from === 'Task_Credit' && e.kind === 'error')).toMatchObject({ id: 'Flow_err', to: 'End_Failed' });
    // The sub-process's inner flow now runs from the gateway through its task to what followed the sub-process.
    expect(model.edges.find((e) => e.id === 'Flow_edi')).toMatchObject({ from: 'Gateway_Kind', to: 'Task_Notify', condition: { attribute: 'channel', op: 'eq', value: 'EDI' } });
    expect(model.edges.find((e) => e.from === 'Task_Notify')?.to).toBe('End_Ok');
    expect(node(model, 'Gateway_Kind', 'decision').mode).toBe('condition');
    expect(model.edges.find((e) => e.id === 'Flow_other')?.otherwise).toBe(true);
    // Every default and every element left out is reported with its element id.
    const byCode = (code: string) => issues.filter((i) => i.code === code).map((i) => i.elementId);
    expect(byCode('untyped-task')).toEqual(['Task_Check']);
    expect(byCode('subprocess-flattened')).toEqual(['SubProcess_Refund']);
    expect(byCode('not-simulated').sort()).toEqual(['Association_1', 'TextAnnotation_1']);
    expect(byCode('default-duration').sort()).toEqual(['Task_Check', 'Task_Credit']);
    expect(byCode('default-latency')).toEqual(['Task_Notify']);
    expect(byCode('default-system')).toEqual(['Task_Notify']);
    expect(byCode('default-arrivals')).toEqual(['StartEvent_1']);
    for (const issue of issues) expect(issue.elementId, issue.message).not.toBeNull();
  });

  it('lays out a file without a diagram and gives a decision without probabilities equal shares, with warnings', async () => {
    const { model, issues } = await imported('no-diagram.bpmn');
    expect(model.nodes.every((n) => n.position !== undefined)).toBe(true);
    expect(model.edges.filter((e) => e.from === 'g').map((e) => e.probability)).toEqual([0.5, 0.5]);
    expect(issues.map((i) => [i.code, i.elementId])).toEqual(expect.arrayContaining([['no-diagram', null], ['equal-shares', 'g']]));
  });
});

describe('BPMN import: loops, nested parallel blocks, nested lanes, an event-based gateway', () => {
  it('keeps the rework loop, pairs each join with its own split and uses the innermost lanes', async () => {
    const { model, issues } = await imported('loops-and-nesting.bpmn');
    // The merging gateway is gone; the start and the rework branch both lead to Enter.
    expect(model.edges.filter((e) => e.to === 'Task_Enter').map((e) => [e.id, e.from])).toEqual([
      ['f1', 'Start'],
      ['f_rework', 'Ok'],
    ]);
    expect(node(model, 'Inner_Join', 'join').split).toBe('Inner_Split');
    expect(node(model, 'Outer_Join', 'join').split).toBe('Outer_Split');
    expect(model.pools.map((p) => p.id)).toEqual(['Lane_Entry', 'Lane_Check']);
    expect(node(model, 'Task_A', 'activity').pool).toBe('Lane_Check');
    // Event-based gateway: a decision between the message (a delay, with a warning) and the 1-day timer.
    node(model, 'Wait_Answer', 'decision');
    expect(node(model, 'Timeout', 'delay').duration).toEqual({ kind: 'constant', value: 1, unit: 'd' });
    expect(issues.map((i) => [i.code, i.elementId])).toEqual(
      expect.arrayContaining([
        ['gateway-as-decision', 'Wait_Answer'],
        ['catch-event-as-delay', 'Answer'],
        ['default-delay', 'Answer'],
        ['equal-shares', 'Ok'],
      ]),
    );
  });
});

describe('BPMN export and round trip', () => {
  for (const name of ['camunda-order-to-cash.bpmn', 'bpmnio-returns.bpmn', 'no-diagram.bpmn', 'loops-and-nesting.bpmn']) {
    it(`${name}: import, export, import again gives the same model`, async () => {
      const first = await imported(name);
      const { xml } = await exportBpmn(first.model);
      const second = await importBpmn(xml);
      expect(second.issues).toEqual([]);
      expect(second.model).toEqual(first.model);
    });
  }

  it('keeps structure and BPSim parameters when the Flowcast extension elements are stripped (another tool saved the file)', async () => {
    const first = await imported('camunda-order-to-cash.bpmn');
    const { xml } = await exportBpmn(first.model);
    const stripped = xml.replace(/<flowcast:[^>]*\/>/g, '');
    expect(stripped).not.toContain('flowcast:node');
    const second = await importBpmn(stripped);
    const model = second.model as Workflow;
    expect(model.nodes.map((n) => [n.id, n.kind, n.position])).toEqual(first.model.nodes.map((n) => [n.id, n.kind, n.position]));
    expect(model.edges).toEqual(first.model.edges);
    expect(model.pools.map((p) => [p.id, p.capacity])).toEqual(first.model.pools.map((p) => [p.id, p.capacity]));
    for (const n of model.nodes) {
      const original = first.model.nodes.find((o) => o.id === n.id) as WorkflowNode;
      if (n.kind === 'activity' && original.kind === 'activity') expect(meanMinutesOf(n.duration, n.duration.unit)).toBeCloseTo(meanMinutesOf(original.duration, original.duration.unit), 6);
      if (n.kind === 'source' && original.kind === 'source') expect(n.arrivals.ratePerHour).toBeCloseTo(original.arrivals.ratePerHour, 6);
    }
  });

  it('round-trips every shipped scenario exactly', async () => {
    const dir = new URL('../../scenarios/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.flowcast.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const model = loadModelText(readFileSync(new URL(file, dir), 'utf8')).model as Workflow;
      const back = await importBpmn((await exportBpmn(model)).xml);
      expect(back.issues, file).toEqual([]);
      expect(back.model, file).toEqual(model);
    }
  });

  it('writes diagram interchange for every element, which bpmn-moddle reads back without warnings', async () => {
    const { model } = await imported('camunda-order-to-cash.bpmn');
    const { xml } = await exportBpmn(model);
    // bpmn-moddle's own warnings (unresolved references, unknown elements) come back as xml-warning issues.
    expect((await importBpmn(xml)).issues).toEqual([]);
    const ids = (pattern: RegExp) => [...xml.matchAll(pattern)].map((m) => m[1]);
    const shapes = new Set(ids(/<bpmndi:BPMNShape id="[^"]+" bpmnElement="([^"]+)"/g));
    const edges = new Set(ids(/<bpmndi:BPMNEdge id="[^"]+" bpmnElement="([^"]+)"/g));
    for (const n of model.nodes) expect(shapes.has(n.id), n.id).toBe(true);
    for (const e of model.edges) expect(edges.has(e.id), e.id).toBe(true);
    expect(shapes.has('Lane_CSR') && shapes.has('Lane_Credit') && shapes.has('Participant_1') && shapes.has('Participant_ERP')).toBe(true);
    // Same shapes and layout: positions and bpmn.io's sizes.
    expect(xml).toMatch(/bpmnElement="Activity_Enter"[^>]*>\s*<dc:Bounds x="280" y="120" width="100" height="80"/);
    expect(xml).toMatch(/bpmnElement="Gateway_Credit"[^>]*>\s*<dc:Bounds x="435" y="135" width="50" height="50"/);
    for (const m of xml.matchAll(/<bpmndi:BPMNEdge[\s\S]*?<\/bpmndi:BPMNEdge>/g)) expect((m[0].match(/<di:waypoint/g) ?? []).length).toBeGreaterThanOrEqual(2);
    // BPSim for other simulation tools.
    expect(xml).toContain('<bpsim:ScenarioParameters baseTimeUnit="min"');
    expect(xml).toMatch(/elementRef="Flow_Ok">[\s\S]*?<bpsim:FloatingParameter value="0.85"/);
  });

  it('puts an exclusive merge in front of a split with several incoming edges (BPMN would wait for all of them)', async () => {
    const { model } = await imported('camunda-order-to-cash.bpmn');
    const { xml } = await exportBpmn(model);
    expect(xml).toMatch(/<bpmn:exclusiveGateway id="Gateway_Fork_merge"/);
    expect(xml).toMatch(/<bpmn:sequenceFlow id="Gateway_Fork_merged" sourceRef="Gateway_Fork_merge" targetRef="Gateway_Fork"/);
  });
});

describe('BPMN import refuses malformed and hostile files with clear errors', () => {
  const refuse = async (xml: string, code: string, text: RegExp) => {
    const result = await importBpmn(xml);
    expect(result.model).toBeUndefined();
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ severity: 'error', code });
    expect(result.issues[0].message).toMatch(text);
  };

  it('entity expansion (billion laughs) is refused before parsing', () => refuse(fixture('billion-laughs.bpmn'), 'doctype', /DOCTYPE.*line 2.*entity-expansion/));
  it('an external entity (XXE) is refused', () => refuse(fixture('external-entity.bpmn'), 'doctype', /DOCTYPE/));
  it('an ENTITY without a DOCTYPE line is refused', () => refuse('<?xml version="1.0"?>\n<!ENTITY x "y"><a/>', 'entity', /entity/));
  it('a file over the size limit is refused without parsing', () => refuse(`<?xml version="1.0"?><bpmn:definitions>${' '.repeat(xmlLimits.bpmnChars)}</bpmn:definitions>`, 'too-large', /at most 10 MB/));
  it('too many elements are refused', () => refuse(`<a>${'<b/>'.repeat(xmlLimits.bpmnElements + 1)}</a>`, 'too-many-elements', /more than 100000 elements/));
  it('malformed XML names the line', () => refuse(fixture('malformed.bpmn'), 'xml-syntax', /not well-formed.*line: 4/));
  it('text that is not XML', () => refuse('name,kind\nx,y', 'not-xml', /not XML/));
  it('an empty file', () => refuse('  \n', 'empty', /empty/));
  it('XML that is not BPMN', () => refuse('<?xml version="1.0"?><!-- a page --><html><body/></html>', 'not-bpmn', /<html>, not a BPMN <definitions>/));
  it('a BPMN file without a process', () =>
    refuse('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x"/>', 'no-process', /no process/));

  it('a process that cannot become a valid model gives model errors naming the BPMN element', async () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
      <bpmn:process id="P"><bpmn:startEvent id="S"/><bpmn:userTask id="T"/><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="T"/></bpmn:process></bpmn:definitions>`;
    const result = await importBpmn(xml);
    expect(result.model).toBeUndefined();
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => i.elementId)).toContain('T');
  });

  it('flattens nested sub-processes, including one without a start event', async () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
      <bpmn:process id="P"><bpmn:startEvent id="S"/>
        <bpmn:subProcess id="Outer"><bpmn:startEvent id="OS"/>
          <bpmn:subProcess id="Inner"><bpmn:userTask id="T1"/><bpmn:userTask id="T2"/><bpmn:sequenceFlow id="i1" sourceRef="T1" targetRef="T2"/></bpmn:subProcess>
          <bpmn:userTask id="T3"/><bpmn:endEvent id="OE"/>
          <bpmn:sequenceFlow id="o1" sourceRef="OS" targetRef="Inner"/><bpmn:sequenceFlow id="o2" sourceRef="Inner" targetRef="T3"/><bpmn:sequenceFlow id="o3" sourceRef="T3" targetRef="OE"/>
        </bpmn:subProcess><bpmn:endEvent id="E"/>
        <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Outer"/><bpmn:sequenceFlow id="F2" sourceRef="Outer" targetRef="E"/></bpmn:process></bpmn:definitions>`;
    const result = await importBpmn(xml);
    const path = (result.model as Workflow).edges.map((e) => `${e.from}>${e.to}`);
    expect(path.sort()).toEqual(['S>T1', 'T1>T2', 'T2>T3', 'T3>E']);
  });

  it('warnings of the model check come back with the BPMN element id (a parallel split without a join)', async () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
      <bpmn:process id="P"><bpmn:startEvent id="S"/><bpmn:parallelGateway id="Fork"/><bpmn:endEvent id="E1"/><bpmn:endEvent id="E2"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Fork"/><bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="E1"/><bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="E2"/></bpmn:process></bpmn:definitions>`;
    const result = await importBpmn(xml);
    expect(result.model).toBeDefined();
    expect(result.issues.map((i) => [i.severity, i.code, i.elementId])).toContainEqual(['warning', 'model-split-without-join', 'Fork']);
  });

  it('unsupported elements in the flow are reported and bridged, never dropped silently', async () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
      <bpmn:process id="P"><bpmn:startEvent id="S"/><bpmn:intermediateThrowEvent id="Signal"/><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Signal"/><bpmn:sequenceFlow id="F2" sourceRef="Signal" targetRef="E"/></bpmn:process></bpmn:definitions>`;
    const result = await importBpmn(xml);
    expect(result.model?.edges).toEqual([{ id: 'F1', from: 'S', to: 'E', kind: 'next' }]);
    expect(result.issues.map((i) => [i.code, i.elementId])).toContainEqual(['throw-event', 'Signal']);
  });
});

describe('ISO 8601 durations and conditions', () => {
  it('parses BPMN timer durations and refuses months', () => {
    expect(parseIsoDurationMinutes('PT2H30M')).toEqual({ minutes: 150 });
    expect(parseIsoDurationMinutes('P1DT0.5H')).toEqual({ minutes: 1470 });
    expect(parseIsoDurationMinutes('PT45S')).toEqual({ minutes: 0.75 });
    expect(parseIsoDurationMinutes('P2W')).toEqual({ minutes: 20160 });
    expect(parseIsoDurationMinutes('P1M')).toMatchObject({ error: expect.stringMatching(/months/) });
    expect(parseIsoDurationMinutes('2 hours')).toMatchObject({ error: expect.stringMatching(/not an ISO 8601 duration/) });
    expect(parseIsoDurationMinutes('P')).toMatchObject({ error: expect.any(String) });
    expect(formatIsoDuration(1470.75)).toBe('P1DT30M45S');
    expect(formatIsoDuration(0)).toBe('PT0S');
  });

  it('reads simple conditions and leaves expressions it cannot map', () => {
    expect(parseCondition('${lines >= 10}')).toEqual({ attribute: 'lines', op: 'gte', value: 10 });
    expect(parseCondition("#{site != 'north'}")).toEqual({ attribute: 'site', op: 'neq', value: 'north' });
    expect(parseCondition('${channel in ["EDI","portal"]}')).toEqual({ attribute: 'channel', op: 'in', value: ['EDI', 'portal'] });
    expect(parseCondition('${order.total() > 5 && vip}')).toBeUndefined();
  });
});
