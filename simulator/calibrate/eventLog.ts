/**
 * The event log as calibration reads it: one record per step of a case, times in epoch milliseconds (UTC).
 * CSV and XES readers both produce it; problems are collected with the row (CSV: 1-based line of the file;
 * XES: line of the event element) and thrown together as an `EventLogError`.
 */

/** One executed step of one case. */
export interface ObservedEvent {
  caseId: string;
  activity: string;
  /** When the work started; undefined when the log has completion times only. */
  startMs?: number;
  endMs: number;
  /** Who or what did it ('' when the log has no resource). */
  resource: string;
  /** Where it came from: the CSV line or XES line, for messages. */
  row: number;
}

/** A parsed log: its events (sorted by case, then time) and what the reader wants the user to know. */
export interface EventLog {
  events: ObservedEvent[];
  /** Whether every event has a start time (durations are then exact). */
  hasStartTimes: boolean;
  warnings: string[];
}

export interface EventLogProblem {
  /** 1-based line in the file; 0 for the file as a whole. */
  row: number;
  message: string;
}

/** Thrown when a log cannot be read; `problems` lists up to 20 of them with their rows. */
export class EventLogError extends Error {
  constructor(readonly problems: EventLogProblem[]) {
    super(problems.map((p) => (p.row > 0 ? `row ${p.row}: ${p.message}` : p.message)).join('\n'));
    this.name = 'EventLogError';
  }
}

/** Collects problems, stopping the count at a limit so a broken million-row file does not flood the user. */
export class ProblemList {
  readonly problems: EventLogProblem[] = [];
  private total = 0;

  add(row: number, message: string): void {
    this.total++;
    if (this.problems.length < 20) this.problems.push({ row, message });
  }

  get count(): number {
    return this.total;
  }

  /** Throws an EventLogError when there is any problem. */
  throwIfAny(): void {
    if (this.total === 0) return;
    const problems = [...this.problems];
    if (this.total > problems.length) problems.push({ row: 0, message: `... and ${this.total - problems.length} more problems.` });
    throw new EventLogError(problems);
  }
}

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds of an ISO 8601-like timestamp: `2024-01-01T08:30:00Z`, `2024-01-01 08:30`,
 * `2024-01-01T08:30:00.250+02:00`, `2024/01/01 08:30:00`. A time without a zone is taken as UTC.
 * Returns undefined for anything else, including impossible dates (month 13, 31 April).
 */
export function parseTimestamp(text: string): number | undefined {
  const match = /^\s*(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth[month - 1]) return undefined;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = frac === '' ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** Sorts events by case (first appearance) and then by time; checks each case's times. */
export function finishLog(events: ObservedEvent[], warnings: string[]): EventLog {
  const firstSeen = new Map<string, number>();
  events.forEach((e, i) => {
    if (!firstSeen.has(e.caseId)) firstSeen.set(e.caseId, i);
  });
  const time = (e: ObservedEvent) => e.startMs ?? e.endMs;
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (firstSeen.get(a.e.caseId) as number) - (firstSeen.get(b.e.caseId) as number) || time(a.e) - time(b.e) || a.e.endMs - b.e.endMs || a.i - b.i)
    .map((x) => x.e);
  const hasStartTimes = events.length > 0 && events.every((e) => e.startMs !== undefined);
  if (!hasStartTimes && events.some((e) => e.startMs !== undefined)) warnings.push('Some events have a start time and some do not; durations use start times only where all events of an activity have them.');
  return { events: sorted, hasStartTimes, warnings };
}
