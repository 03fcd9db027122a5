import { portableExp, portableLog } from '../core/portableMath';
import { logGammaPortable as logGamma } from '../core/sampling';
import type { Estimate } from '../report';

/**
 * Student-t quantiles and confidence intervals across replications. simple-statistics has no t quantile, so:
 * the t CDF from the regularised incomplete beta function (Numerical Recipes' continued fraction, "betacf"),
 * inverted by bisection to 1e-12. Checked in test/simulator/stats.test.ts against published table values. Portable
 * log/exp/log-gamma only, so that intervals have the same bits in Node and in a browser.
 */

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = portableExp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * portableLog(x) + b * portableLog(1 - x));
  // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry relation otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** CDF of Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

const quantileCache = new Map<string, number>();

/**
 * Quantile of Student's t: the t with P(T <= t) = p.
 * @example studentTQuantile(0.975, 9) // 2.262157
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`studentTQuantile: p must lie in (0, 1), got ${p}`);
  if (!(df > 0)) throw new Error(`studentTQuantile: degrees of freedom must be positive, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const key = `${p}:${df}`;
  const cached = quantileCache.get(key);
  if (cached !== undefined) return cached;
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * Math.max(1, high); i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  const result = (low + high) / 2;
  quantileCache.set(key, result);
  return result;
}

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
