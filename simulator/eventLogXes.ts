/**
 * The text of a simulated event log as XES (IEEE 1849-2016), for ProM, PM4Py, Disco and Celonis: one trace per
 * order, two events (`start`, `complete`) per step, with `org:resource`, the site, the node id, the attempt and the
 * status. Pure (no Node, no DOM): the CLI's streamed writer (simulator/node/interop/xesWriter.ts) and the studio's
 * export (renderer/results/export) both write their files with these pieces, so the two files are the same.
 */
import type { EventLogRow } from './report';

/**
 * Simulated time 0 is "Monday 00:00 of week 1"; event logs give it the calendar date 2024-01-01 (a Monday, UTC) so
 * that tools that need timestamps get ones with the right weekdays and hours.
 */
export const eventLogEpochMs = Date.UTC(2024, 0, 1);

/** Simulated minutes as an ISO-8601 timestamp from the nominal epoch (millisecond precision). */
export function minutesToTimestamp(minutes: number): string {
  return new Date(eventLogEpochMs + Math.round(minutes * 60_000)).toISOString();
}

/** The log's `concept:name` when none is given. */
export const xesDefaultLogName = 'Flowcast simulated event log';

/** Escapes text for an XML attribute value. */
export function xmlAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** The XES header up to the first trace. */
export function xesHeader(name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <global scope="trace">
    <string key="concept:name" value="__INVALID__"/>
  </global>
  <global scope="event">
    <string key="concept:name" value="__INVALID__"/>
    <string key="lifecycle:transition" value="complete"/>
    <date key="time:timestamp" value="1970-01-01T00:00:00.000Z"/>
  </global>
  <classifier name="Activity" keys="concept:name"/>
  <classifier name="Activity and transition" keys="concept:name lifecycle:transition"/>
  <string key="concept:name" value="${xmlAttribute(name)}"/>
`;
}

/** The end of the file, after the last trace. */
export const xesFooter = '</log>\n';

/** The two XES events of one step (start and complete), one line each, without line breaks. */
export function xesEvents(row: EventLogRow): [string, string] {
  const common =
    `<string key="concept:name" value="${xmlAttribute(row.activity)}"/>` +
    (row.resource === '' ? '' : `<string key="org:resource" value="${xmlAttribute(row.resource)}"/>`) +
    `<string key="site" value="${xmlAttribute(row.site)}"/>` +
    `<string key="activity_id" value="${xmlAttribute(row.activityId)}"/>` +
    `<int key="attempt" value="${row.attempt}"/>` +
    `<string key="status" value="${row.status}"/>`;
  const event = (transition: string, minutes: number) =>
    `    <event>${common}<string key="lifecycle:transition" value="${transition}"/><date key="time:timestamp" value="${minutesToTimestamp(minutes)}"/></event>`;
  return [event('start', row.startMinutes), event('complete', row.completeMinutes)];
}

/**
 * One event waiting for its trace: the trace key, the time it is sorted by and its sequence number (emission
 * order, so equal times keep start before complete), and its XML line.
 */
export interface XesFragment {
  replication: number;
  caseId: number;
  time: number;
  seq: number;
  xml: string;
}

/** Orders fragments by trace (replication, then order number). */
export const compareXesTrace = (a: XesFragment, b: XesFragment): number => a.replication - b.replication || a.caseId - b.caseId;
/** Orders fragments of one trace by time, then emission order. */
export const compareXesEvent = (a: XesFragment, b: XesFragment): number => a.time - b.time || a.seq - b.seq;

/**
 * The two fragments of a step, numbered `seq` and `seq + 1`. They are sorted by the millisecond written in the
 * file, not the exact simulated time, so a log written straight from the engine and one converted from the CSV
 * (whose timestamps are milliseconds) come out in the same order.
 */
export function xesFragments(row: EventLogRow, seq: number): [XesFragment, XesFragment] {
  const [start, complete] = xesEvents(row);
  const ms = (minutes: number) => Math.round(minutes * 60_000) / 60_000;
  return [
    { replication: row.replication, caseId: row.caseId, time: ms(row.startMinutes), seq, xml: start },
    { replication: row.replication, caseId: row.caseId, time: ms(row.completeMinutes), seq: seq + 1, xml: complete },
  ];
}

/** One whole trace: its events must be of one order and already in `compareXesEvent` order. */
export function xesTrace(replication: number, caseId: number, events: readonly XesFragment[]): string {
  let text = `  <trace>\n    <string key="concept:name" value="${replication}-${caseId}"/>\n    <int key="replication" value="${replication}"/>\n`;
  for (const e of events) text += `${e.xml}\n`;
  return `${text}  </trace>\n`;
}

/**
 * Groups fragments into traces (sorted by trace, events in time order) and hands each trace's text to `emit`.
 * Sorts `fragments` in place.
 */
export function emitXesTraces(fragments: XesFragment[], emit: (trace: string) => void): void {
  fragments.sort((a, b) => compareXesTrace(a, b) || compareXesEvent(a, b));
  for (let i = 0; i < fragments.length; ) {
    const { replication, caseId } = fragments[i];
    let end = i + 1;
    while (end < fragments.length && fragments[end].replication === replication && fragments[end].caseId === caseId) end++;
    emit(xesTrace(replication, caseId, fragments.slice(i, end)));
    i = end;
  }
}

/**
 * A whole XES file from rows held in memory (any order; the engine emits them in completion order). The CLI
 * streams instead (simulator/node/interop/xesWriter.ts) and writes the same bytes for the same rows.
 * @example const xes = xesLogText(rows);
 */
export function xesLogText(rows: Iterable<EventLogRow>, name: string = xesDefaultLogName): string {
  const fragments: XesFragment[] = [];
  for (const row of rows) fragments.push(...xesFragments(row, fragments.length));
  const parts: string[] = [xesHeader(name)];
  emitXesTraces(fragments, (trace) => parts.push(trace));
  parts.push(xesFooter);
  return parts.join('');
}
