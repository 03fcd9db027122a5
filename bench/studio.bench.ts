/**
 * Studio smoothness benchmark (a measurement, not a test): opens a generated 300-node model in the built studio
 * in headless Debian Chromium and measures what a modeller feels.
 *
 *   npm run build:web && npm run bench:studio            (or: node --import tsx bench/studio.bench.ts [nodes])
 *
 * Figures: time from "open" to the graph painted (validation and worker layout included), a drag of one node in
 * 20 mouse steps (wall time per step and the longest main-thread task), and keystroke-to-paint latency while typing
 * in an inspector field (the document changes and is validated on every keystroke). Results also go to
 * bench/results/studio.json.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadModel, type WorkflowInput } from '../models';

const nodeCount = Number(process.argv[2] ?? 300);
const port = 4179;

/** A workflow of `count` nodes: one source, parallel lanes of activities with error paths and decisions, one end. */
export function generateModel(count: number): WorkflowInput {
  const pools = Array.from({ length: 12 }, (_, i) => ({ id: `pool${i}`, name: `Team ${i}`, capacity: 4 + (i % 3), costPerHour: 30 }));
  const nodes: WorkflowInput['nodes'] = [{ id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 20 } }];
  const edges: NonNullable<WorkflowInput['edges']> = [];
  const lanes = 6;
  // Source, router, two ends, and the rest spread over the lanes (the first lanes take the remainder).
  const laneLength = (lane: number) => Math.floor((count - 4) / lanes) + (lane < (count - 4) % lanes ? 1 : 0);
  nodes.push({ id: 'route', kind: 'decision', name: 'Route by channel', mode: 'probability' });
  edges.push({ id: 'e-src', from: 'src', to: 'route' });
  nodes.push({ id: 'desk', kind: 'end', name: 'Exception desk', outcome: 'failed' });
  for (let lane = 0; lane < lanes; lane++) {
    let previous = 'route';
    for (let k = 0; k < laneLength(lane); k++) {
      const id = `a${lane}_${k}`;
      const fails = k % 5 === 4;
      nodes.push({
        id,
        kind: 'activity',
        name: `Step ${k + 1} of lane ${lane + 1}`,
        pool: `pool${(lane * 2 + k) % pools.length}`,
        duration: { kind: 'lognormal', mean: 2 + (k % 7), sd: 1, unit: 'min' },
        ...(fails ? { failureProbability: 0.01 } : {}),
      });
      edges.push(previous === 'route' ? { id: `e-${id}`, from: previous, to: id, kind: 'branch', probability: lane === lanes - 1 ? 1 - (lanes - 1) * Math.round((1 / lanes) * 1e6) / 1e6 : Math.round((1 / lanes) * 1e6) / 1e6 } : { id: `e-${id}`, from: previous, to: id });
      if (fails) edges.push({ id: `err-${id}`, from: id, to: 'desk', kind: 'error' });
      previous = id;
    }
    edges.push({ id: `e-end-${lane}`, from: previous, to: 'done' });
  }
  nodes.push({ id: 'done', kind: 'end', name: 'Shipped', outcome: 'fulfilled' });
  return {
    formatVersion: 2,
    metadata: { name: `Generated ${nodes.length}-node model` },
    run: { horizon: { value: 7, unit: 'd' } },
    sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
    pools,
    nodes,
    edges,
  };
}

function stats(values: number[]): { median: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1]) };
}
const round = (x: number) => Math.round(x * 10) / 10;

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bench/studio: the preview server at ${url} did not start (run "npm run build:web" first).`);
}

/** Drags the node nearest the middle of the view in 20 steps, then types into its name field; returns the figures. */
async function measureInteractions(page: Page, label: string) {
  const rendered = (await page.evaluate('document.querySelectorAll(".react-flow__node").length')) as number;
  // 2. Drag one node in 20 mouse steps (one document change at the end, one undo step).
  await page.evaluate('window.__longTasks.length = 0');
  // The node nearest the middle of the pane, so the drag never reaches the edge (where the view auto-pans).
  const nodeId = (await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow').getBoundingClientRect();
    const cx = pane.left + pane.width / 2, cy = pane.top + pane.height / 2;
    let best, bestD = Infinity;
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (d < bestD) { bestD = d; best = el.getAttribute('data-id'); }
    }
    return best;
  })()`)) as string;
  const node = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
  const box = (await node.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  // Baseline: the same 20 steps of mouse and frame round trips with no button pressed (the harness's own cost).
  const idleMs: number[] = [];
  for (let i = 1; i <= 20; i++) {
    const t = performance.now();
    await page.mouse.move(x + i * 8, y + 30 + i);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r()))');
    idleMs.push(performance.now() - t);
  }
  const pastBefore = (await page.evaluate('window.__flowcastTest.historySize().past')) as number;
  const dragStart = performance.now();
  await page.mouse.move(x, y);
  await page.mouse.down();
  const stepMs: number[] = [];
  for (let i = 1; i <= 20; i++) {
    const t = performance.now();
    await page.mouse.move(x + i * 8, y + i);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r()))');
    stepMs.push(performance.now() - t);
  }
  await page.mouse.up();
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  const dragTotalMs = performance.now() - dragStart;
  const dragLongTasks = (await page.evaluate('window.__longTasks.slice()')) as number[];
  const undoSteps = ((await page.evaluate('window.__flowcastTest.historySize().past')) as number) - pastBefore;

  // Panning the view by dragging the background (every rendered node and edge moves).
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const px = pane.x + 12;
  const py = pane.y + 12;
  const panMs: number[] = [];
  await page.mouse.move(px, py);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) {
    const t = performance.now();
    await page.mouse.move(px + i * 4, py + i * 2);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r()))');
    panMs.push(performance.now() - t);
  }
  await page.mouse.up();

  // 3. Typing in the inspector: keystroke to next paint, with the document updated and validated each time.
  await node.click();
  const field = page.locator('.inspector [data-path$=".name"]').first();
  await field.click();
  await page.evaluate('window.__keyLatencies.length = 0; window.__longTasks.length = 0');
  await page.keyboard.press('End');
  for (const ch of ` ${label}`) {
    await page.keyboard.type(ch);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');
  }
  await page.waitForTimeout(400); // lets the debounced validation of a big model run once
  const keyLatencies = (await page.evaluate('window.__keyLatencies.slice()')) as number[];
  const typingLongTasks = (await page.evaluate('window.__longTasks.slice()')) as number[];
  const nameAfter = (await page.evaluate(`window.__flowcastTest.getDocument().nodes.some((n) => n.name.endsWith(' ${label}'))`)) as boolean;

  return {
    nodesRenderedInView: rendered,
    harnessStepMs: stats(idleMs),
    pan20StepsMs: stats(panMs),
    drag20Steps: { totalMs: round(dragTotalMs), perStepMs: stats(stepMs), longestTaskMs: round(Math.max(0, ...dragLongTasks)), undoSteps },
    typing: { keystrokes: keyLatencies.length, keyToPaintMs: stats(keyLatencies), longestTaskMs: round(Math.max(0, ...typingLongTasks)), applied: nameAfter },
  };
}

async function main(): Promise<void> {
  // vite itself, not through npx: killing an npx wrapper leaves its server running (and serving an old build).
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--outDir', '../out/renderer', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    await waitForServer(`http://127.0.0.1:${port}/`);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    // (No waitForFunction with a string: the studio's CSP forbids eval, rightly.)
    await page.locator('.react-flow__node').first().waitFor();
    const model = generateModel(nodeCount);
    // What one validation of the model costs (the studio runs it after a 200 ms pause in typing above 150 nodes).
    const validateRuns: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      loadModel(model);
      validateRuns.push(performance.now() - t);
    }

    // Long tasks on the main thread, for the whole session.
    await page.evaluate(`(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: false });
    })()`);

    // 1. Open: load, validate, lay out in the worker (no positions in the file), paint.
    const openMs = (await page.evaluate(`(async (doc) => {
      const t0 = performance.now();
      await window.__flowcastTest.loadDocument(doc, 'Generated');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      while (document.querySelectorAll('.react-flow__node').length === 0) await new Promise((r) => requestAnimationFrame(r));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    })(${JSON.stringify(model)})`)) as number;
    await page.waitForTimeout(300); // the fit animation settles
    if (process.env.BENCH_DEBUG) await page.screenshot({ path: 'bench/results/studio-opened.png' });
    const rendered = (await page.evaluate('document.querySelectorAll(".react-flow__node").length')) as number;
    const findings = (await page.evaluate('window.__flowcastTest.getFindings().filter((f) => f.severity === "error").length')) as number;

    await page.evaluate(`(() => {
      window.__keyLatencies = [];
      document.addEventListener('keydown', () => {
        const t0 = performance.now();
        requestAnimationFrame(() => setTimeout(() => window.__keyLatencies.push(performance.now() - t0), 0));
      }, { capture: true });
    })()`);
    // 2-3. At the start view (readable zoom: only what is in view is rendered), then with the whole graph in view.
    const startView = await measureInteractions(page, 'start-view');
    await page.locator('.react-flow__controls-fitview').click();
    if (process.env.BENCH_NO_MINIMAP) await page.keyboard.press('m');
    await page.waitForTimeout(400);
    const client = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : undefined;
    if (client) {
      await client.send('Profiler.enable');
      await client.send('Profiler.start');
    }
    const wholeGraph = await measureInteractions(page, 'whole-graph');
    if (client) {
      const { profile } = (await client.send('Profiler.stop')) as { profile: { nodes: Array<{ id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples?: number[]; timeDeltas?: number[] } };
      const self = new Map<string, number>();
      for (const n of profile.nodes) {
        const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0));
      }
      console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25));
    }
    if (process.env.BENCH_DEBUG) await page.screenshot({ path: 'bench/results/studio-whole-graph.png' });

    // 4. The largest shipped scenario, as a modeller opens it.
    const shipped = readdirSync('scenarios')
      .filter((f) => f.endsWith('.flowcast.json'))
      .map((f) => ({ file: f, doc: JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as { nodes: unknown[] } }))
      .sort((a, b) => b.doc.nodes.length - a.doc.nodes.length)[0];
    let largestScenario: Record<string, unknown> | undefined;
    if (shipped) {
      const t = performance.now();
      await page.evaluate(`window.__flowcastTest.loadDocument(${JSON.stringify(shipped.doc)}, 'largest')`);
      await page.locator('.react-flow__node').first().waitFor();
      const openedMs = performance.now() - t;
      await page.waitForTimeout(400);
      largestScenario = { file: shipped.file, nodes: shipped.doc.nodes.length, openMs: round(openedMs), ...(await measureInteractions(page, 'largest')) };
    }

    const result = {
      date: new Date().toISOString(),
      browser: `Chromium ${browser.version()} headless, 1366x768`,
      nodes: model.nodes.length,
      edges: model.edges?.length ?? 0,
      openToPaintMs: round(openMs),
      validateInNodeMs: stats(validateRuns.slice(2)),
      nodesRenderedAfterOpen: rendered,
      errorsInModel: findings,
      startView,
      wholeGraph,
      largestScenario,
      pageErrors: errors,
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/studio.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
