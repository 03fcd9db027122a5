import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModelText, type Workflow } from '../../models';
import { parseCsvEventLog, parseXesEventLog } from '../../simulator/calibrate';
import { eventLogTarget } from '../../simulator/node/interop';
import { runReportOnWorkerThreads } from '../../simulator/node/workerThreadsPool';

const dir = mkdtempSync(join(tmpdir(), 'flowcast-run-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('run --events LOG.xes through the worker-thread pool', () => {
  it('writes the same steps as the CSV log, grouped into one trace per order', async () => {
    const model = loadModelText(readFileSync(new URL('../fixtures/minimal.flowcast.json', import.meta.url), 'utf8')).model as Workflow;
    const settings = { model, variant: null, replications: 2, seed: 5, horizonMinutes: 2 * 1440, warmupMinutes: 0, workers: 2 };
    await runReportOnWorkerThreads({ ...settings, eventLogPath: join(dir, 'run.csv') });
    // What main.ts does for a .xes path: run with the target's CSV path, then finish (convert, remove the CSV).
    const target = eventLogTarget(join(dir, 'run.xes'));
    await runReportOnWorkerThreads({ ...settings, eventLogPath: target.csvPath });
    await target.finish();
    const csv = parseCsvEventLog(readFileSync(join(dir, 'run.csv'), 'utf8'));
    const xes = parseXesEventLog(readFileSync(join(dir, 'run.xes'), 'utf8'));
    expect(csv.events.length).toBeGreaterThan(100);
    const key = (e: { caseId: string; activity: string; startMs?: number; endMs: number; resource: string }) => `${e.caseId}|${e.activity}|${e.startMs}|${e.endMs}|${e.resource}`;
    expect(xes.events.map(key).sort()).toEqual(csv.events.map(key).sort());
  });
});
