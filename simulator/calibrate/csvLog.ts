import { EventLogError, finishLog, parseTimestamp, ProblemList, type EventLog, type ObservedEvent } from './eventLog';

/** Largest CSV event log accepted, in characters (documented in docs/interop.md). */
export const csvLogMaxChars = 200 * 1024 * 1024;

/** Which CSV column holds what. `start` and `resource` are optional. */
export interface ColumnMapping {
  case: string;
  activity: string;
  start?: string;
  end: string;
  resource?: string;
}

/**
 * Splits CSV text (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes; `,` or `;` as separator, chosen
 * from the header line) into rows of cells, each with its 1-based line number. A cell the CSV writer protected
 * against formula injection (`'=...`) gets its `'` removed.
 */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const headerEnd = source.indexOf('\n');
  const headerLine = headerEnd < 0 ? source : source.slice(0, headerEnd);
  const separator = (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endCell = () => {
    // Undo the writer's guard against formula injection (docs/interop.md, "CSV").
    cells.push(/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);
    cell = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') quoted = true; else if (c === separator) endCell();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endCell();
      if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
      cells = [];
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) throw new EventLogError([{ row: rowLine, message: 'a quoted cell is never closed (a " is missing)' }]);
  if (cell !== '' || cells.length > 0) {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
  }
  return rows;
}

const guesses: Record<keyof ColumnMapping, string[]> = {
  case: ['case_id', 'case', 'caseid', 'case:concept:name', 'case id', 'order_id', 'order'],
  activity: ['activity', 'concept:name', 'activity_name', 'activity name', 'task', 'event'],
  start: ['start', 'start_timestamp', 'start_time', 'start time', 'started'],
  end: ['complete', 'end', 'complete_timestamp', 'end_timestamp', 'end_time', 'end time', 'time:timestamp', 'timestamp', 'completed'],
  resource: ['resource', 'org:resource', 'user', 'resource_name', 'performer'],
};

/**
 * A mapping guessed from header names (case-insensitive), for the studio's mapping step and a CLI without --map.
 * @example guessMapping(['case_id', 'activity', 'start', 'complete']) // { case: 'case_id', activity: 'activity', start: 'start', end: 'complete' }
 */
export function guessMapping(header: readonly string[]): Partial<ColumnMapping> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const mapping: Partial<ColumnMapping> = {};
  for (const key of Object.keys(guesses) as Array<keyof ColumnMapping>) {
    for (const name of guesses[key]) {
      const index = lower.indexOf(name);
      if (index >= 0) {
        mapping[key] = header[index];
        break;
      }
    }
  }
  return mapping;
}

/**
 * Parses `case=...,activity=...,start=...,end=...,resource=...` (the CLI's --map) into a partial mapping.
 * Throws an Error naming the bad part.
 */
export function parseMappingText(text: string): Partial<ColumnMapping> {
  const mapping: Partial<ColumnMapping> = {};
  const keys = new Set(['case', 'activity', 'start', 'end', 'resource']);
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || !keys.has(key) || value === '') throw new Error(`"${part.trim()}" is not KEY=COLUMN with KEY one of case, activity, start, end, resource`);
    mapping[key as keyof ColumnMapping] = value;
  }
  return mapping;
}

/** The header of a CSV text (for the mapping step), without reading the rest. */
export function csvHeader(text: string): string[] {
  const end = text.search(/\r?\n/);
  const first = parseCsv(end < 0 ? text : text.slice(0, end));
  return first[0]?.cells.map((c) => c.trim()) ?? [];
}

/**
 * Reads a CSV event log with a column mapping (missing keys are guessed from the header). Throws an
 * `EventLogError` listing problems with their rows: a mapped column missing from the header, a row with too few
 * cells, an empty case or activity, a timestamp that cannot be read, a step that completes before it starts.
 */
export function parseCsvEventLog(text: string, mappingGiven: Partial<ColumnMapping> = {}): EventLog {
  if (text.length > csvLogMaxChars) throw new EventLogError([{ row: 0, message: `The log is ${(text.length / 1048576).toFixed(0)} MB; at most ${csvLogMaxChars / 1048576} MB is accepted.` }]);
  const rows = parseCsv(text);
  if (rows.length === 0) throw new EventLogError([{ row: 0, message: 'The log is empty.' }]);
  const header = rows[0].cells.map((c) => c.trim());
  const mapping = { ...guessMapping(header), ...mappingGiven };
  const problems = new ProblemList();
  const index = (key: keyof ColumnMapping, required: boolean): number | undefined => {
    const column = mapping[key];
    if (column === undefined) {
      if (required) problems.add(1, `no column is mapped to "${key}" and none of the usual names (${guesses[key].join(', ')}) is in the header; give --map ${key}=COLUMN`);
      return undefined;
    }
    const i = header.indexOf(column);
    if (i < 0) problems.add(1, `the column "${column}" (mapped to ${key}) is not in the header; the columns are: ${header.join(', ')}`);
    return i < 0 ? undefined : i;
  };
  const caseIndex = index('case', true);
  const activityIndex = index('activity', true);
  const endIndex = index('end', true);
  const startIndex = index('start', false);
  const resourceIndex = index('resource', false);
  problems.throwIfAny();
  if (rows.length === 1) throw new EventLogError([{ row: 0, message: 'The log has a header but no events.' }]);
  const events: ObservedEvent[] = [];
  const need = Math.max(caseIndex ?? 0, activityIndex ?? 0, endIndex ?? 0, startIndex ?? 0, resourceIndex ?? 0) + 1;
  for (const { line, cells } of rows.slice(1)) {
    if (cells.length < need) {
      problems.add(line, `${cells.length} cells, but the mapped columns need at least ${need}`);
      continue;
    }
    const caseId = cells[caseIndex as number].trim();
    const activity = cells[activityIndex as number].trim();
    if (caseId === '') problems.add(line, `the case id (column "${mapping.case}") is empty`);
    if (activity === '') problems.add(line, `the activity (column "${mapping.activity}") is empty`);
    const endText = cells[endIndex as number];
    const endMs = parseTimestamp(endText);
    if (endMs === undefined) problems.add(line, `"${endText}" in column "${mapping.end}" is not a timestamp (use ISO 8601, e.g. 2024-03-01T08:30:00Z)`);
    let startMs: number | undefined;
    if (startIndex !== undefined) {
      const startText = cells[startIndex];
      if (startText.trim() !== '') {
        startMs = parseTimestamp(startText);
        if (startMs === undefined) problems.add(line, `"${startText}" in column "${mapping.start}" is not a timestamp (use ISO 8601, e.g. 2024-03-01T08:30:00Z)`);
      }
    }
    if (startMs !== undefined && endMs !== undefined && endMs < startMs)
      problems.add(line, `out of order: "${activity}" of case "${caseId}" completes (${cells[endIndex as number]}) before it starts (${cells[startIndex as number]})`);
    if (caseId === '' || activity === '' || endMs === undefined) continue;
    events.push({ caseId, activity, startMs, endMs, resource: resourceIndex === undefined ? '' : cells[resourceIndex].trim(), row: line });
  }
  problems.throwIfAny();
  const warnings: string[] = [];
  if (startIndex === undefined) warnings.push('The log has no start times: each duration is taken from the previous step\'s completion, so it includes waiting time.');
  return finishLog(events, warnings);
}
