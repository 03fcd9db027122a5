import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { useNodeOverlay } from '../../results/overlay';
import { useStudio } from '../../state';
import { kindLabel, sourceHandles } from '../../state/documentOps';
import { nodeSummary } from '../nodeSummary';
import { edgeColors, type StepFlowNode } from '../toFlow';
import { KindIcon, kindColors } from './kindIcon';

const handleColors: Record<string, string> = { error: '#d03a3a', overflow: '#e07b00', deadLetter: '#8a3fd1', hold: edgeColors.hold };

const milestoneWords: Record<string, { text: string; title: string }> = {
  ship: { text: 'ship', title: 'Milestone: a shipment counts as shipped when it leaves this step' },
  invoice: { text: 'invoice', title: 'Milestone: a shipment counts as invoiced when it leaves this step' },
  cash: { text: 'cash', title: 'Milestone: a shipment counts as paid when it leaves this step' },
};

/**
 * One workflow step on the canvas: kind, name, key parameters, a problem badge, and the results overlay tint.
 * Memoised; it subscribes only to its own findings and overlay value.
 */
function StepNodeView({ id, data, selected }: NodeProps<StepFlowNode>) {
  const node = data.node;
  // A primitive key, so the node re-renders only when its own findings change.
  const problemKey = useStudio((s) => {
    const list = s.validation.byNode.get(id);
    if (!list || list.length === 0) return '';
    const errors = list.filter((f) => f.severity === 'error').length;
    return `${errors > 0 ? 'error' : 'warning'}|${errors > 0 ? errors : list.length}|${list[0].message}`;
  });
  const problem = problemKey ? parseProblem(problemKey) : undefined;
  const poolName = useStudio((s) => (node.kind === 'activity' && Array.isArray(s.doc.pools) ? s.doc.pools.find((p) => p.id === node.pool)?.name : undefined));
  const systemName = useStudio((s) => (node.kind === 'integration' && Array.isArray(s.doc.systems) ? s.doc.systems.find((p) => p.id === node.system)?.name : undefined));
  // Only a credit check's summary depends on its edges (review vs. hold until paid): a boolean, so others never re-render.
  const holdEdge = useStudio((s) => node.kind === 'creditCheck' && Array.isArray(s.doc.edges) && s.doc.edges.some((e) => e.from === id && e.kind === 'hold'));
  const overlay = useNodeOverlay(id);
  const lines = nodeSummary(node, { pool: poolName, system: systemName, holdEdge });
  const milestone = typeof node.milestone === 'string' ? milestoneWords[node.milestone] : undefined;
  const handles = sourceHandles(node).filter((h) => h.id === 'out' || h.id !== 'overflow' || (node.kind === 'activity' && node.queue?.capacity !== undefined));
  const side = handles.filter((h) => h.id !== 'out');
  // React Flow measures a node's handles when the node first gets its size, and keeps them while the size stays.
  // When the handles change under the same id (another document opened with a "credit" step of another kind, a
  // queue limit adding the overflow dot), it must measure again, or edges from the new handle are not drawn.
  const updateNodeInternals = useUpdateNodeInternals();
  const handleKey = handles.map((h) => h.id).join(' ');
  const measuredKey = useRef(handleKey);
  useEffect(() => {
    if (measuredKey.current === handleKey) return;
    measuredKey.current = handleKey;
    updateNodeInternals(id);
  }, [handleKey, id, updateNodeInternals]);
  return (
    <div
      className={`step-node kind-${node.kind}${selected ? ' selected' : ''}${problem ? ` has-${problem.severity}` : ''}${overlay ? ' overlaid' : ''}`}
      // With the results overlay on, the node is filled with its value's colour and all its text takes the colour
      // that stays readable on that fill (WCAG 4.5:1, from the overlay).
      style={{ ['--kind-color' as string]: kindColors[node.kind], ...(overlay ? { background: overlay.fill, color: overlay.textColor } : {}) }}
      data-testid={`node-${id}`}
    >
      {node.kind !== 'source' && <Handle type="target" position={Position.Left} id="in" className="handle-in" />}
      <div className="step-head">
        <span className="step-kind">
          <KindIcon kind={node.kind} size={13} />
          {kindLabel(node.kind)}
        </span>
        {milestone && (
          <span className={`step-milestone milestone-${node.milestone}`} title={milestone.title} data-testid={`milestone-${id}`}>
            {milestone.text}
          </span>
        )}
        {overlay && <span className="step-overlay" title="Results overlay">{overlay.label}</span>}
        {problem && (
          <span className={`step-badge ${problem.severity}`} title={problem.first} aria-label={`${problem.count} ${problem.severity}${problem.count === 1 ? '' : 's'}`}>
            {problem.severity === 'error' ? '!' : '⚠'}
            {problem.count > 1 ? problem.count : ''}
          </span>
        )}
      </div>
      <div className="step-name" title={node.name}>
        {node.name}
      </div>
      {lines.map((line, i) => (
        <div className="step-param" key={i}>
          {line}
        </div>
      ))}
      {handles.some((h) => h.id === 'out') && <Handle type="source" position={Position.Right} id="out" className="handle-out" />}
      {side.map((h, i) => (
        <Handle
          key={h.id}
          type="source"
          position={Position.Bottom}
          id={h.id}
          className={`handle-side handle-${h.id}`}
          title={`Drag to connect the ${h.label} path`}
          style={{ left: `${((i + 1) * 100) / (side.length + 1)}%`, background: handleColors[h.id] }}
        />
      ))}
    </div>
  );
}

function parseProblem(key: string): { severity: string; count: number; first: string } {
  const [severity, count, ...rest] = key.split('|');
  return { severity, count: Number(count), first: rest.join('|') };
}

export const StepNode = memo(StepNodeView);
