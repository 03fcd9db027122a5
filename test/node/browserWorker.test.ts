import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelText } from '../../models';
import { portableExp, portableLog, portablePow } from '../../simulator/core/portableMath';
import type { ReplicationResult } from '../../simulator/report';
import { runReplication } from '../../simulator/run';
import { workerProtocolVersion } from '../../simulator/worker/protocol';
import { portableMathArguments, repoRoot } from './helpers';

const chromiumPath = '/usr/bin/chromium';

/** The little of the DOM worker API the page scripts use (test/ compiles without the DOM lib). */
interface PageWorker {
  onmessage: ((event: { data: { type: string; result?: unknown; message?: string } }) => void) | null;
  onerror: ((event: { message: string }) => void) | null;
  postMessage: (message: unknown) => void;
}
type PageWorkerConstructor = new (url: string) => PageWorker;

async function bundle(entry: string, globalName?: string): Promise<string> {
  const result = await build({ entryPoints: [join(repoRoot, entry)], bundle: true, format: 'iife', globalName, platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  return result.outputFiles[0].text;
}

/**
 * The browser side of "same seed, same bytes in Node and in a browser worker", in headless Chromium (skipped where
 * /usr/bin/chromium is missing).
 */
describe.skipIf(!existsSync(chromiumPath))('in a browser (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('portable log/exp/pow give the same bits as in Node (the host Math does not)', async () => {
    const args = portableMathArguments(20_000);
    const page = await browser.newPage();
    await page.addScriptTag({ content: await bundle('simulator/core/portableMath.ts', 'PortableMath') });
    const inBrowser = await page.evaluate((a) => {
      const pm = (globalThis as unknown as { PortableMath: { portableLog: (x: number) => number; portableExp: (x: number) => number; portablePow: (x: number, y: number) => number } }).PortableMath;
      return {
        log: a.logArgs.map((x) => pm.portableLog(x)),
        exp: a.expArgs.map((x) => pm.portableExp(x)),
        pow: a.powArgs.map(([x, y]) => pm.portablePow(x, y)),
        hostLog: a.logArgs.map((x) => Math.log(x)),
      };
    }, args);
    await page.close();
    expect(inBrowser.log).toEqual(args.logArgs.map((x) => portableLog(x)));
    expect(inBrowser.exp).toEqual(args.expArgs.map((x) => portableExp(x)));
    expect(inBrowser.pow).toEqual(args.powArgs.map(([x, y]) => portablePow(x, y)));
    // Why the portable functions exist: the host's Math.log differs between engines (reported, not asserted,
    // since a future Node or Chromium may agree again).
    const hostDiffers = inBrowser.hostLog.filter((v, i) => v !== Math.log(args.logArgs[i])).length;
    console.info(`Chromium's Math.log differs from Node's for ${hostDiffers} of ${args.logArgs.length} arguments.`);
  });

  it('the Web Worker entry runs replications through the protocol, field by field as in Node', async () => {
    const model = loadModelText(readFileSync(join(repoRoot, 'test/node/fixtures/desk-variants.flowcast.json'), 'utf8')).model;
    if (!model) throw new Error('fixture does not load');
    const request = { type: 'run', protocol: workerProtocolVersion, jobId: 1, model, replications: [0, 1, 2], seed: 99, horizonMinutes: 2 * 1440, warmupMinutes: 120 };
    const page = await browser.newPage();
    const fromBrowser = await page.evaluate(
      ({ code, message }) =>
        new Promise<unknown[]>((resolve, reject) => {
          // A classic worker from a blob: a module worker cannot start from a blob: URL on about:blank.
          const WorkerClass = (globalThis as unknown as { Worker: PageWorkerConstructor }).Worker;
          const worker = new WorkerClass(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
          const results: unknown[] = [];
          worker.onerror = (event) => reject(new Error(`worker error: ${event.message}`));
          worker.onmessage = (event) => {
            if (event.data.type === 'result') results.push(event.data.result);
            if (event.data.type === 'error') reject(new Error(event.data.message));
            if (event.data.type === 'done') resolve(results);
          };
          worker.postMessage(message);
        }),
      { code: await bundle('simulator/worker/webWorker.ts'), message: request },
    );
    await page.close();
    const fromNode = [0, 1, 2].map((replication) => runReplication(model, { replication, seed: 99, horizonMinutes: request.horizonMinutes, warmupMinutes: request.warmupMinutes }) satisfies ReplicationResult);
    expect(fromBrowser).toHaveLength(3);
    // A structural check that names the first field that differs (the byte-level check is the next test).
    expectClose(fromBrowser, fromNode, '');
  });

  it.each([
    ['test/node/fixtures/desk-variants.flowcast.json', [0, 1, 2, 3], 2 * 1440],
    // A shipped scenario exercises every node kind: integrations with retries and outages, batches, shifts, joins.
    ['scenarios/regional-distributor-current.flowcast.json', [0, 1], 3 * 1440],
  ] as const)('the Web Worker gives byte-identical JSON to Node: %s', async (file, replications, horizonMinutes) => {
    const model = loadModelText(readFileSync(join(repoRoot, file), 'utf8')).model;
    if (!model) throw new Error(`${file} does not load`);
    const request = { type: 'run', protocol: workerProtocolVersion, jobId: 1, model, replications: [...replications], seed: 99, horizonMinutes, warmupMinutes: 120 };
    const page = await browser.newPage();
    const fromBrowser = await page.evaluate(
      ({ code, message }) =>
        new Promise<string[]>((resolve, reject) => {
          const WorkerClass = (globalThis as unknown as { Worker: PageWorkerConstructor }).Worker;
          const worker = new WorkerClass(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
          const results: string[] = [];
          worker.onmessage = (event) => {
            if (event.data.type === 'result') results.push(JSON.stringify(event.data.result));
            if (event.data.type === 'error') reject(new Error(event.data.message));
            if (event.data.type === 'done') resolve(results);
          };
          worker.postMessage(message);
        }),
      { code: await bundle('simulator/worker/webWorker.ts'), message: request },
    );
    await page.close();
    const fromNode = replications.map((replication) => JSON.stringify(runReplication(model, { replication, seed: 99, horizonMinutes, warmupMinutes: request.warmupMinutes })));
    expect(fromBrowser).toEqual(fromNode);
  });
});

/** Deep equality with numbers compared to 1e-12 relative (exactly for integers). */
function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isInteger(expected) && Number.isInteger(actual)) expect(actual, path).toBe(expected);
    else expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((item, i) => expectClose((actual as unknown[])[i], item, `${path}[${i}]`));
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    expect(Object.keys(actual as object), path).toEqual(Object.keys(expected));
    for (const key of Object.keys(expected)) expectClose((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(actual, path).toBe(expected);
}
