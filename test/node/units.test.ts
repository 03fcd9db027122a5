import { describe, expect, it } from 'vitest';
import { parseFlags, durationFlag, integerFlag, UsageError } from '../../simulator/node/args';
import { csvCell, eventLogLine, minutesToTimestamp } from '../../simulator/node/eventLogCsv';
import { formatDuration, formatNumber, formatTable } from '../../simulator/node/format';
import { createProgressBar, formatSeconds, renderProgressLine } from '../../simulator/node/progress';
import { createWorkerHost } from '../../simulator/worker/host';
import { workerProtocolVersion, type WorkerMessage } from '../../simulator/worker/protocol';
import type { ReplicationResult } from '../../simulator/report';

describe('args', () => {
  it('accepts --flag value and --flag=value', () => {
    const parsed = parseFlags(['m.json', '--seed', '3', '--horizon=30d', '--no-progress'], { seed: 'string', horizon: 'string', 'no-progress': 'boolean' }, 'run');
    expect(parsed.positionals).toEqual(['m.json']);
    expect(integerFlag(parsed, 'seed', 0, 10)).toBe(3);
    expect(durationFlag(parsed, 'horizon')).toBe(30 * 1440);
    expect(parsed.flags.get('no-progress')).toBe(true);
  });

  it('refuses duplicates, short options and horizons past the limit', () => {
    expect(() => parseFlags(['--seed', '1', '--seed', '2'], { seed: 'string' }, 'run')).toThrow(/given twice/);
    expect(() => parseFlags(['-x'], {}, 'run')).toThrow(UsageError);
    expect(() => durationFlag(parseFlags(['--horizon', '4000d'], { horizon: 'string' }, 'run'), 'horizon')).toThrow(/longest horizon allowed \(3660 days\)/);
  });
});

describe('CSV event log', () => {
  it('guards against formula injection and quotes per RFC 4180', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
    expect(csvCell('plain')).toBe('plain');
  });

  it('writes timestamps from Monday 2024-01-01', () => {
    expect(minutesToTimestamp(0)).toBe('2024-01-01T00:00:00.000Z');
    expect(minutesToTimestamp(1440 * 2 + 90.5)).toBe('2024-01-03T01:30:30.000Z');
    expect(new Date(minutesToTimestamp(1440 * 6)).getUTCDay()).toBe(0); // day 7 is a Sunday
    const line = eventLogLine({ caseId: 7, replication: 2, activityId: 'pick', activity: 'Pick', startMinutes: 10, completeMinutes: 12.25, resource: 'Pickers', site: 'north', attempt: 0, status: 'ok' });
    expect(line).toBe('2-7,Pick,2024-01-01T00:10:00.000Z,2024-01-01T00:12:15.000Z,Pickers,north,2,pick,10,12.25,0,ok\n');
  });
});

describe('format', () => {
  it('formats numbers and durations with about 3 significant digits', () => {
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(null)).toBe('-');
    expect(formatDuration(45)).toBe('45.0 min');
    expect(formatDuration(600)).toBe('10.0 h');
    expect(formatDuration(4320)).toBe('3.00 d');
    expect(formatDuration(0.5)).toBe('30.0 s');
  });

  it('aligns tables', () => {
    expect(formatTable(['A', 'Value'], [['x', '1'], ['long', '22']], ['left', 'right'])).toBe('A     Value\n----  -----\nx         1\nlong     22');
  });
});

describe('progress bar', () => {
  it('renders share, replications and ETA', () => {
    const line = renderProgressLine('Simulating', 0.5, 3, 10, 20, 100);
    expect(line).toMatch(/^Simulating \[#+-+\] {2}50% {2}3\/10 replications {2}20s elapsed, ETA 20s$/);
    expect(formatSeconds(185)).toBe('3m05s');
  });

  it('throttles redraws and clears the line at the end', () => {
    let written = '';
    let now = 0;
    const bar = createProgressBar({ write: (t) => (written += t), columns: 80 }, 'Run', () => now);
    bar.update(0.1, 0, 2);
    now = 50;
    bar.update(0.2, 0, 2); // within 100 ms: skipped
    now = 200;
    bar.update(0.6, 1, 2);
    bar.done();
    expect(written.match(/\r/g)).toHaveLength(3);
    expect(written).not.toMatch(/ 20%/);
    expect(written.endsWith('\r\x1b[K')).toBe(true);
  });
});

describe('worker host (shared by Node and browser workers)', () => {
  const fakeResult = (replication: number) => ({ replication, status: 'ok' }) as unknown as ReplicationResult;

  it('runs the replications it is given and answers result messages, then done', async () => {
    const posted: WorkerMessage[] = [];
    const host = createWorkerHost({
      runReplication: (_model, options) => {
        options.onProgress?.(0.5);
        options.eventLog?.({ caseId: 1, replication: options.replication, activityId: 'a', activity: 'A', startMinutes: 0, completeMinutes: 1, resource: '', site: 's', attempt: 0, status: 'ok' });
        return fakeResult(options.replication);
      },
      post: (m) => posted.push(m),
      now: () => 0,
      yieldToEventLoop: () => Promise.resolve(),
    });
    host({ type: 'run', protocol: workerProtocolVersion, jobId: 9, model: {} as never, replications: [3, 4], seed: 1, horizonMinutes: 100, warmupMinutes: 0, eventLog: { mode: 'messages' } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(posted.map((m) => m.type)).toEqual(['progress', 'eventLog', 'progress', 'result', 'progress', 'eventLog', 'progress', 'result', 'done']);
    expect(posted.filter((m) => m.type === 'result').map((m) => (m.type === 'result' ? m.replication : -1))).toEqual([3, 4]);
  });

  it('refuses another protocol version and reports engine errors with the replication', async () => {
    const posted: WorkerMessage[] = [];
    const host = createWorkerHost({
      runReplication: () => {
        throw new Error('node "x" has no pool');
      },
      post: (m) => posted.push(m),
      now: () => 0,
      yieldToEventLoop: () => Promise.resolve(),
    });
    host({ type: 'run', protocol: workerProtocolVersion + 1, jobId: 1, model: {} as never, replications: [0], seed: 1, horizonMinutes: 1, warmupMinutes: 0 });
    host({ type: 'run', protocol: workerProtocolVersion, jobId: 2, model: {} as never, replications: [0], seed: 1, horizonMinutes: 1, warmupMinutes: 0 });
    host({ nonsense: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(posted).toContainEqual(expect.objectContaining({ type: 'error', jobId: 1, replication: null, message: expect.stringMatching(/protocol mismatch/) }));
    expect(posted).toContainEqual({ type: 'error', jobId: 2, replication: 0, message: 'node "x" has no pool' });
    expect(posted).toContainEqual(expect.objectContaining({ type: 'error', jobId: -1 }));
  });

  it('stops a job between replications on cancel', async () => {
    const posted: WorkerMessage[] = [];
    let release: () => void = () => undefined;
    const host = createWorkerHost({
      runReplication: (_model, options) => fakeResult(options.replication),
      post: (m) => posted.push(m),
      now: () => 0,
      yieldToEventLoop: () => new Promise<void>((resolve) => (release = resolve)),
    });
    host({ type: 'run', protocol: workerProtocolVersion, jobId: 5, model: {} as never, replications: [0, 1, 2], seed: 1, horizonMinutes: 1, warmupMinutes: 0 });
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    host({ type: 'cancel', jobId: 5 });
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted.filter((m) => m.type === 'result')).toHaveLength(1);
    expect(posted[posted.length - 1]).toEqual({ type: 'done', jobId: 5, cancelled: true });
  });
});

describe('compare KPI series', () => {
  it('pairs replications by index and drops only the pairs missing a value', async () => {
    const { kpiSeries } = await import('../../simulator/node/main');
    const { loadModelText } = await import('../../models');
    const { readFileSync } = await import('node:fs');
    const model = loadModelText(readFileSync('test/node/fixtures/desk-variants.flowcast.json', 'utf8')).model;
    if (!model) throw new Error('fixture does not load');
    const rep = (replication: number, mean: number | null, attainment: number | null) =>
      ({
        replication,
        throughputPerDay: 100 + replication,
        cycleTime: { mean, p50: mean, p90: mean, p95: mean },
        wipMean: 1,
        cost: { perOrder: null },
        slas: [{ slaId: 'fast', attainment }],
      }) as unknown as ReplicationResult;
    const series = kpiSeries(model, [rep(0, 10, 0.5), rep(1, null, 0.6), rep(2, 12, null)], [rep(0, 9, 0.7), rep(1, 8, 0.8), rep(2, 11, 0.9)]);
    const byId = new Map(series.map((s) => [s.id, s]));
    expect(byId.get('throughputPerDay')).toMatchObject({ a: [100, 101, 102], b: [100, 101, 102], higherIsBetter: true });
    expect(byId.get('cycleTimeMean')).toMatchObject({ a: [10, 12], b: [9, 11], higherIsBetter: false, unit: 'min' });
    expect(byId.get('sla:fast')).toMatchObject({ a: [0.5, 0.6], b: [0.7, 0.8], unit: '%' });
    expect(byId.get('costPerOrder')).toMatchObject({ a: [], b: [], unit: 'USD' });
  });
});
