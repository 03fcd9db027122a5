import { chromium, expect, test, type Browser } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { resolveAppRequest } from '../../electron/main/protocol';
import { contentSecurityPolicy } from '../../electron/main/security';

/**
 * Runs without Electron: serves the built renderer the way the shell's app:// handler does (same resolver, same
 * Content-Security-Policy header) and drives it in Chromium, so the policy is checked against the real bundle:
 * the studio loads, its module workers start, a simulation runs, and no CSP violation is reported.
 */
const root = path.resolve(import.meta.dirname, '../..');
// A bundle of its own: out/renderer is rebuilt (and emptied) by other builds running at the same time.
const rendererDir = path.join(root, 'test-results/electron-e2e-renderer');
const chromiumPath = '/usr/bin/chromium';
const port = 4187;

test.skip(!existsSync(chromiumPath), `Skipped: no Chromium at ${chromiumPath}.`);

let server: Server;
let browser: Browser;

test.beforeAll(async () => {
  const build = spawnSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn', '--outDir', rendererDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
  expect(build.status, 'vite build').toBe(0);
  expect(existsSync(path.join(rendererDir, 'index.html'))).toBe(true);
  const csp = contentSecurityPolicy();
  server = createServer((request, response) => {
    const target = resolveAppRequest(`app://flowcast${request.url ?? '/'}`, rendererDir);
    if (!target.ok) {
      response.writeHead(target.status).end(target.reason);
      return;
    }
    fsp.readFile(target.filePath).then(
      (body) => response.writeHead(200, { 'Content-Type': target.mimeType, 'Content-Security-Policy': csp }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  browser = await chromium.launch({ executablePath: chromiumPath });
});

test.afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test('the studio loads and runs under the shell CSP without violations', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await expect(page.locator('#root')).not.toBeEmpty();
  // An injected inline script must not run (script-src 'self'). Playwright's own evaluate bypasses the page
  // CSP, so the probe is a <script> element, which the page's policy governs.
  const inlineRan = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(inlineRan).toBe(false);
  await page.getByRole('button', { name: /^run/i }).first().click();
  await expect(page.getByTestId('kpi-cards')).toBeVisible({ timeout: 60_000 });
  // The inline-script probe reports a violation on purpose. zod 4 probes `new Function("")` once per realm (page
  // and worker) to decide on its JIT; the policy blocks it, zod falls back, but the browser still reports it
  // (zod's `z.config({ jitless: true })` skips the probe). Nothing else may be reported.
  const expected = (p: string): boolean => /script-src-elem|inline script/i.test(p) || p === 'CSP violation: script-src eval';
  expect(problems.filter((p) => !expected(p))).toEqual([]);
  expect(problems.some((p) => /script-src-elem/.test(p))).toBe(true);
});
