import { histogramBucketCount, histogramBucketValue } from '../core/histogram';
import type { CycleTimeHistogram, HistogramData } from '../report';

/** Most bins of a display histogram (the tail bin included). */
export const maxDisplayBins = 60;

/** Quantile above which values go to the tail bin instead of stretching the equal-width bins. */
const tailQuantile = 0.995;

// Readable bin widths in minutes: seconds, minutes, hours, days, weeks (then multiples of 4 weeks).
const niceWidths = [
  1 / 60, 2 / 60, 5 / 60, 10 / 60, 15 / 60, 30 / 60, 1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080, 20160,
  40320,
];

/**
 * Pools per-replication cycle-time histograms (bucket counts add up: the result does not depend on how replications
 * were spread over workers) and compacts them into at most `maxDisplayBins` bins for display: equal "nice" widths
 * (seconds, minutes, hours, days, weeks) from the smallest value to the 99.5th percentile, plus one tail bin up to
 * `max` when values lie beyond. Each bucket is placed by the value it stands for (its middle, as for quantiles), so
 * a count can sit in the neighbouring bin of a value within 0.4% of an edge.
 * @example pooledHistogram(results.map((r) => r.cycleTimeHistogram), 4210.5)
 */
export function pooledHistogram(list: readonly HistogramData[], max: number | null): CycleTimeHistogram {
  const counts = new Float64Array(histogramBucketCount);
  let zeros = 0;
  let total = 0;
  for (const data of list) {
    zeros += data.zeros;
    total += data.zeros;
    for (let k = 0; k < data.buckets.length; k++) {
      counts[data.buckets[k]] += data.counts[k];
      total += data.counts[k];
    }
  }
  if (total === 0 || max === null) return { edgesMinutes: [], counts: [], total: 0 };
  const valueOf = (i: number): number => Math.min(max, histogramBucketValue(i));

  let low = zeros > 0 ? 0 : max;
  if (zeros === 0)
    for (let i = 0; i < histogramBucketCount; i++)
      if (counts[i] > 0) {
        low = valueOf(i);
        break;
      }
  const rank = Math.max(1, Math.ceil(tailQuantile * total));
  let high = max;
  let seen = zeros;
  if (seen >= rank) high = 0;
  else
    for (let i = 0; i < histogramBucketCount; i++) {
      seen += counts[i];
      if (seen >= rank) {
        high = valueOf(i);
        break;
      }
    }

  // The narrowest nice width that covers [low, high] in at most maxDisplayBins - 1 bins (room for the tail).
  const binsFor = (w: number): number => Math.floor(high / w) - Math.floor(low / w) + 1;
  let width = -1;
  for (const w of niceWidths)
    if (binsFor(w) <= maxDisplayBins - 1) {
      width = w;
      break;
    }
  if (width < 0) {
    width = 40320;
    while (binsFor(width) > maxDisplayBins - 1) width += 40320;
  }
  const start = Math.floor(low / width) * width;
  let regular = binsFor(width);
  let upper = start + regular * width;
  // A max exactly on the last edge gets one more regular bin rather than an empty-width tail.
  if (max === upper) {
    regular++;
    upper = start + regular * width;
  }
  const tail = max > upper;
  const edgesMinutes: number[] = [];
  for (let b = 0; b <= regular; b++) edgesMinutes.push(start + b * width);
  if (tail) edgesMinutes.push(max);
  const out = new Array<number>(regular + (tail ? 1 : 0)).fill(0);
  const place = (v: number, n: number): void => {
    if (n === 0) return;
    const b = v >= upper ? out.length - 1 : Math.min(regular - 1, Math.max(0, Math.floor((v - start) / width)));
    out[b] += n;
  };
  place(0, zeros);
  for (let i = 0; i < histogramBucketCount; i++) place(valueOf(i), counts[i]);
  return { edgesMinutes, counts: out, total };
}
