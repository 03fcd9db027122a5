/**
 * The event log as CSV for process-mining tools (PM4Py, Disco, Celonis, ProM): one row per completed step,
 * streamed to disk through a small buffer with synchronous writes (a replication runs synchronously, so an
 * asynchronous stream could not drain until it ended and would hold the whole log in memory).
 */
import { closeSync, createReadStream, createWriteStream, openSync, rmSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import type { EventLogRow } from '../report';
import { eventLogHeader, eventLogLine } from '../eventLogCsvFormat';

/** The event logs' calendar (shared with the XES text, which is pure): simulated minute 0 is 2024-01-01T00:00Z, a Monday. */
export { eventLogEpochMs, minutesToTimestamp } from '../eventLogXes';

/** The line format itself is pure and shared with the studio's export. */
export { csvCell, eventLogColumns, eventLogHeader, eventLogLine } from '../eventLogCsvFormat';

/** A writer of event-log rows into one file. */
export interface CsvEventLogWriter {
  write: (row: EventLogRow) => void;
  close: () => void;
  /** Rows written so far. */
  readonly rows: number;
}

const flushAtChars = 256 * 1024;

/**
 * Opens (truncates) `path` and returns a buffered writer. Each flush is a synchronous write of about 256 KB,
 * so memory stays flat however long the log.
 */
export function openCsvEventLog(path: string, options: { header: boolean }): CsvEventLogWriter {
  const fd = openSync(path, 'w');
  let buffer = options.header ? eventLogHeader() : '';
  let rows = 0;
  let open = true;
  const flush = () => {
    if (buffer.length > 0) writeSync(fd, buffer);
    buffer = '';
  };
  return {
    write(row) {
      if (!open) throw new Error(`The event log ${path} is already closed.`);
      buffer += eventLogLine(row);
      rows++;
      if (buffer.length >= flushAtChars) flush();
    },
    close() {
      if (!open) return;
      open = false;
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
    get rows() {
      return rows;
    },
  };
}

/**
 * Writes the header and then the part files, in the order given, into `target`, and deletes the parts.
 * Streams: memory does not grow with the size of the log.
 */
export async function joinEventLogParts(target: string, parts: readonly string[]): Promise<void> {
  const out = createWriteStream(target);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  // Surface a write error (disk full) at the next await instead of hanging on a drain that never comes.
  const write = async (chunk: string | Buffer) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write(eventLogHeader());
  for (const part of parts) {
    for await (const chunk of createReadStream(part)) await write(chunk as Buffer);
  }
  await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
  for (const part of parts) rmSync(part, { force: true });
}
