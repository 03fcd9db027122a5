import type { ChartStyle } from './charts/chartOptions';

/** Animations are for people; under automation (Playwright sets `navigator.webdriver`) they only slow tests. */
export function chartAnimation(): boolean {
  return !(typeof navigator !== 'undefined' && navigator.webdriver);
}

/** Chart style of the results panel. */
export const panelChartStyle: ChartStyle = { animation: chartAnimation(), fontSize: 12 };

/** Chart style of the compare view: larger type for a projector. */
export const projectorChartStyle: ChartStyle = { animation: chartAnimation(), fontSize: 15 };
