/**
 * Seeded random streams. Algorithm: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG, 128-bit state,
 * period >= 2^32, passes PractRand to 2^46+ bytes) seeded through splitmix32 (Vigna's splitmix64 mixer cut to
 * 32 bits), with the first 12 outputs discarded.
 *
 * Every random source has its own stream, derived from (run seed, replication index, FNV-1a hash of a key such as
 * "durations:pick"), so adding or changing one node does not shift the draws of any other: common random numbers
 * for current-vs-target comparisons. Never `Math.random`.
 */

/** 32-bit FNV-1a hash of a string (UTF-16 code units). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One step of splitmix32: returns the next output for state `x` (the caller advances x by 0x9e3779b9). */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const twoPow32Inv = 1 / 4294967296;

/** A random stream (sfc32). `next()` gives a uniform double in [0, 1) with 32 random bits. */
export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds the four words of state from `seedWord` through splitmix32. */
  constructor(seedWord: number) {
    let s = seedWord >>> 0;
    this.a = splitmix32(s);
    s = (s + 0x9e3779b9) | 0;
    this.b = splitmix32(s);
    s = (s + 0x9e3779b9) | 0;
    this.c = splitmix32(s);
    s = (s + 0x9e3779b9) | 0;
    this.d = splitmix32(s) | 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() * twoPow32Inv;
  }

  /** Uniform in (0, 1]: safe for `-Math.log(u)`. */
  nextOpen(): number {
    return (this.nextUint32() + 1) * twoPow32Inv;
  }
}

/**
 * The stream for one random source of one replication.
 * @example const arrivals = streamFor(42, 0, 'arrivals:orders');
 */
export function streamFor(seed: number, replication: number, key: string): RandomStream {
  // Chain the three inputs through splitmix32 so that nearby seeds, replications and keys give unrelated words.
  let h = splitmix32(seed >>> 0);
  h = splitmix32((h ^ Math.imul(replication + 1, 0x27d4eb2d)) >>> 0);
  h = splitmix32((h ^ hashString(key)) >>> 0);
  return new RandomStream(h);
}
