import { FlowEdge } from './edges/FlowEdge';
import { StepNode } from './nodes/StepNode';

/** Module-level so React Flow never sees a new object (its error 002). */
export const nodeTypes = { step: StepNode };
export const edgeTypes = { flow: FlowEdge };
