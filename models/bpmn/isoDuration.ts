import type { Duration, TimeUnit } from '../units';

/**
 * ISO 8601 durations as BPMN timers write them (`PT15M`, `P1DT2H`, `PT0.5S`). Years and months have no fixed
 * length, so they are refused rather than guessed; weeks are 7 days.
 */
const isoPattern = /^P(?!$)(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?!$)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/**
 * Minutes in an ISO 8601 duration, or an error message.
 * @example parseIsoDurationMinutes('PT1H30M') // { minutes: 90 }
 */
export function parseIsoDurationMinutes(text: string): { minutes: number } | { error: string } {
  const trimmed = text.trim().toUpperCase();
  // In the date part (before "T"), M means months.
  if (/^P[^T]*\d(?:[.,]\d+)?[YM]/.test(trimmed))
    return { error: `"${text}" uses years or months, which have no fixed length; use days, hours, minutes or seconds` };
  const match = isoPattern.exec(trimmed);
  if (!match) return { error: `"${text}" is not an ISO 8601 duration such as PT15M or P1DT2H` };
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s.replace(',', '.')));
  const minutes = n(match[1]) * 7 * 1440 + n(match[2]) * 1440 + n(match[3]) * 60 + n(match[4]) + n(match[5]) / 60;
  return { minutes };
}

/** An ISO 8601 duration for a number of minutes (`PT1H30M`, `P2D`, `PT45S`). */
export function formatIsoDuration(minutes: number): string {
  let seconds = Math.round(minutes * 60 * 1000) / 1000;
  if (seconds <= 0) return 'PT0S';
  const days = Math.floor(seconds / 86400);
  seconds -= days * 86400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const mins = Math.floor(seconds / 60);
  seconds = Math.round((seconds - mins * 60) * 1000) / 1000;
  let time = '';
  if (hours) time += `${hours}H`;
  if (mins) time += `${mins}M`;
  if (seconds) time += `${seconds}S`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** The plainest unit that states `minutes` exactly: whole days, hours or minutes, else seconds. */
export function durationInPlainUnit(minutes: number): Duration {
  const pick = (unit: TimeUnit, per: number): Duration | undefined => {
    const value = minutes / per;
    return Math.abs(value - Math.round(value)) < 1e-9 && value >= 1 ? { value: Math.round(value), unit } : undefined;
  };
  return pick('d', 1440) ?? pick('h', 60) ?? pick('min', 1) ?? { value: Math.round(minutes * 60 * 1e6) / 1e6, unit: 's' };
}
