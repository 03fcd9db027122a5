import { describe, expect, it } from 'vitest';
import {
  durationUnit,
  formatDelta,
  formatDuration,
  formatElapsed,
  formatEta,
  formatInterval,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRange,
  formatSigned,
} from '../../renderer/results/format';

describe('formatNumber', () => {
  it('keeps three significant digits and groups thousands', () => {
    expect(formatNumber(2514.37)).toBe('2,514');
    expect(formatNumber(38.249)).toBe('38.2');
    expect(formatNumber(0.41249)).toBe('0.412');
    expect(formatNumber(0.000123456)).toBe('0.000123');
    expect(formatNumber(1_234_567)).toBe('1,234,567');
  });
  it('writes zero, negatives with a true minus sign, and non-finite values', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-12.345)).toBe('−12.3');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatNumber(NaN)).toBe('–');
  });
  it('signs differences', () => {
    expect(formatSigned(3.14159)).toBe('+3.14');
    expect(formatSigned(-3.14159)).toBe('−3.14');
    expect(formatSigned(0)).toBe('0');
  });
});

describe('durations', () => {
  it('chooses the unit a planner would say', () => {
    expect(formatDuration(0.5)).toBe('30 s');
    expect(formatDuration(12.5)).toBe('12.5 min');
    expect(formatDuration(119)).toBe('119 min');
    expect(formatDuration(204)).toBe('3.4 h');
    expect(formatDuration(2 * 1440 + 144)).toBe('2.1 d');
  });
  it('writes a confidence interval in the unit of its mean', () => {
    // Mean 3.4 h with a half width of 12 min: "± 0.2 h", not "± 12 min".
    expect(formatInterval({ mean: 204, halfWidth: 12 }, { kind: 'duration' })).toBe('± 0.2 h');
    expect(formatInterval({ mean: 204, halfWidth: null }, { kind: 'duration' })).toBe('');
  });
  it('signs duration deltas and keeps interval units consistent', () => {
    expect(formatDelta(-90, { kind: 'duration' })).toBe('−90 min');
    expect(formatDelta(300, { kind: 'duration' })).toBe('+5 h');
    expect(durationUnit(0).unit).toBe('min');
  });
});

describe('shares, money and ranges', () => {
  it('formats percentages without rounding 99.96% up to a round 100%', () => {
    expect(formatPercent(0.934)).toBe('93.4%');
    expect(formatPercent(0.9996)).toBe('100%');
    expect(formatPercent(0.99949)).toBe('99.9%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.004)).toBe('0.4%');
    expect(formatPercent(0.0000354)).toBe('<0.1%');
    expect(formatPercent(0)).toBe('0%');
  });
  it('writes share deltas in percentage points', () => {
    expect(formatDelta(0.042, { kind: 'share' })).toBe('+4.2 pp');
    expect(formatInterval({ mean: 0.9, halfWidth: 0.031 }, { kind: 'share' })).toBe('± 3.1 pp');
  });
  it('formats money with its currency', () => {
    expect(formatMoney(9.275, 'USD')).toBe('USD 9.28');
    expect(formatMoney(1250.4, 'EUR')).toBe('EUR 1,250');
    expect(formatDelta(-0.5, { kind: 'money', currency: 'USD' })).toBe('−USD 0.50');
  });
  it('writes an interval of a difference as a range', () => {
    expect(formatRange(-2, 1, { kind: 'number' })).toBe('[−2, +1]');
    expect(formatRange(null, 1, { kind: 'number' })).toBe('');
    expect(formatRange(-3.44, -0.955, { kind: 'duration' })).toBe('[−3.44 min, −0.955 min]');
  });
});

describe('progress text', () => {
  it('says it is estimating before there is an estimate', () => {
    expect(formatEta(undefined)).toBe('estimating time left…');
    expect(formatEta(NaN)).toBe('estimating time left…');
  });
  it('rounds coarser as the time left grows', () => {
    expect(formatEta(0.4)).toBe('less than a second left');
    expect(formatEta(7.4)).toBe('about 7 s left');
    expect(formatEta(23)).toBe('about 25 s left');
    expect(formatEta(59)).toBe('about 60 s left');
    expect(formatEta(130)).toBe('about 2 min 10 s left');
    expect(formatEta(178)).toBe('about 3 min left');
    expect(formatEta(1500)).toBe('about 25 min left');
  });
  it('formats elapsed time', () => {
    expect(formatElapsed(0.84)).toBe('0.84 s');
    expect(formatElapsed(12.4)).toBe('12 s');
    expect(formatElapsed(125)).toBe('2 min 5 s');
  });
});

