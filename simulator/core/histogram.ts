import type { HistogramData } from '../report';

/**
 * A bounded-memory histogram of non-negative durations for quantiles (log-linear buckets, like HdrHistogram):
 * each power of two is split into 128 equal buckets, from 2^-10 minutes (0.06 s) to 2^24 minutes (32 years).
 * A quantile is reported as the middle of its bucket, so its relative error is at most 1/256 (0.4%) inside the
 * range; smaller values count as 0 and larger ones as the largest bucket. Mean and max are kept exactly.
 * Memory is fixed (4,352 counters) whatever the number of values.
 */
const subBits = 7;
const subBuckets = 1 << subBits;
const minExponent = -10;
const maxExponent = 24;
const bucketCount = (maxExponent - minExponent) * subBuckets;
// Powers of two by repeated halving and doubling: exact on every engine (unlike Math.pow in general).
const powersOfTwo = new Float64Array(maxExponent - minExponent + 1);
powersOfTwo[-minExponent] = 1;
for (let e = -1; e >= minExponent; e--) powersOfTwo[e - minExponent] = powersOfTwo[e - minExponent + 1] / 2;
for (let e = 1; e <= maxExponent; e++) powersOfTwo[e - minExponent] = powersOfTwo[e - minExponent - 1] * 2;
const minValue = powersOfTwo[0];
const maxValue = powersOfTwo[maxExponent - minExponent];

// Scratch space to read a double's exponent and top mantissa bits without Math.log.
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
// Which 32-bit word holds the exponent depends on the platform's endianness.
const highWord = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const exponentBias = 1023 + minExponent;


/** Number of buckets of every `DurationHistogram` (indices 0 .. histogramBucketCount - 1). */
export const histogramBucketCount = bucketCount;

/** The value a bucket stands for: its middle (what quantiles report). */
export function histogramBucketValue(index: number): number {
  const exponent = (index >> subBits) + minExponent;
  const sub = index & (subBuckets - 1);
  const width = powersOfTwo[exponent - minExponent] / subBuckets;
  return powersOfTwo[exponent - minExponent] + sub * width + width / 2;
}

export class DurationHistogram {
  private counts = new Uint32Array(bucketCount);
  private zeros = 0;
  count = 0;
  /** Values strictly above 0 (exact, unlike the buckets). */
  positive = 0;
  sum = 0;
  max = 0;

  add(x: number): void {
    this.count++;
    if (x > 0) this.positive++;
    this.sum += x;
    if (x > this.max) this.max = x;
    if (x < minValue) {
      this.zeros++;
      return;
    }
    if (x >= maxValue) {
      this.counts[bucketCount - 1]++;
      return;
    }
    scratch[0] = x;
    const hi = scratchWords[highWord];
    // exponent (11 bits) and the top 7 bits of the mantissa, as one index
    const index = (((hi >>> 20) - exponentBias) << subBits) | ((hi >>> (20 - subBits)) & (subBuckets - 1));
    this.counts[index]++;
  }

  /** Mean of the values added; null when empty. */
  mean(): number | null {
    return this.count > 0 ? this.sum / this.count : null;
  }

  /** The q-quantile (0..1): the smallest bucket whose cumulative count reaches q x count; null when empty. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = this.zeros;
    if (seen >= rank) return 0;
    const counts = this.counts;
    for (let i = 0; i < bucketCount; i++) {
      seen += counts[i];
      if (seen >= rank) return Math.min(this.max, histogramBucketValue(i));
    }
    return this.max;
  }

  /** The non-empty buckets as plain JSON (at most 4,352 entries whatever the number of values). */
  toData(): HistogramData {
    const buckets: number[] = [];
    const counts: number[] = [];
    const c = this.counts;
    for (let i = 0; i < bucketCount; i++)
      if (c[i] > 0) {
        buckets.push(i);
        counts.push(c[i]);
      }
    return { zeros: this.zeros, buckets, counts };
  }

  reset(): void {
    this.counts.fill(0);
    this.zeros = 0;
    this.count = 0;
    this.positive = 0;
    this.sum = 0;
    this.max = 0;
  }
}
