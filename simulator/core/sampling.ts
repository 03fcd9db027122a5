import { distributionMoments, gammaParameters, minutesPerUnit, type AnyDistribution } from '../../models';
import { portableExp, portableLog, portablePow } from './portableMath';
import type { RandomStream } from './rng';

// Module-level aliases: read once, so the hot loop calls plain functions (a loader may turn imports into getters).
const log = portableLog;
const exp = portableExp;
const pow = portablePow;

/**
 * Exact samplers for every distribution of the model format. Time distributions are scaled to minutes here, once.
 * Methods: inversion (uniform, triangular, weibull), ziggurat (exponential, normal, lognormal), truncation at 0
 * by rejection (Robert 1995 exponential proposal deep in the tail), Marsaglia-Tsang (gamma; shape < 1 boosted by
 * U^(1/shape)), Erlang as a product of uniforms (k <= 16) or as gamma(k), empirical by binary search on the
 * cumulative weights.
 *
 * Every transcendental function here is the portable one (simulator/core/portableMath.ts): Math.log/exp/pow differ
 * in the last bit between engines (Node vs Chromium), and the same seed must give the same report in both.
 */
const CONSTANT = 0;
const UNIFORM = 1;
const TRIANGULAR = 2;
const EXPONENTIAL = 3;
const NORMAL = 4;
const LOGNORMAL = 5;
const GAMMA = 6;
const ERLANG = 7;
const WEIBULL = 8;
const EMPIRICAL = 9;


/** A compiled distribution; `sample(rng)` returns minutes for a time distribution, the value itself otherwise. */
export class Sampler {
  readonly kind: number;
  /** Mean of the samples (in minutes for time distributions). */
  readonly mean: number;
  private p1 = 0;
  private p2 = 0;
  private p3 = 0;
  private p4 = 0;
  /** Erlang phases (kept apart: a large k reuses p1..p4 for the gamma sampler). */
  private phases = 0;
  private values: Float64Array = new Float64Array(0);
  private cumulative: Float64Array = new Float64Array(0);

  constructor(d: AnyDistribution) {
    const scale = 'unit' in d ? minutesPerUnit[d.unit] : 1;
    this.mean = portableMean(d) * scale;
    switch (d.kind) {
      case 'constant':
        this.kind = CONSTANT;
        this.p1 = d.value * scale;
        break;
      case 'uniform':
        this.kind = UNIFORM;
        this.p1 = d.min * scale;
        this.p2 = (d.max - d.min) * scale;
        break;
      case 'triangular':
        this.kind = TRIANGULAR;
        this.p1 = d.min * scale;
        this.p2 = d.mode * scale;
        this.p3 = d.max * scale;
        this.p4 = d.max > d.min ? (d.mode - d.min) / (d.max - d.min) : 0;
        break;
      case 'exponential':
        this.kind = EXPONENTIAL;
        this.p1 = d.mean * scale;
        break;
      case 'normal':
        if (d.sd === 0) {
          this.kind = CONSTANT;
          this.p1 = Math.max(0, d.mean) * scale;
        } else {
          this.kind = NORMAL;
          this.p1 = d.mean * scale;
          this.p2 = d.sd * scale;
          const alpha = -d.mean / d.sd;
          this.p3 = alpha;
          this.p4 = (alpha + Math.sqrt(alpha * alpha + 4)) / 2;
        }
        break;
      case 'lognormal':
        if (d.sd === 0) {
          this.kind = CONSTANT;
          this.p1 = d.mean * scale;
        } else {
          this.kind = LOGNORMAL;
          // mu and sigma of the underlying normal (as models' lognormalParameters, with portable logs).
          const m = d.mean * scale;
          const sd = d.sd * scale;
          const sigma2 = log(1 + (sd * sd) / (m * m));
          this.p1 = log(m) - sigma2 / 2;
          this.p2 = Math.sqrt(sigma2);
        }
        break;
      case 'gamma': {
        this.kind = GAMMA;
        const { shape, scale: theta } = gammaParameters(d.mean, d.sd);
        this.setGamma(shape, theta * scale);
        break;
      }
      case 'erlang':
        this.kind = ERLANG;
        this.phases = d.k;
        this.p4 = (d.mean / d.k) * scale;
        if (d.k > 16) this.setGamma(d.k, (d.mean / d.k) * scale);
        break;
      case 'weibull':
        this.kind = WEIBULL;
        this.p1 = 1 / d.shape;
        this.p2 = d.scale * scale;
        break;
      case 'empirical': {
        this.kind = EMPIRICAL;
        const n = d.values.length;
        this.values = new Float64Array(n);
        this.cumulative = new Float64Array(n);
        let total = 0;
        for (let i = 0; i < n; i++) {
          this.values[i] = d.values[i] * scale;
          total += d.weights ? d.weights[i] : 1;
          this.cumulative[i] = total;
        }
        for (let i = 0; i < n; i++) this.cumulative[i] /= total;
        this.cumulative[n - 1] = 1;
        break;
      }
    }
  }

  private setGamma(shape: number, scale: number): void {
    // Marsaglia-Tsang needs shape >= 1: for shape < 1 sample shape+1 and multiply by U^(1/shape).
    const boosted = shape < 1 ? shape + 1 : shape;
    const d = boosted - 1 / 3;
    this.p1 = d;
    this.p2 = 1 / Math.sqrt(9 * d);
    this.p3 = shape < 1 ? 1 / shape : 0;
    this.p4 = scale;
  }

  /** One draw. */
  sample(rng: RandomStream): number {
    switch (this.kind) {
      case CONSTANT:
        return this.p1;
      case EXPONENTIAL:
        return this.p1 * standardExponential(rng);
      case UNIFORM:
        return this.p1 + this.p2 * rng.next();
      case TRIANGULAR: {
        const u = rng.next();
        const a = this.p1;
        const c = this.p2;
        const b = this.p3;
        return u < this.p4 ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
      }
      case NORMAL:
        return this.truncatedNormal(rng);
      case LOGNORMAL:
        return fastExp(this.p1 + this.p2 * standardNormal(rng));
      case GAMMA:
        return this.gamma(rng);
      case ERLANG: {
        if (this.phases > 16) return this.gamma(rng);
        let product = 1;
        for (let i = 0; i < this.phases; i++) product *= rng.nextOpen();
        return -this.p4 * log(product);
      }
      case WEIBULL:
        return this.p2 * pow(-log(rng.nextOpen()), this.p1);
      default:
        return this.empirical(rng);
    }
  }

  private truncatedNormal(rng: RandomStream): number {
    const alpha = this.p3;
    if (alpha < 0.5) {
      // Plain rejection: acceptance P(Z > alpha) >= 0.31.
      for (;;) {
        const x = this.p1 + this.p2 * standardNormal(rng);
        if (x >= 0) return x;
      }
    }
    // Robert (1995): exponential proposal with rate lambda shifted to alpha; accept with exp(-(z - lambda)^2 / 2).
    const lambda = this.p4;
    for (;;) {
      const z = alpha - log(rng.nextOpen()) / lambda;
      if (rng.next() <= exp(-0.5 * (z - lambda) * (z - lambda))) return this.p1 + this.p2 * z;
    }
  }

  private gamma(rng: RandomStream): number {
    const d = this.p1;
    const c = this.p2;
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = standardNormal(rng);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = rng.nextOpen();
      if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v))) {
        const g = d * v * this.p4;
        return this.p3 > 0 ? g * pow(rng.nextOpen(), this.p3) : g;
      }
    }
  }

  private empirical(rng: RandomStream): number {
    const u = rng.next();
    const cumulative = this.cumulative;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] > u) high = mid;
      else low = mid + 1;
    }
    return this.values[low];
  }
}

// A table-driven e^x for the lognormal's every draw (the fdlibm port is exact but slower): x = (k N + j) ln2/N + r,
// e^x = 2^k 2^(j/N) e^r with |r| <= ln2/(2N), e^r by its degree-4 Taylor polynomial (error below 2^-60), 2^k and
// 2^(j/N) from tables. Only exact IEEE operations and Math.round, so it is the same on every engine; about 1 ulp.
const expTableSize = 256;
const expTable = new Float64Array(expTableSize);
for (let j = 0; j < expTableSize; j++) expTable[j] = portableExp((j * 6.93147180559945286227e-1) / expTableSize);
const invLn2N = expTableSize / 6.93147180559945286227e-1;
const ln2HiN = 6.93147180369123816490e-1 / expTableSize; // 32 trailing zero bits: n x ln2HiN is exact
const ln2LoN = 1.90821492927058770002e-10 / expTableSize;
const twoToK = new Float64Array(2046); // 2^k for k = -1022 .. 1023, by exact halving and doubling
twoToK[1022] = 1;
for (let k = 1021; k >= 0; k--) twoToK[k] = twoToK[k + 1] / 2;
for (let k = 1023; k < 2046; k++) twoToK[k] = twoToK[k - 1] * 2;

/** e^x, portable; falls back to the fdlibm port outside (-708, 709) and for NaN. */
export function fastExp(x: number): number {
  if (!(x > -708 && x < 709)) return portableExp(x);
  const n = Math.round(x * invLn2N);
  const r = x - n * ln2HiN - n * ln2LoN;
  const j = n & (expTableSize - 1);
  const k = (n - j) / expTableSize;
  const p = 1 + r * (1 + r * (0.5 + r * (0.16666666666666666 + r * 0.041666666666666664)));
  return expTable[j] * p * twoToK[k + 1022];
}

// Ziggurat tables (Marsaglia and Tsang 2000, 128 layers). The layer index and the value come from separate bits
// of one 32-bit draw (7 + 25 bits), which avoids the correlation Doornik (2005) found in the original code.
const zigLayers = 128;
const zigR = 3.442619855899;
const zigScale = 16777216; // 2^24: the signed 25-bit value lies in [-2^24, 2^24)
const zigK = new Float64Array(zigLayers);
const zigW = new Float64Array(zigLayers);
const zigF = new Float64Array(zigLayers);
{
  const v = 9.91256303526217e-3;
  let d = zigR;
  let t = d;
  const q = v / exp(-0.5 * d * d);
  zigK[0] = Math.floor((d / q) * zigScale);
  zigK[1] = 0;
  zigW[0] = q / zigScale;
  zigW[zigLayers - 1] = d / zigScale;
  zigF[0] = 1;
  zigF[zigLayers - 1] = exp(-0.5 * d * d);
  for (let i = zigLayers - 2; i >= 1; i--) {
    d = Math.sqrt(-2 * log(v / d + exp(-0.5 * d * d)));
    zigK[i + 1] = Math.floor((d / t) * zigScale);
    t = d;
    zigF[i] = exp(-0.5 * d * d);
    zigW[i] = d / zigScale;
  }
}

// Exponential ziggurat tables (Marsaglia and Tsang 2000, 256 layers), built with portable exp/log; layer index
// and value again from separate bits (8 + 24).
const expLayers = 256;
const expR = 7.697117470131487;
const expScale = 16777216; // 2^24
const expK = new Float64Array(expLayers);
const expW = new Float64Array(expLayers);
const expF = new Float64Array(expLayers);
{
  const v = 3.949659822581572e-3;
  let d = expR;
  let t = d;
  const q = v / exp(-d);
  expK[0] = Math.floor((d / q) * expScale);
  expK[1] = 0;
  expW[0] = q / expScale;
  expW[expLayers - 1] = d / expScale;
  expF[0] = 1;
  expF[expLayers - 1] = exp(-d);
  for (let i = expLayers - 2; i >= 1; i--) {
    d = -log(v / d + exp(-d));
    expK[i + 1] = Math.floor((d / t) * expScale);
    t = d;
    expF[i] = exp(-d);
    expW[i] = d / expScale;
  }
}

/** Standard exponential (mean 1) by the ziggurat method: exact, and a logarithm only in the rare tail. */
export function standardExponential(rng: RandomStream): number {
  for (;;) {
    const u = rng.nextUint32();
    const layer = u & (expLayers - 1);
    const value = u >>> 8;
    const x = value * expW[layer];
    if (value < expK[layer]) return x;
    // The tail beyond R is R plus a fresh exponential (memorylessness).
    if (layer === 0) return expR - log(rng.nextOpen());
    if (expF[layer] + rng.next() * (expF[layer - 1] - expF[layer]) < exp(-x)) return x;
  }
}

/** Standard normal by the ziggurat method (exact: rejection corrects every layer, the tail is sampled exactly). */
export function standardNormal(rng: RandomStream): number {
  for (;;) {
    const u = rng.nextUint32();
    const layer = u & (zigLayers - 1);
    const hz = (u | 0) >> 7;
    const x = hz * zigW[layer];
    if (Math.abs(hz) < zigK[layer]) return x;
    if (layer === 0) {
      // The tail beyond R (Marsaglia 1964).
      let tx: number;
      let ty: number;
      do {
        tx = -log(rng.nextOpen()) / zigR;
        ty = -log(rng.nextOpen());
      } while (ty + ty < tx * tx);
      return hz > 0 ? zigR + tx : -zigR - tx;
    }
    if (zigF[layer] + rng.next() * (zigF[layer - 1] - zigF[layer]) < exp(-0.5 * x * x)) return x;
  }
}

/** Chooses an index from cumulative shares (last entry 1) with one uniform draw. */
export function pickCumulative(cumulative: Float64Array, rng: RandomStream): number {
  const u = rng.next();
  const n = cumulative.length;
  for (let i = 0; i < n - 1; i++) if (u < cumulative[i]) return i;
  return n - 1;
}

/** Cumulative shares (normalised) from weights; all-zero weights give equal shares. */
export function cumulativeShares(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let total = 0;
  for (const w of weights) total += w;
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += total > 0 ? weights[i] / total : 1 / weights.length;
    out[i] = acc;
  }
  if (weights.length > 0) out[weights.length - 1] = 1;
  return out;
}

/**
 * Mean of a distribution in its own unit, computed with portable functions only (models' distributionMoments uses
 * Math.exp for the Weibull and the truncated normal, which differ between engines in the last bit).
 */
export function portableMean(d: AnyDistribution): number {
  switch (d.kind) {
    case 'weibull':
      return d.scale * exp(logGammaPortable(1 + 1 / d.shape));
    case 'normal': {
      if (d.sd === 0) return Math.max(0, d.mean);
      const alpha = -d.mean / d.sd;
      const pdf = exp(-0.5 * alpha * alpha) / Math.sqrt(2 * Math.PI);
      return d.mean + (d.sd * pdf) / (1 - normalCdf(alpha));
    }
    default:
      // Only arithmetic (and exact square roots) for the other kinds.
      return distributionMoments(d).mean;
  }
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26, as models' standardNormalCdf) with a portable exp. */
function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Gamma(x) for x >= 0.5 (Lanczos, g = 7, n = 9) with portable logs. */
export function logGammaPortable(x: number): number {
  const xm = x - 1;
  let a = lanczos[0];
  const t = xm + 7.5;
  for (let i = 1; i < 9; i++) a += lanczos[i] / (xm + i);
  return 0.5 * log(2 * Math.PI) + (xm + 0.5) * log(t) - t + log(a);
}
