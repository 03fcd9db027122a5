import type { DurationEstimate, DurationSummary, Estimate } from '../report';
import { studentTQuantile } from './studentT';

/** Confidence intervals across replications (the Student t itself lives in ./studentT). */
export { incompleteBeta, studentTCdf, studentTQuantile } from './studentT';

/**
 * Mean, sample sd and 95% Student-t interval of the non-null values.
 * @example estimate([1, 2, 3]).halfWidth // 2.4841
 */
export function estimate(values: ReadonlyArray<number | null>, confidence = 0.95): Estimate {
  let n = 0;
  let sum = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    n++;
    sum += v;
  }
  if (n === 0) return { mean: null, sd: null, halfWidth: null, low: null, high: null, n: 0 };
  const mean = sum / n;
  if (n === 1) return { mean, sd: null, halfWidth: null, low: null, high: null, n };
  let squares = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    squares += (v - mean) * (v - mean);
  }
  const sd = Math.sqrt(squares / (n - 1));
  const halfWidth = (studentTQuantile(1 - (1 - confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth, n };
}

/** Estimates of the mean and quantiles of per-replication duration summaries. */
export function durationEstimate(list: DurationSummary[]): DurationEstimate {
  let max: number | null = null;
  for (const d of list) if (d.max !== null && (max === null || d.max > max)) max = d.max;
  return {
    mean: estimate(list.map((d) => d.mean)),
    p50: estimate(list.map((d) => d.p50)),
    p90: estimate(list.map((d) => d.p90)),
    p95: estimate(list.map((d) => d.p95)),
    p99: estimate(list.map((d) => d.p99)),
    max,
  };
}
