/** CSV cells for the studio's exports: the text-cell guard is the event log's own (one rule for CLI and studio). */
export { csvCell } from '../../simulation/eventLog';

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
