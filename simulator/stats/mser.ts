/**
 * MSER-5 (White 1997; Franklin and White 2008): batch the output series into means of 5, then choose the truncation
 * point d (at most half the batches) that minimises the marginal standard error
 * MSER(d) = sum_{j>=d} (z_j - mean_{j>=d} z)^2 / (k - d)^2. Returns the number of raw points to delete, or null
 * when the series is too short (fewer than 10 batches).
 */
export function mser5(series: readonly number[]): number | null {
  const batchSize = 5;
  const k = Math.floor(series.length / batchSize);
  if (k < 10) return null;
  const z = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let sum = 0;
    for (let i = 0; i < batchSize; i++) sum += series[j * batchSize + i];
    z[j] = sum / batchSize;
  }
  // Suffix sums give every MSER(d) in O(k).
  let sum = 0;
  let squares = 0;
  let best = Infinity;
  let bestD = 0;
  const candidates: number[] = [];
  for (let d = k - 1; d >= 0; d--) {
    sum += z[d];
    squares += z[d] * z[d];
    if (d <= Math.floor(k / 2)) {
      const m = k - d;
      const sse = squares - (sum * sum) / m;
      candidates[d] = Math.max(0, sse) / (m * m);
    }
  }
  for (let d = 0; d <= Math.floor(k / 2); d++) {
    if (candidates[d] < best) {
      best = candidates[d];
      bestD = d;
    }
  }
  return bestD * batchSize;
}
