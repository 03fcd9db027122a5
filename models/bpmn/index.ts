/** BPMN 2.0 interchange: import to a Flowcast model and export with diagram interchange (docs/interop.md). */
export { importBpmn, parseCondition } from './importBpmn';
export { exportBpmn, conditionText, bpmnShapeSizes, type BpmnExportResult } from './exportBpmn';
export { checkXmlSafety, xmlLimits, lineAt, type XmlSafetyProblem } from './xmlSafety';
export { parseIsoDurationMinutes, formatIsoDuration, durationInPlainUnit } from './isoDuration';
export { flowcastNamespace, type BpmnIssue, type BpmnImportResult, type BpmnImportOptions } from './types';
