import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { divergingColor } from '../results/colorScale';
import { formatDuration, formatSignedDuration } from '../results/format';
import type { NodeDelta } from './compareRows';

/** Box size of a step on the delta diagram (also used by its layout). */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 78;

export type DeltaNodeData = { delta: NodeDelta | undefined; name: string; kind: string; maxAbs: number };
export type DeltaFlowNode = Node<DeltaNodeData, 'delta'>;

/** One step coloured by the change in its mean queue wait: blue faster, red slower, white unchanged. */
const DeltaNode = memo(function DeltaNode({ data }: NodeProps<DeltaFlowNode>) {
  const { delta, name, kind, maxAbs } = data;
  const isNew = delta?.status === 'new';
  const d = delta?.deltaMinutes ?? null;
  const swatch = d === null ? { fill: '#ffffff', text: '#000000' } : divergingColor(d, maxAbs);
  const significant = delta?.paired?.significant ?? false;
  const judged = delta?.paired && delta.paired.verdict !== 'too-few';
  let line: string;
  if (isNew) line = 'new step';
  else if (d === null) line = 'no waiting measured';
  else if (Math.abs(d) < 1e-9) line = 'no change in wait';
  else line = `${formatSignedDuration(d)} wait`;
  return (
    <div
      className={`fc-cmp-node${isNew ? ' is-new' : ''}${significant ? ' is-significant' : ''}`}
      style={{ background: swatch.fill, color: swatch.text }}
      data-testid={`delta-node-${delta?.nodeId ?? name}`}
      title={
        delta && !isNew && delta.waitA !== null && delta.waitB !== null
          ? `${name}: mean wait ${formatDuration(delta.waitA)} → ${formatDuration(delta.waitB)}${judged ? (significant ? ' (significant)' : ' (not significant)') : ''}`
          : name
      }
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="fc-cmp-handle" />
      <div className="fc-cmp-node-kind">{kind}</div>
      <div className="fc-cmp-node-name">{name}</div>
      <div className="fc-cmp-node-delta">
        {line}
        {judged && !isNew && d !== null && Math.abs(d) > 0 && <span className="fc-cmp-node-sig">{significant ? ' ●' : ' n.s.'}</span>}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} className="fc-cmp-handle" />
    </div>
  );
});


export default DeltaNode;
