import { lazy, Suspense } from 'react';
import type { EChartProps } from './EChart';

// ECharts is most of the studio's JavaScript: load it with the first chart, not with the app.
const EChart = lazy(() => import('./EChart'));

/** `EChart`, loaded on first use; a box of the chart's height stands in while it loads. */
export default function LazyEChart(props: EChartProps) {
  return (
    <Suspense fallback={<div className="fc-res-chart" style={{ height: props.height }} aria-busy="true" />}>
      <EChart {...props} />
    </Suspense>
  );
}
