import { calibrate, EventLogError, parseCsvEventLog, parseXesEventLog, type CalibrationResult, type ColumnMapping } from '../simulation/calibration';

/** One calibration job: the log's text, its format, the CSV mapping and the path-frequency threshold. */
export interface CalibrationRequest {
  fileName: string;
  text: string;
  format: 'csv' | 'xes';
  mapping: Partial<ColumnMapping>;
  minEdgeShare: number;
}

/** The result, or the problems (with rows) that stopped it: plain data, so it crosses a worker boundary. */
export type CalibrationOutcome = { ok: true; result: CalibrationResult } | { ok: false; problems: string[] };

/** Reads and calibrates; never throws. Runs in the calibration worker, or on the main thread as a fallback. */
export function runCalibration(request: CalibrationRequest): CalibrationOutcome {
  try {
    const log = request.format === 'xes' ? parseXesEventLog(request.text) : parseCsvEventLog(request.text, request.mapping);
    const result = calibrate(log, { minEdgeShare: request.minEdgeShare, name: `Current state from ${request.fileName}`.slice(0, 200) });
    return { ok: true, result };
  } catch (error) {
    if (error instanceof EventLogError) return { ok: false, problems: error.problems.map((p) => (p.row > 0 ? `Row ${p.row}: ${p.message}` : p.message)) };
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
}
