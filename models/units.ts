import { z } from 'zod';

/**
 * Time units of the file format. Every duration in a model file names its unit: a bare number of
 * "minutes or hours?" is the most common modelling mistake, so the format does not allow it.
 * The simulator works in minutes internally (`simTime` is always minutes).
 */
export const timeUnits = ['s', 'min', 'h', 'd'] as const;
export type TimeUnit = (typeof timeUnits)[number];

export const minutesPerUnit: Readonly<Record<TimeUnit, number>> = {
  s: 1 / 60,
  min: 1,
  h: 60,
  d: 1440,
};

export const timeUnitSchema = z.enum(timeUnits);

/** A non-negative, finite amount of time with its unit, e.g. `{ "value": 15, "unit": "min" }`. */
export const durationSchema = z.strictObject({
  value: z.number().min(0).max(1e9),
  unit: timeUnitSchema,
});
export type Duration = z.infer<typeof durationSchema>;

/** Converts a duration to minutes, the simulator's clock unit. */
export function toMinutes(duration: Duration): number {
  return duration.value * minutesPerUnit[duration.unit];
}

/** Builds a duration, e.g. `duration(2, 'h')`. */
export function duration(value: number, unit: TimeUnit): Duration {
  return { value, unit };
}

/** Human text for a duration in minutes, choosing the unit a planner would say ("2.5 h", "40 s"). */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) return String(minutes);
  const abs = Math.abs(minutes);
  if (abs >= 2880) return `${round3(minutes / 1440)} d`;
  if (abs >= 120) return `${round3(minutes / 60)} h`;
  if (abs >= 1 || abs === 0) return `${round3(minutes)} min`;
  return `${round3(minutes * 60)} s`;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Parses "30d", "12 h", "90min", "45s" (used by the CLI's --horizon and by tests). */
export function parseDurationText(text: string): Duration | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|min|h|d)\s*$/.exec(text);
  if (!match) return undefined;
  return { value: Number(match[1]), unit: match[2] as TimeUnit };
}
