import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyVariant, loadModel, type Workflow, type WorkflowInput } from '../../models';
import { exportBpmn, importBpmn } from '../../models/bpmn';

/** BPMN round trips of the format v2 fulfilment features: kinds, node and source fields, stock, customers, finance. */

const fixtureText = readFileSync(new URL('../fixtures/fulfilment.flowcast.json', import.meta.url), 'utf8');
const fixtureDoc = (): WorkflowInput => JSON.parse(fixtureText) as WorkflowInput;

function loaded(doc: WorkflowInput): Workflow {
  const { model, findings } = loadModel(doc);
  if (!model) throw new Error(`the test model does not load: ${JSON.stringify(findings)}`);
  return model;
}

async function roundTrip(model: Workflow): Promise<{ xml: string; back: Awaited<ReturnType<typeof importBpmn>> }> {
  const { xml, issues } = await exportBpmn(model);
  expect(issues).toEqual([]);
  return { xml, back: await importBpmn(xml) };
}

/** The XML element written for a BPMN id (its whole start tag up to the end tag). */
function elementXml(xml: string, id: string): string {
  const match = new RegExp(`<bpmn:(\\w+) id="${id}"[\\s\\S]*?</bpmn:\\1>`).exec(xml);
  if (!match) throw new Error(`no element ${id} in the XML`);
  return match[0];
}

describe('BPMN export of the fulfilment steps', () => {
  it('round-trips the fulfilment fixture exactly, with no issue', async () => {
    const model = loaded(fixtureDoc());
    const { back } = await roundTrip(model);
    expect(back.issues).toEqual([]);
    expect(back.model).toEqual(model);
  });

  it('round-trips every variant of it (each allocation policy, other credit limits and carrying rate)', async () => {
    const model = loaded(fixtureDoc());
    for (const variant of model.variants) {
      const patched = applyVariant(model, variant.id).model as Workflow;
      const { back } = await roundTrip(patched);
      expect(back.issues, variant.id).toEqual([]);
      expect(back.model, variant.id).toEqual(patched);
    }
  });

  it('round-trips the other settings too: second shipments by stock, review at once, own payment terms, values per order', async () => {
    const doc = fixtureDoc();
    for (const node of doc.nodes) {
      if (node.kind === 'allocate' && node.sourcing) node.sourcing = { ...node.sourcing, rule: 'mostStock', fulfil: 'secondShipment', sites: undefined };
      if (node.kind === 'creditCheck') delete node.reviewAfter;
      if (node.kind === 'awaitPayment') node.daysToPay = { kind: 'gamma', mean: 40, sd: 12, unit: 'd' };
      if (node.kind === 'source') {
        node.value = { per: 'order', distribution: { kind: 'lognormal', mean: 900, sd: 600 } };
        delete node.promise?.requestedLeadTime;
      }
      if (node.id === 'pack') Object.assign(node, { costPerLine: 0.2, exception: false, milestone: 'ship', description: 'packing' });
      if (node.id === 'ship') delete node.milestone;
    }
    doc.sites[1] = { id: 'west', name: 'West DC', volumeShare: 0.4 };
    delete doc.customers?.segments[0].creditLimit;
    doc.finance = { carryingRatePerYear: 0 };
    const model = loaded(doc);
    const { back } = await roundTrip(model);
    expect(back.issues).toEqual([]);
    expect(back.model).toEqual(model);
  });

  it('writes each kind as the BPMN element that says what it is', async () => {
    const model = loaded(fixtureDoc());
    const { xml } = await exportBpmn(model);
    expect(elementXml(xml, 'allocate')).toMatch(/^<bpmn:task id="allocate" name="Allocate stock">/);
    expect(elementXml(xml, 'credit')).toMatch(/^<bpmn:businessRuleTask id="credit"/);
    const payment = elementXml(xml, 'payment');
    expect(payment).toMatch(/^<bpmn:intermediateCatchEvent id="payment"/);
    expect(payment).toContain('<bpmn:messageEventDefinition id="payment_payment" />');
    // Drawn as an event, not a task.
    expect(xml).toMatch(/bpmnElement="payment"[^>]*>\s*<dc:Bounds x="[\d.]+" y="[\d.]+" width="36" height="36"/);
    // The hold path fires after reviewAfter (4 h); the cancelled-backorder path is an error.
    const hold = elementXml(xml, 'credit-hold_boundary');
    expect(hold).toContain('attachedToRef="credit"');
    expect(hold).toMatch(/<bpmn:timerEventDefinition[^>]*>\s*<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT4H<\/bpmn:timeDuration>/);
    const cancelled = elementXml(xml, 'backorder-cancelled_boundary');
    expect(cancelled).toContain('attachedToRef="allocate"');
    expect(cancelled).toContain('<bpmn:errorEventDefinition');
    // Milestones, per-line costs and exception flags ride in the node's extension element.
    expect(elementXml(xml, 'ship')).toContain('&#34;milestone&#34;:&#34;ship&#34;');
    expect(elementXml(xml, 'pick')).toContain('&#34;costPerLine&#34;:0.35');
    expect(elementXml(xml, 'review')).toContain('&#34;exception&#34;:true');
  });

  it('a payment wait with its own terms gives other tools a BPSim processing time, which a stripped import keeps', async () => {
    const doc = fixtureDoc();
    for (const node of doc.nodes) if (node.kind === 'awaitPayment') node.daysToPay = { kind: 'lognormal', mean: 40, sd: 10, unit: 'd' };
    const { xml } = await exportBpmn(loaded(doc));
    expect(xml).toMatch(/elementRef="payment">[\s\S]*?<bpsim:ProcessingTime>[\s\S]*?mean="57600"/);
    const stripped = await importBpmn(xml.replace(/<flowcast:[^>]*\/>/g, ''));
    const payment = stripped.model?.nodes.find((n) => n.id === 'payment');
    expect(payment?.kind).toBe('delay');
    expect(payment?.kind === 'delay' && payment.duration).toMatchObject({ kind: 'lognormal', mean: 57600, unit: 'min' });
  });
});

describe('BPMN import of fulfilment steps without Flowcast parameters (another tool saved the file)', () => {
  it('keeps the flow, names what it could not keep, and never drops an element silently', async () => {
    const { xml } = await exportBpmn(loaded(fixtureDoc()));
    const { model, issues } = await importBpmn(xml.replace(/<flowcast:[^>]*\/>/g, ''));
    expect(model?.nodes.map((n) => [n.id, n.kind])).toEqual(
      expect.arrayContaining([
        ['credit', 'integration'],
        ['allocate', 'activity'],
        ['payment', 'delay'],
      ]),
    );
    expect(issues.map((i) => [i.code, i.elementId])).toEqual(
      expect.arrayContaining([
        ['automated-task', 'credit'],
        ['untyped-task', 'allocate'],
        ['catch-event-as-delay', 'payment'],
        ['boundary-event', 'credit-hold_boundary'],
      ]),
    );
    expect(issues.find((i) => i.elementId === 'payment' && i.code === 'catch-event-as-delay')?.message).toMatch(/^Message catch event "payment"/);
    // The allocation's error boundary survives as an activity's error path.
    expect(model?.edges.find((e) => e.id === 'backorder-cancelled')).toMatchObject({ from: 'allocate', kind: 'error' });
  });

  it("a credit check's hold path may be an error boundary event too", async () => {
    const { xml } = await exportBpmn(loaded(fixtureDoc()));
    const rewritten = xml.replace(/<bpmn:timerEventDefinition id="credit-hold_timer">[\s\S]*?<\/bpmn:timerEventDefinition>/, '<bpmn:errorEventDefinition id="credit-hold_error" />');
    expect(rewritten).not.toBe(xml);
    const { model, issues } = await importBpmn(rewritten);
    expect(issues).toEqual([]);
    expect(model?.edges.find((e) => e.id === 'credit-hold')).toMatchObject({ from: 'credit', to: 'review', kind: 'hold' });
  });
});
