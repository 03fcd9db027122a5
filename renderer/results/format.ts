/**
 * Number formatting for results: KPI values, confidence intervals, durations, shares and money.
 * Pure functions (no DOM), so they are tested headless in test/renderer-results/.
 */

import type { Estimate } from '../simulation/report';

/** Significant digits kept in displayed values: enough to tell runs apart, few enough to read aloud. */
const SIGNIFICANT = 3;

/**
 * A plain number with about three significant digits and thousands separators: 2,514 / 38.2 / 0.412.
 * @example formatNumber(2514.37) // "2,514"
 */
export function formatNumber(value: number, significant = SIGNIFICANT): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const magnitude = Math.floor(Math.log10(abs));
  // Whole numbers from 1,000 up: decimals there would be noise.
  const decimals = Math.max(0, significant - 1 - magnitude);
  const rounded = roundTo(value, Math.min(decimals, 6));
  const text = rounded.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: Math.min(decimals, 6) });
  return value < 0 ? text.replace('-', '−') : text;
}

/** Like `formatNumber`, always with a sign: "+12.4", "−3.1", "0". */
export function formatSigned(value: number, significant = SIGNIFICANT): string {
  const text = formatNumber(value, significant);
  if (value > 0 && Number.isFinite(value)) return `+${text}`;
  return text;
}

/**
 * Minutes from which `durationUnit` switches to days: 2 days by default (so "36 h", not "1.5 d", for a cycle time);
 * 1 day for business spans counted in days (order-to-cash, days to pay, backorder age): "1.5 d".
 */
export const daysFromMinutes = { default: 2880, business: 1440 } as const;

/**
 * A duration in minutes in the unit a planner would say: "45 s", "12.5 min", "3.4 h", "2.1 d". With
 * `daysFrom = daysFromMinutes.business`, spans of a day or more read in days ("1.5 d").
 * @example formatDuration(204) // "3.4 h"
 */
export function formatDuration(minutes: number, daysFrom: number = daysFromMinutes.default): string {
  if (!Number.isFinite(minutes)) return formatNumber(minutes);
  const { factor, unit } = durationUnit(Math.abs(minutes), daysFrom);
  return `${formatNumber(minutes / factor)} ${unit}`;
}

/** A signed duration: "+1.2 h", "−35 min". */
export function formatSignedDuration(minutes: number, daysFrom: number = daysFromMinutes.default): string {
  if (!Number.isFinite(minutes)) return formatNumber(minutes);
  const { factor, unit } = durationUnit(Math.abs(minutes), daysFrom);
  return `${formatSigned(minutes / factor)} ${unit}`;
}

/** The display unit chosen for a duration of `absMinutes` (shared by a value and its interval, so they match). */
export function durationUnit(absMinutes: number, daysFrom: number = daysFromMinutes.default): { factor: number; unit: 's' | 'min' | 'h' | 'd' } {
  if (absMinutes >= daysFrom) return { factor: 1440, unit: 'd' };
  if (absMinutes >= 120) return { factor: 60, unit: 'h' };
  if (absMinutes >= 1 || absMinutes === 0) return { factor: 1, unit: 'min' };
  return { factor: 1 / 60, unit: 's' };
}

/** A share in [0, 1] as a percentage: "93.4%", "100%", "0.4%". */
export function formatPercent(share: number, significant = SIGNIFICANT): string {
  if (!Number.isFinite(share)) return formatNumber(share);
  const pct = share * 100;
  // Tiny shares would print as "0.00354%": precision nobody can use.
  if (pct > 0 && pct < 0.1) return '<0.1%';
  // Percentages near 100 keep one decimal so 99.96% does not read as a round 100%.
  if (Math.abs(pct) >= 100) return `${formatNumber(roundTo(pct, 1), 4)}%`;
  return `${formatNumber(pct, significant)}%`;
}

/** A change of a share in percentage points: "+4.2 pp". */
export function formatPercentPoints(shareDelta: number): string {
  return `${formatSigned(shareDelta * 100)} pp`;
}

/**
 * Money with its ISO currency code: "USD 12.40", "EUR 1,250". `compact` writes large sums with three significant
 * digits and k or M ("USD 1.02M", "USD 606k"), for balances such as working capital where the last digits are noise.
 */
export function formatMoney(amount: number, currency: string, compact = false): string {
  if (!Number.isFinite(amount)) return `${currency} ${formatNumber(amount)}`;
  const abs = Math.abs(amount);
  if (compact && abs >= 1e4) {
    // From 999,500 up, thousands would round to "1,000k": write millions.
    const [factor, suffix] = abs >= 999_500 ? [1e6, 'M'] : [1e3, 'k'];
    return `${currency} ${formatNumber(amount / factor)}${suffix}`;
  }
  const text = abs >= 100 ? formatNumber(amount, 4) : amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${currency} ${text.replace('-', '−')}`;
}

/**
 * How a KPI is written: as a plain number, a duration, a share or money. A duration with `days: true` is a
 * business span (order-to-cash, ship-to-cash, backorder age): it reads in days from one day up. Money with
 * `compact: true` is a balance written "USD 1.02M". A duration with `scaleMinutes` takes the unit chosen for that
 * span instead of its own, so a table column reads in one unit ("0.75 d" beside "4.3 d", not "17.9 h").
 */
export type ValueKind =
  | { kind: 'number'; unit?: string }
  | { kind: 'duration'; days?: boolean; scaleMinutes?: number }
  | { kind: 'share' }
  | { kind: 'money'; currency: string; compact?: boolean };

/** The minutes from which a duration of this kind reads in days. */
function daysFromOf(kind: { days?: boolean }): number {
  return kind.days ? daysFromMinutes.business : daysFromMinutes.default;
}

/** Formats a value of the given kind (the unit of a plain number is appended). */
export function formatValue(value: number, kind: ValueKind): string {
  switch (kind.kind) {
    case 'duration': {
      if (kind.scaleMinutes === undefined || !Number.isFinite(value)) return formatDuration(value, daysFromOf(kind));
      const { factor, unit } = durationUnit(Math.abs(kind.scaleMinutes), daysFromOf(kind));
      return `${formatNumber(value / factor)} ${unit}`;
    }
    case 'share':
      return formatPercent(value);
    case 'money':
      return formatMoney(value, kind.currency, kind.compact);
    case 'number':
      return kind.unit ? `${formatNumber(value)} ${kind.unit}` : formatNumber(value);
  }
}

/** Formats a signed difference of the given kind (shares in percentage points). */
export function formatDelta(value: number, kind: ValueKind): string {
  switch (kind.kind) {
    case 'duration':
      return formatSignedDuration(value, daysFromOf(kind));
    case 'share':
      return formatPercentPoints(value);
    case 'money': {
      const text = formatMoney(Math.abs(value), kind.currency);
      return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
    }
    case 'number':
      return kind.unit ? `${formatSigned(value)} ${kind.unit}` : formatSigned(value);
  }
}

/**
 * The confidence interval of an estimate as "± half width", in the value's own unit; empty when there is none.
 * @example formatInterval({ mean: 100, halfWidth: 2.5 }, { kind: 'number' }) // "± 2.5"
 */
export function formatInterval(estimate: Pick<Estimate, 'mean' | 'halfWidth'>, kind: ValueKind): string {
  if (estimate.halfWidth === null || !Number.isFinite(estimate.halfWidth)) return '';
  switch (kind.kind) {
    case 'duration': {
      // Use the mean's unit for the half width, so "3.4 h ± 0.2 h" and not "3.4 h ± 12 min".
      const { factor, unit } = durationUnit(Math.abs(kind.scaleMinutes ?? estimate.mean ?? estimate.halfWidth), daysFromOf(kind));
      return `± ${formatNumber(estimate.halfWidth / factor, 2)} ${unit}`;
    }
    case 'share':
      return `± ${formatNumber(estimate.halfWidth * 100, 2)} pp`;
    case 'money':
      return `± ${formatMoney(estimate.halfWidth, kind.currency, kind.compact)}`;
    case 'number':
      return `± ${formatNumber(estimate.halfWidth, 2)}`;
  }
}

/** An interval of a difference as "[low, high]", both ends in one unit; empty when there is none. */
export function formatRange(low: number | null, high: number | null, kind: ValueKind): string {
  if (low === null || high === null) return '';
  if (kind.kind === 'duration' && Number.isFinite(low) && Number.isFinite(high)) {
    // One unit for both ends ("[−3.4 min, −0.96 min]", not "[−3.4 min, −57 s]"), chosen by the larger end.
    const { factor, unit } = durationUnit(Math.max(Math.abs(low), Math.abs(high)), daysFromOf(kind));
    return `[${formatSigned(low / factor)} ${unit}, ${formatSigned(high / factor)} ${unit}]`;
  }
  return `[${formatDelta(low, kind)}, ${formatDelta(high, kind)}]`;
}

/** Seconds as "about 2 min 10 s left" text for progress, rounded coarser as it grows so it does not flicker. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return 'estimating time left…';
  if (seconds < 1) return 'less than a second left';
  if (seconds < 10) return `about ${Math.round(seconds)} s left`;
  if (seconds < 60) return `about ${Math.min(60, Math.round(seconds / 5) * 5)} s left`;
  if (seconds < 600) {
    const tens = Math.round(seconds / 10);
    const minutes = Math.floor(tens / 6);
    const rest = (tens % 6) * 10;
    return rest === 0 ? `about ${minutes} min left` : `about ${minutes} min ${rest} s left`;
  }
  return `about ${Math.round(seconds / 60)} min left`;
}

/** Wall-clock seconds as "0.8 s", "12 s", "2 min 5 s". */
export function formatElapsed(seconds: number): string {
  if (seconds < 10) return `${formatNumber(seconds, 2)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
