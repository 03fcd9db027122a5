import { expect, test } from './fixtures';

/**
 * The compare view as used in a workshop: variants of the open model and a shipped target-state scenario, run
 * with common random numbers; the KPI table shows paired differences with a significance marker, and the
 * difference is drawn on the diagram. Screenshots: test-results/screenshots/compare-*.png.
 */

test('compares two variants and marks which differences are significant', async ({ studio }) => {
  const { page } = studio;
  await page.getByTestId('dock-compare').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  // By default: the base model (baseline) and its first variant; add the 15-minute sync variant as a third.
  const candidates = page.getByTestId('compare-candidates');
  await expect(candidates.locator('li')).toHaveCount(2);
  await page.getByTestId('compare-add-variant').selectOption({ label: 'ERP-to-WMS sync every 15 min' });
  await expect(candidates.locator('li')).toHaveCount(3);
  await studio.screenshot('compare-setup');

  await page.getByTestId('compare-horizon').fill('4');
  await page.getByTestId('compare-warmup').fill('1');
  await page.getByTestId('compare-replications').fill('5');
  await page.getByTestId('compare-run').click();

  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible({ timeout: 90_000 });
  const verdicts = table.getByTestId('verdict');
  expect(await verdicts.count()).toBeGreaterThanOrEqual(12);
  for (const verdict of await verdicts.all()) {
    expect(['better', 'worse', 'not-significant', 'no-difference', 'too-few']).toContain(await verdict.getAttribute('data-verdict'));
  }
  // Two columns of differences: the fourth analyst and the 15-minute sync, each against the base model.
  // Order-to-ship: the scenario's orders complete at cash, weeks after they ship, beyond this 4-day run.
  const cycle = table.locator('tr[data-kpi="orderToShipMean"]').getByTestId('verdict');
  await expect(cycle).toHaveCount(2);
  // Syncing orders to the warehouse every 15 minutes instead of in batches ships orders sooner for certain.
  await expect(cycle.nth(1)).toHaveAttribute('data-verdict', 'better');
  await expect(cycle.nth(1)).toHaveText(/Significantly better/);
  // The setup folds away; the room sees the table first.
  await expect(page.getByTestId('compare-summary')).toBeVisible();
  await studio.screenshot('compare-table');

  // Overlaid charts, one colour per variant.
  for (const [name, id] of [
    ['Throughput over time', 'throughput'],
    ['WIP over time', 'wip'],
    ['Cycle time', 'cycle'],
    ['Queue wait per step', 'wait'],
  ] as const) {
    await page.getByRole('tab', { name }).click();
    const chart = page.getByTestId(`compare-chart-${id}`);
    await expect(chart.locator('canvas')).toBeVisible();
    await chart.scrollIntoViewIfNeeded();
  }
  await studio.screenshot('compare-chart-wait');
  await page.getByRole('tab', { name: 'WIP over time' }).click();
  await studio.screenshot('compare-chart-wip');

  // The difference on the diagram: the largest changes are listed and the steps are coloured. In 4 days no
  // customer has reached its credit limit yet, so the fourth credit analyst changes nothing: show the sync.
  await page.locator('.fc-cmp-delta-pick select').selectOption({ label: 'ERP-to-WMS sync every 15 min' });
  await expect(page.getByTestId('delta-diagram').locator('.fc-cmp-node').first()).toBeVisible();
  await expect(page.getByTestId('delta-changes').locator('li').first()).toContainText(/[+−][\d.]+ (s|min|h|d)/);
  await page.getByTestId('delta-diagram').scrollIntoViewIfNeeded();
  await studio.screenshot('compare-delta-diagram');
});

test('compares the open model with another shipped scenario', async ({ studio }) => {
  const { page } = studio;
  await page.getByTestId('dock-compare').click();
  const candidates = page.getByTestId('compare-candidates');
  // Keep the current state as baseline, swap its variant for the target-state scenario.
  await candidates.locator('li').nth(1).getByRole('button', { name: /^Remove/ }).click();
  await page.getByTestId('compare-add-scenario').selectOption('regional-distributor-target');
  await page.getByTestId('compare-add-scenario-button').click();
  await expect(candidates.locator('li')).toHaveCount(2);
  await expect(candidates.locator('li').nth(1)).toContainText('other scenario');

  await page.getByTestId('compare-horizon').fill('4');
  await page.getByTestId('compare-warmup').fill('1');
  await page.getByTestId('compare-replications').fill('4');
  await page.getByTestId('compare-run').click();
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible({ timeout: 90_000 });
  // The target state ships orders sooner than today's process.
  await expect(table.locator('tr[data-kpi="orderToShipMean"]').getByTestId('verdict')).toHaveAttribute('data-verdict', 'better');
  await studio.screenshot('compare-scenarios');
  await page.getByTestId('delta-diagram').scrollIntoViewIfNeeded();
  await studio.screenshot('compare-scenarios-delta');
  await page.getByTestId('compare-close').click();
  await expect(page.getByTestId('compare-view')).toBeHidden();
});
