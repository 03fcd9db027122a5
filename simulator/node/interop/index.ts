/** CLI side of interoperability: the import/export/calibrate commands and the XES event-log writer. */
export { runImportCommand, runExportCommand, runCalibrateCommand, interopHelp, formatBpmnIssues, formatCalibrationReport, type InteropIO } from './commands';
export { openXesEventLog, convertCsvEventLogToXes, eventLogTarget, xesHeader, xesEvents, xmlAttribute, type XesEventLogWriter, type XesWriterOptions } from './xesWriter';
