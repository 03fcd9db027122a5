/**
 * The simulated event log as an XES file, streamed (the text itself comes from simulator/eventLogXes.ts, which the
 * studio's export uses too).
 *
 * XES nests events inside their trace, but the engine emits steps in completion order across all orders, so the
 * writer holds each open trace's events until the end. Memory stays bounded: when the buffered text passes
 * `spillChars`, every buffered event is written, sorted by trace, to a temporary run file; closing merges the runs
 * (a k-way merge reading each run line by line) into the final file, so a log of any size is written in flat memory.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EventLogRow } from '../../report';
import { compareXesEvent, compareXesTrace, eventLogEpochMs, xesDefaultLogName, xesFooter, xesFragments, xesHeader, xesTrace, type XesFragment } from '../../eventLogXes';
import { parseCsv } from '../../calibrate/csvLog';
import { parseTimestamp } from '../../calibrate/eventLog';

export { xesEvents, xesHeader, xmlAttribute } from '../../eventLogXes';

/** A writer of event-log rows into one file: the same shape as `openCsvEventLog`'s writer. */
export interface XesEventLogWriter {
  write: (row: EventLogRow) => void;
  close: () => void;
  /** Rows written so far. */
  readonly rows: number;
}

export interface XesWriterOptions {
  /** Buffered characters before a run is spilled to a temporary file (default 64 M). */
  spillChars?: number;
  /** Log name (`concept:name` of the log). */
  name?: string;
}

/**
 * Opens (truncates) `path` and returns a writer; the file is complete once `close()` returns.
 * @example const log = openXesEventLog('run.xes'); runReplication(model, { ..., eventLog: log.write }); log.close();
 */
export function openXesEventLog(path: string, options: XesWriterOptions = {}): XesEventLogWriter {
  const spillChars = options.spillChars ?? 64 * 1024 * 1024;
  let buffer: XesFragment[] = [];
  let bufferedChars = 0;
  let rows = 0;
  let seq = 0;
  let open = true;
  let spillDir: string | undefined;
  const runs: string[] = [];
  const spill = () => {
    if (buffer.length === 0) return;
    spillDir ??= mkdtempSync(join(tmpdir(), 'flowcast-xes-'));
    const file = join(spillDir, `run-${runs.length}.txt`);
    const fd = openSync(file, 'w');
    try {
      buffer.sort((a, b) => compareXesTrace(a, b) || compareXesEvent(a, b));
      let chunk = '';
      for (const f of buffer) {
        chunk += `${f.replication}\t${f.caseId}\t${f.time}\t${f.seq}\t${f.xml}\n`;
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk);
          chunk = '';
        }
      }
      writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    runs.push(file);
    buffer = [];
    bufferedChars = 0;
  };
  return {
    write(row) {
      if (!open) throw new Error(`The event log ${path} is already closed.`);
      const [start, complete] = xesFragments(row, seq);
      seq += 2;
      buffer.push(start, complete);
      bufferedChars += start.xml.length + complete.xml.length + 64;
      rows++;
      if (bufferedChars >= spillChars) spill();
    },
    close() {
      if (!open) return;
      open = false;
      const fd = openSync(path, 'w');
      try {
        writeMerged(fd, options.name ?? xesDefaultLogName, runs, buffer);
      } finally {
        closeSync(fd);
        if (spillDir) rmSync(spillDir, { recursive: true, force: true });
      }
    },
    get rows() {
      return rows;
    },
  };
}

/** Reads a run file line by line with synchronous reads (closing a writer is synchronous, like the CSV one). */
class RunReader {
  private fd: number;
  private pending = '';
  private done = false;
  private readonly chunk = Buffer.alloc(1 << 16);
  head: XesFragment | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.advance();
  }

  advance(): void {
    for (;;) {
      const nl = this.pending.indexOf('\n');
      if (nl >= 0) {
        const line = this.pending.slice(0, nl);
        this.pending = this.pending.slice(nl + 1);
        const parts = line.split('\t');
        this.head = { replication: Number(parts[0]), caseId: Number(parts[1]), time: Number(parts[2]), seq: Number(parts[3]), xml: parts.slice(4).join('\t') };
        return;
      }
      if (this.done) {
        this.head = undefined;
        closeSync(this.fd);
        return;
      }
      const n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      if (n === 0) this.done = true;
      else this.pending += this.chunk.toString('utf8', 0, n);
    }
  }
}

function writeMerged(fd: number, name: string, runs: readonly string[], memory: XesFragment[]): void {
  memory.sort((a, b) => compareXesTrace(a, b) || compareXesEvent(a, b));
  let memoryIndex = 0;
  const readers = runs.map((r) => new RunReader(r));
  let out = xesHeader(name);
  const flush = (force: boolean) => {
    if (force || out.length > 1 << 20) {
      writeSync(fd, out);
      out = '';
    }
  };
  for (;;) {
    // The smallest trace key among the heads of every run and of the in-memory buffer.
    let key: XesFragment | undefined = memory[memoryIndex];
    for (const r of readers) if (r.head && (!key || compareXesTrace(r.head, key) < 0)) key = r.head;
    if (!key) break;
    const events: XesFragment[] = [];
    const { replication, caseId } = key;
    const same = (f: XesFragment | undefined) => f !== undefined && f.replication === replication && f.caseId === caseId;
    for (const r of readers) {
      while (same(r.head)) {
        events.push(r.head as XesFragment);
        r.advance();
      }
    }
    while (same(memory[memoryIndex])) events.push(memory[memoryIndex++]);
    events.sort(compareXesEvent);
    out += xesTrace(replication, caseId, events);
    flush(false);
  }
  out += xesFooter;
  flush(true);
}

/**
 * Converts a CSV event log written by `openCsvEventLog`/`joinEventLogParts` (with its header) to XES, streaming
 * the CSV line by line. Used by `flowcast run --events LOG.xes`: the worker threads write CSV parts as usual.
 */
export async function convertCsvEventLogToXes(csvPath: string, xesPath: string, options: XesWriterOptions = {}): Promise<number> {
  const writer = openXesEventLog(xesPath, options);
  const lines = createInterface({ input: createReadStream(csvPath, 'utf8'), crlfDelay: Infinity });
  let header: string[] | undefined;
  let pending = '';
  try {
    for await (const line of lines) {
      // A quoted cell may hold a line break: keep joining until the quotes balance.
      pending = pending === '' ? line : `${pending}\n${line}`;
      if ((pending.match(/"/g)?.length ?? 0) % 2 === 1) continue;
      const cells = parseCsv(pending)[0]?.cells ?? [];
      pending = '';
      if (!header) {
        header = cells;
        continue;
      }
      const get = (name: string) => cells[(header as string[]).indexOf(name)] ?? '';
      const caseText = get('case_id');
      // Times from the ISO columns (millisecond timestamps), so the XES has exactly the CSV's timestamps; the
      // *_minutes columns are rounded to 1e-6 min and could round to the neighbouring millisecond.
      const minutes = (iso: string, fallback: string) => {
        const ms = parseTimestamp(iso);
        return ms === undefined ? Number(fallback) : (ms - eventLogEpochMs) / 60_000;
      };
      writer.write({
        caseId: Number(caseText.slice(caseText.indexOf('-') + 1)),
        replication: Number(get('replication')),
        activityId: get('activity_id'),
        activity: get('activity'),
        startMinutes: minutes(get('start'), get('start_minutes')),
        completeMinutes: minutes(get('complete'), get('complete_minutes')),
        resource: get('resource'),
        site: get('site'),
        attempt: Number(get('attempt')),
        status: get('status') as EventLogRow['status'],
      });
    }
  } finally {
    writer.close();
  }
  return writer.rows;
}

/**
 * Where the engine should write its CSV event log for an `--events` path, and what to do once it has: a `.xes`
 * path gets a temporary CSV that `finish()` converts to XES (and removes); any other path is written as CSV directly.
 * @example const target = eventLogTarget(eventsPath); ...run with eventLogPath: target.csvPath...; await target.finish();
 */
export function eventLogTarget(path: string): { csvPath: string; format: 'csv' | 'xes'; finish: () => Promise<void>; discard: () => void } {
  if (!/\.xes$/i.test(path)) return { csvPath: path, format: 'csv', finish: async () => undefined, discard: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'flowcast-events-'));
  const csvPath = join(dir, 'events.csv');
  const discard = () => rmSync(dir, { recursive: true, force: true });
  return {
    csvPath,
    format: 'xes',
    finish: async () => {
      try {
        await convertCsvEventLogToXes(csvPath, path);
      } finally {
        discard();
      }
    },
    discard,
  };
}
