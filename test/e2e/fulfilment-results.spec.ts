import { readFileSync } from 'node:fs';
import { loadModelText } from '../../models';
import { formatPercent } from '../../renderer/results/format';
import { runScenario } from '../../simulator';
import { expect, test, type StudioPage } from './fixtures';

/**
 * The Fulfilment results tab as a distribution leader reads it: run the fulfilment fixture (two DCs with stock,
 * sourcing, credit holds, payments, ship/invoice/cash milestones) in the studio's workers, then read OTIF, fill
 * rates, order-to-cash, working capital and credit with their intervals, the by-site, by-segment and stock tables
 * and the cost per order. Screenshots: test-results/screenshots/fulfilment-*.png.
 */

const fixturePath = 'test/fixtures/fulfilment.flowcast.json';
// Sixty days with a week of warm-up: long enough for customers to pay (30-45 days), so order-to-cash is measured.
const settings = { horizonDays: 60, warmupDays: 7, replications: 3 };

async function runFixture(studio: StudioPage): Promise<void> {
  const { page } = studio;
  await studio.loadDocument(JSON.parse(readFileSync(fixturePath, 'utf8')), 'fulfilment.flowcast.json');
  await page.getByTestId('run-horizon').fill(String(settings.horizonDays));
  await page.getByTestId('run-horizon-unit').selectOption('d');
  await page.getByTestId('run-warmup').fill(String(settings.warmupDays));
  await page.getByTestId('run-replications').fill(String(settings.replications));
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('kpi-throughput-value')).toBeVisible({ timeout: 60_000 });
}

test('the Fulfilment tab shows the engine figures of a fulfilment model, per site, segment and stock', async ({ studio }) => {
  const { page } = studio;
  await runFixture(studio);

  // The same model, settings and seed in Node: the studio must show exactly the engine's figures.
  const { model } = loadModelText(readFileSync(fixturePath, 'utf8'));
  if (!model) throw new Error(`${fixturePath} does not load`);
  const expected = runScenario(model, { replications: settings.replications, horizonMinutes: settings.horizonDays * 1440, warmupMinutes: settings.warmupDays * 1440 });
  const f = expected.fulfilment;
  if (!f) throw new Error('the engine reports no fulfilment for the fixture');
  expect(f.all.otifRate.mean).not.toBeNull();

  const tab = page.getByRole('tab', { name: 'Fulfilment' });
  await expect(tab).toBeVisible();
  await tab.click();
  const view = page.getByTestId('fulfilment-view');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('kpi-ful-otif-value')).toHaveText(formatPercent(f.all.otifRate.mean ?? NaN));
  await expect(view.getByTestId('kpi-ful-lineFill-value')).toHaveText(formatPercent(f.all.lineFillRate.mean ?? NaN));
  await expect(view.locator('[data-kpi="ful-otif"]')).toContainText('On time');
  await expect(view.locator('[data-kpi="ful-otif"]')).toContainText('In full');
  await expect(view.locator('[data-kpi="ful-otif"] .fc-ful-metric-interval').first()).toHaveText(/± [\d.]+ pp/);
  // Order to cash and ship to cash read in days; working capital in the model's currency.
  await expect(view.getByTestId('kpi-ful-orderToCash-value')).toHaveText(/^[\d.]+ d$/);
  await expect(view.getByTestId('kpi-ful-shipToCash-value')).toHaveText(/^[\d.]+ d$/);
  await expect(view.getByTestId('kpi-ful-wcTotal-value')).toHaveText(/^USD [\d.,]+[kM]?$/);
  await expect(view.locator('[data-group="credit"]')).toContainText('Credit holds');
  await studio.screenshot('fulfilment-dock');

  // The large view, opened from the tab's own link: everything on one screen.
  await view.getByTestId('fulfilment-expand').click();
  const sheet = page.getByTestId('results-sheet');
  await expect(sheet.getByTestId('fulfilment-view')).toBeVisible();
  const bySite = sheet.getByTestId('fulfilment-by-site');
  await expect(bySite.locator('tbody tr')).toHaveCount(2);
  await expect(bySite.locator('tbody tr[data-key="east"] th')).toHaveText('East DC');
  await expect(bySite.locator('tbody tr[data-key="west"] td[data-col="otif"]')).toContainText(formatPercent(f.bySite.find((g) => g.key === 'west')?.otifRate.mean ?? NaN));
  await expect(sheet.getByTestId('fulfilment-by-segment').locator('tbody tr')).toHaveCount(2);
  await expect(sheet.getByTestId('fulfilment-stock').locator('tbody tr')).toHaveCount(f.stock.length);
  await expect(sheet.getByTestId('fulfilment-cost').locator('.fc-ful-cost-seg').first()).toBeVisible();
  await expect(sheet.getByTestId('fulfilment-cost').locator('tr[data-part="visits"]')).toContainText('USD');
  await studio.screenshot('fulfilment-sheet-1366');

  // Sorting by OTIF: the better site first, then reversed.
  const otifHeader = bySite.locator('th[data-col="otif"]');
  await otifHeader.getByRole('button').click();
  await expect(otifHeader).toHaveAttribute('aria-sort', 'descending');
  const siteOtif = (key: string) => f.bySite.find((g) => g.key === key)?.otifRate.mean ?? NaN;
  const best = siteOtif('east') >= siteOtif('west') ? 'east' : 'west';
  await expect(bySite.locator('tbody tr').first()).toHaveAttribute('data-key', best);
  await otifHeader.getByRole('button').click();
  await expect(otifHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(bySite.locator('tbody tr').last()).toHaveAttribute('data-key', best);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await studio.screenshot('fulfilment-sheet-1920');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('a model without fulfilment features has no Fulfilment tab', async ({ studio }) => {
  const { page } = studio;
  await studio.loadDocument(JSON.parse(readFileSync('test/fixtures/minimal.flowcast.json', 'utf8')), 'minimal.flowcast.json');
  await page.getByTestId('run-horizon').fill('1');
  await page.getByTestId('run-horizon-unit').selectOption('d');
  await page.getByTestId('run-warmup').fill('0');
  await page.getByTestId('run-replications').fill('2');
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('kpi-throughput-value')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('tab', { name: 'Bottlenecks' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Fulfilment' })).toHaveCount(0);
});
