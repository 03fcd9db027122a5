import { portableExp, portableLog } from '../core/portableMath';
import { logGammaPortable } from '../core/sampling';

/**
 * Student's t distribution, the one implementation behind every confidence interval (replication estimates and
 * paired comparisons). simple-statistics has no t quantile, so: the CDF from the regularised incomplete beta
 * function (Numerical Recipes' continued fraction, modified Lentz), inverted by safeguarded Newton steps from a
 * Cornish-Fisher start. Portable log/exp only, so that intervals have the same bits in Node and in a browser.
 * Checked against scipy.stats.t.ppf to 4e-9 relative (test/stats/compare.test.ts) and against published tables
 * (test/simulator/stats.test.ts).
 */

/** ln Γ(x) for x > 0: portable Lanczos for x >= 0.5, the reflection formula below (only for df < 1). */
function logGamma(x: number): number {
  if (x >= 0.5) return logGammaPortable(x);
  return portableLog(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGammaPortable(1 - x);
}

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
  for (let m = 1; m <= 10_000; m++) {
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
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** Cumulative distribution function of Student's t with `df` degrees of freedom. */
export function studentTCdf(x: number, df: number): number {
  if (x === 0) return 0.5;
  if (!Number.isFinite(x)) return x > 0 ? 1 : 0;
  const tail = 0.5 * incompleteBeta(df / (df + x * x), df / 2, 0.5);
  return x > 0 ? 1 - tail : tail;
}

function studentTDensity(x: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * portableLog(df * Math.PI);
  return portableExp(logC - ((df + 1) / 2) * portableLog(1 + (x * x) / df));
}

const quantileCache = new Map<string, number>();

/**
 * Quantile of Student's t: the x with P(T <= x) = p for `df` degrees of freedom (df > 0, may be fractional).
 * @example studentTQuantile(0.975, 9) // 2.2621571627982
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`studentTQuantile needs 0 <= p <= 1 (got ${p}).`);
  }
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`studentTQuantile needs df > 0 (got ${df}).`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const key = `${p}:${df}`;
  const cached = quantileCache.get(key);
  if (cached !== undefined) return cached;
  const result = solveQuantile(p, df);
  quantileCache.set(key, result);
  return result;
}

function solveQuantile(p: number, df: number): number {
  // Start from the Cornish-Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5).
  const z = normalQuantile(p);
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  const z7 = z5 * z * z;
  let x =
    z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df);
  // For huge df the expansion is exact to double precision, while the incomplete beta of huge parameters loses digits.
  if (df > 1e5) return x;
  let lo = 0;
  let hi = Math.max(1, x * 2);
  while (studentTCdf(hi, df) < p) hi *= 2;
  if (!(x > lo && x < hi)) x = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(x, df) - p;
    if (f === 0) return x;
    if (f > 0) hi = x;
    else lo = x;
    let next = x - f / studentTDensity(x, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9; used as a start). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * portableLog(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pLow) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
