import { test as base } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, screenshotDir, StudioPage, test } from './fixtures';

/**
 * Exporting results as a user would: run a short simulation, then Export in the results panel. In a browser
 * the files arrive as downloads; in the desktop shell (a fake `window.flowcast`) the native menu's commands send
 * them through the bridge's exportFile. The exported report is opened in the browser and photographed
 * (test-results/screenshots/export-report-*.png).
 */

async function runShort(studio: StudioPage): Promise<void> {
  const { page } = studio;
  await page.getByTestId('run-horizon').fill('3');
  await page.getByTestId('run-horizon-unit').selectOption('d');
  await page.getByTestId('run-warmup').fill('1');
  await page.getByTestId('run-replications').fill('3');
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('kpi-throughput-value')).toBeVisible({ timeout: 60_000 });
}

async function exportVia(studio: StudioPage, entry: string): Promise<{ name: string; text: string }> {
  const { page } = studio;
  await page.getByTestId('results-export').getByRole('button', { name: /Export/ }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${entry}`).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('exports the HTML report, the KPI CSV and the event log (CSV and XES) as downloads', async ({ studio }) => {
  const { page } = studio;
  await runShort(studio);
  const throughput = (await page.getByTestId('kpi-throughput-value').textContent()) ?? '';
  const interval = (await page.locator('[data-kpi="throughput"] .fc-res-kpi-interval').textContent()) ?? '';
  expect(throughput).toMatch(/\d/);
  await page.getByTestId('results-export').getByRole('button', { name: /Export/ }).click();
  await expect(page.getByRole('menuitem')).toHaveCount(5);
  await studio.screenshot('export-menu');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menuitem')).toHaveCount(0);

  const report = await exportVia(studio, 'exportReport');
  expect(report.name).toMatch(/ report\.html$/);
  expect(report.text).toMatch(/^<!DOCTYPE html>/);
  expect(report.text).not.toMatch(/<script|https?:\/\/|\bsrc\s*=/i);
  const kpiRow = report.text.split('\n').find((l) => l.includes('<td>Throughput (orders per day)</td>'));
  expect(kpiRow).toContain(`<td class="num">${throughput}</td>`);
  expect(kpiRow).toContain(interval.trim());
  await expect(page.getByTestId('status')).toContainText('Exported the report (HTML)');

  const csv = await exportVia(studio, 'exportCsv');
  expect(csv.name).toMatch(/ KPIs\.csv$/);
  const lines = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\n');
  expect(lines[0]).toBe('section,item,item_id,site,metric,unit,mean,ci95_low,ci95_high,ci95_half_width,sd,n,goal,standing');
  const tp = lines.find((l) => l.startsWith('run,Throughput,throughput_per_day,'))?.split(',');
  expect(tp).toBeDefined();
  // The CSV holds the full number; the card shows it rounded to three significant digits.
  expect(Number(tp?.[6]).toLocaleString('en-US', { maximumSignificantDigits: 3 })).toBe(throughput);
  expect(tp?.[11]).toBe('3');

  const log = await exportVia(studio, 'exportEventLog');
  expect(log.name).toMatch(/ event log\.csv$/);
  const logLines = log.text.replace(/^\uFEFF/, '').trimEnd().split('\n');
  expect(logLines[0]).toBe('case_id,activity,start,complete,resource,site,replication,activity_id,start_minutes,complete_minutes,attempt,status');
  expect(logLines.length).toBeGreaterThan(100);
  expect(logLines[1]).toMatch(/^0-\d+,[^,]+,2024-01-0\dT[\d:.]+Z,2024-01-0\dT[\d:.]+Z,/);
  await expect(page.getByTestId('status')).toContainText(/Exported the event log \(CSV\) .*steps of replication 1/);

  // The same replication as XES: an XES <log> root, one trace per order, a start and a complete event per CSV row.
  const xes = await exportVia(studio, 'exportEventLogXes');
  // The status line clears after a few seconds: read it before looking into the file.
  await expect(page.getByTestId('status')).toContainText(/Exported the event log \(XES\) .*steps of replication 1/);
  expect(xes.name).toMatch(/ event log\.xes$/);
  expect(xes.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<log ')).toBe(true);
  const root = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const error = doc.getElementsByTagName('parsererror').length > 0;
    return { error, name: doc.documentElement.localName, ns: doc.documentElement.namespaceURI, version: doc.documentElement.getAttribute('xes.version'), traces: doc.getElementsByTagName('trace').length, events: doc.getElementsByTagName('event').length };
  }, xes.text);
  expect(root).toMatchObject({ error: false, name: 'log', ns: 'http://www.xes-standard.org/', version: '1849-2016' });
  expect(root.events).toBe(2 * (logLines.length - 1));
  expect(root.traces).toBe(new Set(logLines.slice(1).map((l) => l.split(',')[0])).size);

  // Look at the report as a reader would: opened in the browser, and as printed on A4.
  mkdirSync(screenshotDir, { recursive: true });
  const viewer = await page.context().newPage();
  await viewer.setViewportSize({ width: 900, height: 1200 });
  await viewer.setContent(report.text);
  await viewer.screenshot({ path: `${screenshotDir}/export-report-html.png`, fullPage: true });
  // The report must fit the page: nothing wider than the viewport (an A4 page is narrower still).
  expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
  const height = await viewer.evaluate(() => document.documentElement.scrollHeight);
  for (let top = 0, part = 1; top < height; top += 1100, part++)
    await viewer.screenshot({ path: `${screenshotDir}/export-report-part${part}.png`, fullPage: true, clip: { x: 0, y: top, width: 900, height: Math.min(1100, height - top) } });
  await viewer.emulateMedia({ media: 'print' });
  await viewer.screenshot({ path: `${screenshotDir}/export-report-print.png`, fullPage: true });
  // Chromium's printToPDF, as the desktop shell uses it, on A4 with the report's own @page rules.
  const pdf = await viewer.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, path: `${screenshotDir}/export-report.pdf` });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThan(1);
  expect(pages).toBeLessThan(20);
  await viewer.close();
});

/** The studio in a fake desktop shell that records exportFile calls and forwards native menu commands. */
const desktop = base.extend<{ studio: StudioPage }>({
  studio: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.addInitScript(() => {
      const exports: Array<{ kind: string; suggestedName: string; content: string }> = [];
      const w = window as unknown as Record<string, unknown>;
      w.__exports = exports;
      w.flowcast = {
        openModel: async () => undefined,
        openRecent: async () => undefined,
        saveModel: async () => ({ ok: true }),
        saveModelAs: async () => ({ ok: true }),
        recentDocuments: async () => [],
        exportFile: async (request: { kind: string; suggestedName: string; content: string }) => {
          exports.push(request);
          return { ok: true, path: `/home/ana/${request.suggestedName}` };
        },
        appInfo: async () => ({ name: 'Flowcast', version: 'test', platform: 'linux' }),
        documentChanged: async () => undefined,
        onMenuCommand: (listener: (command: string) => void) => {
          w.__menuCommand = listener;
          return () => undefined;
        },
        onOpenDocument: () => () => undefined,
      };
    });
    const studio = new StudioPage(page);
    await studio.open();
    await use(studio);
    expect(problems, 'console and page errors').toEqual([]);
  },
});

const menu = (studio: StudioPage, command: string) => studio.page.evaluate((c) => (window as unknown as { __menuCommand: (c: string) => void }).__menuCommand(c), command);
const exported = (studio: StudioPage) => studio.page.evaluate(() => (window as unknown as { __exports: Array<{ kind: string; suggestedName: string; content: string }> }).__exports);

desktop('the File menu exports through the desktop shell, says to run first, opens the interop dialogs and About', async ({ studio }) => {
  const { page } = studio;
  await menu(studio, 'export.report');
  await expect(page.getByTestId('status')).toHaveText(/run the simulation first/);
  expect(await exported(studio)).toEqual([]);

  await menu(studio, 'file.importBpmn');
  await expect(page.getByTestId('import-bpmn-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-bpmn-dialog')).toHaveCount(0);
  await menu(studio, 'file.importEventLog');
  await expect(page.getByTestId('import-log-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await menu(studio, 'file.exportBpmn');
  await expect(page.getByTestId('export-bpmn-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-bpmn-dialog')).toHaveCount(0);

  // Help > About answers with the shell's app info (no command falls through unhandled).
  await menu(studio, 'help.about');
  await expect(page.getByTestId('status')).toContainText('Flowcast test (linux)');

  await runShort(studio);
  await menu(studio, 'export.reportPdf');
  await menu(studio, 'export.csv');
  await expect.poll(async () => (await exported(studio)).length).toBe(2);
  const [pdf, csv] = await exported(studio);
  expect(pdf.kind).toBe('report-pdf');
  expect(pdf.suggestedName).toMatch(/ report\.pdf$/);
  expect(pdf.content).toMatch(/^<!DOCTYPE html>/);
  expect(csv.kind).toBe('csv');
  expect(csv.content.startsWith('section,item,')).toBe(true);
  await expect(page.getByTestId('status')).toContainText('Exported the KPI tables (CSV) to /home/ana/');

  // The XES log (Export menu of the results panel) goes to the shell as an event log whose name picks XES.
  await page.getByTestId('results-export').getByRole('button', { name: /Export/ }).click();
  await page.getByTestId('export-exportEventLogXes').click();
  await expect.poll(async () => (await exported(studio)).length).toBe(3);
  const xes = (await exported(studio))[2];
  expect(xes.kind).toBe('event-log');
  expect(xes.suggestedName).toMatch(/ event log\.xes$/);
  expect(xes.content.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1849-2016"')).toBe(true);
  expect(xes.content.match(/<event>/g)?.length).toBeGreaterThan(100);
  await expect(page.getByTestId('status')).toContainText(/Exported the event log \(XES\) to \/home\/ana\/.* event log\.xes/);
});
