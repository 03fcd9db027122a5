import type { ModelFinding } from '../findings';
import type { Workflow } from '../workflow';

/** Something the BPMN import or export wants the user to know, tied to a BPMN element when there is one. */
export interface BpmnIssue {
  severity: 'error' | 'warning';
  /** Stable kebab-case code, e.g. `default-duration`. */
  code: string;
  /** The id of the BPMN element concerned (as written in the file), or null for the file as a whole. */
  elementId: string | null;
  message: string;
}

/** The result of importing a BPMN file. `model` is set only when the import produced a valid model. */
export interface BpmnImportResult {
  model?: Workflow;
  /** Every warning and error, in document order. */
  issues: BpmnIssue[];
  /** Findings of `loadModel` on the model built (errors there mean the BPMN could not be turned into a valid model). */
  findings: ModelFinding[];
}

/** Options of `importBpmn`. */
export interface BpmnImportOptions {
  /** Model name when the file names no process (e.g. the file name). */
  fallbackName?: string;
}

/** The XML namespace of Flowcast's own BPMN extension elements (parameters BPMN and BPSim cannot express). */
export const flowcastNamespace = 'https://flowcast.dev/schema/bpmn/1';
export const flowcastPrefix = 'flowcast';
