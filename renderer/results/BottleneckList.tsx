import { memo } from 'react';
import type { Bottleneck } from '../simulation/report';
import { sequentialColor } from './colorScale';
import { formatDuration, formatPercent } from './format';

export interface BottleneckListProps {
  bottlenecks: readonly Bottleneck[];
  onSelectNode: (nodeId: string) => void;
}

/** The engine's ranked bottlenecks with its explanations; clicking one selects the node on the canvas. */
function BottleneckList({ bottlenecks, onSelectNode }: BottleneckListProps) {
  if (bottlenecks.length === 0) {
    return <p className="fc-res-empty-note">No bottleneck: no step made orders wait a noticeable share of their cycle time.</p>;
  }
  return (
    <ol className="fc-res-bottlenecks" data-testid="bottleneck-list">
      {bottlenecks.map((b) => {
        const swatch = b.utilisation === null ? undefined : sequentialColor(b.utilisation);
        return (
          <li key={b.nodeId}>
            <button type="button" className="fc-res-bottleneck" onClick={() => onSelectNode(b.nodeId)} title="Select this step on the diagram" data-node-id={b.nodeId}>
              <span className="fc-res-bottleneck-rank">{b.rank}</span>
              <span className="fc-res-bottleneck-body">
                <span className="fc-res-bottleneck-head">
                  <strong>{b.name}</strong>
                  {swatch && b.utilisation !== null && (
                    <span className="fc-res-chip" style={{ background: swatch.fill, color: swatch.text }}>
                      {formatPercent(b.utilisation)} busy
                    </span>
                  )}
                  <span className="fc-res-chip is-neutral">{formatPercent(b.waitShare)} of cycle time waiting</span>
                  {b.meanWaitMinutes !== null && <span className="fc-res-chip is-neutral">mean wait {formatDuration(b.meanWaitMinutes)}</span>}
                </span>
                <span className="fc-res-bottleneck-text">{b.explanation}</span>
                {b.resource && <span className="fc-res-bottleneck-resource">Resource: {b.resource}</span>}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

export default memo(BottleneckList);
