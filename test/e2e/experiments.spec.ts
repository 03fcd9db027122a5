import { expect, test } from './fixtures';

/**
 * The Experiments area as a planner uses it on the default scenario: a small sweep of order volume (chart with its
 * 95% band, table, saturation line), a short system outage as a stress test, and a capacity recommendation with a
 * handful of configurations. Run settings are kept tiny (2 replications of 5 days) so the whole test stays well
 * under the 90 s budget. Screenshots of each tab before and after its run: test-results/screenshots/exp-*.png.
 */

test('runs a sweep, a stress test and a capacity recommendation from the Experiments area', async ({ studio }) => {
  const { page } = studio;
  await studio.toolbar('experiments').click();
  const dialog = page.getByRole('dialog', { name: 'Experiments' });
  await expect(dialog).toBeVisible();

  // Sweep tab, before any run: it says what it answers and what to do.
  const sweepPanel = dialog.getByRole('tabpanel', { name: 'Sweep' });
  await expect(sweepPanel.getByTestId('exp-empty')).toBeVisible();
  await studio.screenshot('exp-sweep-before');

  // Shared run settings: tiny runs.
  await dialog.getByLabel('Replications per point').fill('2');
  await dialog.getByLabel('Horizon (days)').fill('5');
  await dialog.getByLabel('Warm-up (days)').fill('1');

  await sweepPanel.getByLabel('Vary', { exact: true }).selectOption('volume');
  const values = sweepPanel.getByLabel('Values', { exact: true });
  // A value list that does not parse: Run is disabled and the sentence says what to fix.
  await values.fill('0.8,lots');
  await expect(sweepPanel.getByRole('button', { name: 'Run sweep' })).toBeDisabled();
  await expect(sweepPanel.locator('.fc-exp-problem')).toBeVisible();
  await studio.screenshot('exp-sweep-problem');

  // A longer sweep shows its progress and can be cancelled; nothing is kept.
  await values.fill('0.6:2:0.2');
  await sweepPanel.getByRole('button', { name: 'Run sweep' }).click();
  await expect(sweepPanel.getByRole('progressbar', { name: 'Experiment progress' })).toBeVisible();
  await studio.screenshot('exp-sweep-running');
  await sweepPanel.getByRole('button', { name: 'Cancel' }).click();
  await expect(sweepPanel.getByText(/^Cancelled/)).toBeVisible();
  await expect(sweepPanel.getByTestId('exp-empty')).toBeVisible();

  await values.fill('0.8,1.2');
  await sweepPanel.getByRole('button', { name: 'Run sweep' }).click();
  // Progress and Cancel are visible while it runs.
  await expect(sweepPanel.getByRole('button', { name: 'Cancel' })).toBeVisible();
  const sweepChart = sweepPanel.getByTestId('sweep-chart');
  await expect(sweepChart.locator('canvas')).toBeVisible({ timeout: 30_000 });
  const sweepTable = sweepPanel.getByTestId('sweep-table');
  await expect(sweepTable.locator('tbody tr')).toHaveCount(2);
  await expect(sweepTable.locator('tbody tr').first()).toContainText('0.8');
  await expect(sweepPanel.getByTestId('saturation')).toBeVisible();
  await expect(sweepPanel.getByTestId('exp-empty')).toHaveCount(0);
  await studio.screenshot('exp-sweep-after');
  await sweepPanel.getByRole('region', { name: 'Findings' }).scrollIntoViewIfNeeded();
  await studio.screenshot('exp-sweep-after-table');

  // Stress tab: a 4-hour outage of the first system on day 2 (after the 1-day warm-up).
  await dialog.getByRole('tab', { name: 'Stress test' }).click();
  const stressPanel = dialog.getByRole('tabpanel', { name: 'Stress test' });
  await expect(stressPanel.getByTestId('exp-empty')).toBeVisible();
  await studio.screenshot('exp-stress-before');
  await stressPanel.getByLabel('Shock', { exact: true }).selectOption('outage');
  await stressPanel.getByRole('button', { name: 'Run stress test' }).click();
  const stressChart = stressPanel.getByTestId('stress-chart');
  await expect(stressChart.locator('canvas')).toBeVisible({ timeout: 30_000 });
  await expect(stressPanel).toContainText('Time to recover');
  await studio.screenshot('exp-stress-after');
  await stressPanel.getByRole('region', { name: 'Findings' }).scrollIntoViewIfNeeded();
  await studio.screenshot('exp-stress-after-summary');

  // Recommendation tab: two teams, at most 3 configurations.
  await dialog.getByRole('tab', { name: 'Capacity recommendation' }).click();
  const recommendPanel = dialog.getByRole('tabpanel', { name: 'Capacity recommendation' });
  await expect(recommendPanel.getByTestId('exp-empty')).toBeVisible();
  await studio.screenshot('exp-recommend-before');
  for (const box of await recommendPanel.getByRole('checkbox').all()) await box.uncheck();
  await recommendPanel.getByRole('checkbox', { name: 'Credit analysts' }).check();
  await recommendPanel.getByRole('checkbox', { name: 'Pickers (per shift)' }).check();
  await recommendPanel.getByLabel('Configurations to try at most').fill('3');
  await recommendPanel.getByRole('button', { name: 'Find the cheapest sizes' }).click();
  const recommendation = recommendPanel.getByTestId('recommendation');
  await expect(recommendation).toBeVisible({ timeout: 45_000 });
  await expect(recommendation.locator('tbody tr')).toHaveCount(3);
  await studio.screenshot('exp-recommend-after');
  await recommendPanel.getByText(/What the search tried/).click();
  await recommendPanel.getByRole('region', { name: 'Findings' }).scrollIntoViewIfNeeded();
  await studio.screenshot('exp-recommend-after-tried');

  // Results stay when switching back to a tab.
  await dialog.getByRole('tab', { name: 'Sweep' }).click();
  await expect(sweepChart).toBeVisible();
});
