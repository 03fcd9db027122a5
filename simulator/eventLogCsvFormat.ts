/**
 * The event log's CSV format, pure (no node:*), so that the CLI's streamed writer (simulator/node/eventLogCsv.ts)
 * and the studio's export write the same bytes. One row per completed step; columns documented in docs/cli.md.
 */
import type { EventLogRow } from './report';
import { minutesToTimestamp } from './eventLogXes';

/** Columns of the CSV, in order. */
export const eventLogColumns = [
  'case_id',
  'activity',
  'start',
  'complete',
  'resource',
  'site',
  'replication',
  'activity_id',
  'start_minutes',
  'complete_minutes',
  'attempt',
  'status',
] as const;

/**
 * Makes a cell safe: a leading `=`, `+`, `-` or `@` would start a formula in a spreadsheet (CSV injection), so it
 * gets a `'` in front; a cell holding a comma, quote or line break is quoted, with quotes doubled (RFC 4180).
 * @example csvCell('=SUM(A1)') // "'=SUM(A1)"
 */
export function csvCell(value: string): string {
  let cell = value;
  if (/^[=+\-@]/.test(cell)) cell = `'${cell}`;
  if (/[",\r\n]/.test(cell)) cell = `"${cell.replace(/"/g, '""')}"`;
  return cell;
}

function minutesText(minutes: number): string {
  return String(Math.round(minutes * 1e6) / 1e6);
}

/** The header line (with its line break). */
export function eventLogHeader(): string {
  return `${eventLogColumns.join(',')}\n`;
}

/** One CSV line (with its line break) for a row; the case id is `replication-order`. */
export function eventLogLine(row: EventLogRow): string {
  return `${[
    csvCell(`${row.replication}-${row.caseId}`),
    csvCell(row.activity),
    minutesToTimestamp(row.startMinutes),
    minutesToTimestamp(row.completeMinutes),
    csvCell(row.resource),
    csvCell(row.site),
    String(row.replication),
    csvCell(row.activityId),
    minutesText(row.startMinutes),
    minutesText(row.completeMinutes),
    String(row.attempt),
    row.status,
  ].join(',')}\n`;
}
