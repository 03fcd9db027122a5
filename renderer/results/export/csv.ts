/**
 * CSV cells for the studio's exports (RFC 4180 quoting plus a spreadsheet formula-injection guard).
 *
 * The CLI's guard lives in simulator/node/eventLogCsv.ts, which the renderer may not import (node:* only there),
 * and simulator/ exports no platform-free one; this is the same rule, kept identical so that a log exported from
 * the studio and one written by `flowcast run --events` read the same.
 */

/**
 * Makes a text cell safe: a leading `=`, `+`, `-` or `@` would start a formula in a spreadsheet, so it gets a `'`
 * in front; a cell holding a comma, quote or line break is quoted with quotes doubled.
 * @example csvCell('=SUM(A1)') // "'=SUM(A1)"
 */
export function csvCell(value: string): string {
  let cell = value;
  if (/^[=+\-@]/.test(cell)) cell = `'${cell}`;
  if (/[",\r\n]/.test(cell)) cell = `"${cell.replace(/"/g, '""')}"`;
  return cell;
}

/**
 * A numeric cell: empty for null (not measured), otherwise the number with at most 10 significant digits (so
 * 0.30000000000000004 is written 0.3). Numbers are data, not text, so they get no guard.
 */
export function csvNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(Number(value.toPrecision(10)));
}

/** One CSV line (CRLF-free: `\n`, which every spreadsheet and pandas read) from already-made cells. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\n`;
}
