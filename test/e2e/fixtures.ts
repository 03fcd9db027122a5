import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { ModelFinding } from '../../models';
import type { FlowcastTestApi } from '../../renderer/testing/e2eApi';

/** Where every test leaves its screenshot (looked at by a person after each change of the UI). */
export const screenshotDir = 'test-results/screenshots';

/**
 * Page object of the studio: the actions a user takes (drag from the palette, connect handles, type into the
 * inspector) plus the typed `window.__flowcastTest` door for loading data and reading state.
 */
export class StudioPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.waitForFunction(() => window.__flowcastTest !== undefined);
    // First start opens the default scenario: wait until it is on the canvas.
    await expect(this.page.locator('.react-flow__node').first()).toBeVisible();
  }

  document(): Promise<{ nodes: Array<{ id: string; kind: string; [k: string]: unknown }>; edges: Array<{ id: string; from: string; to: string; kind?: string; probability?: number }> }> {
    return this.page.evaluate(() => (window.__flowcastTest as FlowcastTestApi).getDocument()) as never;
  }

  findings(): Promise<ModelFinding[]> {
    return this.page.evaluate(() => (window.__flowcastTest as FlowcastTestApi).getFindings());
  }

  selection(): Promise<{ nodeIds: string[]; edgeIds: string[] }> {
    return this.page.evaluate(() => (window.__flowcastTest as FlowcastTestApi).getSelection());
  }

  select(nodeIds: string[], edgeIds: string[] = []): Promise<void> {
    return this.page.evaluate(([n, e]) => (window.__flowcastTest as FlowcastTestApi).select(n, e), [nodeIds, edgeIds] as const);
  }

  loadDocument(json: unknown, name: string): Promise<void> {
    return this.page.evaluate(([j, n]) => (window.__flowcastTest as FlowcastTestApi).loadDocument(j, n), [json, name] as const);
  }

  historySize(): Promise<{ past: number; future: number }> {
    return this.page.evaluate(() => (window.__flowcastTest as FlowcastTestApi).historySize());
  }

  toolbar(action: string): Locator {
    return this.page.getByTestId(`tb-${action}`);
  }

  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  pane(): Locator {
    return this.page.locator('.react-flow__pane');
  }

  /** Drags a palette entry (a node kind or a template) onto the canvas at a point of the pane. */
  async dragFromPalette(testId: string, at: { x: number; y: number }): Promise<void> {
    await this.page.getByTestId(testId).dragTo(this.pane(), { targetPosition: at });
  }

  /** Connects two nodes by dragging from a source handle to the target's input handle. */
  async connect(from: string, to: string, handle = 'out'): Promise<void> {
    const source = this.node(from).locator(`.react-flow__handle[data-handleid="${handle}"]`);
    const target = this.node(to).locator('.react-flow__handle[data-handleid="in"]');
    await source.dragTo(target);
  }

  /** The inspector field at a document path. */
  field(path: string): Locator {
    return this.page.locator(`.inspector [data-path="${path}"]`);
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(screenshotDir, { recursive: true });
    await this.page.screenshot({ path: `${screenshotDir}/${name}.png` });
  }
}

/** The studio fixture: fails the test on any console error or page error. */
export const test = base.extend<{ studio: StudioPage }>({
  studio: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const studio = new StudioPage(page);
    await studio.open();
    await use(studio);
    expect(problems, 'console and page errors').toEqual([]);
  },
});

export { expect };
