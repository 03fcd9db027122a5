// The safety check alone, not the BPMN module (which would pull bpmn-moddle into every user of calibration).
import { checkXmlSafety, xmlLimits } from '../../models/bpmn/xmlSafety';
import { EventLogError, finishLog, parseTimestamp, ProblemList, type EventLog, type ObservedEvent } from './eventLog';

/**
 * Reads an XES event log (IEEE 1849-2016) as ProM, PM4Py, Disco and Celonis write it. A small pull tokenizer reads
 * only what calibration needs, in one pass and without building a document tree: per trace its `concept:name`, per
 * event `concept:name`, `time:timestamp`, `lifecycle:transition` and `org:resource`. A `start` event is paired with
 * the next `complete` event of the same activity in the same trace (first in, first out). DOCTYPEs are refused.
 */
export function parseXesEventLog(text: string): EventLog {
  const refused = checkXmlSafety(text, xmlLimits.xesChars, 'XES log');
  if (refused) throw new EventLogError([{ row: 0, message: refused.message }]);
  const problems = new ProblemList();
  const warnings: string[] = [];
  const events: ObservedEvent[] = [];
  const stack: string[] = [];
  let line = 1;
  let lineScanned = 0;
  const lineOf = (offset: number) => {
    for (; lineScanned < offset; lineScanned++) if (text.charCodeAt(lineScanned) === 10) line++;
    return line;
  };

  let traceName: string | undefined;
  let traceLine = 0;
  let traceEvents: Array<{ activity?: string; time?: number; timeText?: string; transition: string; resource: string; line: number }> = [];
  let current: (typeof traceEvents)[number] | undefined;
  let traces = 0;
  let skippedTransitions = 0;
  let unfinished = 0;

  const endTrace = () => {
    traces++;
    const caseId = traceName ?? `trace-${traces}`;
    if (traceName === undefined) warnings.push(`The trace at line ${traceLine} has no concept:name; it was called "${caseId}".`);
    const open = new Map<string, Array<{ time: number; line: number }>>();
    for (const e of traceEvents) {
      if (e.activity === undefined) {
        problems.add(e.line, 'the event has no concept:name (activity)');
        continue;
      }
      if (e.time === undefined) {
        problems.add(e.line, e.timeText === undefined ? `event "${e.activity}" has no time:timestamp` : `"${e.timeText}" is not a timestamp (xs:dateTime such as 2024-03-01T08:30:00.000+01:00)`);
        continue;
      }
      if (e.transition === 'start') {
        const list = open.get(e.activity) ?? [];
        list.push({ time: e.time, line: e.line });
        open.set(e.activity, list);
      } else if (e.transition === 'complete') {
        const start = open.get(e.activity)?.shift();
        if (start && e.time < start.time) {
          problems.add(e.line, `out of order: "${e.activity}" of case "${caseId}" completes before it starts (start at line ${start.line})`);
          continue;
        }
        events.push({ caseId, activity: e.activity, startMs: start?.time, endMs: e.time, resource: e.resource, row: e.line });
      } else skippedTransitions++;
    }
    for (const list of open.values()) unfinished += list.length;
    traceName = undefined;
    traceEvents = [];
  };

  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<?', lt)) {
      i = skipTo(text, lt, '?>');
      continue;
    }
    if (text.startsWith('<!--', lt)) {
      i = skipTo(text, lt, '-->');
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      i = skipTo(text, lt, ']]>');
      continue;
    }
    tag.lastIndex = lt;
    const match = tag.exec(text);
    if (!match) throw new EventLogError([{ row: lineOf(lt), message: 'the XML is not well-formed here (a tag could not be read)' }]);
    i = tag.lastIndex;
    const [, closing, name, attributeText, selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new EventLogError([{ row: lineOf(lt), message: `</${name}> closes <${open ?? 'nothing'}>; the XML is not well-formed` }]);
      if (name === 'trace' && stack.length === 1) endTrace();
      if (name === 'event' && stack.length === 2) current = undefined;
      continue;
    }
    const depth = stack.length;
    if (depth === 0 && name !== 'log') throw new EventLogError([{ row: lineOf(lt), message: `the root element is <${name}>, not <log>: this is not an XES log` }]);
    const attributes = attributeText ? readAttributes(attributeText) : {};
    if (name === 'trace' && depth === 1) {
      traceName = undefined;
      traceLine = lineOf(lt);
    } else if (name === 'event' && depth === 2 && stack[1] === 'trace') {
      current = { transition: 'complete', resource: '', line: lineOf(lt) };
      traceEvents.push(current);
    } else if (depth === 2 && stack[1] === 'trace' && attributes.key === 'concept:name') traceName = attributes.value;
    else if (depth === 3 && stack[2] === 'event' && current) {
      const key = attributes.key;
      const value = attributes.value;
      if (key === 'concept:name') current.activity = value;
      else if (key === 'time:timestamp' && value !== undefined) {
        current.timeText = value;
        current.time = parseTimestamp(value);
      } else if (key === 'lifecycle:transition' && value !== undefined) current.transition = value.toLowerCase();
      else if (key === 'org:resource' && value !== undefined) current.resource = value;
    }
    if (!selfClosing) stack.push(name);
  }
  if (stack.length > 0) throw new EventLogError([{ row: lineOf(text.length), message: `the file ends inside <${stack[stack.length - 1]}>; it is cut short` }]);
  problems.throwIfAny();
  if (events.length === 0) throw new EventLogError([{ row: 0, message: 'The XES log has no completed events.' }]);
  if (skippedTransitions > 0) warnings.push(`${skippedTransitions} events with other lifecycle transitions (schedule, assign, ...) were not used.`);
  if (unfinished > 0) warnings.push(`${unfinished} started steps never completed; they were left out.`);
  const withoutStart = events.filter((e) => e.startMs === undefined).length;
  if (withoutStart > 0) warnings.push(`${withoutStart} completed steps have no start event: their duration is taken from the previous step's completion, so it includes waiting time.`);
  return finishLog(events, warnings);
}

function skipTo(text: string, from: number, end: string): number {
  const at = text.indexOf(end, from);
  return at < 0 ? text.length : at + end.length;
}

function readAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const attribute = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let match: RegExpExecArray | null;
  while ((match = attribute.exec(text)) !== null) out[match[1]] = decodeEntities(match[2] ?? match[3] ?? '');
  return out;
}

/** The five predefined XML entities and character references; nothing else (no DTD is read). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, ref: string) => {
    switch (ref) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
    }
  });
}
