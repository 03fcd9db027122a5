import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEdgeFlow } from '../../results/overlay';
import { useStudioStore } from '../../state';
import { edgeColors, type FlowEdgeModel } from '../toFlow';

const dashes: Record<string, string | undefined> = { branch: '6 4', error: '2 3', overflow: '8 3 2 3', deadLetter: '2 3' };

/**
 * An edge styled by kind: branch dashed blue with its probability or condition, error red, overflow orange,
 * dead letter purple. With the results overlay on, its width follows the order flow.
 */
function FlowEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<FlowEdgeModel>) {
  const flow = useEdgeFlow(id);
  const store = useStudioStore();
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const kind = data?.kind ?? 'next';
  const color = edgeColors[kind] ?? edgeColors.next;
  const label = flow ? [data?.label, flow.label].filter(Boolean).join(' · ') : data?.label;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={16}
        style={{
          stroke: color,
          strokeWidth: (flow?.widthPx ?? 1.6) + (selected ? 1.2 : 0),
          strokeDasharray: dashes[kind],
          opacity: flow && flow.widthPx < 1 ? 0.5 : 1,
        }}
      />
      {label && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label edge-label-${kind}${selected ? ' selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, borderColor: color, color }}
            data-testid={`edge-label-${id}`}
            // The label is outside the SVG edge: clicking it selects the edge too.
            onClick={() => store.getState().setSelection([], [id])}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
