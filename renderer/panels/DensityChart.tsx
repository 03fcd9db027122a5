import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { distributionDensity, distributionMoments, type AnyDistribution } from '../../models';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Points of the density over the range that holds nearly all of the mass. */
export function densityPoints(d: AnyDistribution, count = 80): Array<[number, number]> {
  const { mean, sd } = distributionMoments(d);
  let hi = mean + 4 * sd;
  if (d.kind === 'uniform' || d.kind === 'triangular') hi = d.max * 1.05;
  if (d.kind === 'exponential') hi = mean * 5;
  if (!(hi > 0)) hi = Math.max(1, mean * 2);
  let lo = d.kind === 'normal' ? Math.max(0, mean - 4 * sd) : 0;
  if (d.kind === 'uniform' || d.kind === 'triangular') lo = Math.max(0, d.min - (d.max - d.min) * 0.05);
  const out: Array<[number, number]> = [];
  for (let i = 0; i <= count; i++) {
    const x = lo + ((hi - lo) * i) / count;
    const y = distributionDensity(d, x);
    // The density may be infinite at 0 (gamma or Weibull with shape < 1): leave that point out.
    if (y !== undefined && Number.isFinite(y)) out.push([round(x), y]);
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * A small live plot of a distribution (ECharts line; bars for an empirical list; a spike for a constant), no
 * animation so it follows typing without lag.
 */
export function DensityChart({ distribution, unit }: { distribution: AnyDistribution; unit?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const resize = new ResizeObserver(() => chart.current?.resize());
    resize.observe(ref.current);
    return () => {
      resize.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const axisLabel = { fontSize: 10, color: '#5b6472' };
    const base = {
      animation: false,
      grid: { left: 8, right: 12, top: 8, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis' as const, confine: true, textStyle: { fontSize: 11 } },
      yAxis: { type: 'value' as const, axisLabel: { show: false }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    };
    if (distribution.kind === 'empirical' || distribution.kind === 'constant') {
      const values = distribution.kind === 'constant' ? [distribution.value] : distribution.values;
      const weights = distribution.kind === 'empirical' && distribution.weights ? distribution.weights : values.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0) || 1;
      const byValue = new Map<number, number>();
      values.forEach((v, i) => byValue.set(v, (byValue.get(v) ?? 0) + (weights[i] ?? 0) / total));
      const sorted = [...byValue.entries()].sort((a, b) => a[0] - b[0]);
      c.setOption(
        {
          ...base,
          xAxis: { type: 'category', data: sorted.map(([v]) => `${v}${unit ? ` ${unit}` : ''}`), axisLabel },
          series: [{ type: 'bar', data: sorted.map(([, p]) => Math.round(p * 1000) / 1000), itemStyle: { color: '#2f6fdb' }, barMaxWidth: 24 }],
        },
        true,
      );
      return;
    }
    c.setOption(
      {
        ...base,
        xAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: (v: number) => `${v}${unit ? ` ${unit}` : ''}` }, splitLine: { show: false }, min: 'dataMin', max: 'dataMax' },
        series: [{ type: 'line', data: densityPoints(distribution), showSymbol: false, smooth: false, lineStyle: { color: '#2f6fdb', width: 1.5 }, areaStyle: { color: 'rgba(47,111,219,0.12)' } }],
      },
      true,
    );
  }, [distribution, unit]);
  return <div className="density-chart" ref={ref} data-testid="density-chart" />;
}
