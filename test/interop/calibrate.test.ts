import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, type Workflow, type WorkflowInput } from '../../models';
import {
  calibrate,
  digamma,
  EventLogError,
  fitDurations,
  guessMapping,
  parseCsv,
  parseCsvEventLog,
  parseMappingText,
  parseTimestamp,
  parseXesEventLog,
  regularizedGammaP,
  trigamma,
  type CalibrationResult,
} from '../../simulator/calibrate';
import { runReplication } from '../../simulator/run';
import type { EventLogRow } from '../../simulator/report';
import { eventLogHeader, eventLogLine } from '../../simulator/node/eventLogCsv';
import { openXesEventLog } from '../../simulator/node/interop';

const logFixture = (name: string) => readFileSync(new URL(`../fixtures/logs/${name}`, import.meta.url), 'utf8');

/** Catches an EventLogError and returns its problems. */
function problemsOf(read: () => unknown): Array<{ row: number; message: string }> {
  try {
    read();
  } catch (error) {
    if (error instanceof EventLogError) return error.problems;
    throw error;
  }
  throw new Error('expected an EventLogError');
}

// ---------------------------------------------------------------------------------------------- a known model

/** The model the log comes from: two pools, a 30% review branch, three duration families. */
const knownDocument: WorkflowInput = {
  formatVersion: 2,
  metadata: { name: 'Known model' },
  run: { horizon: { value: 30, unit: 'd' }, warmup: { value: 0, unit: 'd' }, replications: 1, seed: 7 },
  sites: [{ id: 'main', name: 'Main', volumeShare: 1 }],
  pools: [
    { id: 'clerks', name: 'Clerks', capacity: 3 },
    { id: 'analysts', name: 'Analysts', capacity: 2 },
  ],
  nodes: [
    { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 6 } },
    { id: 'entry', kind: 'activity', name: 'Enter order', pool: 'clerks', duration: { kind: 'lognormal', mean: 12, sd: 6, unit: 'min' } },
    { id: 'check', kind: 'decision', name: 'Review needed?' },
    { id: 'review', kind: 'activity', name: 'Review', pool: 'analysts', duration: { kind: 'exponential', mean: 10, unit: 'min' } },
    { id: 'ship', kind: 'activity', name: 'Ship', pool: 'clerks', duration: { kind: 'gamma', mean: 6, sd: 2, unit: 'min' } },
    { id: 'done', kind: 'end', name: 'Done' },
  ],
  edges: [
    { id: 'e1', from: 'orders', to: 'entry' },
    { id: 'e2', from: 'entry', to: 'check' },
    { id: 'e3', from: 'check', to: 'review', kind: 'branch', probability: 0.3 },
    { id: 'e4', from: 'check', to: 'ship', kind: 'branch', probability: 0.7 },
    { id: 'e5', from: 'review', to: 'ship' },
    { id: 'e6', from: 'ship', to: 'done' },
  ],
};

function simulatedRows(): EventLogRow[] {
  const model = loadModel(knownDocument).model as Workflow;
  const rows: EventLogRow[] = [];
  runReplication(model, { replication: 0, seed: 7, horizonMinutes: 30 * 1440, warmupMinutes: 0, eventLog: (row) => rows.push(row) });
  return rows;
}

// z for a two-sided 99.9% interval: the recovered parameter must lie within it (one fixed seed, so no flakiness,
// and wide enough that an engine change that keeps the distributions right keeps the test green).
const z999 = 3.29;

function expectRecovered(result: CalibrationResult, rows: readonly EventLogRow[]): void {
  const { model, report } = result;
  const cases = new Set(rows.map((r) => r.caseId)).size;
  // Arrival rate: Poisson count over 30 days.
  const hours = 30 * 24;
  expect(Math.abs(report.arrivals.ratePerHour - 6)).toBeLessThan(z999 * Math.sqrt(6 / hours));
  expect(report.arrivals.low).toBeLessThan(6);
  expect(report.arrivals.high).toBeGreaterThan(6);
  // Branch probability: binomial interval around the true 0.3.
  const toReview = report.branches.find((b) => b.from === 'Enter order' && b.to === 'Review');
  expect(toReview).toBeDefined();
  const n = report.branches.filter((b) => b.from === 'Enter order').reduce((a, b) => a + b.count, 0);
  expect(Math.abs((toReview?.probability ?? 0) - 0.3)).toBeLessThan(z999 * Math.sqrt((0.3 * 0.7) / n));
  // Mean durations within their intervals (sd / sqrt(n)), and the families that generated them chosen by AIC.
  const truth: Record<string, { mean: number; sd: number; family: string }> = {
    'Enter order': { mean: 12, sd: 6, family: 'lognormal' },
    Review: { mean: 10, sd: 10, family: 'exponential' },
    Ship: { mean: 6, sd: 2, family: 'gamma' },
  };
  for (const a of report.activities) {
    const t = truth[a.activity];
    expect(Math.abs(a.meanMinutes - t.mean), a.activity).toBeLessThan(z999 * (t.sd / Math.sqrt(a.count)));
    if (a.activity !== 'Review') expect(a.best, a.activity).toBe(t.family);
    // An exponential is a gamma and a Weibull with shape 1: the three fit equally well, so any of them is right.
    else expect(['exponential', 'gamma', 'weibull']).toContain(a.best);
  }
  // Pools: the two teams found from the resource column, with their sizes from concurrent work.
  expect(report.pools.map((p) => [p.name, p.activities.sort(), p.capacity]).sort()).toEqual([
    ['Analysts', ['Review'], 2],
    ['Clerks', ['Enter order', 'Ship'], 3],
  ]);
  // The model is valid and reproduces the log.
  expect(loadModel(model).model).toBeDefined();
  expect(report.cases).toBe(cases);
  const comparison = report.comparison;
  expect(comparison).toBeDefined();
  if (!comparison) return;
  expect(Math.abs((comparison.simulated.meanMinutes ?? 0) / (comparison.observed.meanMinutes ?? 1) - 1)).toBeLessThan(0.05);
  expect(comparison.ks).toBeLessThan(0.05);
  for (const f of comparison.activityFrequency) expect(Math.abs(f.simulatedPerCase - f.observedPerCase), f.activity).toBeLessThan(0.03);
}

describe('calibration recovers a known model from the log the simulator wrote', () => {
  const rows = simulatedRows();

  it('through the CSV event log (the streamed writer of `flowcast run --events`)', () => {
    const csv = eventLogHeader() + rows.map(eventLogLine).join('');
    const log = parseCsvEventLog(csv, { case: 'case_id', activity: 'activity', start: 'start', end: 'complete', resource: 'resource' });
    expect(log.events).toHaveLength(rows.length);
    expect(log.hasStartTimes).toBe(true);
    expectRecovered(calibrate(log, { seed: 3 }), rows);
  });

  it('through the XES writer (spilling to disk on the way), read back by the XES reader', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowcast-xes-test-'));
    try {
      const path = join(dir, 'log.xes');
      const writer = openXesEventLog(path, { spillChars: 300_000 });
      for (const row of rows) writer.write(row);
      writer.close();
      const log = parseXesEventLog(readFileSync(path, 'utf8'));
      expect(log.events).toHaveLength(rows.length);
      expect(log.warnings).toEqual([]);
      expectRecovered(calibrate(log, { seed: 3 }), rows);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('guesses the mapping of that CSV from its header', () => {
    const csv = eventLogHeader() + rows.slice(0, 50).map(eventLogLine).join('');
    expect(guessMapping(parseCsv(csv)[0].cells)).toEqual({ case: 'case_id', activity: 'activity', start: 'start', end: 'complete', resource: 'resource' });
  });
});

describe('calibration finds parallel work', () => {
  it('recovers the split and join of a BPMN model (import -> simulate -> log -> calibrate)', async () => {
    const { importBpmn } = await import('../../models/bpmn');
    const imported = await importBpmn(readFileSync(new URL('../fixtures/bpmn/camunda-order-to-cash.bpmn', import.meta.url), 'utf8'));
    const model = imported.model as Workflow;
    const rows: EventLogRow[] = [];
    runReplication(model, { replication: 0, seed: 2, horizonMinutes: 14 * 1440, warmupMinutes: 0, eventLog: (row) => rows.push(row) });
    const csv = eventLogHeader() + rows.map(eventLogLine).join('');
    const { model: calibrated, report } = calibrate(parseCsvEventLog(csv), { seed: 4, replications: 3 });
    const split = calibrated.nodes.find((n) => n.kind === 'split');
    const join = calibrated.nodes.find((n) => n.kind === 'join');
    expect(join).toMatchObject({ split: split?.id });
    const branches = calibrated.edges.filter((e) => e.from === split?.id).map((e) => calibrated.nodes.find((n) => n.id === e.to)?.name);
    expect(branches.sort()).toEqual(['Pick and pack', 'Prepare invoice']);
    // The credit-hold decision: 15% in the model.
    const hold = report.branches.find((b) => b.from === 'Enter order' && b.to === 'Review credit hold');
    expect(hold && hold.low < 0.15 && hold.high > 0.15).toBe(true);
    // The carrier wait (a timer: no resource in the log) is a delay again.
    expect(calibrated.nodes.find((n) => n.name === 'Wait for carrier')).toMatchObject({ kind: 'delay', duration: { kind: 'constant', value: 150, unit: 'min' } });
    expect(report.comparison?.ks).toBeLessThan(0.05);
  });

  it('without start times, by steps that follow each other both ways', () => {
    const lines = ['case,activity,complete'];
    const t = (minutes: number) => new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString();
    for (let c = 0; c < 40; c++) {
      const base = c * 60;
      const [first, second] = c % 2 === 0 ? ['Pick', 'Invoice'] : ['Invoice', 'Pick'];
      lines.push(`${c},Enter,${t(base + 5)}`, `${c},${first},${t(base + 15)}`, `${c},${second},${t(base + 20)}`, `${c},Ship,${t(base + 30)}`);
    }
    const { model } = calibrate(parseCsvEventLog(lines.join('\n')), { compare: false });
    const split = model.nodes.find((n) => n.kind === 'split');
    expect(model.edges.filter((e) => e.from === split?.id).map((e) => e.to).sort()).toEqual(['invoice', 'pick']);
    expect(model.edges.find((e) => e.from === 'enter')?.to).toBe(split?.id);
  });
});

// ---------------------------------------------------------------------------------------------- a hand-written log

describe('calibration of a small hand-written log with known answers', () => {
  const mapping = { case: 'Case ID', activity: 'Task', start: 'Started', end: 'Finished', resource: 'Who' };
  const log = parseCsvEventLog(logFixture('small.csv'), mapping);
  const { model, report } = calibrate(log, { seed: 1, replications: 2 });

  it('reads semicolon-separated CSV with its own column names', () => {
    expect(report.cases).toBe(4);
    expect(report.events).toBe(12);
    expect(report.firstEvent).toBe('2024-03-04T08:00:00.000Z');
    expect(report.lastEvent).toBe('2024-03-04T11:45:00.000Z');
  });

  it('finds the directly-follows graph and its shares', () => {
    const shares = report.branches.map((b) => [b.from, b.to, b.count, b.probability]);
    expect(shares).toEqual([
      ['(start)', 'Enter order', 4, 1],
      ['Enter order', 'Credit check', 3, 0.75],
      ['Enter order', 'Manual review', 1, 0.25],
      ['Credit check', 'Ship', 3, 1],
      ['Ship', '(end)', 4, 1],
      ['Manual review', 'Ship', 1, 1],
    ]);
    const decision = model.nodes.find((n) => n.kind === 'decision');
    expect(model.edges.filter((e) => e.from === decision?.id).map((e) => [e.to, e.probability])).toEqual([
      ['credit-check', 0.75],
      ['manual-review', 0.25],
    ]);
  });

  it('measures durations, arrivals and teams', () => {
    const activity = (name: string) => report.activities.find((a) => a.activity === name);
    expect(activity('Enter order')).toMatchObject({ best: 'constant', meanMinutes: 10 });
    expect(model.nodes.find((n) => n.id === 'enter-order')).toMatchObject({ duration: { kind: 'constant', value: 10, unit: 'min' } });
    expect(activity('Credit check')?.meanMinutes).toBeCloseTo(30, 9);
    expect(activity('Credit check')?.sdMinutes).toBeCloseTo(10, 9);
    expect(activity('Ship')?.meanMinutes).toBeCloseTo(5, 9);
    // Four cases starting 08:00, 09:00, 10:00, 11:00: three gaps in three hours.
    expect(report.arrivals.ratePerHour).toBe(1);
    // anna and bob do entry and shipping (once both at the same time); carl and dora the checks, never at once.
    expect(report.pools.map((p) => [p.activities, p.resources, p.capacity])).toEqual([
      [['Enter order', 'Ship'], ['anna', 'bob'], 2],
      [['Credit check', 'Manual review'], ['carl', 'dora'], 1],
    ]);
    expect(report.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/less than a day/), expect.stringMatching(/less than a week/)]));
  });

  it('drops rare paths below the frequency threshold but keeps a way on', () => {
    const filtered = calibrate(log, { minEdgeShare: 0.3, compare: false });
    expect(filtered.report.dropped).toEqual([{ from: 'Enter order', to: 'Manual review', count: 1, share: 0.25 }]);
    expect(filtered.model.edges.find((e) => e.from === 'enter-order')?.to).toBe('credit-check');
    // The activity no path reaches any more stays in the model, unreachable (a warning of loadModel, not an error).
    expect(loadModel(filtered.model).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a step that never has a resource, in a log that has them, becomes a delay', () => {
    const csv = [
      'case,activity,start,complete,resource',
      '1,Pack,2024-01-01T08:00:00Z,2024-01-01T08:10:00Z,anna',
      '1,Carrier transit,2024-01-01T08:10:00Z,2024-01-02T08:10:00Z,',
      '2,Pack,2024-01-01T09:00:00Z,2024-01-01T09:12:00Z,anna',
      '2,Carrier transit,2024-01-01T09:12:00Z,2024-01-02T09:12:00Z,',
    ].join('\n');
    const { model, report } = calibrate(parseCsvEventLog(csv), { compare: false });
    expect(model.nodes.find((n) => n.name === 'Carrier transit')).toMatchObject({ kind: 'delay', duration: { kind: 'constant', value: 1440, unit: 'min' } });
    expect(report.activities.find((a) => a.activity === 'Carrier transit')?.pool).toBeNull();
    expect(report.pools.map((p) => p.activities)).toEqual([['Pack']]);
  });

  it('reads the same kind of log as XES (ProM style, with offsets and lifecycle transitions)', () => {
    const xes = parseXesEventLog(logFixture('small.xes'));
    expect(xes.events.map((e) => [e.caseId, e.activity, e.startMs === undefined ? null : new Date(e.startMs).toISOString(), new Date(e.endMs).toISOString(), e.resource])).toEqual([
      ['c1', 'Enter order', '2024-03-04T08:00:00.000Z', '2024-03-04T08:10:00.000Z', 'anna'],
      ['c1', 'Ship', '2024-03-04T08:10:00.000Z', '2024-03-04T08:15:00.000Z', 'anna'],
      ['c2', 'Enter order', '2024-03-04T09:00:00.000Z', '2024-03-04T09:20:00.000Z', 'bob'],
      ['c2', 'Review', null, '2024-03-04T09:50:00.000Z', 'carl'],
      ['c2', 'Ship', '2024-03-04T10:00:00.000Z', '2024-03-04T10:05:00.000Z', 'bob'],
    ]);
    expect(xes.warnings).toEqual([expect.stringMatching(/1 events with other lifecycle transitions/), expect.stringMatching(/1 completed steps have no start event/), expect.stringMatching(/Some events have a start time/)]);
    const result = calibrate(xes, { compare: false });
    expect(result.report.activities.find((a) => a.activity === 'Enter order')?.meanMinutes).toBeCloseTo(15, 9);
    // Without a start event, Review's duration runs from the previous completion (09:20) to its own (09:50).
    expect(result.report.activities.find((a) => a.activity === 'Review')?.meanMinutes).toBeCloseTo(30, 9);
  });
});

// ---------------------------------------------------------------------------------------------- bad logs

describe('bad logs give clear errors with row numbers', () => {
  it('a mapped column missing from the header names the columns there are', () => {
    const problems = problemsOf(() => parseCsvEventLog(logFixture('missing-column.csv'), { case: 'order', activity: 'Task', end: 'when' }));
    expect(problems).toEqual([{ row: 1, message: 'the column "Task" (mapped to activity) is not in the header; the columns are: order, step, when' }]);
  });

  it('a column that cannot be guessed asks for --map', () => {
    // "order" is guessed as the case column; nothing looks like an activity or a completion time.
    const problems = problemsOf(() => parseCsvEventLog(logFixture('missing-column.csv')));
    expect(problems.map((p) => [p.row, p.message])).toEqual([
      [1, expect.stringMatching(/no column is mapped to "activity".*--map activity=COLUMN/)],
      [1, expect.stringMatching(/no column is mapped to "end"/)],
    ]);
  });

  it('unparseable and impossible timestamps name their row and column', () => {
    const problems = problemsOf(() => parseCsvEventLog(logFixture('bad-timestamp.csv')));
    expect(problems).toEqual([
      { row: 3, message: '"yesterday noon" in column "complete" is not a timestamp (use ISO 8601, e.g. 2024-03-01T08:30:00Z)' },
      { row: 4, message: '"2024-02-30T08:00:00Z" in column "start" is not a timestamp (use ISO 8601, e.g. 2024-03-01T08:30:00Z)' },
    ]);
  });

  it('a step that completes before it starts is out of order', () => {
    const problems = problemsOf(() => parseCsvEventLog(logFixture('out-of-order.csv')));
    expect(problems).toEqual([{ row: 3, message: 'out of order: "Ship" of case "1" completes (2024-01-01T09:05:00Z) before it starts (2024-01-01T09:10:00Z)' }]);
  });

  it('XES: out-of-order events and bad timestamps name their line', () => {
    const problems = problemsOf(() => parseXesEventLog(logFixture('out-of-order.xes')));
    expect(problems).toEqual([
      { row: 6, message: 'out of order: "Pack" of case "c1" completes before it starts (start at line 5)' },
      { row: 7, message: '"not a date" is not a timestamp (xs:dateTime such as 2024-03-01T08:30:00.000+01:00)' },
    ]);
  });

  it('XES: hostile and broken files are refused', () => {
    expect(problemsOf(() => parseXesEventLog('<?xml version="1.0"?>\n<!DOCTYPE log [<!ENTITY a "b">]>\n<log/>'))[0].message).toMatch(/DOCTYPE/);
    expect(problemsOf(() => parseXesEventLog('<log>\n<trace>\n</log>'))).toEqual([{ row: 3, message: '</log> closes <trace>; the XML is not well-formed' }]);
    expect(problemsOf(() => parseXesEventLog('<log><trace>'))[0].message).toMatch(/ends inside <trace>/);
    expect(problemsOf(() => parseXesEventLog('<html/>'))[0].message).toMatch(/not an XES log/);
  });

  it('short rows, empty cells and unclosed quotes', () => {
    const problems = problemsOf(() => parseCsvEventLog('case,activity,complete\n1,A\n,B,2024-01-01T00:00:00Z\n'));
    expect(problems).toEqual([
      { row: 2, message: '2 cells, but the mapped columns need at least 3' },
      { row: 3, message: 'the case id (column "case") is empty' },
    ]);
    expect(problemsOf(() => parseCsvEventLog('case,activity,complete\n1,"A,2024-01-01T00:00:00Z\n'))).toEqual([{ row: 2, message: 'a quoted cell is never closed (a " is missing)' }]);
  });

  it('a log with a single case is too small to calibrate', () => {
    const log = parseCsvEventLog('case,activity,complete\n1,A,2024-01-01T00:00:00Z\n');
    expect(() => calibrate(log)).toThrow(/1 case; calibration needs at least 2/);
  });
});

// ---------------------------------------------------------------------------------------------- pieces

describe('CSV, timestamps and the mapping text', () => {
  it('reads quoted cells, doubled quotes, line breaks and the guard against formula injection', () => {
    expect(parseCsv('a,b\n"x, ""y""","line\nbreak"\n\'=SUM(A1),2\r\n').map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['x, "y"', 'line\nbreak']],
      [4, ['=SUM(A1)', '2']],
    ]);
  });

  it('parses ISO 8601 timestamps with and without zones and refuses impossible ones', () => {
    expect(parseTimestamp('2024-01-01T08:30:00Z')).toBe(Date.UTC(2024, 0, 1, 8, 30));
    expect(parseTimestamp('2024-01-01 08:30')).toBe(Date.UTC(2024, 0, 1, 8, 30));
    expect(parseTimestamp('2024-01-01T09:30:00.250+01:00')).toBe(Date.UTC(2024, 0, 1, 8, 30, 0, 250));
    expect(parseTimestamp('2024/02/29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp('2023-02-29')).toBeUndefined();
    expect(parseTimestamp('2024-13-01')).toBeUndefined();
    expect(parseTimestamp('01/02/2024')).toBeUndefined();
  });

  it('parses --map and names a bad part', () => {
    expect(parseMappingText('case=Order,activity=Step,end=Done')).toEqual({ case: 'Order', activity: 'Step', end: 'Done' });
    expect(() => parseMappingText('case=Order,who=Name')).toThrow(/"who=Name" is not KEY=COLUMN/);
  });
});

describe('maximum-likelihood fits', () => {
  it('special functions match reference values', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649, 9);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 9);
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(3, x) = 1 - e^-x (1 + x + x^2/2).
    expect(regularizedGammaP(3, 10)).toBeCloseTo(1 - Math.exp(-10) * 61, 12);
  });

  it('fits closed forms exactly and gives a constant for identical values', () => {
    const fit = fitDurations([1, 2, 3, 4, 10]);
    const exponential = fit.fits.find((f) => f.family === 'exponential');
    expect(exponential?.distribution).toEqual({ kind: 'exponential', mean: 4, unit: 'min' });
    expect(exponential?.logLikelihood).toBeCloseTo(-5 * Math.log(4) - 5, 12);
    const normal = fit.fits.find((f) => f.family === 'normal');
    expect(normal?.distribution).toEqual({ kind: 'normal', mean: 4, sd: 3.162, unit: 'min' });
    expect(fit.fits.map((f) => f.aic)).toEqual([...fit.fits.map((f) => f.aic)].sort((a, b) => a - b));
    expect(fitDurations([5, 5, 5])).toMatchObject({ best: 'constant', distribution: { kind: 'constant', value: 5, unit: 'min' } });
  });
});
