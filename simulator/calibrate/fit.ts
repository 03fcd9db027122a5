import { logGamma, standardNormalCdf, type TimeDistribution } from '../../models';

/**
 * Maximum-likelihood fits of a duration sample (minutes) to five families, and the choice of the best by AIC
 * (Akaike information criterion: 2 x parameters - 2 x log-likelihood), with the Kolmogorov-Smirnov distance of each
 * fit reported for the user. Closed forms for exponential, normal and lognormal; Newton's method for the gamma shape
 * (Minka 2002 start) and the Weibull shape. Zero durations are floored at 1 ms so the log-based families apply.
 */
export type FamilyName = 'exponential' | 'lognormal' | 'gamma' | 'weibull' | 'normal';
export const familyNames: readonly FamilyName[] = ['exponential', 'lognormal', 'gamma', 'weibull', 'normal'];

export interface FamilyFit {
  family: FamilyName;
  /** The fitted distribution in the model format (minutes). */
  distribution: TimeDistribution;
  logLikelihood: number;
  aic: number;
  /** Largest distance between the empirical and the fitted CDF. */
  ks: number;
}

export interface DurationFit {
  count: number;
  meanMinutes: number;
  sdMinutes: number;
  /** The chosen distribution: the best AIC, or a constant when every value is the same, or fewer than 2 values. */
  distribution: TimeDistribution;
  best: FamilyName | 'constant';
  /** Every family that could be fitted, best AIC first. */
  fits: FamilyFit[];
}

const floorMinutes = 1 / 60_000;

/**
 * Fits `minutes` (durations of one activity) and chooses a family.
 * @example fitDurations([3, 4.5, 2.2, 6.1]).distribution // e.g. { kind: 'lognormal', mean: ..., sd: ..., unit: 'min' }
 */
export function fitDurations(minutes: readonly number[]): DurationFit {
  const x = minutes.map((v) => Math.max(v, floorMinutes));
  const n = x.length;
  if (n === 0) throw new Error('fitDurations needs at least one value.');
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const sd = Math.sqrt(variance);
  if (n < 2 || sd <= mean * 1e-9) {
    return { count: n, meanMinutes: mean, sdMinutes: sd, distribution: { kind: 'constant', value: sig(mean), unit: 'min' }, best: 'constant', fits: [] };
  }
  const sorted = [...x].sort((a, b) => a - b);
  const logs = x.map(Math.log);
  const meanLog = logs.reduce((a, b) => a + b, 0) / n;
  const fits: FamilyFit[] = [];
  const add = (family: FamilyName, parameters: number, logLikelihood: number, distribution: TimeDistribution, cdf: (v: number) => number) => {
    if (!Number.isFinite(logLikelihood)) return;
    fits.push({ family, distribution, logLikelihood, aic: 2 * parameters - 2 * logLikelihood, ks: ksDistance(sorted, cdf) });
  };

  // Exponential: the mean.
  add('exponential', 1, -n * Math.log(mean) - n, { kind: 'exponential', mean: sig(mean), unit: 'min' }, (v) => 1 - Math.exp(-v / mean));

  // Normal (the model truncates it at 0; the fit is of the untruncated normal).
  add(
    'normal',
    2,
    -0.5 * n * Math.log(2 * Math.PI * variance) - 0.5 * n,
    { kind: 'normal', mean: sig(mean), sd: sig(sd), unit: 'min' },
    (v) => standardNormalCdf((v - mean) / sd),
  );

  // Lognormal: mean and sd of the logs.
  const varLog = logs.reduce((a, b) => a + (b - meanLog) ** 2, 0) / n;
  if (varLog > 0) {
    const s = Math.sqrt(varLog);
    const ll = -n * meanLog - n * Math.log(s) - 0.5 * n * Math.log(2 * Math.PI) - 0.5 * n;
    const lnMean = Math.exp(meanLog + varLog / 2);
    const lnSd = lnMean * Math.sqrt(Math.exp(varLog) - 1);
    add('lognormal', 2, ll, { kind: 'lognormal', mean: sig(lnMean), sd: sig(lnSd), unit: 'min' }, (v) => standardNormalCdf((Math.log(v) - meanLog) / s));
  }

  // Gamma: shape from ln(mean) - mean(ln x) by Newton, scale = mean / shape.
  const gammaS = Math.log(mean) - meanLog;
  if (gammaS > 0) {
    let k = (3 - gammaS + Math.sqrt((gammaS - 3) ** 2 + 24 * gammaS)) / (12 * gammaS);
    for (let it = 0; it < 50; it++) {
      const step = (Math.log(k) - digamma(k) - gammaS) / (1 / k - trigamma(k));
      const next = Math.max(k - step, k / 10);
      if (Math.abs(next - k) < 1e-10 * k) {
        k = next;
        break;
      }
      k = next;
    }
    const theta = mean / k;
    const ll = (k - 1) * meanLog * n - (n * mean) / theta - n * k * Math.log(theta) - n * logGamma(k);
    add('gamma', 2, ll, { kind: 'gamma', mean: sig(k * theta), sd: sig(Math.sqrt(k) * theta), unit: 'min' }, (v) => regularizedGammaP(k, v / theta));
  }

  // Weibull: shape by Newton on the profile equation (data scaled by the mean for stability), then the scale.
  const weibull = fitWeibullShape(x.map((v) => v / mean), logs.map((l) => l - Math.log(mean)));
  if (weibull !== undefined) {
    const k = weibull;
    const sumK = x.reduce((a, v) => a + (v / mean) ** k, 0);
    const lambda = mean * (sumK / n) ** (1 / k);
    const ll = n * Math.log(k) - n * k * Math.log(lambda) + (k - 1) * meanLog * n - x.reduce((a, v) => a + (v / lambda) ** k, 0);
    add('weibull', 2, ll, { kind: 'weibull', shape: sig(k), scale: sig(lambda), unit: 'min' }, (v) => 1 - Math.exp(-((v / lambda) ** k)));
  }

  fits.sort((a, b) => a.aic - b.aic);
  return { count: n, meanMinutes: mean, sdMinutes: Math.sqrt((variance * n) / (n - 1)), distribution: fits[0].distribution, best: fits[0].family, fits };
}

function fitWeibullShape(x: number[], logs: number[]): number | undefined {
  const n = x.length;
  const meanLog = logs.reduce((a, b) => a + b, 0) / n;
  let k = 1.2;
  for (let it = 0; it < 100; it++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const p = x[i] ** k;
      s0 += p;
      s1 += p * logs[i];
      s2 += p * logs[i] * logs[i];
    }
    const f = s1 / s0 - 1 / k - meanLog;
    const df = (s2 * s0 - s1 * s1) / (s0 * s0) + 1 / (k * k);
    const next = Math.min(Math.max(k - f / df, k / 2), k * 2);
    if (!Number.isFinite(next)) return undefined;
    if (Math.abs(next - k) < 1e-10 * k) return next;
    k = next;
  }
  return Number.isFinite(k) && k > 0 ? k : undefined;
}

/** Kolmogorov-Smirnov distance between the sample (sorted) and a CDF. */
export function ksDistance(sorted: readonly number[], cdf: (v: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
  }
  return d;
}

/** Two-sample Kolmogorov-Smirnov distance (both samples sorted ascending). */
export function ksTwoSample(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i], b[j]);
    while (i < a.length && a[i] <= v) i++;
    while (j < b.length && b[j] <= v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/** ψ(x): recurrence up to x >= 6, then the asymptotic series. */
export function digamma(x: number): number {
  let result = 0;
  let v = x;
  while (v < 6) {
    result -= 1 / v;
    v += 1;
  }
  const f = 1 / (v * v);
  return result + Math.log(v) - 0.5 / v - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/** ψ'(x): recurrence up to x >= 6, then the asymptotic series. */
export function trigamma(x: number): number {
  let result = 0;
  let v = x;
  while (v < 6) {
    result += 1 / (v * v);
    v += 1;
  }
  const f = 1 / (v * v);
  return result + 1 / v + f / 2 + (f / v) * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f / 30)));
}

/** Regularised lower incomplete gamma P(a, x): series for x < a + 1, continued fraction otherwise (Numerical Recipes). */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnFront = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(lnFront));
  }
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(lnFront) * h);
}

/** Four significant digits: parameters in a model file need no more. */
export function sig(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const digits = 4 - Math.ceil(Math.log10(Math.abs(x)));
  const factor = 10 ** Math.max(-10, Math.min(12, digits));
  return Math.round(x * factor) / factor;
}
