/**
 * Paired comparison of two variants run with common random numbers (CRN).
 *
 * With CRN, replication i of variant A and replication i of variant B use the same seed, so their KPIs are
 * positively correlated and the per-replication difference d_i = B_i - A_i has a much smaller variance than
 * the difference of two independent means. The test is the paired t: mean(d) ± t(1 - α/2, n - 1) · sd(d) / √n,
 * and the difference is called significant when that interval excludes 0 (Law, "Simulation Modeling and
 * Analysis", 5th ed., §10.2.1, the paired-t confidence interval).
 *
 * Pure TypeScript without platform APIs: the CLI and the renderer both import it.
 */

/** Options of a paired comparison. */
export interface PairedOptions {
  /** Two-sided confidence level, default 0.95. */
  confidence?: number;
  /** Upper bound of a replication suggestion (the format allows at most 10,000 replications). */
  maxSuggestedReplications?: number;
}

/** The paired comparison of one KPI. Differences are B minus A. */
export interface PairedDifference {
  /** Number of pairs. */
  n: number;
  meanA: number;
  meanB: number;
  /** mean(B_i - A_i). */
  meanDifference: number;
  /** (meanB - meanA) / |meanA|; null when meanA is 0. */
  relativeDifference: number | null;
  /** Sample standard deviation of the differences (0 when n < 2). */
  sdDifference: number;
  confidence: number;
  /** Half width of the confidence interval of the mean difference; null when n < 2. */
  halfWidth: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** True when the interval excludes 0. */
  significant: boolean;
  /**
   * `significant`: the interval excludes 0. `no-difference`: every pair is identical (nothing to decide).
   * `undecided`: the interval contains 0; more replications may decide it (see `suggestedReplications`).
   * `too-few`: fewer than 2 pairs, no interval can be formed.
   */
  verdict: 'significant' | 'no-difference' | 'undecided' | 'too-few';
  /**
   * When undecided: the number of replications at which the half width, at the observed standard deviation,
   * would fall below the observed |mean difference| (the smallest n with t(n-1)·s/√n < |d̄|). Null when
   * not needed, when the mean difference is exactly 0, or when it would exceed `maxSuggestedReplications`
   * (then `suggestionCapped` is true).
   */
  suggestedReplications: number | null;
  suggestionCapped: boolean;
}

/**
 * Paired-t comparison of two equally long samples: `a[i]` and `b[i]` come from the same replication seed.
 * @example pairedComparison([10, 11, 12], [9, 10.5, 11]).significant
 */
export function pairedComparison(a: readonly number[], b: readonly number[], options: PairedOptions = {}): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`pairedComparison needs samples of equal length (got ${a.length} and ${b.length}).`);
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie strictly between 0 and 1 (got ${confidence}).`);
  const cap = options.maxSuggestedReplications ?? 10_000;
  const n = a.length;
  const differences = a.map((x, i) => b[i] - x);
  const meanA = mean(a);
  const meanB = mean(b);
  const meanDifference = mean(differences);
  const relativeDifference = meanA === 0 || n === 0 ? null : (meanB - meanA) / Math.abs(meanA);
  const base = { n, meanA, meanB, meanDifference, relativeDifference, confidence };
  if (n < 2) {
    return { ...base, sdDifference: 0, halfWidth: null, ciLow: null, ciHigh: null, significant: false, verdict: 'too-few', suggestedReplications: null, suggestionCapped: false };
  }
  const sdDifference = sampleSd(differences, meanDifference);
  const alpha = 1 - confidence;
  const t = studentTQuantile(1 - alpha / 2, n - 1);
  const halfWidth = (t * sdDifference) / Math.sqrt(n);
  const ciLow = meanDifference - halfWidth;
  const ciHigh = meanDifference + halfWidth;
  if (sdDifference === 0) {
    // Every pair differs by the same amount: either no difference at all, or a deterministic shift.
    const significant = meanDifference !== 0;
    return { ...base, sdDifference, halfWidth, ciLow, ciHigh, significant, verdict: significant ? 'significant' : 'no-difference', suggestedReplications: null, suggestionCapped: false };
  }
  const significant = ciLow > 0 || ciHigh < 0;
  if (significant) {
    return { ...base, sdDifference, halfWidth, ciLow, ciHigh, significant, verdict: 'significant', suggestedReplications: null, suggestionCapped: false };
  }
  const suggestion = suggestReplications(sdDifference, Math.abs(meanDifference), alpha, n, cap);
  return { ...base, sdDifference, halfWidth, ciLow, ciHigh, significant, verdict: 'undecided', ...suggestion };
}

/**
 * Smallest n (> current) with t(1-α/2, n-1)·s/√n < target, or a capped/absent answer.
 * Uses the observed s; the estimate is the usual sequential-procedure starting point, not a guarantee.
 */
function suggestReplications(sd: number, target: number, alpha: number, current: number, cap: number): { suggestedReplications: number | null; suggestionCapped: boolean } {
  if (target === 0) return { suggestedReplications: null, suggestionCapped: false };
  const fits = (n: number) => (studentTQuantile(1 - alpha / 2, n - 1) * sd) / Math.sqrt(n) < target;
  if (!fits(cap)) return { suggestedReplications: null, suggestionCapped: true };
  // The half width decreases monotonically in n, so bisect between the current count and the cap.
  let low = current;
  let high = cap;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) high = mid;
    else low = mid;
  }
  return { suggestedReplications: high, suggestionCapped: false };
}

// ---------------------------------------------------------------------------------------------- KPI tables

/** One KPI's per-replication values for both variants, in replication order. */
export interface KpiSeries {
  /** Stable key, e.g. `throughputPerDay`. */
  id: string;
  label: string;
  /** Display unit, e.g. `orders/day`, `min`, `%`. */
  unit: string;
  /** Whether a larger value is an improvement (throughput) or a worsening (cycle time). */
  higherIsBetter: boolean;
  a: readonly number[];
  b: readonly number[];
}

/** A KPI row of a variant comparison. */
export interface KpiComparison extends PairedDifference {
  id: string;
  label: string;
  unit: string;
  higherIsBetter: boolean;
  /** `better`/`worse` for B relative to A when significant, else `same` (no evidence of a difference). */
  direction: 'better' | 'worse' | 'same';
}

/** Compares every KPI pairwise; rows keep the input order. */
export function compareKpis(series: readonly KpiSeries[], options: PairedOptions = {}): KpiComparison[] {
  return series.map((s) => {
    const paired = pairedComparison(s.a, s.b, options);
    const direction = !paired.significant ? 'same' : paired.meanDifference > 0 === s.higherIsBetter ? 'better' : 'worse';
    return { id: s.id, label: s.label, unit: s.unit, higherIsBetter: s.higherIsBetter, ...paired, direction };
  });
}

// ---------------------------------------------------------------------------------------------- Student t

/**
 * Quantile of Student's t distribution: the x with P(T ≤ x) = p for `df` degrees of freedom (df > 0, may be
 * fractional). The CDF is computed through the regularized incomplete beta function and inverted by safeguarded
 * Newton steps; checked against scipy.stats.t.ppf to 4e-9 relative for df >= 1 and 1e-8 <= p <= 1 - 1e-8
 * (df above 1e5: the Cornish-Fisher expansion, to about 1e-9).
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
  // Closed forms for df 1 and 2 (Cauchy and the df-2 case) avoid any iteration.
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) {
    const q = 2 * p - 1;
    return q * Math.sqrt(2 / (1 - q * q));
  }
  // Start from the Cornish-Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5).
  const z = normalQuantile(p);
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  const z7 = z5 * z * z;
  let x =
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df);
  // For huge df the expansion is already exact to double precision, while the incomplete beta of huge
  // parameters loses digits; stop here.
  if (df > 1e5) return x;
  // Bracket for safety: the quantile lies in (0, hi) with hi found by doubling.
  let lo = 0;
  let hi = Math.max(1, x * 2);
  while (studentTCdf(hi, df) < p) hi *= 2;
  if (!(x > lo && x < hi)) x = (lo + hi) / 2;
  for (let i = 0; i < 100; i++) {
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

/** Cumulative distribution function of Student's t. */
export function studentTCdf(x: number, df: number): number {
  if (x === 0) return 0.5;
  if (!Number.isFinite(x)) return x > 0 ? 1 : 0;
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + x * x), df / 2, 0.5);
  return x > 0 ? 1 - tail : tail;
}

function studentTDensity(x: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((x * x) / df));
}

/** I_x(a, b) by the continued fraction of Numerical Recipes (modified Lentz), using symmetry for convergence. */
function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
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

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const xm = x - 1;
  let sum = c[0];
  const t = xm + 7.5;
  for (let i = 1; i < 9; i++) sum += c[i] / (xm + i);
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9; used as a start). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pLow) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

// ---------------------------------------------------------------------------------------------- helpers

function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Two-pass sample standard deviation (numerically stable for KPI magnitudes). */
function sampleSd(values: readonly number[], m: number): number {
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (values.length - 1));
}
