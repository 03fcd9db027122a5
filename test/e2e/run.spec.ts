import { readFileSync } from 'node:fs';
import { loadModelText } from '../../models';
import { formatNumber } from '../../renderer/results/format';
import { runScenario } from '../../simulator';
import { expect, test, type StudioPage } from './fixtures';

/**
 * Running a simulation as a user would: set a short horizon, run a shipped scenario in Web Workers, read a KPI,
 * put the results on the diagram, follow a bottleneck, cancel a long run, and read an unstable model's guard
 * message. Each test saves screenshots (test-results/screenshots/run-*.png).
 */

async function setRunSettings(studio: StudioPage, settings: { horizon: string; unit: 'h' | 'd'; warmupDays: string; replications: string }): Promise<void> {
  const { page } = studio;
  await page.getByTestId('run-horizon').fill(settings.horizon);
  await page.getByTestId('run-horizon-unit').selectOption(settings.unit);
  await page.getByTestId('run-warmup').fill(settings.warmupDays);
  await page.getByTestId('run-replications').fill(settings.replications);
}

test('runs the default scenario in workers and reads the throughput KPI', async ({ studio }) => {
  const { page } = studio;
  // 30 days: the default scenario's orders complete at cash, a month or more after they ship.
  await setRunSettings(studio, { horizon: '30', unit: 'd', warmupDays: '2', replications: '4' });
  await page.getByTestId('run-start').click();

  const throughput = page.getByTestId('kpi-throughput-value');
  await expect(throughput).toBeVisible({ timeout: 60_000 });
  // Same model, settings and seed in Node: the browser workers must give exactly the same figure.
  const { model } = loadModelText(readFileSync('scenarios/regional-distributor-current.flowcast.json', 'utf8'));
  if (!model) throw new Error('the default scenario does not load');
  const expected = runScenario(model, { replications: 4, horizonMinutes: 30 * 1440, warmupMinutes: 2 * 1440 }).throughputPerDay.mean;
  expect(expected).toBeGreaterThan(0);
  await expect(throughput).toHaveText(formatNumber(expected ?? NaN));
  await expect(page.locator('[data-kpi="throughput"] .fc-res-kpi-interval')).toHaveText(/± [\d,.]+/);
  await expect(page.locator('[data-kpi^="sla-"]').first()).toBeVisible();
  await expect(page.getByTestId('run-done')).toContainText('Finished in');
  await expect(page.getByTestId('results-summary')).toContainText('4 replications');
  await expect(page.getByTestId('results-summary')).toContainText(/worker/);
  await studio.screenshot('run-results');
  // The first results go straight onto the diagram.
  await expect(page.getByTestId('overlay-legend')).toBeVisible();
  await expect(page.getByTestId('overlay-toggle').getByRole('button', { name: 'Utilisation' })).toHaveAttribute('aria-pressed', 'true');
  // The engine's notes open on demand.
  await page.getByTestId('results-warnings').getByRole('button').click();
  await expect(page.getByTestId('results-warnings').locator('li').first()).toBeVisible();
  await studio.screenshot('run-notes');
  await page.getByTestId('results-warnings').getByRole('button').click();

  // The charts render (ECharts draws on a canvas).
  await page.getByRole('tab', { name: 'Throughput & WIP' }).click();
  await expect(page.getByTestId('chart-time').locator('canvas')).toBeVisible();
  await studio.screenshot('run-chart-throughput');
  await page.getByRole('tab', { name: 'Utilisation' }).click();
  await expect(page.getByTestId('chart-utilisation').locator('canvas')).toBeVisible();
  await studio.screenshot('run-chart-utilisation');

  // Sites and outcomes side by side.
  await page.getByRole('tab', { name: 'Sites & outcomes' }).click();
  await expect(page.getByTestId('breakdown-sites').locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByTestId('breakdown-outcomes')).toContainText('Fulfilled');
  await studio.screenshot('run-breakdown');
  await page.getByRole('tab', { name: 'Utilisation' }).click();

  // The large view shows the same results with room for the charts.
  await page.getByTestId('results-expand').click();
  await expect(page.getByTestId('results-sheet').getByTestId('chart-utilisation').locator('canvas')).toBeVisible();
  await studio.screenshot('run-results-expanded');
  await page.getByTestId('results-sheet').getByRole('tab', { name: 'Throughput & WIP' }).click();
  await studio.screenshot('run-results-expanded-time');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('results-sheet')).toBeHidden();

  // The overlay colours the diagram and shows its legend; Off takes it away.
  await page.getByTestId('overlay-toggle').getByRole('button', { name: 'Off' }).click();
  await expect(page.getByTestId('overlay-legend')).toBeHidden();
  await page.getByTestId('overlay-toggle').getByRole('button', { name: 'Utilisation' }).click();
  await expect(page.getByTestId('overlay-legend')).toBeVisible();
  await expect(page.locator('.step-overlay').first()).toContainText('busy');
  await studio.screenshot('run-overlay-utilisation');
  await page.getByTestId('overlay-toggle').getByRole('button', { name: 'Waiting' }).click();
  await expect(page.getByTestId('overlay-legend')).toContainText('waiting');
  await studio.screenshot('run-overlay-waiting');

  // A bottleneck selects its step on the diagram.
  await page.getByRole('tab', { name: 'Bottlenecks' }).click();
  const first = page.getByTestId('bottleneck-list').locator('button').first();
  const nodeId = await first.getAttribute('data-node-id');
  expect(nodeId).toBeTruthy();
  await first.click();
  await expect.poll(async () => (await studio.selection()).nodeIds).toEqual([nodeId]);
});

test('a long run shows progress with time left, keeps the UI responsive, and cancels', async ({ studio }) => {
  const { page } = studio;
  await setRunSettings(studio, { horizon: '365', unit: 'd', warmupDays: '3', replications: '8' });
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
  await studio.screenshot('run-progress');

  await page.getByTestId('run-cancel').click();
  await expect(page.getByTestId('run-cancelled')).toBeVisible({ timeout: 5_000 });
  await expect(page.getByTestId('run-start')).toBeEnabled();
  await expect(progress).toBeHidden();
  // Cancel stops the run for good: nothing restarts behind the user's back.
  await page.waitForTimeout(500);
  await expect(progress).toBeHidden();
  await studio.screenshot('run-cancelled');
});

test('an unstable model says plainly which step explodes and why, and shows the step', async ({ studio }) => {
  const { page } = studio;
  // One clerk, one minute per order, ten orders a minute: ten times the capacity.
  await studio.loadDocument(
    {
      formatVersion: 2,
      metadata: { name: 'Overloaded desk' },
      run: { horizon: { value: 30, unit: 'd' }, warmup: { value: 0, unit: 'd' }, replications: 2, seed: 1 },
      sites: [{ id: 'main', name: 'Main DC', volumeShare: 1 }],
      pools: [{ id: 'clerks', name: 'Order clerks', capacity: 1 }],
      nodes: [
        { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 600 } },
        { id: 'entry', kind: 'activity', name: 'Order entry', pool: 'clerks', duration: { kind: 'constant', value: 1, unit: 'min' } },
        { id: 'done', kind: 'end', name: 'Entered' },
      ],
      edges: [
        { id: 'e1', from: 'orders', to: 'entry' },
        { id: 'e2', from: 'entry', to: 'done' },
      ],
    },
    'overloaded.flowcast.json',
  );
  await expect(page.getByTestId('run-horizon')).toHaveValue('30');
  await page.getByTestId('run-start').click();
  const notice = page.getByTestId('unstable-notice');
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toContainText('2 of 2 replications stopped early');
  await expect(notice).toContainText("Queue at 'Order entry'");
  await expect(notice).toContainText(/offered [\d.]+x their capacity/);
  await studio.screenshot('run-unstable');
  await notice.getByRole('button', { name: 'Show the step' }).first().click();
  await expect.poll(async () => (await studio.selection()).nodeIds).toEqual(['entry']);
});

test('falls back to the main thread when the simulation worker cannot load', async ({ studio }) => {
  const { page } = studio;
  // The worker script fails to load (as when a policy blocks it): the run must still finish, on the main thread.
  await page.route(/webWorker[^/]*\.js$/, (route) => route.abort());
  await setRunSettings(studio, { horizon: '2', unit: 'd', warmupDays: '0.5', replications: '2' });
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('kpi-throughput-value')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('results-summary')).toContainText('on the main thread');
});
