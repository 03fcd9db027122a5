import { describe, expect, it } from 'vitest';
import { compareKpis, normalQuantile, pairedComparison, studentTCdf, studentTQuantile } from '../../simulator/stats/compare';

/** A small seeded generator for synthetic data (splitmix32 -> uniform, Box-Muller -> normal). */
function seededNormal(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return (z + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** P(X <= k) for X ~ Binomial(n, p), summed exactly in log space. */
function binomialCdf(k: number, n: number, p: number): number {
  let total = 0;
  let logTerm = n * Math.log1p(-p); // P(X = 0)
  for (let i = 0; i <= k; i++) {
    total += Math.exp(logTerm);
    logTerm += Math.log(n - i) - Math.log(i + 1) + Math.log(p) - Math.log1p(-p);
  }
  return total;
}

describe('studentTQuantile', () => {
  // Values from standard t tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), to the printed 3 decimals,
  // and to more digits from scipy.stats.t.ppf.
  it.each([
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 4, 2.776],
    [0.975, 9, 2.262],
    [0.975, 19, 2.093],
    [0.975, 29, 2.045],
    [0.975, 100, 1.984],
    [0.95, 5, 2.015],
    [0.995, 10, 3.169],
    [0.9, 3, 1.638],
  ])('t(%s, %s) = %s', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 3);
  });

  it('matches scipy.stats.t.ppf to 1e-8', () => {
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157162798205, 9);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045229642132703, 9);
    expect(studentTQuantile(0.999, 3)).toBeCloseTo(10.214531852407383, 8);
    expect(studentTQuantile(0.6, 7)).toBeCloseTo(0.2631668613520229, 9);
  });

  it('stays accurate for fractional and very large df (scipy values, 1e-8 relative)', () => {
    for (const [p, df, expected] of [
      [0.975, 1e6, 1.959966356814107],
      [0.95, 1e8, 1.6448536421891635],
      [0.999, 2e5, 3.0902730573051986],
      [0.975, 5.5, 2.501858617589239],
      [0.995, 0.5, 4113.964588804174],
    ]) {
      expect(Math.abs(studentTQuantile(p, df) / expected - 1)).toBeLessThan(1e-8);
    }
  });

  it('is antisymmetric and inverts the CDF', () => {
    for (const df of [1, 2, 3, 5.5, 10, 50, 1000]) {
      for (const p of [0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.9999]) {
        const x = studentTQuantile(p, df);
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-x, 9);
        expect(studentTCdf(x, df)).toBeCloseTo(p, 12);
      }
    }
  });

  it('tends to the normal quantile for large df', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
  });

  it('rejects impossible arguments', () => {
    expect(() => studentTQuantile(1.5, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
  });
});

describe('pairedComparison', () => {
  it('computes the paired-t interval by hand', () => {
    // d = [1, 2, 3, 4, 5]: mean 3, sd sqrt(2.5), t(0.975, 4) = 2.776445
    const a = [10, 10, 10, 10, 10];
    const b = [11, 12, 13, 14, 15];
    const r = pairedComparison(a, b);
    expect(r.meanDifference).toBe(3);
    expect(r.sdDifference).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(r.halfWidth).toBeCloseTo((2.7764451051977987 * Math.sqrt(2.5)) / Math.sqrt(5), 9);
    expect(r.significant).toBe(true);
    expect(r.verdict).toBe('significant');
    expect(r.relativeDifference).toBeCloseTo(0.3, 12);
  });

  it('calls identical samples "no difference" and a constant shift significant', () => {
    expect(pairedComparison([1, 2, 3], [1, 2, 3]).verdict).toBe('no-difference');
    const shifted = pairedComparison([1, 2, 3], [2, 3, 4]);
    expect(shifted.significant).toBe(true);
    expect(shifted.halfWidth).toBe(0);
  });

  it('suggests enough replications when undecided, and that suggestion would decide', () => {
    const a = [10, 12, 9, 11, 10];
    const b = [10.4, 11.9, 9.8, 11.2, 10.5];
    const r = pairedComparison(a, b);
    expect(r.verdict).toBe('undecided');
    expect(r.suggestedReplications).not.toBeNull();
    const n = r.suggestedReplications as number;
    expect(n).toBeGreaterThan(5);
    // At n the half width at the same sd falls below |d|; at n - 1 it does not.
    const hw = (k: number) => (studentTQuantile(0.975, k - 1) * r.sdDifference) / Math.sqrt(k);
    expect(hw(n)).toBeLessThan(Math.abs(r.meanDifference));
    expect(hw(n - 1)).toBeGreaterThanOrEqual(Math.abs(r.meanDifference));
  });

  it('caps the suggestion when the difference is tiny', () => {
    const r = pairedComparison([0, 0, 0, 0], [1, -1, 1, -0.999999], { maxSuggestedReplications: 1000 });
    expect(r.verdict).toBe('undecided');
    expect(r.suggestedReplications).toBeNull();
    expect(r.suggestionCapped).toBe(true);
  });

  it('needs two pairs and equal lengths', () => {
    expect(pairedComparison([1], [2]).verdict).toBe('too-few');
    expect(() => pairedComparison([1, 2], [1])).toThrow(/equal length/);
  });

  it('flags a variant against itself at about the nominal 5% rate', () => {
    // Each trial: 10 replications of two "runs" sharing a common component (as CRN does) plus independent
    // noise of equal variance, so the true mean difference is 0 and the differences are normal.
    const trials = 4000;
    const n = 10;
    const normal = seededNormal(20261127);
    let rejections = 0;
    for (let trial = 0; trial < trials; trial++) {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < n; i++) {
        const common = 100 + 15 * normal();
        a.push(common + 2 * normal());
        b.push(common + 2 * normal());
      }
      if (pairedComparison(a, b).significant) rejections++;
    }
    // Accept the count inside the central 99.8% of Binomial(4000, 0.05) (about 160-241).
    let low = 0;
    while (binomialCdf(low, trials, 0.05) < 0.001) low++;
    let high = low;
    while (binomialCdf(high, trials, 0.05) < 0.999) high++;
    expect(rejections).toBeGreaterThanOrEqual(low);
    expect(rejections).toBeLessThanOrEqual(high);
  });

  it('detects a real shift most of the time (power check)', () => {
    const normal = seededNormal(7);
    let detected = 0;
    for (let trial = 0; trial < 500; trial++) {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 10; i++) {
        const common = 50 + 10 * normal();
        a.push(common + normal());
        b.push(common + 2 + normal());
      }
      if (pairedComparison(a, b).significant) detected++;
    }
    // Differences ~ N(2, 2): the paired t with n = 10 has power of about 0.99 here.
    expect(detected / 500).toBeGreaterThan(0.95);
  });
});

describe('compareKpis', () => {
  it('labels the direction from the KPI sense', () => {
    const rows = compareKpis([
      { id: 'throughput', label: 'Throughput', unit: 'orders/day', higherIsBetter: true, a: [100, 101, 99], b: [110, 112, 109] },
      { id: 'cycle', label: 'Cycle time', unit: 'min', higherIsBetter: false, a: [60, 62, 61], b: [70, 73, 71] },
      { id: 'same', label: 'Same', unit: '', higherIsBetter: true, a: [1, 2, 3], b: [1, 2, 3] },
    ]);
    expect(rows.map((r) => r.direction)).toEqual(['better', 'worse', 'same']);
  });
});
