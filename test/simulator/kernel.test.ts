import { describe, expect, it } from 'vitest';
import { arrivals, byCase, chain, minutes, model, node, runLogged } from './helpers';

/**
 * Kernel tests: tiny models with constant durations. Arrivals are Poisson, so each test reads the arrival times
 * from the event log (a zero-length delay "intake" right after the source) and computes the exact expected log by
 * hand (Lindley's recursion, the retry schedule, the batch calendar...), then compares it row by row.
 */
const eps = 1e-9;

const intake = { id: 'intake', kind: 'delay' as const, name: 'Intake', duration: minutes(0) };

describe('activities', () => {
  it('serve FIFO on one server: start = max(arrival, previous completion), complete = start + duration', () => {
    const m = model({
      pools: [{ id: 'desk', name: 'Desk', capacity: 1 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 5 } },
        intake,
        { id: 'work', kind: 'activity', name: 'Work', pool: 'desk', duration: minutes(10) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'intake', 'work', 'end'),
    });
    const { result, rows } = runLogged(m, 2 * 1440);
    const work = byCase(rows, 'work');
    let free = 0;
    let checked = 0;
    for (const a of arrivals(rows)) {
      const row = work.get(a.caseId)?.[0];
      if (!row) break; // still in service at the horizon
      const start = Math.max(a.at, free);
      expect(row.startMinutes).toBeCloseTo(start, 9);
      expect(row.completeMinutes).toBeCloseTo(start + 10, 9);
      expect(row.resource).toBe('Desk');
      free = start + 10;
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
    expect(node(result, 'work').completions).toBe(checked);
  });

  it('serve a priority queue by class order, then FIFO within a class', () => {
    const m = model({
      priorityClasses: ['rush', 'standard'],
      pools: [{ id: 'desk', name: 'Desk', capacity: 1 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 8 }, priorityMix: [{ value: 'rush', share: 1 }, { value: 'standard', share: 2 }], attributes: [] },
        intake,
        { id: 'tag', kind: 'decision', name: 'Rush?', mode: 'condition' },
        { id: 'rush', kind: 'delay', name: 'Rush tag', duration: minutes(0) },
        { id: 'std', kind: 'delay', name: 'Standard tag', duration: minutes(0) },
        { id: 'work', kind: 'activity', name: 'Work', pool: 'desk', duration: minutes(9), queue: { discipline: 'priority' } },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: [
        ...chain('src', 'intake', 'tag'),
        { id: 'b1', from: 'tag', to: 'rush', kind: 'branch', condition: { attribute: 'priority', op: 'eq', value: 'rush' } },
        { id: 'b2', from: 'tag', to: 'std', kind: 'branch', otherwise: true },
        { id: 'r', from: 'rush', to: 'work' },
        { id: 's', from: 'std', to: 'work' },
        ...chain('work', 'end'),
      ],
    });
    const { rows } = runLogged(m, 3 * 1440);
    const rush = new Set(rows.filter((r) => r.activityId === 'rush').map((r) => r.caseId));
    const jobs = arrivals(rows).map((a) => ({ ...a, rush: rush.has(a.caseId) }));
    // Reference: a single server choosing the earliest rush order waiting, else the earliest standard one.
    const expected = new Map<number, number>();
    const waiting: typeof jobs = [];
    let free = 0;
    let i = 0;
    while (i < jobs.length || waiting.length > 0) {
      if (waiting.length === 0) free = Math.max(free, jobs[i].at);
      while (i < jobs.length && jobs[i].at <= free) waiting.push(jobs[i++]);
      waiting.sort((a, b) => Number(b.rush) - Number(a.rush) || a.at - b.at);
      const next = waiting.shift();
      if (!next) continue;
      expected.set(next.caseId, free);
      free += 9;
    }
    const work = byCase(rows, 'work');
    let overtakes = 0;
    for (const [caseId, [row]] of work) {
      expect(row.startMinutes).toBeCloseTo(expected.get(caseId) as number, 9);
      if (rush.has(caseId)) overtakes++;
    }
    expect(work.size).toBeGreaterThan(400);
    expect(overtakes).toBeGreaterThan(100);
  });

  it('send orders finding the queue full down the overflow edge (M/D/1/3)', () => {
    const m = model({
      pools: [{ id: 'desk', name: 'Desk', capacity: 1 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 9 } },
        intake,
        { id: 'work', kind: 'activity', name: 'Work', pool: 'desk', duration: minutes(10), queue: { discipline: 'fifo', capacity: 2 } },
        { id: 'end', kind: 'end', name: 'Done' },
        { id: 'lost', kind: 'end', name: 'Lost', outcome: 'rejected' },
      ],
      edges: [...chain('src', 'intake', 'work', 'end'), { id: 'o', from: 'work', to: 'lost', kind: 'overflow' }],
    });
    const { result, rows } = runLogged(m, 3 * 1440);
    const work = byCase(rows, 'work');
    const starts: number[] = [];
    let free = 0;
    let rejected = 0;
    for (const a of arrivals(rows)) {
      const waitingNow = starts.filter((s) => s > a.at).length;
      if (waitingNow >= 2 && free > a.at) {
        expect(work.has(a.caseId)).toBe(false);
        rejected++;
        continue;
      }
      const start = Math.max(a.at, free);
      starts.push(start);
      free = start + 10;
      const row = work.get(a.caseId)?.[0];
      if (row) expect(row.startMinutes).toBeCloseTo(start, 9);
    }
    expect(rejected).toBeGreaterThan(20);
    expect(node(result, 'work').overflows).toBe(rejected);
    expect(result.byOutcome.find((g) => g.key === 'rejected')?.completed).toBe(rejected);
  });

  it('pause work off shift and resume it at the next shift start (preemptive resume)', () => {
    const m = model({
      calendars: [{ id: 'day', name: 'Day', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '08:00', end: '10:00' }] }],
      pools: [{ id: 'desk', name: 'Desk', capacity: 1, calendar: 'day', costPerHour: 60 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 0.5 } },
        intake,
        { id: 'work', kind: 'activity', name: 'Work', pool: 'desk', duration: minutes(50) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'intake', 'work', 'end'),
    });
    const { result, rows } = runLogged(m, 7 * 1440);
    const onShift = (t: number) => {
      const m = t % 1440;
      return m >= 480 && m < 600;
    };
    const nextShiftStart = (t: number) => (onShift(t) ? t : Math.floor((t - 480) / 1440 + 1) * 1440 + 480);
    // Add working minutes through the calendar.
    const addWork = (start: number, work: number) => {
      let t = start;
      let left = work;
      for (;;) {
        t = nextShiftStart(t);
        const shiftEnd = Math.floor(t / 1440) * 1440 + 600;
        if (t + left <= shiftEnd) return t + left;
        left -= shiftEnd - t;
        t = shiftEnd;
      }
    };
    const work = byCase(rows, 'work');
    let free = 0;
    let paused = 0;
    for (const a of arrivals(rows)) {
      const row = work.get(a.caseId)?.[0];
      if (!row) break;
      const start = nextShiftStart(Math.max(a.at, free));
      const end = addWork(start, 50);
      expect(row.startMinutes).toBeCloseTo(start, 9);
      expect(row.completeMinutes).toBeCloseTo(end, 9);
      if (end - start > 50 + eps) paused++;
      free = end;
    }
    expect(paused).toBeGreaterThan(1);
    // Utilisation counts on-shift time only: 2 h a day available.
    const pool = result.pools[0];
    expect(pool.availableMinutes).toBeCloseTo(7 * 120, 6);
    expect(pool.labourCost).toBeCloseTo(7 * 2 * 60, 6);
    expect(pool.utilisation as number).toBeLessThanOrEqual(1);
  });

  it('route an activity failure down its error edge with the given probability', () => {
    const m = model({
      pools: [{ id: 'desk', name: 'Desk', capacity: 50 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 60 } },
        { id: 'work', kind: 'activity', name: 'Work', pool: 'desk', duration: minutes(1), failureProbability: 0.25 },
        { id: 'end', kind: 'end', name: 'Done' },
        { id: 'bad', kind: 'end', name: 'Error', outcome: 'failed' },
      ],
      edges: [...chain('src', 'work', 'end'), { id: 'err', from: 'work', to: 'bad', kind: 'error' }],
    });
    const { result, rows } = runLogged(m, 7 * 1440);
    const failedRows = rows.filter((r) => r.activityId === 'work' && r.status === 'failed').length;
    const n = node(result, 'work');
    expect(n.failures).toBe(failedRows);
    expect(result.byOutcome.find((g) => g.key === 'failed')?.completed).toBe(failedRows);
    // Binomial: 99.9% interval around 25%.
    const share = n.failures / n.completions;
    expect(Math.abs(share - 0.25)).toBeLessThan(3.3 * Math.sqrt((0.25 * 0.75) / n.completions));
  });
});

describe('integrations', () => {
  const system = (extra: object = {}) => ({ id: 'erp', name: 'ERP', ...extra });

  it('retry with exponential backoff and dead-letter after the last attempt', () => {
    const m = model({
      systems: [system()],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 2 } },
        intake,
        {
          id: 'call',
          kind: 'integration',
          name: 'Post order',
          system: 'erp',
          latency: minutes(1),
          failureProbability: 1,
          retry: { maxAttempts: 3, initialBackoff: { value: 2, unit: 'min' }, multiplier: 2, maxBackoff: { value: 3, unit: 'min' }, jitter: 0 },
        },
        { id: 'end', kind: 'end', name: 'Done' },
        { id: 'dlq', kind: 'end', name: 'Dead letters', outcome: 'failed' },
      ],
      edges: [...chain('src', 'intake', 'call', 'end'), { id: 'd', from: 'call', to: 'dlq', kind: 'deadLetter' }],
    });
    const { result, rows } = runLogged(m, 2 * 1440);
    const calls = byCase(rows, 'call');
    let complete = 0;
    for (const a of arrivals(rows)) {
      const attempts = calls.get(a.caseId);
      if (!attempts || attempts.length < 3) continue;
      // attempt 1 at a, fails at a+1; backoff 2 -> attempt 2 at a+3, fails a+4; backoff min(4, 3) = 3 -> a+7, fails a+8.
      expect(attempts.map((r) => [r.attempt, r.status])).toEqual([
        [1, 'failed'],
        [2, 'failed'],
        [3, 'failed'],
      ]);
      expect(attempts.map((r) => r.startMinutes - a.at)).toEqual([0, 3, 7].map((x) => expect.closeTo(x, 9)));
      expect(attempts[2].completeMinutes - a.at).toBeCloseTo(8, 9);
      complete++;
    }
    const n = node(result, 'call');
    expect(complete).toBeGreaterThan(80);
    expect(n.failures).toBe(3 * n.deadLetters);
    expect(n.retries).toBe(2 * n.deadLetters);
    expect(result.cycleTime.max).toBeCloseTo(8, 2);
  });

  it('abandon a call at its timeout and count it as a failed attempt', () => {
    const m = model({
      systems: [system()],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 2 } },
        { id: 'call', kind: 'integration', name: 'Rate quote', system: 'erp', latency: minutes(5), timeout: { value: 2, unit: 'min' } },
        { id: 'end', kind: 'end', name: 'Done' },
        { id: 'dlq', kind: 'end', name: 'Dead letters', outcome: 'failed' },
      ],
      edges: [...chain('src', 'call', 'end'), { id: 'd', from: 'call', to: 'dlq', kind: 'deadLetter' }],
    });
    const { result, rows } = runLogged(m, 1440);
    const calls = rows.filter((r) => r.activityId === 'call');
    expect(calls.length).toBeGreaterThan(20);
    for (const r of calls) {
      expect(r.status).toBe('timeout');
      expect(r.completeMinutes - r.startMinutes).toBeCloseTo(2, 9);
    }
    expect(node(result, 'call').timeouts).toBe(calls.length);
    expect(node(result, 'call').deadLetters).toBe(calls.length);
  });

  it('wait for the next batch run, and for the one after when arriving inside the cut-off', () => {
    const m = model({
      systems: [system()],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 6 } },
        intake,
        {
          id: 'sync',
          kind: 'integration',
          name: 'ERP to WMS sync',
          system: 'erp',
          latency: minutes(0.5),
          mode: 'batch',
          batch: { interval: { value: 60, unit: 'min' }, offset: { value: 30, unit: 'min' }, cutoff: { value: 10, unit: 'min' } },
        },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'intake', 'sync', 'end'),
    });
    const { rows } = runLogged(m, 2 * 1440);
    const calls = byCase(rows, 'sync');
    let inCutoff = 0;
    for (const a of arrivals(rows)) {
      const row = calls.get(a.caseId)?.[0];
      if (!row) continue;
      const k = Math.max(0, Math.ceil((a.at + 10 - 30) / 60));
      expect(row.startMinutes).toBeCloseTo(30 + 60 * k, 9);
      const plain = 30 + 60 * Math.max(0, Math.ceil((a.at - 30) / 60));
      if (plain !== 30 + 60 * k) inCutoff++;
    }
    expect(inCutoff).toBeGreaterThan(10);
  });

  it('queue calls beyond the system concurrency, shared by every node using the system', () => {
    const m = model({
      systems: [system({ concurrency: 1 })],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 20 } },
        intake,
        { id: 'a', kind: 'integration', name: 'Call A', system: 'erp', latency: minutes(1) },
        { id: 'b', kind: 'integration', name: 'Call B', system: 'erp', latency: minutes(1) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'intake', 'a', 'b', 'end'),
    });
    const { rows } = runLogged(m, 1440);
    const calls = rows.filter((r) => r.activityId === 'a' || r.activityId === 'b').sort((x, y) => x.startMinutes - y.startMinutes);
    for (let i = 1; i < calls.length; i++) expect(calls[i].startMinutes).toBeGreaterThanOrEqual(calls[i - 1].completeMinutes - eps);
    expect(calls.length).toBeGreaterThan(500);
  });

  it('hold calls during an outage: calls in flight resume after it, new calls start when it ends', () => {
    const m = model({
      systems: [system({ outages: { scheduled: [{ start: { value: 100, unit: 'min' }, duration: { value: 50, unit: 'min' }, repeatEvery: { value: 1, unit: 'd' } }], behaviour: 'hold' } })],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 12 } },
        intake,
        { id: 'call', kind: 'integration', name: 'Post', system: 'erp', latency: minutes(10) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'intake', 'call', 'end'),
    });
    const { result, rows } = runLogged(m, 3 * 1440);
    const calls = byCase(rows, 'call');
    let held = 0;
    let interrupted = 0;
    for (const a of arrivals(rows)) {
      const row = calls.get(a.caseId)?.[0];
      if (!row) continue;
      const day = Math.floor((a.at - 100) / 1440);
      const down = 100 + Math.max(0, day) * 1440;
      const up = down + 50;
      const start = a.at >= down && a.at < up ? up : a.at;
      const nextDown = start < down ? down : down + 1440;
      const end = start < nextDown && start + 10 > nextDown ? start + 10 + 50 : start + 10;
      expect(row.startMinutes).toBeCloseTo(start === up ? up : a.at, 9);
      expect(row.completeMinutes).toBeCloseTo(end, 9);
      if (start === up) held++;
      if (end > start + 10) interrupted++;
    }
    expect(held).toBeGreaterThan(10);
    expect(interrupted).toBeGreaterThan(2);
    expect(result.systems[0].outageMinutes).toBeCloseTo(3 * 50, 6);
  });

  it('fail calls at once during a `fail` outage, then dead-letter them', () => {
    const m = model({
      systems: [system({ outages: { scheduled: [{ start: { value: 100, unit: 'min' }, duration: { value: 50, unit: 'min' } }], behaviour: 'fail' } })],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 12 } },
        intake,
        { id: 'call', kind: 'integration', name: 'Post', system: 'erp', latency: minutes(10) },
        { id: 'end', kind: 'end', name: 'Done' },
        { id: 'dlq', kind: 'end', name: 'Dead letters', outcome: 'failed' },
      ],
      edges: [...chain('src', 'intake', 'call', 'end'), { id: 'd', from: 'call', to: 'dlq', kind: 'deadLetter' }],
    });
    const { result, rows } = runLogged(m, 1440);
    const calls = byCase(rows, 'call');
    let failedCount = 0;
    for (const a of arrivals(rows)) {
      const row = calls.get(a.caseId)?.[0];
      if (!row) continue;
      const inFlightAtDown = a.at < 100 && a.at + 10 > 100;
      const duringOutage = a.at >= 100 && a.at < 150;
      if (inFlightAtDown) {
        expect(row.status).toBe('failed');
        expect(row.completeMinutes).toBeCloseTo(100, 9);
      } else if (duringOutage) {
        expect(row.status).toBe('failed');
        expect(row.completeMinutes).toBeCloseTo(a.at, 9);
      } else expect(row.status).toBe('ok');
      if (row.status === 'failed') failedCount++;
    }
    expect(failedCount).toBeGreaterThan(5);
    expect(node(result, 'call').deadLetters).toBe(failedCount);
  });
});

describe('routing', () => {
  it('decide by condition: first matching branch in edge order, otherwise the fallback', () => {
    const m = model({
      sites: [
        { id: 'north', name: 'North', volumeShare: 1 },
        { id: 'south', name: 'South', volumeShare: 1 },
      ],
      pools: [{ id: 'desk', name: 'Desk', capacity: 1000 }],
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 30 }, lines: { kind: 'empirical', values: [1, 2, 5, 8] } },
        { id: 'count', kind: 'activity', name: 'Count lines', pool: 'desk', duration: minutes(1), durationPer: 'line' },
        { id: 'route', kind: 'decision', name: 'Route', mode: 'condition' },
        { id: 'a', kind: 'delay', name: 'North desk', duration: minutes(0) },
        { id: 'b', kind: 'delay', name: 'Big orders', duration: minutes(0) },
        { id: 'c', kind: 'delay', name: 'Rest', duration: minutes(0) },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: [
        ...chain('src', 'count', 'route'),
        { id: 'ba', from: 'route', to: 'a', kind: 'branch', condition: { attribute: 'site', op: 'eq', value: 'north' } },
        { id: 'bb', from: 'route', to: 'b', kind: 'branch', condition: { attribute: 'lines', op: 'gt', value: 3 } },
        { id: 'bc', from: 'route', to: 'c', kind: 'branch', otherwise: true },
        ...chain('a', 'end'),
        ...chain('b', 'end'),
        ...chain('c', 'end'),
      ],
    });
    const { rows } = runLogged(m, 1440);
    const counted = byCase(rows, 'count');
    const seen = { a: 0, b: 0, c: 0 };
    for (const row of rows) {
      if (!['a', 'b', 'c'].includes(row.activityId)) continue;
      const count = (counted.get(row.caseId) as typeof rows)[0];
      const lines = Math.round(count.completeMinutes - count.startMinutes);
      const expected = row.site === 'north' ? 'a' : lines > 3 ? 'b' : 'c';
      expect(row.activityId).toBe(expected);
      seen[row.activityId as 'a' | 'b' | 'c']++;
    }
    expect(Math.min(seen.a, seen.b, seen.c)).toBeGreaterThan(30);
  });

  it('join waits for every branch of its split, per order', () => {
    const m = model({
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 30 } },
        { id: 'split', kind: 'split', name: 'Fan out' },
        { id: 'fast', kind: 'delay', name: 'Fast', duration: minutes(5) },
        { id: 'slow', kind: 'delay', name: 'Slow', duration: minutes(20) },
        { id: 'mid', kind: 'delay', name: 'Mid', duration: { kind: 'uniform', min: 1, max: 15, unit: 'min' } },
        { id: 'join', kind: 'join', name: 'Fan in', split: 'split' },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: [
        { id: 's1', from: 'split', to: 'fast' },
        { id: 's2', from: 'split', to: 'slow' },
        { id: 's3', from: 'split', to: 'mid' },
        ...chain('src', 'split'),
        ...chain('fast', 'join'),
        ...chain('slow', 'join'),
        ...chain('mid', 'join'),
        ...chain('join', 'end'),
      ],
    });
    const { result } = runLogged(m, 1440);
    expect(result.cycleTime.count).toBeGreaterThan(500);
    expect(result.cycleTime.mean).toBeCloseTo(20, 9);
    expect(result.cycleTime.max).toBeCloseTo(20, 9);
    const join = node(result, 'join');
    // Every completion took three tokens; tokens still waiting at the horizon account for the rest.
    expect(join.arrivals - 3 * join.completions).toBeGreaterThanOrEqual(0);
    expect(join.arrivals - 3 * join.completions).toBeLessThan(30);
    // The fast branch waits 15 min, the uniform one 20 - U(1, 15): mean 12; together 13.5.
    expect(join.queueWaitMean as number).toBeGreaterThan(13);
    expect(join.queueWaitMean as number).toBeLessThan(14);
  });

  it('releases a batch every interval from its offset, and at once when `atCount` orders wait', () => {
    const waveModel = (batch: object) =>
      model({
        nodes: [
          { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 10 } },
          intake,
          { id: 'wave', kind: 'batch', name: 'Wave', ...batch },
          { id: 'after', kind: 'delay', name: 'Released', duration: minutes(0) },
          { id: 'end', kind: 'end', name: 'Done' },
        ],
        edges: chain('src', 'intake', 'wave', 'after', 'end'),
      });
    const timed = runLogged(waveModel({ every: { value: 60, unit: 'min' }, offset: { value: 15, unit: 'min' } }), 1440);
    const released = byCase(timed.rows, 'after');
    for (const a of arrivals(timed.rows)) {
      const row = released.get(a.caseId)?.[0];
      if (!row) continue;
      expect(row.startMinutes).toBeCloseTo(15 + 60 * Math.ceil((a.at - 15) / 60), 9);
    }
    expect(released.size).toBeGreaterThan(200);

    const counted = runLogged(waveModel({ atCount: 4 }), 1440);
    const arrivalsList = arrivals(counted.rows);
    const releasedByCount = byCase(counted.rows, 'after');
    for (let i = 0; i + 3 < arrivalsList.length; i += 4) {
      const releaseAt = arrivalsList[i + 3].at;
      for (let j = i; j < i + 4; j++) expect(releasedByCount.get(arrivalsList[j].caseId)?.[0].startMinutes).toBeCloseTo(releaseAt, 9);
    }
  });

  it('measures SLAs from arrival or from leaving a node to leaving another', () => {
    const m = model({
      nodes: [
        { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 10 } },
        { id: 'first', kind: 'delay', name: 'First', duration: minutes(30) },
        { id: 'second', kind: 'delay', name: 'Second', duration: { kind: 'uniform', min: 0, max: 20, unit: 'min' } },
        { id: 'end', kind: 'end', name: 'Done' },
      ],
      edges: chain('src', 'first', 'second', 'end'),
      slas: [
        { id: 'total', name: 'Within 40 min', from: 'arrival', to: 'end', target: { value: 40, unit: 'min' } },
        { id: 'second', name: 'Second within 5 min', from: 'first', to: 'second', target: { value: 5, unit: 'min' } },
        { id: 'first', name: 'First within 30 min', from: 'arrival', to: 'first', target: { value: 30, unit: 'min' } },
      ],
    });
    const { result } = runLogged(m, 7 * 1440);
    const [total, second, first] = result.slas;
    expect(first.attainment).toBe(1);
    // P(30 + U(0, 20) <= 40) = 0.5 and P(U(0, 20) <= 5) = 0.25, binomial 99.9% bands.
    const band = (p: number, n: number) => 3.3 * Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs((total.attainment as number) - 0.5)).toBeLessThan(band(0.5, total.measured));
    expect(Math.abs((second.attainment as number) - 0.25)).toBeLessThan(band(0.25, second.measured));
    expect(total.measured).toBeGreaterThan(1500);
  });
});
