/**
 * The event log of one replication as CSV or XES, with the columns and conventions of the CLI's
 * `flowcast run MODEL --events LOG.csv|LOG.xes` (simulator/node/eventLogCsv.ts; the XES text is the engine's own,
 * simulator/eventLogXes.ts), so both load the same way in PM4Py, ProM, Disco or Celonis: simulated time 0 (Monday
 * 00:00 of week 1) is written as 2024-01-01T00:00:00.000Z, a Monday.
 * Pure apart from the injected engine call: runs in the export worker, or on the main thread as a fallback.
 */
import type { Workflow } from '../../../models';
import { eventLogHeader, eventLogLine, xesLogText, type EventLogRow, type ReplicationOptions, type ReplicationResult } from '../../simulation/eventLog';

/** Columns and line format are the CLI's own (one implementation: simulator/eventLogCsvFormat.ts). */
export { eventLogColumns, eventLogEpochMs, eventLogLine, minutesToTimestamp } from '../../simulation/eventLog';

/** The file formats of the event-log export. */
export type EventLogFormat = 'csv' | 'xes';

/**
 * Most rows the studio builds in memory, per format: about 300 MB of text either way (a CSV row is about 140
 * characters, a step in XES about 840, two events). A JavaScript string cannot pass about 512 M characters, so XES
 * cannot have the CSV's cap. Longer logs belong to the CLI, which streams them to disk.
 */
export const eventLogMaxRowsByFormat: Record<EventLogFormat, number> = { csv: 2_000_000, xes: 300_000 };

/** The CSV cap (kept under its old name). */
export const eventLogMaxRows = eventLogMaxRowsByFormat.csv;

/** Which replication to log: the settings of the run the report came from. */
export interface EventLogRequest {
  /** The model as simulated (variant applied). */
  model: Workflow;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  /** 0-based replication index; the export uses 0, the run's first replication. */
  replication: number;
  /** File format; default CSV. */
  format?: EventLogFormat;
  /** Row cap; default `eventLogMaxRowsByFormat[format]`. */
  maxRows?: number;
}

/** Plain data, so it crosses a worker boundary. `text` is the whole file. */
export type EventLogOutcome = { ok: true; format: EventLogFormat; text: string; rows: number; replicationStatus: ReplicationResult['status'] } | { ok: false; error: string };

/**
 * Runs one replication with an event-log callback and returns the log as CSV or XES text. Refuses (with the
 * simulated day reached) instead of returning a cut log when it would pass the row cap: a truncated log would
 * mislead process mining. Never throws.
 * @example const outcome = buildEventLog({ model, seed: 1, horizonMinutes: 2880, warmupMinutes: 0, replication: 0, format: 'xes' }, runReplication);
 */
export function buildEventLog(request: EventLogRequest, runReplication: (model: Workflow, options: ReplicationOptions) => ReplicationResult): EventLogOutcome {
  const format = request.format ?? 'csv';
  const maxRows = request.maxRows ?? eventLogMaxRowsByFormat[format];
  const chunks: string[] = [eventLogHeader()];
  // XES nests events in their trace, so the rows are kept (not their text) and written once the run ends.
  const kept: EventLogRow[] = [];
  let rows = 0;
  let overAtMinutes: number | null = null;
  // The engine polls the signal every few thousand events: the rows after the cap are dropped, not kept.
  const signal = {
    get aborted() {
      return overAtMinutes !== null;
    },
  };
  try {
    const result = runReplication(request.model, {
      replication: request.replication,
      seed: request.seed,
      horizonMinutes: request.horizonMinutes,
      warmupMinutes: request.warmupMinutes,
      signal,
      eventLog: (row) => {
        if (overAtMinutes !== null) return;
        if (rows >= maxRows) {
          overAtMinutes = row.completeMinutes;
          return;
        }
        if (format === 'xes') kept.push(row);
        else chunks.push(eventLogLine(row));
        rows++;
      },
    });
    if (overAtMinutes !== null) {
      const day = Math.floor(overAtMinutes / 1440) + 1;
      return {
        ok: false,
        error: `The event log of one replication would pass ${maxRows.toLocaleString('en-US')} rows (reached on simulated day ${day} of ${Math.ceil(request.horizonMinutes / 1440)}). Run a shorter horizon before exporting, or write the log with the command line (flowcast run MODEL --events LOG.${format}), which streams it to disk.`,
      };
    }
    return { ok: true, format, text: format === 'xes' ? xesLogText(kept) : chunks.join(''), rows, replicationStatus: result.status };
  } catch (error) {
    return { ok: false, error: `The event log could not be made: ${error instanceof Error ? error.message : String(error)}` };
  }
}
