import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  cssGradient,
  divergingColor,
  divergingStops,
  interpolate,
  legendTicks,
  niceCeil,
  relativeLuminance,
  sequentialColor,
  sequentialStops,
} from '../../renderer/results/colorScale';

describe('sequential scale (utilisation, waiting share)', () => {
  it('runs from the lightest to the darkest stop and clamps outside [0, max]', () => {
    expect(sequentialColor(0).fill).toBe(sequentialStops[0]);
    expect(sequentialColor(1).fill).toBe(sequentialStops[sequentialStops.length - 1]);
    expect(sequentialColor(-0.5).fill).toBe(sequentialStops[0]);
    expect(sequentialColor(7).fill).toBe(sequentialStops[sequentialStops.length - 1]);
    expect(sequentialColor(0.25, 0.5).fill).toBe(sequentialColor(0.5, 1).fill);
  });
  it('gets darker as the value grows, so it reads in greyscale too', () => {
    let previous = Infinity;
    for (let i = 0; i <= 20; i++) {
      const lum = relativeLuminance(sequentialColor(i / 20).fill);
      expect(lum).toBeLessThanOrEqual(previous + 1e-12);
      previous = lum;
    }
  });
  it('keeps black text readable on every colour, so the canvas may draw step names on it', () => {
    for (let i = 0; i <= 100; i++) expect(contrastRatio(sequentialColor(i / 100).fill, '#000000')).toBeGreaterThanOrEqual(4.5);
  });
  it('always picks a text colour with at least 4.5:1 contrast (WCAG AA)', () => {
    for (let i = 0; i <= 100; i++) {
      const s = sequentialColor(i / 100);
      expect(contrastRatio(s.fill, s.text)).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('treats a non-finite value or an empty scale as zero', () => {
    expect(sequentialColor(NaN).fill).toBe(sequentialStops[0]);
    expect(sequentialColor(0.5, 0).fill).toBe(sequentialStops[0]);
  });
});

describe('diverging scale (compare heat map)', () => {
  it('is near-white at no change, blue when faster, red when slower', () => {
    expect(divergingColor(0, 60).fill).toBe('#f7f7f7');
    const faster = divergingColor(-60, 60).fill;
    const slower = divergingColor(60, 60).fill;
    expect(faster).toBe(divergingStops[0]);
    expect(slower).toBe(divergingStops[divergingStops.length - 1]);
    const [r, , b] = [1, 3, 5].map((i) => parseInt(faster.slice(i, i + 2), 16));
    expect(b).toBeGreaterThan(r);
  });
  it('keeps text readable everywhere', () => {
    for (let i = -50; i <= 50; i++) {
      const s = divergingColor(i, 50);
      expect(contrastRatio(s.fill, s.text)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('helpers', () => {
  it('rounds scale ends up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeil(0.237)).toBe(0.25);
    expect(niceCeil(0.3)).toBe(0.5);
    expect(niceCeil(0.1 + 0.2)).toBe(0.5);
    expect(niceCeil(1)).toBe(1);
    expect(niceCeil(73)).toBe(100);
    expect(niceCeil(0.011)).toBe(0.02);
    expect(niceCeil(0)).toBe(1);
  });
  it('interpolates midway between two stops', () => {
    expect(interpolate(['#000000', '#ffffff'], 0.5)).toBe('#808080');
  });
  it('spaces legend ticks evenly', () => {
    expect(legendTicks(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(legendTicks(-60, 60, 3)).toEqual([-60, 0, 60]);
  });
  it('builds a CSS gradient through every stop', () => {
    const css = cssGradient(['#000000', '#ffffff']);
    expect(css).toBe('linear-gradient(to right, #000000 0.0%, #ffffff 100.0%)');
  });
  it('computes WCAG contrast (black on white is 21:1)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
