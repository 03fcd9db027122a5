import { z } from 'zod';
import { minutesPerUnit, timeUnitSchema } from './units';

/**
 * Probability distributions of the format. Parameters are given the way people think about them:
 * lognormal and gamma by mean and sd, not by the underlying mu/sigma or shape/scale.
 * A time distribution names its unit; a count or money distribution (order lines, order value) has none.
 */
const finite = () => z.number().min(-1e12).max(1e12);
const nonNegative = () => z.number().min(0).max(1e12);
const positive = () => z.number().gt(0).max(1e12);

const distributionShapes = {
  constant: { value: nonNegative() },
  uniform: { min: nonNegative(), max: nonNegative() },
  triangular: { min: nonNegative(), mode: nonNegative(), max: nonNegative() },
  exponential: { mean: positive() },
  /** Normal truncated at 0 (a duration cannot be negative); `mean` and `sd` are of the untruncated normal. */
  normal: { mean: finite(), sd: nonNegative() },
  lognormal: { mean: positive(), sd: nonNegative() },
  gamma: { mean: positive(), sd: positive() },
  /** Erlang-k: sum of k exponentials; `mean` is of the sum. */
  erlang: { k: z.number().int().min(1).max(1000), mean: positive() },
  weibull: { shape: positive(), scale: positive() },
  /** Draws one of `values` with the given relative weights (equal weights when omitted). */
  empirical: {
    values: z.array(nonNegative()).min(1).max(100_000),
    weights: z.array(nonNegative()).min(1).max(100_000).optional(),
  },
} as const;

export const distributionKinds = Object.keys(distributionShapes) as DistributionKind[];
export type DistributionKind = keyof typeof distributionShapes;

function buildUnion<Extra extends z.ZodRawShape>(extra: Extra) {
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('constant'), ...distributionShapes.constant, ...extra }),
    z.strictObject({ kind: z.literal('uniform'), ...distributionShapes.uniform, ...extra }),
    z.strictObject({ kind: z.literal('triangular'), ...distributionShapes.triangular, ...extra }),
    z.strictObject({ kind: z.literal('exponential'), ...distributionShapes.exponential, ...extra }),
    z.strictObject({ kind: z.literal('normal'), ...distributionShapes.normal, ...extra }),
    z.strictObject({ kind: z.literal('lognormal'), ...distributionShapes.lognormal, ...extra }),
    z.strictObject({ kind: z.literal('gamma'), ...distributionShapes.gamma, ...extra }),
    z.strictObject({ kind: z.literal('erlang'), ...distributionShapes.erlang, ...extra }),
    z.strictObject({ kind: z.literal('weibull'), ...distributionShapes.weibull, ...extra }),
    z.strictObject({ kind: z.literal('empirical'), ...distributionShapes.empirical, ...extra }),
  ]);
}

/** A distribution of time, e.g. `{ "kind": "lognormal", "mean": 6, "sd": 4, "unit": "min" }`. */
export const timeDistributionSchema = buildUnion({ unit: timeUnitSchema });
export type TimeDistribution = z.infer<typeof timeDistributionSchema>;

/** A distribution of a count or an amount (order lines, order value): no unit. */
export const valueDistributionSchema = buildUnion({});
export type ValueDistribution = z.infer<typeof valueDistributionSchema>;

export type AnyDistribution = TimeDistribution | ValueDistribution;

/** Problems with parameters that the shape cannot express (min > max and so on), as [field, message]. */
export function distributionParameterProblems(d: AnyDistribution): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  switch (d.kind) {
    case 'uniform':
      if (d.min > d.max) problems.push(['min', `min (${d.min}) is greater than max (${d.max})`]);
      break;
    case 'triangular':
      if (d.min > d.max) problems.push(['min', `min (${d.min}) is greater than max (${d.max})`]);
      else if (d.mode < d.min || d.mode > d.max)
        problems.push(['mode', `mode (${d.mode}) must lie between min (${d.min}) and max (${d.max})`]);
      break;
    case 'normal':
      if (d.mean <= 0 && d.sd === 0) problems.push(['mean', 'a normal with mean <= 0 and sd 0 never gives a positive value']);
      break;
    case 'empirical': {
      if (d.weights && d.weights.length !== d.values.length)
        problems.push(['weights', `weights has ${d.weights.length} entries but values has ${d.values.length}`]);
      else if (d.weights && d.weights.reduce((a, b) => a + b, 0) <= 0)
        problems.push(['weights', 'weights must not all be zero']);
      break;
    }
    default:
      break;
  }
  return problems;
}

/** Exact mean and standard deviation of a distribution, in its own unit (normal: of the truncated normal). */
export function distributionMoments(d: AnyDistribution): { mean: number; sd: number } {
  switch (d.kind) {
    case 'constant':
      return { mean: d.value, sd: 0 };
    case 'uniform':
      return { mean: (d.min + d.max) / 2, sd: (d.max - d.min) / Math.sqrt(12) };
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return { mean: (a + b + c) / 3, sd: Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18) };
    }
    case 'exponential':
      return { mean: d.mean, sd: d.mean };
    case 'normal':
      return truncatedNormalMoments(d.mean, d.sd);
    case 'lognormal':
    case 'gamma':
      return { mean: d.mean, sd: d.sd };
    case 'erlang':
      return { mean: d.mean, sd: d.mean / Math.sqrt(d.k) };
    case 'weibull': {
      const g1 = gamma(1 + 1 / d.shape);
      const g2 = gamma(1 + 2 / d.shape);
      return { mean: d.scale * g1, sd: d.scale * Math.sqrt(Math.max(0, g2 - g1 * g1)) };
    }
    case 'empirical': {
      const weights = d.weights ?? d.values.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      let mean = 0;
      for (let i = 0; i < d.values.length; i++) mean += (d.values[i] * weights[i]) / total;
      let variance = 0;
      for (let i = 0; i < d.values.length; i++) variance += (weights[i] / total) * (d.values[i] - mean) ** 2;
      return { mean, sd: Math.sqrt(variance) };
    }
  }
}

/** Mean of a time distribution in minutes. */
export function meanMinutes(d: TimeDistribution): number {
  return distributionMoments(d).mean * minutesPerUnit[d.unit];
}

/** Probability density at x (in the distribution's own unit); for `constant` and `empirical`, undefined. */
export function distributionDensity(d: AnyDistribution, x: number): number | undefined {
  if (x < 0) return 0;
  switch (d.kind) {
    case 'constant':
    case 'empirical':
      return undefined;
    case 'uniform':
      return d.max > d.min && x >= d.min && x <= d.max ? 1 / (d.max - d.min) : 0;
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      if (x < a || x > b || b === a) return 0;
      return x < c ? (2 * (x - a)) / ((b - a) * (c - a)) : x === c ? 2 / (b - a) : (2 * (b - x)) / ((b - a) * (b - c));
    }
    case 'exponential':
      return Math.exp(-x / d.mean) / d.mean;
    case 'normal': {
      if (d.sd === 0) return undefined;
      const z0 = standardNormalCdf(-d.mean / d.sd);
      const phi = Math.exp(-0.5 * ((x - d.mean) / d.sd) ** 2) / (d.sd * Math.sqrt(2 * Math.PI));
      return phi / (1 - z0);
    }
    case 'lognormal': {
      if (d.sd === 0) return undefined;
      const { mu, sigma } = lognormalParameters(d.mean, d.sd);
      if (x === 0) return 0;
      return Math.exp(-((Math.log(x) - mu) ** 2) / (2 * sigma * sigma)) / (x * sigma * Math.sqrt(2 * Math.PI));
    }
    case 'gamma': {
      const { shape, scale } = gammaParameters(d.mean, d.sd);
      return gammaDensity(x, shape, scale);
    }
    case 'erlang':
      return gammaDensity(x, d.k, d.mean / d.k);
    case 'weibull': {
      const { shape: k, scale: l } = d;
      if (x === 0) return k === 1 ? 1 / l : k < 1 ? Infinity : 0;
      return (k / l) * (x / l) ** (k - 1) * Math.exp(-((x / l) ** k));
    }
  }
}

/** Lognormal mu and sigma of the underlying normal, from the mean and sd of the lognormal itself. */
export function lognormalParameters(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** Gamma shape and scale from mean and sd. */
export function gammaParameters(mean: number, sd: number): { shape: number; scale: number } {
  return { shape: (mean * mean) / (sd * sd), scale: (sd * sd) / mean };
}

function gammaDensity(x: number, shape: number, scale: number): number {
  if (x === 0) return shape === 1 ? 1 / scale : shape < 1 ? Infinity : 0;
  return Math.exp((shape - 1) * Math.log(x) - x / scale - logGamma(shape) - shape * Math.log(scale));
}

function truncatedNormalMoments(mu: number, sigma: number): { mean: number; sd: number } {
  if (sigma === 0) return { mean: Math.max(0, mu), sd: 0 };
  const alpha = -mu / sigma;
  const tail = 1 - standardNormalCdf(alpha);
  const pdf = Math.exp(-0.5 * alpha * alpha) / Math.sqrt(2 * Math.PI);
  const lambda = pdf / tail;
  const mean = mu + sigma * lambda;
  const variance = sigma * sigma * (1 + alpha * lambda - lambda * lambda);
  return { mean, sd: Math.sqrt(Math.max(0, variance)) };
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 via erf; abs error < 1.5e-7). */
export function standardNormalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const xm = x - 1;
  let a = c[0];
  const t = xm + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (xm + i);
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(a);
}

function gamma(x: number): number {
  return Math.exp(logGamma(x));
}
