import { expect, test, type StudioPage } from './fixtures';

/** New document, then source -> activity -> end by dragging from the palette and connecting handles. */
async function buildSmallWorkflow(studio: StudioPage): Promise<void> {
  await studio.toolbar('newDocument').click();
  await expect(studio.page.getByTestId('canvas-empty')).toBeVisible();
  await expect(studio.page.getByTestId('doc-title')).toHaveText('Untitled workflow');
  await studio.dragFromPalette('palette-source', { x: 140, y: 120 });
  await studio.dragFromPalette('palette-activity', { x: 400, y: 120 });
  await studio.dragFromPalette('palette-end', { x: 660, y: 120 });
  await expect(studio.page.locator('.react-flow__node')).toHaveCount(3);
  await studio.connect('source1', 'activity1');
  await studio.connect('activity1', 'end1');
  await expect(studio.page.locator('.react-flow__edge')).toHaveCount(2);
}

test('first start opens the default scenario with a hint of what to try', async ({ studio }) => {
  await expect(studio.page.getByTestId('hint')).toContainText('Run');
  await expect(studio.page.getByTestId('doc-title')).toContainText('Regional distributor');
  await expect(studio.page.getByTestId('doc-title')).not.toContainText('•');
  expect((await studio.findings()).filter((f) => f.severity === 'error')).toEqual([]);
  await expect(studio.page.getByTestId('problems-empty')).toBeVisible();
  // At 1366x768 the panels tile the window: inside it, none overlapping another.
  const boxes = await Promise.all(
    ['.toolbar', '.palette', '.centre', '.inspector', '.dock', '.statusbar', '.hint-bar'].map(async (sel) => ({ sel, box: (await studio.page.locator(sel).boundingBox())! })),
  );
  for (const { sel, box } of boxes) {
    expect(box.x, sel).toBeGreaterThanOrEqual(0);
    expect(box.y, sel).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, sel).toBeLessThanOrEqual(1366 + 0.5);
    expect(box.y + box.height, sel).toBeLessThanOrEqual(768 + 0.5);
    expect(box.width * box.height, sel).toBeGreaterThan(0);
  }
  for (const a of boxes)
    for (const b of boxes) {
      if (a === b) continue;
      const overlapX = Math.min(a.box.x + a.box.width, b.box.x + b.box.width) - Math.max(a.box.x, b.box.x);
      const overlapY = Math.min(a.box.y + a.box.height, b.box.y + b.box.height) - Math.max(a.box.y, b.box.y);
      expect(overlapX > 1 && overlapY > 1, `${a.sel} overlaps ${b.sel}`).toBe(false);
    }
  const toolbar = studio.page.locator('.toolbar');
  expect(await toolbar.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'toolbar fits without clipping').toBe(true);
  const clipped = await toolbar.locator('button, .doc-title ~ *').evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth).map((el) => el.textContent),
  );
  expect(clipped, 'toolbar items cut off').toEqual([]);
  await studio.screenshot('01-first-start');
});

test('builds a small workflow from an empty canvas by dragging and connecting', async ({ studio }) => {
  await studio.screenshot('02a-new-empty');
  await buildSmallWorkflow(studio);
  const doc = await studio.document();
  expect(doc.nodes.map((n) => n.kind)).toEqual(['source', 'activity', 'end']);
  expect(doc.edges.map((e) => [e.from, e.to, e.kind])).toEqual([
    ['source1', 'activity1', 'next'],
    ['activity1', 'end1', 'next'],
  ]);
  expect(await studio.findings()).toEqual([]);
  await expect(studio.page.getByTestId('problems-empty')).toBeVisible();
  await expect(studio.page.getByTestId('doc-title')).toContainText('•');
  await studio.node('activity1').click();
  await expect(studio.page.getByTestId('node-form')).toBeVisible();
  await studio.screenshot('02b-built-small-workflow');
});

test('edits parameters; a validation error appears at the field and on the node, and goes away', async ({ studio }) => {
  await buildSmallWorkflow(studio);
  await studio.node('activity1').click();
  const failure = studio.field('nodes[1].failureProbability');
  await failure.fill('10');
  await expect(studio.page.locator('.finding.error')).toContainText('no "error" edge');
  await expect(studio.node('activity1').locator('.step-badge.error')).toBeVisible();
  await expect(studio.page.locator('.inspector .field.invalid .field-error').first()).toContainText('error');
  await expect(studio.node('activity1')).toContainText('fails 10%');
  await studio.screenshot('03a-validation-error');

  // Text that is not a number stays in the field with a message and never reaches the document.
  const mean = studio.field('nodes[1].duration.mean');
  await mean.fill('12x');
  await expect(studio.page.locator('.inspector .field-error', { hasText: 'not a number' })).toBeVisible();
  expect((await studio.document()).nodes[1].duration).toMatchObject({ mean: 5 });
  await mean.fill('12');
  await expect(studio.page.getByTestId('moments')).toContainText('12');
  expect((await studio.document()).nodes[1].duration).toMatchObject({ mean: 12 });

  await failure.fill('0');
  await expect(studio.page.getByTestId('problems-empty')).toBeVisible();
  await expect(studio.node('activity1').locator('.step-badge')).toHaveCount(0);
  await studio.screenshot('03b-validation-fixed');
});

test('an error path is drawn differently and labelled; a decision branch shows its probability', async ({ studio }) => {
  await buildSmallWorkflow(studio);
  await studio.dragFromPalette('palette-end', { x: 660, y: 250 });
  await studio.connect('activity1', 'end2', 'error');
  const doc = await studio.document();
  expect(doc.edges.at(-1)).toMatchObject({ from: 'activity1', to: 'end2', kind: 'error' });
  await expect(studio.page.locator('.edge-label-error')).toHaveText('error');
  await studio.dragFromPalette('palette-decision', { x: 400, y: 250 });
  await studio.connect('decision1', 'end1');
  await expect(studio.page.locator('.edge-label-branch')).toHaveText('50%');
  await studio.screenshot('04-edge-kinds');
});

test('dragging the end of a path onto another step moves it (one undo step)', async ({ studio }) => {
  await buildSmallWorkflow(studio);
  await studio.dragFromPalette('palette-end', { x: 660, y: 250 });
  const anchor = studio.page.locator('.react-flow__edge[data-id="e2"] .react-flow__edgeupdater-target');
  await anchor.dragTo(studio.node('end2').locator('.react-flow__handle[data-handleid="in"]'));
  await expect.poll(async () => (await studio.document()).edges.find((e) => e.id === 'e2')?.to).toBe('end2');
  await studio.page.keyboard.press('Control+z');
  await expect.poll(async () => (await studio.document()).edges.find((e) => e.id === 'e2')?.to).toBe('end1');
});

test('a template dragged from the palette brings its steps and resources; its open end labels the connection', async ({ studio }) => {
  await studio.toolbar('newDocument').click();
  await studio.dragFromPalette('template-edi-intake', { x: 180, y: 140 });
  const doc = (await studio.document()) as unknown as { nodes: Array<{ id: string; kind: string }>; systems: Array<{ id: string }> };
  expect(doc.nodes.map((n) => n.kind)).toEqual(['integration', 'decision']);
  expect(doc.systems.length).toBeGreaterThan(0);
  await expect(studio.page.getByTestId('status')).toContainText('open end');
  await studio.dragFromPalette('palette-end', { x: 680, y: 140 });
  const decision = doc.nodes[1].id;
  await studio.connect(decision, 'end1');
  await expect(studio.page.locator('.edge-label-branch')).toHaveText('hands-free 65%');
  await studio.screenshot('04b-template');
});

test('opens a shipped scenario, deletes a step, undoes and redoes', async ({ studio }) => {
  await studio.toolbar('newDocument').click();
  await studio.page.getByTestId('tb-examples').click();
  await studio.page.getByTestId('example-regional-distributor-target').click();
  await expect(studio.page.getByTestId('doc-title')).toContainText('target');
  const before = (await studio.document()).nodes.length;
  expect(before).toBeGreaterThan(10);
  await expect(studio.page.locator('.react-flow__node').first()).toBeVisible();
  const victim = (await studio.document()).nodes[1].id;
  await studio.select([victim]);
  await studio.page.keyboard.press('Delete');
  await expect.poll(async () => (await studio.document()).nodes.length).toBe(before - 1);
  await expect(studio.page.getByTestId('doc-title')).toContainText('•');
  await studio.page.keyboard.press('Control+z');
  await expect.poll(async () => (await studio.document()).nodes.length).toBe(before);
  await expect(studio.page.getByTestId('doc-title')).not.toContainText('•');
  await studio.page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await studio.document()).nodes.length).toBe(before - 1);
  await studio.toolbar('undo').click();
  await expect.poll(async () => (await studio.document()).nodes.map((n) => n.id)).toContain(victim);
  await studio.screenshot('05-scenario-undo-redo');
});

test('dragging a node is one undo step; copy and paste make new steps', async ({ studio }) => {
  await buildSmallWorkflow(studio);
  const node = studio.node('end1');
  const box = (await node.boundingBox())!;
  const start = (await studio.document()).nodes[2].position as { x: number; y: number };
  await studio.page.mouse.move(box.x + box.width / 2, box.y + 20);
  await studio.page.mouse.down();
  for (let i = 1; i <= 10; i++) await studio.page.mouse.move(box.x + box.width / 2, box.y + 20 + i * 12);
  await studio.page.mouse.up();
  const moved = (await studio.document()).nodes[2].position as { x: number; y: number };
  expect(moved.y).toBeGreaterThan(start.y + 60);
  const past = (await studio.historySize()).past;
  await studio.page.keyboard.press('Control+z');
  expect((await studio.document()).nodes[2].position).toEqual(start);
  expect((await studio.historySize()).past).toBe(past - 1);

  // Two selected steps move together, as one undo step.
  await studio.node('source1').click();
  await studio.node('activity1').click({ modifiers: ['Control'] });
  expect((await studio.selection()).nodeIds.sort()).toEqual(['activity1', 'source1']);
  const pair = async () => (await studio.document()).nodes.slice(0, 2).map((n) => n.position as { x: number; y: number });
  const pairBefore = await pair();
  const a = (await studio.node('activity1').boundingBox())!;
  await studio.page.mouse.move(a.x + a.width / 2, a.y + 20);
  await studio.page.mouse.down();
  for (let i = 1; i <= 8; i++) await studio.page.mouse.move(a.x + a.width / 2 + i * 5, a.y + 20 + i * 10);
  await studio.page.mouse.up();
  const pairAfter = await pair();
  expect(pairAfter[0].y - pairBefore[0].y).toBeGreaterThan(40);
  expect(pairAfter[0].y - pairBefore[0].y).toBe(pairAfter[1].y - pairBefore[1].y);
  await studio.page.keyboard.press('Control+z');
  expect(await pair()).toEqual(pairBefore);

  await studio.page.keyboard.press('Escape');
  await studio.node('activity1').click();
  await studio.page.keyboard.press('Control+c');
  await studio.page.keyboard.press('Control+v');
  await expect(studio.page.locator('.react-flow__node')).toHaveCount(4);
  expect((await studio.selection()).nodeIds).toEqual(['activity2']);
});

test('clicking a problem selects and centres its node and focuses the field', async ({ studio }) => {
  const doc = {
    formatVersion: 2,
    metadata: { name: 'Broken desk' },
    run: { horizon: { value: 7, unit: 'd' } },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    pools: [{ id: 'clerks', name: 'Clerks', capacity: 1 }],
    nodes: [
      { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 6 }, position: { x: 0, y: 0 } },
      { id: 'entry', kind: 'activity', name: 'Entry', pool: 'clerks', duration: { kind: 'uniform', min: 9, max: 3, unit: 'min' }, position: { x: 260, y: 0 } },
      { id: 'done', kind: 'end', name: 'Done', position: { x: 520, y: 0 } },
    ],
    edges: [
      { id: 'e1', from: 'orders', to: 'entry' },
      { id: 'e2', from: 'entry', to: 'done' },
    ],
  };
  await studio.loadDocument(doc, 'Broken desk');
  await expect(studio.page.getByTestId('doc-title')).toHaveText('Broken desk');
  const finding = studio.page.locator('.finding.error', { hasText: 'greater than max' });
  await expect(finding).toBeVisible();
  expect(JSON.stringify(await studio.document())).toBe(JSON.stringify(doc));
  await finding.click();
  await expect(studio.field('nodes[1].duration.min')).toBeFocused();
  expect((await studio.selection()).nodeIds).toEqual(['entry']);
  await studio.field('nodes[1].duration.min').fill('2');
  await expect(studio.page.getByTestId('problems-empty')).toBeVisible();
  await studio.screenshot('06-problem-focus');
});

test('a file that is not JSON stays as text to repair; the help overlay lists the shortcuts', async ({ studio }) => {
  await studio.loadDocument('{ "formatVersion": 2, "nodes": [', 'Half a file');
  await expect(studio.page.getByTestId('canvas-unreadable')).toBeVisible();
  await expect(studio.page.getByTestId('json-text')).toHaveValue('{ "formatVersion": 2, "nodes": [');
  await expect(studio.page.locator('.finding.error')).toHaveCount(0); // the JSON tab is shown, not Problems
  await studio.page.getByTestId('dock-problems').click();
  await expect(studio.page.locator('.finding.error')).toContainText('not valid JSON');
  await studio.screenshot('07a-not-json');
  await studio.pane().click({ position: { x: 20, y: 20 } });
  await studio.page.keyboard.press('Shift+?');
  await expect(studio.page.getByTestId('help-overlay')).toContainText('Undo');
  await studio.screenshot('07b-help-overlay');
  await studio.page.keyboard.press('Escape');
  await expect(studio.page.getByTestId('help-overlay')).toHaveCount(0);
});

test('JSON that is not shaped like a workflow opens as it is and is repaired in the JSON view', async ({ studio }) => {
  const odd = { formatVersion: 2, metadata: { name: 'Odd', assumptions: 'one' }, nodes: 'none yet' };
  await studio.loadDocument(odd, 'Odd');
  await expect(studio.page.getByTestId('canvas-unreadable')).toContainText('no list of steps');
  expect(await studio.document()).toEqual(odd);
  await expect(studio.page.locator('.finding.error').first()).toBeVisible();
  await studio.page.getByTestId('tab-model').click();
  await expect(studio.page.getByTestId('model-form')).toBeVisible();
  await studio.page.getByRole('button', { name: 'Show the JSON' }).click();
  const minimal = {
    formatVersion: 2,
    metadata: { name: 'Repaired' },
    run: { horizon: { value: 7, unit: 'd' } },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    nodes: [
      { id: 'in', kind: 'source', name: 'In', arrivals: { ratePerHour: 5 }, position: { x: 0, y: 0 } },
      { id: 'out', kind: 'end', name: 'Out', position: { x: 300, y: 0 } },
    ],
    edges: [{ id: 'e1', from: 'in', to: 'out' }],
  };
  await studio.page.getByTestId('json-text').fill('{ "formatVersion": 2, ');
  await expect(studio.page.locator('.json-panel .field-error')).toContainText('Not valid JSON');
  expect(await studio.document()).toEqual(odd);
  await studio.page.getByTestId('json-text').fill(JSON.stringify(minimal, null, 2));
  await expect(studio.page.locator('.react-flow__node')).toHaveCount(2);
  await studio.page.getByTestId('dock-problems').click();
  await expect(studio.page.getByTestId('problems-empty')).toBeVisible();
  await studio.screenshot('09-json-repaired');
  await studio.page.keyboard.press('Control+z');
  await expect(studio.page.getByTestId('canvas-unreadable')).toBeVisible();
});

test('the distribution editor switches kind keeping the mean, and variants are edited as checked JSON', async ({ studio }) => {
  await buildSmallWorkflow(studio);
  await studio.node('activity1').click();
  await studio.field('nodes[1].duration.kind').selectOption('triangular');
  expect((await studio.document()).nodes[1].duration).toEqual({ kind: 'triangular', min: 1, mode: 5, max: 9, unit: 'min' });
  await expect(studio.page.getByTestId('moments')).toContainText('mean 5 min');
  await studio.field('nodes[1].duration.unit').selectOption('h');
  await expect(studio.node('activity1')).toContainText('mean 5 h');
  await studio.field('nodes[1].duration.mode').fill('12');
  await expect(studio.page.locator('.finding.error')).toContainText('mode (12) must lie between');
  await expect(studio.page.getByText('Fix the parameters to see the distribution.')).toBeVisible();
  await studio.field('nodes[1].duration.mode').fill('4');
  await expect(studio.page.getByTestId('problems-empty')).toBeVisible();
  await studio.screenshot('10a-distribution');

  await studio.page.getByTestId('tab-model').click();
  await studio.page.locator('.section > summary', { hasText: 'Variants' }).locator('.btn-link').click();
  const patches = studio.field('variants[0].patches');
  await patches.fill('[{ "target": "pool", "id": "nobody", "set": { "capacity": 3 } }');
  await expect(studio.page.locator('.inspector .field-error', { hasText: 'Not valid JSON yet' })).toBeVisible();
  await patches.fill('[{ "target": "pool", "id": "nobody", "set": { "capacity": 3 } }]');
  await expect(studio.page.locator('.finding.error')).toContainText('"nobody", which is not defined');
  await patches.fill('[{ "target": "pool", "id": "team", "set": { "capacity": 3 } }]');
  await expect(studio.page.getByTestId('problems-empty')).toBeVisible();
  const variants = ((await studio.document()) as unknown as { variants: Array<{ patches: unknown }> }).variants;
  expect(variants[0].patches).toEqual([{ target: 'pool', id: 'team', set: { capacity: 3 } }]);
  await studio.screenshot('10b-variants');
});

test('renaming a step id as one types keeps the field and updates the paths; a bad id stays in the field', async ({ studio }) => {
  await buildSmallWorkflow(studio);
  await studio.node('activity1').click();
  await studio.page.locator('.section > summary', { hasText: 'Details' }).click();
  const id = studio.field('nodes[1].id');
  await id.fill('2nd step');
  await expect(studio.page.locator('.inspector .field-error').first()).toContainText('ids start with a letter');
  expect((await studio.document()).nodes[1].id).toBe('activity1');
  await id.fill('');
  await id.pressSequentially('pick');
  await expect(id).toBeFocused();
  await expect.poll(async () => (await studio.document()).edges.map((e) => [e.from, e.to])).toEqual([
    ['source1', 'pick'],
    ['pick', 'end1'],
  ]);
  await expect(studio.page.getByTestId('problems-empty')).toBeVisible();
  // Typing the new id was one change.
  await studio.page.getByTestId('tb-undo').click();
  await expect.poll(async () => (await studio.document()).nodes[1].id).toBe('activity1');
});

test('the toolbar opens the BPMN import, event-log import and BPMN export dialogs, and the experiments area', async ({ studio }) => {
  for (const [action, testId] of [
    ['importBpmn', 'import-bpmn-dialog'],
    ['importEventLog', 'import-log-dialog'],
    ['exportBpmn', 'export-bpmn-dialog'],
  ] as const) {
    await studio.page.getByTestId('tb-interop').click();
    await studio.page.getByTestId(`menu-${action}`).click();
    await expect(studio.page.getByTestId(testId)).toBeVisible();
    await studio.page.keyboard.press('Escape');
    await expect(studio.page.getByTestId(testId)).toHaveCount(0);
  }
  await studio.toolbar('experiments').click();
  await expect(studio.page.getByRole('dialog')).toBeVisible();
  await studio.screenshot('11-experiments');
});

test('the model tab edits pools, and auto layout runs in the worker', async ({ studio }) => {
  await buildSmallWorkflow(studio);
  await studio.node('activity1').click();
  await studio.page.getByTestId('edit-pool').click();
  const capacity = studio.field('pools[0].capacity');
  await expect(capacity).toBeFocused();
  await capacity.fill('4');
  expect(((await studio.document()) as unknown as { pools: Array<{ capacity: number }> }).pools[0].capacity).toBe(4);
  await expect(studio.node('activity1')).toContainText('Team × 1');
  await studio.screenshot('08a-model-tab');
  const before = (await studio.document()).nodes.map((n) => n.position);
  await studio.toolbar('autoLayout').click();
  await expect.poll(async () => JSON.stringify((await studio.document()).nodes.map((n) => n.position))).not.toBe(JSON.stringify(before));
  await studio.screenshot('08b-auto-layout');
});
