import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadModelText } from '../../models';
import { formatNumber } from '../../renderer/results/format';
import { runScenario } from '../../simulator';

/**
 * Running a simulation as a user would: set a short horizon, run a shipped scenario in Web Workers, read a KPI,
 * put the results on the diagram, follow a bottleneck, and cancel a long run. Each test saves a screenshot.
 */

const screenshotDir = 'test-results/screenshots';

/** Fails the test on any console error or page error (the studio must run clean). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function openStudio(page: Page): Promise<void> {
  await page.goto('/');
  // The default scenario opens laid out on first start.
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.getByTestId('run-start')).toBeEnabled();
}

async function setRunSettings(page: Page, settings: { horizon: string; unit: 'h' | 'd'; warmupDays: string; replications: string }): Promise<void> {
  await page.getByTestId('run-horizon').fill(settings.horizon);
  await page.getByTestId('run-horizon-unit').selectOption(settings.unit);
  await page.getByTestId('run-warmup').fill(settings.warmupDays);
  await page.getByTestId('run-replications').fill(settings.replications);
}

test('runs the default scenario in workers and reads the throughput KPI', async ({ page }) => {
  const errors = watchErrors(page);
  await openStudio(page);
  await setRunSettings(page, { horizon: '7', unit: 'd', warmupDays: '2', replications: '4' });
  await page.getByTestId('run-start').click();

  const throughput = page.getByTestId('kpi-throughput-value');
  await expect(throughput).toBeVisible({ timeout: 60_000 });
  // Same model, settings and seed in Node: the browser workers must give exactly the same figure.
  const { model } = loadModelText(readFileSync('scenarios/regional-distributor-current.flowcast.json', 'utf8'));
  if (!model) throw new Error('the default scenario does not load');
  const expected = runScenario(model, { replications: 4, horizonMinutes: 7 * 1440, warmupMinutes: 2 * 1440 }).throughputPerDay.mean;
  expect(expected).toBeGreaterThan(0);
  await expect(throughput).toHaveText(formatNumber(expected ?? NaN));
  await expect(page.locator('[data-kpi="throughput"] .fc-res-kpi-interval')).toHaveText(/± [\d,.]+/);
  await expect(page.locator('[data-kpi^="sla-"]').first()).toBeVisible();
  await expect(page.getByTestId('run-done')).toContainText('Finished in');
  await expect(page.getByTestId('results-summary')).toContainText('4 replications');
  await expect(page.getByTestId('results-summary')).toContainText(/worker/);
  await page.screenshot({ path: `${screenshotDir}/run-results.png` });

  // The charts render (ECharts draws on a canvas).
  await page.getByRole('tab', { name: 'Throughput & WIP' }).click();
  await expect(page.getByTestId('chart-time').locator('canvas')).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/run-chart-throughput.png` });
  await page.getByRole('tab', { name: 'Utilisation' }).click();
  await expect(page.getByTestId('chart-utilisation').locator('canvas')).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/run-chart-utilisation.png` });

  // The large view shows the same results with room for the charts.
  await page.getByTestId('results-expand').click();
  await expect(page.getByTestId('results-sheet').getByTestId('chart-utilisation').locator('canvas')).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/run-results-expanded.png` });
  await page.getByTestId('results-sheet').getByRole('tab', { name: 'Throughput & WIP' }).click();
  await page.screenshot({ path: `${screenshotDir}/run-results-expanded-time.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('results-sheet')).toBeHidden();

  // The overlay colours the diagram and shows its legend.
  await page.getByTestId('overlay-toggle').getByRole('button', { name: 'Utilisation' }).click();
  await expect(page.getByTestId('overlay-legend')).toBeVisible();
  await expect(page.locator('.step-overlay').first()).toContainText('busy');
  await page.screenshot({ path: `${screenshotDir}/run-overlay-utilisation.png` });
  await page.getByTestId('overlay-toggle').getByRole('button', { name: 'Waiting' }).click();
  await expect(page.getByTestId('overlay-legend')).toContainText('waiting');
  await page.screenshot({ path: `${screenshotDir}/run-overlay-waiting.png` });

  // A bottleneck selects its step on the diagram.
  await page.getByRole('tab', { name: 'Bottlenecks' }).click();
  const first = page.getByTestId('bottleneck-list').locator('button').first();
  const nodeId = await first.getAttribute('data-node-id');
  expect(nodeId).toBeTruthy();
  await first.click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __flowcastTest?: { getSelection(): { nodeIds: string[] } } }).__flowcastTest?.getSelection().nodeIds ?? []))
    .toEqual([nodeId]);
  expect(errors).toEqual([]);
});

test('a long run shows progress with time left, keeps the UI responsive, and cancels', async ({ page }) => {
  const errors = watchErrors(page);
  await openStudio(page);
  await setRunSettings(page, { horizon: '365', unit: 'd', warmupDays: '3', replications: '8' });
  await page.getByTestId('run-start').click();

  const progress = page.getByTestId('run-progress');
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await expect(progress).toContainText(/left/, { timeout: 20_000 });

  // While the workers simulate, the main thread keeps painting: measure the longest gap between frames.
  const longestFrameGapMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let longest = 0;
        const end = last + 2000;
        const tick = (now: number) => {
          longest = Math.max(longest, now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(longest);
        };
        requestAnimationFrame(tick);
      }),
  );
  console.log(`Longest frame gap during a year-long run: ${longestFrameGapMs.toFixed(0)} ms`);
  expect(longestFrameGapMs).toBeLessThan(250);
  // And the canvas still reacts: selecting a node works mid-run.
  const node = page.locator('.react-flow__node').nth(2);
  await node.click();
  await expect(node).toHaveClass(/selected/);
  await page.screenshot({ path: `${screenshotDir}/run-progress.png` });

  await page.getByTestId('run-cancel').click();
  await expect(page.getByTestId('run-cancelled')).toBeVisible({ timeout: 5_000 });
  await expect(page.getByTestId('run-start')).toBeEnabled();
  await expect(progress).toBeHidden();
  await page.screenshot({ path: `${screenshotDir}/run-cancelled.png` });
  expect(errors).toEqual([]);
});
