import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModelText, type Workflow } from '../../models';
import { importBpmn } from '../../models/bpmn';
import { xesLogText } from '../../simulator';
import type { EventLogRow } from '../../simulator/report';
import { openCsvEventLog } from '../../simulator/node/eventLogCsv';
import { eventLogTarget, openXesEventLog, runCalibrateCommand, runExportCommand, runImportCommand } from '../../simulator/node/interop';

const dir = mkdtempSync(join(tmpdir(), 'flowcast-interop-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixtures = new URL('../fixtures/', import.meta.url).pathname;

function io() {
  let stdout = '';
  let stderr = '';
  return {
    io: { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: dir },
    out: () => stdout,
    err: () => stderr,
  };
}

describe('flowcast import bpmn / export bpmn', () => {
  it('imports a Camunda file, writes a valid model and exports it back to BPMN that imports to the same model', async () => {
    const a = io();
    expect(await runImportCommand(['bpmn', join(fixtures, 'bpmn/camunda-order-to-cash.bpmn'), '--out', 'o2c.flowcast.json'], a.io)).toBe(0);
    expect(a.out()).toMatch(/Imported .*camunda-order-to-cash\.bpmn: 11 nodes, 12 edges, 2 pools, 1 systems; 0 warnings\. Written to o2c\.flowcast\.json\./);
    const model = loadModelText(readFileSync(join(dir, 'o2c.flowcast.json'), 'utf8')).model as Workflow;
    expect(model.metadata.name).toBe('Order to cash');

    const b = io();
    expect(await runExportCommand(['bpmn', 'o2c.flowcast.json', '--out', 'o2c.bpmn'], b.io)).toBe(0);
    expect(b.out()).toMatch(/Exported "Order to cash" \(11 nodes, 12 edges\) as BPMN 2\.0 with diagram to o2c\.bpmn/);
    expect((await importBpmn(readFileSync(join(dir, 'o2c.bpmn'), 'utf8'))).model).toEqual(model);
  });

  it('prints every warning with its BPMN element id', async () => {
    const a = io();
    expect(await runImportCommand(['bpmn', join(fixtures, 'bpmn/bpmnio-returns.bpmn'), '--out', 'returns.flowcast.json'], a.io)).toBe(0);
    expect(a.err()).toContain('warning: [Task_Check] Task "Task_Check" has no type (user, manual, service...); it became a manual activity. (untyped-task)');
    expect(a.err()).toContain('warning: [TextAnnotation_1] ');
    expect(a.err()).toContain('warning: [StartEvent_1] ');
    // 11 from the BPMN reading, plus the "channel" attribute the conditions use, declared with equal shares.
    expect(a.err()).toContain('warning: [Gateway_Kind] Conditions use the order attribute "channel"');
    expect(a.out()).toMatch(/; 12 warnings\./);
  });

  it('refuses a hostile file with exit 1 and writes nothing', async () => {
    const a = io();
    expect(await runImportCommand(['bpmn', join(fixtures, 'bpmn/billion-laughs.bpmn'), '--out', 'lol.flowcast.json'], a.io)).toBe(1);
    expect(a.err()).toMatch(/error: \[file\] The BPMN file has a DOCTYPE declaration/);
    expect(a.err()).toMatch(/could not be imported \(1 error\)/);
    expect(existsSync(join(dir, 'lol.flowcast.json'))).toBe(false);
  });

  it('usage mistakes exit 2 with one sentence', async () => {
    const cases: Array<[() => Promise<number>, RegExp]> = [
      [() => runImportCommand(['bpmn', 'x.bpmn'], a.io), /needs --out FILE/],
      [() => runImportCommand(['xpdl', 'x.xpdl', '--out', 'y'], a.io), /knows one format, bpmn, not "xpdl"/],
      [() => runImportCommand(['bpmn', 'missing.bpmn', '--out', 'y.json'], a.io), /Cannot read missing\.bpmn: there is no such file/],
      [() => runExportCommand(['bpmn', 'a.json', 'b.json', '--out', 'y'], a.io), /takes one model file, but got 2/],
      [() => runCalibrateCommand(['log.csv', '--out', 'm.json', '--map', 'case'], a.io), /--map: "case" is not KEY=COLUMN/],
      [() => runCalibrateCommand([join(fixtures, 'logs/small.xes'), '--out', 'm.json', '--map', 'case=x'], a.io), /--map is for CSV logs/],
      [() => runCalibrateCommand(['log.csv', '--out', 'm.json', '--min-edge-share', '2'], a.io), /--min-edge-share must be a number from 0 to below 1/],
    ];
    const a = io();
    for (const [run, message] of cases) {
      const before = a.err().length;
      expect(await run()).toBe(2);
      expect(a.err().slice(before)).toMatch(message);
    }
  });

  it('export of an invalid model exits 1 with its findings', async () => {
    writeFileSync(join(dir, 'bad.flowcast.json'), JSON.stringify({ formatVersion: 2, metadata: { name: 'x' }, run: { horizon: { value: 1, unit: 'd' } }, sites: [], nodes: [], edges: [] }));
    const a = io();
    expect(await runExportCommand(['bpmn', 'bad.flowcast.json', '--out', 'bad.bpmn'], a.io)).toBe(1);
    expect(a.err()).toMatch(/bad\.flowcast\.json is not valid:\nerror: sites/);
  });
});

describe('flowcast calibrate', () => {
  it('calibrates from a CSV log with --map and prints the report', async () => {
    const a = io();
    const map = 'case=Case ID,activity=Task,start=Started,end=Finished,resource=Who';
    expect(await runCalibrateCommand([join(fixtures, 'logs/small.csv'), '--map', map, '--out', 'small.flowcast.json', '--report', 'small.report.json'], a.io)).toBe(0);
    expect(a.out()).toMatch(/Event log: 4 cases, 12 events/);
    expect(a.out()).toMatch(/Enter order -> Credit check: 75\.0%/);
    expect(a.out()).toMatch(/Simulated vs observed cycle time/);
    expect(loadModelText(readFileSync(join(dir, 'small.flowcast.json'), 'utf8')).model).toBeDefined();
    expect(JSON.parse(readFileSync(join(dir, 'small.report.json'), 'utf8'))).toMatchObject({ cases: 4, events: 12 });
  });

  it('calibrates from an XES log', async () => {
    const a = io();
    expect(await runCalibrateCommand([join(fixtures, 'logs/small.xes'), '--out', 'xes.flowcast.json', '--no-compare'], a.io)).toBe(0);
    expect(a.out()).toMatch(/Event log: 2 cases, 5 events/);
    expect(a.out()).not.toMatch(/Simulated vs observed/);
  });

  it('a bad log exits 1 and lists its problems with row numbers', async () => {
    const a = io();
    expect(await runCalibrateCommand([join(fixtures, 'logs/bad-timestamp.csv'), '--out', 'from-bad-log.flowcast.json'], a.io)).toBe(1);
    expect(a.err()).toMatch(/cannot be read:\n {2}row 3: "yesterday noon" in column "complete" is not a timestamp/);
    expect(a.err()).toMatch(/\n {2}row 4: "2024-02-30T08:00:00Z"/);
    expect(existsSync(join(dir, 'from-bad-log.flowcast.json'))).toBe(false);
  });
});

describe('XES event-log output', () => {
  const row = (caseId: number, activity: string, start: number, end: number, replication = 0, extra: Partial<EventLogRow> = {}): EventLogRow => ({
    caseId,
    replication,
    activityId: activity.toLowerCase().replace(/\W+/g, '-'),
    activity,
    startMinutes: start,
    completeMinutes: end,
    resource: 'Clerks & co <1>',
    site: 'main',
    attempt: 0,
    status: 'ok',
    ...extra,
  });
  // Completion order across cases, as the engine emits them.
  const rows = [row(1, 'Enter', 0, 5), row(2, 'Enter', 1, 6), row(1, 'Ship "fast"', 5, 9), row(2, 'Ship "fast"', 6, 12), row(1, 'Enter', 0, 3, 1)];

  function writeXes(path: string, spillChars?: number): string {
    const writer = openXesEventLog(path, { spillChars });
    for (const r of rows) writer.write(r);
    expect(writer.rows).toBe(rows.length);
    writer.close();
    return readFileSync(path, 'utf8');
  }

  it('groups steps into traces in time order, escapes text and gives start and complete events', () => {
    const xes = writeXes(join(dir, 'a.xes'));
    expect(xes).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<log xes\.version="1849-2016"/);
    const traces = [...xes.matchAll(/<trace>([\s\S]*?)<\/trace>/g)].map((m) => m[1]);
    expect(traces.map((t) => /concept:name" value="([^"]+)"/.exec(t)?.[1])).toEqual(['0-1', '0-2', '1-1']);
    expect([...traces[0].matchAll(/<event><string key="concept:name" value="([^"]+)"\/>[\s\S]*?lifecycle:transition" value="(\w+)"\/><date key="time:timestamp" value="([^"]+)"/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ['Enter', 'start', '2024-01-01T00:00:00.000Z'],
      ['Enter', 'complete', '2024-01-01T00:05:00.000Z'],
      ['Ship &quot;fast&quot;', 'start', '2024-01-01T00:05:00.000Z'],
      ['Ship &quot;fast&quot;', 'complete', '2024-01-01T00:09:00.000Z'],
    ]);
    expect(xes).toContain('<string key="org:resource" value="Clerks &amp; co &lt;1&gt;"/>');
    expect(xes.trimEnd().endsWith('</log>')).toBe(true);
  });

  it('gives the same file when it spills to disk on the way', () => {
    expect(writeXes(join(dir, 'spilled.xes'), 1)).toBe(writeXes(join(dir, 'memory.xes')));
  });

  it('`run --events LOG.xes`: the CSV the worker pool writes is converted to the same XES', async () => {
    const target = eventLogTarget(join(dir, 'run.xes'));
    expect(target.format).toBe('xes');
    const csv = openCsvEventLog(target.csvPath, { header: true });
    for (const r of rows) csv.write(r);
    csv.close();
    await target.finish();
    expect(existsSync(target.csvPath)).toBe(false);
    expect(readFileSync(join(dir, 'run.xes'), 'utf8')).toBe(writeXes(join(dir, 'direct.xes')));
    expect(eventLogTarget(join(dir, 'run.csv'))).toMatchObject({ format: 'csv', csvPath: join(dir, 'run.csv') });
  });

  /**
   * The bytes pinned: fixtures/logs/writer-golden.xes was written by the XES writer before its text moved to the
   * pure simulator/eventLogXes.ts. The streamed writer (in memory or spilling), `run --events LOG.xes` (the CSV
   * converted) and the studio's in-memory `xesLogText` must all still write exactly these bytes.
   */
  describe('byte-identical to the pinned file', () => {
    const golden = readFileSync(join(fixtures, 'logs/writer-golden.xes'), 'utf8');
    // Quotes, apostrophes, markup, an empty resource, a non-ASCII site, a time that is not a whole millisecond.
    const pinned = [
      row(1, 'Enter', 0, 5),
      row(2, 'Enter', 1, 6),
      row(1, 'Ship "fast"', 5, 9),
      row(2, "Check 'credit'", 6, 12.5000004, 0, { resource: '', status: 'failed', attempt: 1 }),
      row(1, 'Enter', 0, 3, 1, { site: 'nord-ø' }),
    ];
    const streamed = (name: string, spillChars?: number) => {
      const writer = openXesEventLog(join(dir, name), { spillChars });
      for (const r of pinned) writer.write(r);
      writer.close();
      return readFileSync(join(dir, name), 'utf8');
    };

    it('from the streamed writer, in memory and spilling every event to disk', () => {
      expect(streamed('pinned-memory.xes')).toBe(golden);
      expect(streamed('pinned-spilled.xes', 1)).toBe(golden);
    });

    it('from `run --events LOG.xes` (the CSV the workers write, converted)', async () => {
      const target = eventLogTarget(join(dir, 'pinned-run.xes'));
      const csv = openCsvEventLog(target.csvPath, { header: true });
      for (const r of pinned) csv.write(r);
      csv.close();
      await target.finish();
      expect(readFileSync(join(dir, 'pinned-run.xes'), 'utf8')).toBe(golden);
    });

    it("from the pure in-memory text of the studio's export, in any order that keeps each order's steps in order", () => {
      expect(xesLogText(pinned)).toBe(golden);
      expect(xesLogText([pinned[4], pinned[1], pinned[3], pinned[0], pinned[2]])).toBe(golden);
    });
  });
});
