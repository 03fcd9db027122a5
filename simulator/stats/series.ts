/** Most buckets a time series may have; the bucket width is coarsened to stay below it. */
export const maxSeriesPoints = 2000;

const niceBucketMinutes = [60, 120, 180, 240, 360, 480, 720, 1440, 2880, 10080, 20160, 40320];

/**
 * Bucket width of the time series: `requested` (default hourly), widened to the next "nice" width
 * (2 h, 3 h, 4 h, 6 h, 8 h, 12 h, 1 d, 2 d, 1 w, 2 w, 4 w, then multiples of 4 w) until the horizon fits in
 * `maxSeriesPoints` buckets.
 * @example seriesBucketMinutes(365 * 1440) // 360 (6-hourly for one year)
 */
export function seriesBucketMinutes(horizonMinutes: number, requested?: number): number {
  let width = requested !== undefined && requested > 0 ? requested : 60;
  if (horizonMinutes / width <= maxSeriesPoints) return width;
  for (const nice of niceBucketMinutes) {
    if (nice > width && horizonMinutes / nice <= maxSeriesPoints) return nice;
  }
  width = 40320;
  while (horizonMinutes / width > maxSeriesPoints) width += 40320;
  return width;
}
