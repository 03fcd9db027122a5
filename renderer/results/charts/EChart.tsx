import { useEffect, useRef } from 'react';
import { init, type ChartOption, type ECharts } from './echartsSetup';

export interface EChartProps {
  option: ChartOption;
  /** CSS height of the chart; the width follows the container. */
  height: number;
  /** Accessible description of what the chart shows (charts are canvas: screen readers read this). */
  ariaLabel: string;
  testId?: string;
}

/**
 * One ECharts instance bound to a div: created on mount, fed `option` (replacing the previous one), resized with
 * its container, disposed on unmount.
 */
export default function EChart({ option, height, ariaLabel, testId }: EChartProps) {
  const elementRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={elementRef} className="fc-res-chart" style={{ height }} role="img" aria-label={ariaLabel} data-testid={testId} />;
}
