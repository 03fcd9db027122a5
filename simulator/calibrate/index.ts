/** Event-log import and model calibration (docs/interop.md): pure, runs in Node and in the browser. */
export { parseCsvEventLog, parseCsv, guessMapping, parseMappingText, csvHeader, csvLogMaxChars, type ColumnMapping } from './csvLog';
export { parseXesEventLog, decodeEntities } from './xesLog';
export { parseTimestamp, EventLogError, type EventLog, type ObservedEvent, type EventLogProblem } from './eventLog';
export { fitDurations, ksDistance, ksTwoSample, digamma, trigamma, regularizedGammaP, familyNames, type DurationFit, type FamilyFit, type FamilyName } from './fit';
export { calibrate, wilson, type CalibrationOptions, type CalibrationReport, type CalibrationResult, type BranchEstimate, type CycleSummary } from './calibrate';
