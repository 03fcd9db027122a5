import { describe, expect, it } from 'vitest';
import type { WorkflowInput } from '../../models';
import { parseCsvEventLog, parseXesEventLog } from '../../simulator/calibrate';
import { runReplication, type EventLogRow } from '../../simulator';
import { formatValue, type ValueKind } from '../../renderer/results/format';
import { csvCell, csvNumber } from '../../renderer/results/export/csv';
import { buildEventLog, eventLogColumns, minutesToTimestamp } from '../../renderer/results/export/eventLogCore';
import { kpiCsv, kpiCsvColumns } from '../../renderer/results/export/kpiCsv';
import { escapeHtml, reportHtml } from '../../renderer/results/export/reportHtml';
import { branchingModelInput, buildModel, simulate } from './helpers';

/** A strict RFC 4180 reader that keeps cells exactly as written (the studio's import would undo the guard). */
function parseCsv(text: string): Array<{ cells: string[] }> {
  const rows: Array<{ cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    }
    else if (c === '\n') {
      cells.push(cell);
      rows.push({ cells });
      cells = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) throw new Error('the CSV does not end with a line break');
  return rows;
}

/** The branching line with hostile names (markup, a formula, commas and quotes) and stated assumptions. */
const hostileInput: WorkflowInput = {
  ...branchingModelInput,
  metadata: { name: 'Line <script>alert(1)</script>', description: 'Test line & "friends"', assumptions: ['Clerks work 24/7 (no shifts) <b>', 'Credit review share from 2025 ERP data'] },
  pools: [
    { id: 'clerks', name: '=HYPERLINK("evil","x")', capacity: 2, costPerHour: 30 },
    { id: 'analysts', name: 'Analysts, credit "team"', capacity: 1, costPerHour: 50 },
  ],
};

const model = buildModel(hostileInput);
const { report } = simulate(model, { replications: 3, days: 3, warmupDays: 0.5, seed: 11 });
const meta = { documentName: 'Branching <test>', generatedAt: '2026-11-27T10:00:00.000Z', wallSeconds: 1.5, workers: 2 };
const html = reportHtml(model, report, meta);

describe('reportHtml', () => {
  it('is one self-contained document: no script, no external URL, no external asset', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\bsrc\s*=|<link|@import|url\(/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).toContain('@page { size: A4');
  });

  it('escapes every name that comes from the model', () => {
    expect(html).toContain(escapeHtml('Line <script>alert(1)</script>'));
    expect(html).toContain('Branching &lt;test&gt;');
    expect(html).toContain('Clerks work 24/7 (no shifts) &lt;b&gt;');
    expect(html).toContain(escapeHtml('=HYPERLINK("evil","x")'));
  });

  it('holds each KPI with its mean and 95% interval as the studio formats them', () => {
    const kpis: Array<[string, { mean: number | null; low: number | null; high: number | null }, ValueKind]> = [
      ['Throughput (orders per day)', report.throughputPerDay, { kind: 'number' }],
      ['Cycle time, mean', report.cycleTime.mean, { kind: 'duration' }],
      ['Cycle time, p90', report.cycleTime.p90, { kind: 'duration' }],
      ['Work in progress, mean (orders)', report.wipMean, { kind: 'number' }],
      ['Cost per order', report.costPerOrder, { kind: 'money', currency: report.model.currency }],
    ];
    for (const [label, e, kind] of kpis) {
      expect(e.mean, label).not.toBeNull();
      expect(e.low, label).not.toBeNull();
      const row = html.split('\n').find((line) => line.includes(`<td>${label}</td>`));
      expect(row, label).toBeDefined();
      expect(row).toContain(escapeHtml(formatValue(e.mean ?? NaN, kind)));
      expect(row).toContain(escapeHtml(`${formatValue(e.low ?? NaN, kind)} – ${formatValue(e.high ?? NaN, kind)}`));
    }
  });

  it('judges SLA attainment against its goal, lists bottlenecks with the engine explanation, utilisation, steps, settings and assumptions', () => {
    const sla = report.slas[0];
    const slaRow = html.split('\n').find((line) => line.includes('<td>Booked within 1 h</td>'));
    expect(slaRow).toContain(formatValue(sla.attainment.mean ?? NaN, { kind: 'share' }));
    expect(slaRow).toContain('90%');
    expect(slaRow).toMatch(/✓ meets|✗ misses|≈ too close to call/);
    expect(report.bottlenecks.length).toBeGreaterThan(0);
    for (const b of report.bottlenecks) expect(html).toContain(escapeHtml(b.explanation));
    for (const p of report.pools) expect(html).toContain(escapeHtml(p.name));
    expect(html).toContain('aria-label="Utilisation per pool and site, with 95% intervals"');
    expect(html).toContain('<svg');
    for (const n of report.nodes.filter((x) => x.kind === 'activity')) expect(html).toContain(`<td>${escapeHtml(n.name)}</td>`);
    expect(html).toContain('<dt>Seed</dt><dd>11</dd>');
    expect(html).toContain('<dt>Replications</dt><dd>3</dd>');
    expect(html).toContain('Credit review share from 2025 ERP data');
  });

  it('is deterministic and flags a report of an older model', () => {
    expect(reportHtml(model, report, meta)).toBe(html);
    expect(html).not.toContain('note stale');
    expect(reportHtml(model, report, { ...meta, stale: true })).toContain('The model was changed after this run');
  });
});

describe('csv cells', () => {
  it('guards formulas and quotes per RFC 4180', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+31 20 555')).toBe("'+31 20 555");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvNumber(0.1 + 0.2)).toBe('0.3');
    expect(csvNumber(-2.5)).toBe('-2.5');
    expect(csvNumber(null)).toBe('');
  });
});

describe('kpiCsv', () => {
  const text = kpiCsv(report);
  const rows = parseCsv(text).map((r) => r.cells);
  const header = rows[0];
  const body = rows.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));

  it('has one header row and the same number of cells on every line', () => {
    expect(header).toEqual([...kpiCsvColumns]);
    expect(body.length).toBeGreaterThan(20);
    for (const r of rows) expect(r.length).toBe(header.length);
    expect(rows.filter((r) => r[0] === 'section')).toHaveLength(1);
  });

  it('writes each estimate with its interval, in minutes and shares', () => {
    const throughput = body.find((r) => r.section === 'run' && r.item_id === 'throughput_per_day');
    expect(Number(throughput?.mean)).toBeCloseTo(report.throughputPerDay.mean ?? NaN, 6);
    expect(Number(throughput?.ci95_low)).toBeCloseTo(report.throughputPerDay.low ?? NaN, 6);
    expect(Number(throughput?.ci95_high)).toBeCloseTo(report.throughputPerDay.high ?? NaN, 6);
    expect(throughput?.n).toBe('3');
    const p90 = body.find((r) => r.metric === 'cycle_time_p90' && r.section === 'run');
    expect(p90?.unit).toBe('minutes');
    expect(Number(p90?.mean)).toBeCloseTo(report.cycleTime.p90.mean ?? NaN, 6);
    const sla = body.find((r) => r.section === 'sla');
    expect(sla?.goal).toBe('0.9');
    expect(['meets', 'misses', 'uncertain', 'unknown']).toContain(sla?.standing);
  });

  it('guards a formula-like name and quotes commas and quotes in names', () => {
    expect(text).toContain(`"'=HYPERLINK(""evil"",""x"")"`);
    const pools = body.filter((r) => r.section === 'pool' && r.metric === 'utilisation');
    expect(pools.map((r) => r.item).sort()).toEqual([`'=HYPERLINK("evil","x")`, 'Analysts, credit "team"'].sort());
    expect(pools.every((r) => Number(r.mean) > 0 && Number(r.mean) <= 1)).toBe(true);
  });
});

describe('event-log CSV of one replication', () => {
  const tiny = buildModel({
    formatVersion: 2,
    metadata: { name: 'Tiny' },
    run: { horizon: { value: 8, unit: 'h' }, warmup: { value: 0, unit: 'h' }, replications: 1, seed: 3 },
    sites: [{ id: 'north', name: 'North', volumeShare: 1 }],
    pools: [{ id: 'desk', name: '@desk', capacity: 1 }],
    nodes: [
      { id: 'in', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 2 } },
      { id: 'enter', kind: 'activity', name: 'Enter, check', pool: 'desk', duration: { kind: 'exponential', mean: 10, unit: 'min' } },
      { id: 'out', kind: 'end', name: 'Done' },
    ],
    edges: [
      { id: 'a', from: 'in', to: 'enter' },
      { id: 'b', from: 'enter', to: 'out' },
    ],
  });
  const request = { model: tiny, seed: 3, horizonMinutes: 480, warmupMinutes: 0, replication: 0 };

  it('has the CLI header and one row per completed step of the replication', () => {
    const direct: EventLogRow[] = [];
    runReplication(tiny, { replication: 0, seed: 3, horizonMinutes: 480, warmupMinutes: 0, eventLog: (row) => direct.push(row) });
    const outcome = buildEventLog(request, runReplication);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(direct.length).toBeGreaterThan(5);
    expect(outcome.rows).toBe(direct.length);
    const lines = parseCsv(outcome.text).map((r) => r.cells);
    expect(lines[0]).toEqual([...eventLogColumns]);
    expect(lines).toHaveLength(direct.length + 1);
    const first = lines[1];
    expect(first[0]).toBe(`0-${direct[0].caseId}`);
    expect(first[1]).toBe('Enter, check');
    expect(first[2]).toBe(minutesToTimestamp(direct[0].startMinutes));
    expect(first[2]).toMatch(/^2024-01-01T\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(first[4]).toBe("'@desk");
    expect(first[5]).toBe('north');
    expect(Number(first[9])).toBeCloseTo(direct[0].completeMinutes, 5);
    expect(buildEventLog(request, runReplication)).toEqual(outcome);
  });

  it('reads back with the studio own event-log import', () => {
    const outcome = buildEventLog(request, runReplication);
    if (!outcome.ok) throw new Error(outcome.error);
    const log = parseCsvEventLog(outcome.text, { case: 'case_id', activity: 'activity', start: 'start', end: 'complete', resource: 'resource' });
    expect(log.events.length).toBe(outcome.rows);
  });

  it('refuses, with a plain message, a log longer than the cap instead of cutting it', () => {
    const outcome = buildEventLog({ ...request, maxRows: 5 }, runReplication);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/would pass 5 rows .*simulated day 1 of 1.*flowcast run MODEL --events LOG\.csv/);
    const xes = buildEventLog({ ...request, format: 'xes', maxRows: 5 }, runReplication);
    expect(xes.ok).toBe(false);
    if (!xes.ok) expect(xes.error).toMatch(/would pass 5 rows .*simulated day 1 of 1.*flowcast run MODEL --events LOG\.xes/);
  });

  it('as XES: the same steps as the CSV export, read back by the project XES reader', () => {
    const csv = buildEventLog(request, runReplication);
    const xes = buildEventLog({ ...request, format: 'xes' }, runReplication);
    if (!csv.ok || !xes.ok) throw new Error('export failed');
    expect(xes.format).toBe('xes');
    expect(xes.rows).toBe(csv.rows);
    expect(xes.text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<log xes\.version="1849-2016"[^>]*>\n/);
    expect(xes.text.endsWith('</log>\n')).toBe(true);
    // The pool is called "@desk": XES needs no formula guard, so the name is written as it is.
    expect(xes.text).toContain('<string key="org:resource" value="@desk"/>');
    expect(xes.text).toContain('<string key="concept:name" value="Enter, check"/>');
    const fromCsv = parseCsvEventLog(csv.text, { case: 'case_id', activity: 'activity', start: 'start', end: 'complete', resource: 'resource' });
    const fromXes = parseXesEventLog(xes.text);
    expect(fromXes.events.length).toBe(csv.rows);
    const key = (e: { caseId: string; activity: string; startMs?: number; endMs: number; resource: string }) => [e.caseId, e.activity, e.startMs, e.endMs, e.resource];
    // Same rows; the XES groups them by order (trace), the CSV keeps the engine's completion order.
    const byCase = (a: ReturnType<typeof key>, b: ReturnType<typeof key>) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1;
    expect(fromXes.events.map(key).sort(byCase)).toEqual(fromCsv.events.map(key).sort(byCase));
    expect(new Set(fromXes.events.map((e) => e.caseId)).size).toBe(xes.text.match(/<trace>/g)?.length);
    expect(buildEventLog({ ...request, format: 'xes' }, runReplication)).toEqual(xes);
  });
});
