import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type StudioPage } from './fixtures';

/**
 * The fulfilment editors (format v2) end to end: an allocate step added from the palette and wired in, its policy
 * and sourcing; a site's stock switched to an (s, Q) inventory; a customer segment added; the document and the
 * problems panel checked. Screenshots of the inspector go to /work/notes/shots (outside the repo) for review.
 */

const shotDir = process.env.FLOWCAST_SHOTS ?? '/work/notes/shots';

/** Scrolls the inspector so that `topTestId` starts at its top, then saves the whole window (1366x768). */
async function shot(studio: StudioPage, name: string, topTestId?: string): Promise<void> {
  mkdirSync(shotDir, { recursive: true });
  if (topTestId) await studio.page.getByTestId(topTestId).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await studio.page.screenshot({ path: `${shotDir}/${name}.png` });
  await studio.screenshot(`fulfilment-${name}`);
}

/** Two sites with locations, a source with product classes and a segment attribute, one customer segment. */
const base = {
  formatVersion: 2,
  metadata: { name: 'Allocation e2e' },
  run: { horizon: { value: 7, unit: 'd' } },
  sites: [
    { id: 'east', name: 'East DC', volumeShare: 0.6, location: { lat: 40.71, lon: -74.01 } },
    { id: 'west', name: 'West DC', volumeShare: 0.4, location: { lat: 41.88, lon: -87.63 } },
  ],
  pools: [{ id: 'pickers', name: 'Pickers', capacity: 3 }],
  nodes: [
    {
      id: 'orders',
      kind: 'source',
      name: 'Orders',
      position: { x: 0, y: 0 },
      arrivals: { ratePerHour: 2 },
      productMix: [
        { value: 'A', share: 0.7 },
        { value: 'B', share: 0.3 },
      ],
      attributes: [{ attribute: 'segment', values: [{ value: 'key', share: 0.3 }, { value: 'small', share: 0.7 }] }],
    },
    { id: 'pick', kind: 'activity', name: 'Pick and ship', position: { x: 620, y: 0 }, pool: 'pickers', duration: { kind: 'lognormal', mean: 5, sd: 2, unit: 'min' }, milestone: 'ship' },
    { id: 'done', kind: 'end', name: 'Shipped', position: { x: 900, y: 0 } },
  ],
  edges: [
    { id: 'e-in', from: 'orders', to: 'pick' },
    { id: 'e-out', from: 'pick', to: 'done' },
  ],
  customers: { segmentAttribute: 'segment', segments: [{ value: 'key', customers: 20, creditLimit: 50000, daysToPay: { kind: 'lognormal', mean: 30, sd: 10, unit: 'd' } }] },
};

/** Waits until a step stops moving on screen (the view zooms to fit after a model opens), so a drag lands. */
async function settled(studio: StudioPage, id: string): Promise<void> {
  let last = '';
  await expect
    .poll(async () => {
      const box = JSON.stringify(await studio.node(id).boundingBox());
      const same = box === last;
      last = box;
      return same;
    }, { intervals: [100] })
    .toBe(true);
}

async function openSection(studio: StudioPage, title: string): Promise<void> {
  const details = studio.page.locator('.inspector details.section', { has: studio.page.locator(':scope > summary', { hasText: title }) }).first();
  if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator(':scope > summary .section-title').click();
}

test('adds an allocate step with sourcing, an inventory and a customer segment; the model validates', async ({ studio }) => {
  await studio.loadDocument(base, 'Allocation e2e');
  await expect(studio.node('pick')).toBeVisible();
  await expect(studio.node('pick').getByTestId('milestone-pick')).toHaveText('ship');

  // Drop an allocate step between the source and the pick, then route orders through it.
  await expect(studio.page.getByTestId('palette-allocate')).toContainText('Allocate stock');
  const pane = (await studio.pane().boundingBox())!;
  const left = (await studio.node('orders').boundingBox())!;
  const right = (await studio.node('pick').boundingBox())!;
  await studio.dragFromPalette('palette-allocate', { x: (left.x + left.width + right.x) / 2 - pane.x, y: left.y + left.height / 2 - pane.y });
  await expect(studio.node('allocate1')).toBeVisible();
  await settled(studio, 'allocate1');
  await studio.select([], ['e-in']);
  await studio.page.keyboard.press('Delete');
  await expect.poll(async () => (await studio.document()).edges.map((e) => e.id)).toEqual(['e-out']);
  await studio.connect('orders', 'allocate1');
  await studio.connect('allocate1', 'pick');
  await expect.poll(async () => (await studio.document()).edges.map((e) => [e.from, e.to, e.kind ?? 'next'])).toEqual([
    ['pick', 'done', 'next'],
    ['orders', 'allocate1', 'next'],
    ['allocate1', 'pick', 'next'],
  ]);
  await expect(studio.node('allocate1')).toContainText('Ship available · backorder rest');

  // Policy and sourcing.
  await studio.select(['allocate1']);
  await expect(studio.page.getByTestId('node-form')).toBeVisible();
  const policy = studio.field('nodes[3].policy');
  await policy.selectOption('sourceElsewhere');
  await expect(studio.page.getByTestId('allocation')).toContainText('looked for at other sites first');
  await studio.field('nodes[3].sourcing.rule').selectOption('priorityList');
  const list = studio.page.getByTestId('priority-list');
  await expect(list.locator('li')).toHaveText([/East DC/, /West DC/]);
  await list.getByRole('button', { name: 'Move West DC up' }).click();
  await expect(list.locator('li')).toHaveText([/West DC/, /East DC/]);
  await studio.field('nodes[3].sourcing.fulfil').selectOption('secondShipment');
  await studio.field('nodes[3].sourcing.costPerShipment').fill('35');
  await studio.field('nodes[3].sourcing.costPerLine').fill('1.5');
  await shot(studio, 'inspector-allocate-priority-list', 'sourcing');
  await expect(studio.node('allocate1')).toContainText('Source by priority list');
  await expect(studio.node('allocate1')).toContainText('second shipment');
  // The error path is offered only where the format allows it; there is no hold path from an allocation.
  const kindOptions = await studio.field('edges[2].kind').locator('option').allTextContents();
  expect(kindOptions.join('|')).not.toContain('hold');
  expect(kindOptions.join('|')).toContain('error path');

  // Stock of East DC: an (s, Q) inventory, one row per class.
  await studio.page.getByTestId('tab-model').click();
  await openSection(studio, 'Sites');
  await studio.field('sites[0].stock.model').selectOption('inventory');
  await expect(studio.page.getByTestId('stock-east-row-0')).toBeVisible();
  await studio.field('sites[0].stock.classes[0].productClass').selectOption('A');
  await studio.field('sites[0].stock.classes[0].initialOnHand').fill('1200');
  await studio.field('sites[0].stock.classes[0].reorderPoint').fill('700');
  await studio.field('sites[0].stock.classes[0].reorderQuantity').fill('1000');
  await studio.field('sites[0].stock.classes[0].unitCost').fill('40');
  await studio.page.getByTestId('stock-east').getByRole('button', { name: '+ class' }).click();
  await expect(studio.page.getByTestId('stock-east-row-1')).toBeVisible();
  await expect(studio.field('sites[0].stock.classes[1].productClass')).toHaveValue('B');

  // Customers: the "small" segment has no row yet; add it with its own limit.
  await openSection(studio, 'Customers and credit');
  await expect(studio.page.getByTestId('segments-missing')).toContainText('“small”');
  await studio.page.getByTestId('segments').getByRole('button', { name: '+ segment' }).click();
  await expect(studio.field('customers.segments[1].value')).toHaveValue('small');
  await studio.field('customers.segments[1].creditLimit').fill('15000');
  await studio.field('customers.segments[1].customers').fill('200');
  await expect(studio.page.getByTestId('segments-missing')).toHaveCount(0);
  await shot(studio, 'model-customers-added-segment', 'segment-1');
  await openSection(studio, 'Finance');
  await studio.field('finance.carryingRatePerYear').fill('12');

  const doc = (await studio.document()) as unknown as {
    nodes: Array<Record<string, unknown>>;
    sites: Array<{ stock?: { model: string; classes: Array<Record<string, unknown>> } }>;
    customers: { segments: Array<Record<string, unknown>> };
    finance: { carryingRatePerYear: number };
  };
  expect(doc.nodes[3]).toMatchObject({
    kind: 'allocate',
    policy: 'sourceElsewhere',
    sourcing: { rule: 'priorityList', sites: ['west', 'east'], fulfil: 'secondShipment', costPerLine: 1.5, costPerShipment: 35 },
  });
  expect(doc.sites[0].stock?.model).toBe('inventory');
  expect(doc.sites[0].stock?.classes[0]).toMatchObject({ productClass: 'A', initialOnHand: 1200, reorderPoint: 700, reorderQuantity: 1000, unitCost: 40 });
  expect(doc.sites[0].stock?.classes[1]).toMatchObject({ productClass: 'B' });
  expect(doc.sites[1].stock).toBeUndefined();
  expect(doc.customers.segments.map((s) => [s.value, s.customers, s.creditLimit])).toEqual([
    ['key', 20, 50000],
    ['small', 200, 15000],
  ]);
  expect(doc.finance.carryingRatePerYear).toBeCloseTo(0.12, 10);

  const findings = await studio.findings();
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  await expect(studio.page.locator('.finding.error')).toHaveCount(0);
});

test('inspector screenshots: allocate, stock and customers of the fulfilment fixture; credit hold and milestones on the canvas', async ({ studio }) => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/fulfilment.flowcast.json', import.meta.url), 'utf8')) as { nodes: Array<{ id: string }> };
  await studio.loadDocument(fixture, 'fulfilment.flowcast.json');
  await expect(studio.node('allocate')).toBeVisible();
  expect((await studio.findings()).filter((f) => f.severity === 'error')).toEqual([]);

  // Canvas: summaries of the new kinds, milestone badges, the hold path's label.
  await expect(studio.node('credit')).toContainText('review after 4 h');
  await expect(studio.node('payment')).toContainText('Pays per segment terms');
  await expect(studio.node('invoice').getByTestId('milestone-invoice')).toHaveText('invoice');
  await expect(studio.node('cash').getByTestId('milestone-cash')).toHaveText('cash');
  // The hold path is drawn in its own colour, dash-dotted (labels hide at this zoom).
  const holdPath = studio.page.locator('[data-testid="rf__edge-credit-hold"] path.react-flow__edge-path');
  await expect(holdPath).toHaveCSS('stroke', 'rgb(166, 30, 77)');
  await expect(holdPath).toHaveCSS('stroke-dasharray', /10/);

  await studio.select(['allocate']);
  await expect(studio.page.getByTestId('sourcing')).toBeVisible();
  await expect(studio.field('nodes[4].policy')).toHaveValue('sourceElsewhere');
  await shot(studio, 'inspector-allocate', 'node-form');
  await shot(studio, 'inspector-allocate-sourcing', 'sourcing');

  await studio.select(['credit']);
  await expect(studio.page.getByTestId('credit-check')).toContainText('key 50,000 USD');
  await shot(studio, 'inspector-credit-check', 'node-form');

  await studio.select(['payment']);
  await expect(studio.field('nodes[9].daysToPay')).toHaveValue('segment');
  await expect(studio.page.getByTestId('await-payment')).toContainText('key: ~30 d · small: ~45 d');
  await shot(studio, 'inspector-await-payment', 'node-form');

  await studio.select(['orders']);
  await expect(studio.page.getByTestId('promise-text')).toContainText('ship 1 workday later, by 18:00');
  await shot(studio, 'inspector-source-lines', 'source-lines');
  await shot(studio, 'inspector-source-promise', 'promise');

  await studio.page.getByTestId('tab-model').click();
  await openSection(studio, 'Sites');
  await expect(studio.field('sites[0].stock.model')).toHaveValue('inventory');
  await shot(studio, 'model-stock-inventory', 'site-east');
  await expect(studio.page.getByTestId('stock-east-row-0').getByTestId('stock-demand')).toContainText('Orders here ≈ 127 units/day; over the mean lead time (4 d) ≈ 508 units.');
  await shot(studio, 'model-stock-inventory-rows', 'stock-east-row-0');
  await expect(studio.field('sites[1].stock.classes[0].fillProbability')).toHaveValue('97');
  await shot(studio, 'model-stock-fill-rate', 'site-west');

  await openSection(studio, 'Customers and credit');
  await expect(studio.field('customers.segmentAttribute')).toHaveValue('segment');
  await expect(studio.page.getByTestId('segment-0').getByTestId('segment-exposure')).toContainText('≈ 0.72 orders/day of ≈ 750 USD, so ≈ 16,200 USD waiting');
  await shot(studio, 'model-customers', 'customers');

  // One click starts the segment's customers owing what they would owe in steady state (credit binds from day one).
  await studio.page.getByTestId('segment-0').getByTestId('segment-exposure').getByRole('button', { name: 'Start with this owed' }).click();
  const customers = ((await studio.document()) as unknown as { customers: { segments: Array<{ openingExposure?: { kind: string; mean: number; sd: number } }> } }).customers;
  expect(customers.segments[0].openingExposure).toMatchObject({ kind: 'gamma' });
  expect(Math.abs((customers.segments[0].openingExposure?.mean ?? 0) - 16_200)).toBeLessThan(200);
  expect((await studio.findings()).filter((f) => f.severity === 'error')).toEqual([]);
  await shot(studio, 'model-customers-opening', 'segment-0');
});

test('a fulfilment finding shows under its field and focuses it from the problems panel, on a step and in the model settings', async ({ studio }) => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/fulfilment.flowcast.json', import.meta.url), 'utf8')) as {
    edges: Array<{ id: string }>;
    sites: Array<{ stock: { classes: Array<{ productClass?: string }> } }>;
  };
  // No hold path although the credit check refers held orders to review; two stock rows of West DC for class A.
  fixture.edges = fixture.edges.filter((e) => e.id !== 'credit-hold');
  fixture.sites[1].stock.classes[1].productClass = 'A';
  await studio.loadDocument(fixture, 'broken fulfilment');
  const hold = studio.page.locator('.finding.error', { hasText: 'no "hold" edge' });
  await expect(hold).toBeVisible();
  await hold.click();
  await expect(studio.field('nodes[1].reviewAfter.value')).toBeFocused();
  await expect(studio.page.getByTestId('no-hold-path')).toBeVisible();
  await expect(studio.page.locator('.inspector .field.invalid .field-error').first()).toContainText('no "hold" edge');
  // Connecting the hold handle to the review desk clears it.
  await settled(studio, 'review');
  await studio.connect('credit', 'review', 'hold');
  await expect.poll(async () => (await studio.document()).edges.filter((e) => e.kind === 'hold').map((e) => [e.from, e.to])).toEqual([['credit', 'review']]);
  await expect(hold).toHaveCount(0);
  await expect(studio.page.getByTestId('no-hold-path')).toHaveCount(0);

  const stock = studio.page.locator('.finding.error', { hasText: 'two stock rows' });
  await expect(stock).toBeVisible();
  await stock.click();
  await expect(studio.page.getByTestId('model-form')).toBeVisible();
  await expect(studio.field('sites[1].stock.classes[1].productClass')).toBeFocused();
  await studio.field('sites[1].stock.classes[1].productClass').selectOption('');
  await expect(stock).toHaveCount(0);
  expect((await studio.findings()).filter((f) => f.severity === 'error')).toEqual([]);
});

test('hold and dead-letter paths are drawn when one model follows another with a step of another kind under the same id', async ({ studio }) => {
  const model = (kind: 'integration' | 'creditCheck') => ({
    formatVersion: 2,
    metadata: { name: `Same id, ${kind}` },
    run: { horizon: { value: 7, unit: 'd' } },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    pools: [{ id: 'analysts', name: 'Analysts', capacity: 2 }],
    systems: [{ id: 'erp', name: 'ERP' }],
    nodes: [
      { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 2 }, position: { x: 0, y: 0 } },
      kind === 'integration'
        ? { id: 'check', kind, name: 'Check', system: 'erp', latency: { kind: 'constant', value: 1, unit: 's' }, failureProbability: 0.01, position: { x: 260, y: 0 } }
        : { id: 'check', kind, name: 'Check', position: { x: 260, y: 0 } },
      { id: 'review', kind: 'activity', name: 'Review', pool: 'analysts', duration: { kind: 'constant', value: 10, unit: 'min' }, position: { x: 520, y: 160 } },
      { id: 'done', kind: 'end', name: 'Done', position: { x: 780, y: 0 } },
    ],
    edges: [
      { id: 'in', from: 'orders', to: 'check' },
      { id: 'ok', from: 'check', to: 'done' },
      kind === 'creditCheck' ? { id: 'held', from: 'check', to: 'review', kind: 'hold' } : { id: 'dl', from: 'check', to: 'review', kind: 'deadLetter' },
      { id: 'reviewed', from: 'review', to: 'done' },
    ],
  });
  await studio.loadDocument(model('integration'), 'first');
  await expect(studio.page.locator('[data-testid="rf__edge-dl"]')).toHaveCount(1);
  await studio.loadDocument(model('creditCheck'), 'second');
  await expect(studio.node('check')).toContainText('Limit check');
  await expect(studio.page.locator('[data-testid="rf__edge-held"] path.react-flow__edge-path')).toHaveCSS('stroke', 'rgb(166, 30, 77)');
  await studio.loadDocument(model('integration'), 'third');
  await expect(studio.page.locator('[data-testid="rf__edge-dl"] path.react-flow__edge-path')).toHaveCSS('stroke', 'rgb(138, 63, 209)');
});
