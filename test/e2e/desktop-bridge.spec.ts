import { test as base } from '@playwright/test';
import { expect, StudioPage } from './fixtures';

/**
 * The studio inside the desktop shell, with a fake `window.flowcast` (the preload's API) injected before the page
 * loads: open, save and menu commands go through the bridge, never through browser file APIs.
 */
const test = base.extend<{ deliverOnOpen: boolean; studio: StudioPage }>({
  /** Whether the shell hands over a document at start (a file given on the command line). */
  deliverOnOpen: [false, { option: true }],
  studio: async ({ page, deliverOnOpen }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.addInitScript((deliver: boolean) => {
      const doc = {
        formatVersion: 2,
        metadata: { name: 'Desk on disk' },
        run: { horizon: { value: 7, unit: 'd' } },
        sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
        pools: [{ id: 'clerks', name: 'Clerks', capacity: 1 }],
        nodes: [
          { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 6 }, position: { x: 0, y: 0 } },
          { id: 'entry', kind: 'activity', name: 'Entry', pool: 'clerks', duration: { kind: 'exponential', mean: 8, unit: 'min' }, position: { x: 260, y: 0 } },
          { id: 'done', kind: 'end', name: 'Done', position: { x: 520, y: 0 } },
        ],
        edges: [
          { id: 'e1', from: 'orders', to: 'entry' },
          { id: 'e2', from: 'entry', to: 'done' },
        ],
      };
      const calls: unknown[] = [];
      const w = window as unknown as Record<string, unknown>;
      w.__bridgeCalls = calls;
      w.flowcast = {
        openModel: async () => {
          calls.push(['openModel']);
          return { name: 'desk', path: '/work/models/desk.flowcast.json', text: JSON.stringify(doc) };
        },
        openRecent: async () => undefined,
        saveModel: async (d: { path?: string; text: string }) => {
          calls.push(['saveModel', d.path, JSON.parse(d.text).nodes.length]);
          return { ok: true, path: d.path };
        },
        saveModelAs: async (d: { name: string }) => {
          calls.push(['saveModelAs', d.name]);
          return { ok: true, path: `/work/models/${d.name}.flowcast.json` };
        },
        recentDocuments: async () => [],
        exportFile: async () => ({ ok: true }),
        appInfo: async () => ({ name: 'Flowcast', version: 'test', platform: 'linux' }),
        documentChanged: async (s: { dirty: boolean }) => {
          calls.push(['documentChanged', s.dirty]);
        },
        onMenuCommand: (listener: (command: string) => void) => {
          w.__menuCommand = listener;
          return () => undefined;
        },
        onOpenDocument: (listener: (d: { name: string; path: string; text: string }) => void) => {
          // Like the shell: a document queued before the first listener is delivered to it.
          if (deliver) setTimeout(() => listener({ name: 'from command line', path: '/work/models/cli.flowcast.json', text: JSON.stringify(doc) }), 0);
          return () => undefined;
        },
      };
    }, deliverOnOpen);
    const studio = new StudioPage(page);
    await studio.open();
    await use(studio);
    expect(problems, 'console and page errors').toEqual([]);
  },
});

const calls = (studio: StudioPage) => studio.page.evaluate(() => (window as unknown as { __bridgeCalls: unknown[] }).__bridgeCalls);
const menu = (studio: StudioPage, command: string) => studio.page.evaluate((c) => (window as unknown as { __menuCommand: (c: string) => void }).__menuCommand(c), command);

test('open, edit, save and menu commands go through the desktop bridge', async ({ studio }) => {
  await studio.toolbar('openDocument').click();
  await expect(studio.page.getByTestId('doc-title')).toHaveText('desk');
  expect(await calls(studio)).toContainEqual(['openModel']);
  await expect(studio.page.locator('.react-flow__node')).toHaveCount(3);

  await studio.select(['entry']);
  await studio.page.keyboard.press('Delete');
  await expect(studio.page.getByTestId('doc-title')).toContainText('•');
  await studio.page.keyboard.press('Control+s');
  await expect(studio.page.getByTestId('doc-title')).not.toContainText('•');
  expect(await calls(studio)).toContainEqual(['saveModel', '/work/models/desk.flowcast.json', 2]);
  await expect.poll(async () => (await calls(studio)).filter((c) => Array.isArray(c) && c[0] === 'documentChanged').at(-1)).toEqual(['documentChanged', false]);

  // The native menu's Edit > Undo and View > Zoom to fit arrive as commands.
  await menu(studio, 'edit.undo');
  await expect(studio.page.locator('.react-flow__node')).toHaveCount(3);
  await expect(studio.page.getByTestId('doc-title')).toContainText('•');
  await expect.poll(async () => (await calls(studio)).filter((c) => Array.isArray(c) && c[0] === 'documentChanged').at(-1)).toEqual(['documentChanged', true]);
  await menu(studio, 'file.saveAs');
  await expect.poll(() => calls(studio)).toContainEqual(['saveModelAs', 'desk']);
  await menu(studio, 'help.shortcuts');
  await expect(studio.page.getByTestId('help-overlay')).toBeVisible();
  await studio.screenshot('10-desktop-bridge');
});

test.describe('started with a file', () => {
  test.use({ deliverOnOpen: true });

  test('a document the shell opens at start wins over the default example', async ({ studio }) => {
    await expect(studio.page.getByTestId('doc-title')).toHaveText('from command line');
    await expect(studio.page.locator('.react-flow__node')).toHaveCount(3);
    // The example must not arrive late and replace it.
    await studio.page.waitForTimeout(1000);
    await expect(studio.page.getByTestId('doc-title')).toHaveText('from command line');
    await expect(studio.page.getByTestId('hint')).toHaveCount(0);
  });
});
