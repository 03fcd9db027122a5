import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEdgeFlow } from '../../results/overlay';
import { useStudio, useStudioStore } from '../../state';
import { edgeColors, type FlowEdgeModel } from '../toFlow';

const dashes: Record<string, string | undefined> = { branch: '6 4', error: '2 3', overflow: '8 3 2 3', deadLetter: '2 3', hold: '10 3 2 3' };

/**
 * An edge styled by kind: branch dashed blue with its probability or condition, error red, overflow orange,
 * dead letter purple, credit hold dark red dash-dot. With the results overlay on, its width follows the order flow.
 */
function FlowEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<FlowEdgeModel>) {
  const flow = useEdgeFlow(id);
  const store = useStudioStore();
  const problem = useStudio((s) => s.validation.byEdge.get(id)?.[0]?.message ?? '');
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const kind = data?.kind ?? 'next';
  const color = edgeColors[kind] ?? edgeColors.next;
  const text = flow ? [data?.label, flow.label].filter(Boolean).join(' · ') : data?.label;
  // A path with a problem (no probability, a kind its step may not have) is marked on its label.
  const label = problem ? `! ${text ?? ''}`.trim() : text;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={16}
        style={{
          stroke: problem ? '#c62f2f' : color,
          strokeWidth: (flow?.widthPx ?? 1.6) + (selected ? 1.2 : 0),
          strokeDasharray: dashes[kind],
          opacity: flow && flow.widthPx < 1 ? 0.5 : 1,
        }}
      />
      {label && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label edge-label-${kind}${selected ? ' selected' : ''}${problem ? ' has-problem' : ''}`}
            title={problem || undefined}
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
