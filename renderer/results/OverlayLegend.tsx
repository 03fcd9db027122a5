import { cssGradient, legendTicks, sequentialStops } from './colorScale';
import { formatNumber, formatPercent } from './format';
import { MAX_EDGE_WIDTH_PX, MIN_EDGE_WIDTH_PX } from './overlayData';
import { useOverlayData } from './overlay';
import './results.css';

/** The legend of the canvas overlay: the colour scale of the current mode and what edge widths mean. */
export default function OverlayLegend() {
  const data = useOverlayData();
  if (!data) return null;
  const { overlay, maxFlowPerDay } = data;
  const ticks = legendTicks(0, overlay.scaleMax, 5);
  return (
    <div className="fc-res-legend" data-testid="overlay-legend" aria-label="Overlay legend">
      <div className="fc-res-legend-title">{overlay.title}</div>
      <div className="fc-res-legend-bar" style={{ background: cssGradient(sequentialStops) }} />
      <div className="fc-res-legend-ticks">
        {ticks.map((t) => (
          <span key={t}>{formatPercent(t)}</span>
        ))}
      </div>
      <div className="fc-res-legend-row">
        <span className="fc-res-legend-swatch" aria-hidden="true" /> uncoloured: {overlay.missingNote}
      </div>
      <div className="fc-res-legend-row">
        <svg width="46" height="14" aria-hidden="true">
          <line x1="2" y1="7" x2="16" y2="7" stroke="#667085" strokeWidth={MIN_EDGE_WIDTH_PX} />
          <line x1="22" y1="7" x2="44" y2="7" stroke="#667085" strokeWidth={MAX_EDGE_WIDTH_PX} />
        </svg>
        edge width: order flow (widest {formatNumber(maxFlowPerDay)} orders/day)
      </div>
    </div>
  );
}
