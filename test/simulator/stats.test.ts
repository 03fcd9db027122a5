import { describe, expect, it } from 'vitest';
import { distributionMoments, type AnyDistribution } from '../../models';
import { DurationHistogram } from '../../simulator/core/histogram';
import { RandomStream, streamFor } from '../../simulator/core/rng';
import { Sampler, fastExp, standardExponential, standardNormal } from '../../simulator/core/sampling';
import { estimate, studentTQuantile } from '../../simulator/stats/estimate';
import { mser5 } from '../../simulator/stats/mser';
import { seriesBucketMinutes } from '../../simulator/stats/series';

describe('Student t', () => {
  it('matches published quantiles', () => {
    // Table values (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), to 6 digits.
    const table: Array<[number, number, number]> = [
      [0.975, 1, 12.706205],
      [0.975, 2, 4.302653],
      [0.975, 4, 2.776445],
      [0.975, 9, 2.262157],
      [0.975, 19, 2.093024],
      [0.975, 29, 2.04523],
      [0.975, 100, 1.983972],
      [0.995, 9, 3.249836],
      [0.995, 19, 2.860935],
      [0.95, 5, 2.015048],
    ];
    for (const [p, df, t] of table) expect(studentTQuantile(p, df)).toBeCloseTo(t, 5);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.262157, 5);
  });

  it('gives mean, sd and the t interval', () => {
    const e = estimate([1, 2, 3, 4, null]);
    expect(e.n).toBe(4);
    expect(e.mean).toBe(2.5);
    expect(e.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(e.halfWidth).toBeCloseTo((3.182446 * Math.sqrt(5 / 3)) / 2, 5);
    expect(estimate([7]).halfWidth).toBeNull();
    expect(estimate([]).mean).toBeNull();
  });
});

describe('duration histogram', () => {
  it('keeps quantiles within 0.4% and memory fixed', () => {
    const h = new DurationHistogram();
    const rng = new RandomStream(3);
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const x = -Math.log(rng.nextOpen()) * 30;
      values.push(x);
      h.add(x);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const exact = values[Math.ceil(q * values.length) - 1];
      expect(Math.abs((h.quantile(q) as number) - exact) / exact).toBeLessThan(0.004);
    }
    expect(h.mean()).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
    expect(h.max).toBe(values[values.length - 1]);
  });

  it('reports zeros as 0 and counts waits above zero exactly', () => {
    const h = new DurationHistogram();
    for (let i = 0; i < 8; i++) h.add(0);
    h.add(5);
    h.add(10);
    expect(h.quantile(0.5)).toBe(0);
    expect(h.positive).toBe(2);
    expect(h.quantile(1)).toBeCloseTo(10, 1);
  });
});

describe('random streams', () => {
  it('are reproducible and independent per key and replication', () => {
    const draws = (s: RandomStream) => Array.from({ length: 5 }, () => s.nextUint32());
    expect(draws(streamFor(1, 0, 'durations:a'))).toEqual(draws(streamFor(1, 0, 'durations:a')));
    expect(draws(streamFor(1, 0, 'durations:a'))).not.toEqual(draws(streamFor(1, 0, 'durations:b')));
    expect(draws(streamFor(1, 0, 'durations:a'))).not.toEqual(draws(streamFor(1, 1, 'durations:a')));
    expect(draws(streamFor(1, 0, 'durations:a'))).not.toEqual(draws(streamFor(2, 0, 'durations:a')));
  });

  it('gives uniform draws (chi-square over 20 cells, 99.9% critical value 43.8)', () => {
    const s = streamFor(0, 0, 'x');
    const cells = new Array(20).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) cells[Math.floor(s.next() * 20)]++;
    const chi2 = cells.reduce((a, c) => a + (c - n / 20) ** 2 / (n / 20), 0);
    expect(chi2).toBeLessThan(43.8);
  });

  it('gives standard normals from the ziggurat (mean, variance, tail share)', () => {
    const s = streamFor(0, 0, 'normal');
    const n = 400_000;
    let sum = 0;
    let squares = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const x = standardNormal(s);
      sum += x;
      squares += x * x;
      if (x > 1.959964) tail++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(squares / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(tail / n - 0.025)).toBeLessThan(4 * Math.sqrt((0.025 * 0.975) / n));
  });
});

describe('samplers', () => {
  const cases: AnyDistribution[] = [
    { kind: 'constant', value: 3, unit: 'min' },
    { kind: 'uniform', min: 2, max: 6, unit: 'min' },
    { kind: 'triangular', min: 1, mode: 2, max: 6, unit: 'h' },
    { kind: 'exponential', mean: 4, unit: 's' },
    { kind: 'normal', mean: 10, sd: 3, unit: 'min' },
    { kind: 'normal', mean: 1, sd: 3, unit: 'min' },
    { kind: 'normal', mean: -4, sd: 2, unit: 'min' },
    { kind: 'lognormal', mean: 6, sd: 4, unit: 'min' },
    { kind: 'gamma', mean: 5, sd: 2, unit: 'min' },
    { kind: 'gamma', mean: 1, sd: 2, unit: 'min' },
    { kind: 'erlang', k: 3, mean: 9, unit: 'min' },
    { kind: 'erlang', k: 40, mean: 9, unit: 'min' },
    { kind: 'weibull', shape: 1.5, scale: 10, unit: 'min' },
    { kind: 'empirical', values: [1, 2, 10], weights: [3, 1, 1], unit: 'min' },
    { kind: 'lognormal', mean: 12, sd: 8 },
  ];
  for (const d of cases) {
    it(`samples ${JSON.stringify(d)} with the right mean and sd`, () => {
      const { mean, sd } = distributionMoments(d);
      const scale = 'unit' in d ? { s: 1 / 60, min: 1, h: 60, d: 1440 }[d.unit] : 1;
      const sampler = new Sampler(d);
      const rng = streamFor(5, 0, JSON.stringify(d));
      const n = 200_000;
      let sum = 0;
      let squares = 0;
      let min = Infinity;
      for (let i = 0; i < n; i++) {
        const x = sampler.sample(rng) / scale;
        if (x < min) min = x;
        sum += x;
        squares += x * x;
      }
      expect(min).toBeGreaterThanOrEqual(0);
      const m = sum / n;
      const s = Math.sqrt(Math.max(0, squares / n - m * m));
      // Mean within 5 standard errors; sd within 3% (or exact for constants).
      expect(Math.abs(m - mean)).toBeLessThanOrEqual(5 * (sd / Math.sqrt(n)) + 1e-12);
      expect(Math.abs(s - sd)).toBeLessThanOrEqual(0.03 * sd + 1e-9);
      expect(sampler.mean).toBeCloseTo(mean * scale, 9);
    });
  }

  it('draws empirical values with their weights', () => {
    const sampler = new Sampler({ kind: 'empirical', values: [1, 2, 10], weights: [3, 1, 1] });
    const rng = streamFor(1, 0, 'emp');
    const counts = new Map<number, number>();
    for (let i = 0; i < 50_000; i++) {
      const x = sampler.sample(rng);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 10]);
    expect(Math.abs((counts.get(1) as number) / 50_000 - 0.6)).toBeLessThan(0.01);
  });
});

describe('MSER-5 and series buckets', () => {
  it('finds the end of an initial transient', () => {
    const rng = new RandomStream(11);
    // 200 points: a transient decaying from 50 over the first 60, then noise around 10.
    const series = Array.from({ length: 400 }, (_, i) => 10 + (i < 60 ? 40 * (1 - i / 60) : 0) + (rng.next() - 0.5));
    const d = mser5(series) as number;
    expect(d).toBeGreaterThanOrEqual(50);
    expect(d).toBeLessThanOrEqual(75);
    expect(mser5(Array.from({ length: 400 }, () => 10 + rng.next()))).toBeLessThan(60);
    expect(mser5([1, 2, 3])).toBeNull();
  });

  it('coarsens buckets to at most 2,000 points', () => {
    expect(seriesBucketMinutes(30 * 1440)).toBe(60);
    expect(seriesBucketMinutes(365 * 1440)).toBe(360);
    expect(seriesBucketMinutes(3650 * 1440)).toBe(2880);
    for (const days of [1, 90, 200, 1000, 3660]) expect((days * 1440) / seriesBucketMinutes(days * 1440)).toBeLessThanOrEqual(2000);
  });
});

describe('exponential ziggurat', () => {
  it('gives mean 1, variance 1 and the right tail share', () => {
    const s = streamFor(0, 0, 'exp');
    const n = 400_000;
    let sum = 0;
    let squares = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const x = standardExponential(s);
      sum += x;
      squares += x * x;
      if (x > 3) tail++;
    }
    expect(Math.abs(sum / n - 1)).toBeLessThan(4 / Math.sqrt(n));
    // Var(X^2) = E[X^4] - 1 = 23 for the exponential.
    expect(Math.abs(squares / n - 2)).toBeLessThan(4 * Math.sqrt(20 / n));
    const p = Math.exp(-3);
    expect(Math.abs(tail / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });
});

describe('fastExp', () => {
  it('is within 3 ulps of e^x over the lognormal range and handles the edges', () => {
    for (let i = 0; i < 200_000; i++) {
      const x = -700 + 1400 * ((i * 0.6180339887498949) % 1);
      const expected = Math.exp(x);
      expect(Math.abs(fastExp(x) - expected) / expected).toBeLessThan(3 * 2.23e-16);
    }
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-800)).toBe(0);
    expect(fastExp(800)).toBe(Infinity);
    expect(fastExp(Number.NaN)).toBeNaN();
  });
});
