/**
 * The run settings shared by the Experiments panels (replications per point, seed, horizon, warm-up), as typed in
 * the form and as checked numbers. Pure, tested headless.
 */
import { limits, toMinutes, type Workflow } from '../../models';

export interface SettingsForm {
  replications: string;
  seed: string;
  horizonDays: string;
  warmupDays: string;
}

export interface ExperimentSettings {
  replications: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
}

const days = (minutes: number) => String(Math.round((minutes / 1440) * 1000) / 1000);

/** The form filled from the model's run block (at least 3 replications: intervals need a few). */
export function initialSettings(model: Workflow): SettingsForm {
  return { replications: String(Math.max(3, Math.min(model.run.replications, 10))), seed: String(model.run.seed), horizonDays: days(toMinutes(model.run.horizon)), warmupDays: days(toMinutes(model.run.warmup)) };
}

/** Checked settings, or a sentence saying what to fix. */
export function parseSettings(form: SettingsForm): ExperimentSettings | string {
  const replications = Number(form.replications);
  const seed = Number(form.seed);
  const horizon = Number(form.horizonDays);
  const warmup = Number(form.warmupDays);
  if (!Number.isInteger(replications) || replications < 2 || replications > limits.replications) return `Replications must be a whole number from 2 to ${limits.replications}: confidence intervals need at least 2.`;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) return 'Seed must be a whole number from 0 to 4294967295.';
  if (!(horizon > 0) || horizon > limits.horizonDays) return `Horizon must be more than 0 and at most ${limits.horizonDays} days.`;
  if (!(warmup >= 0) || warmup >= horizon) return 'Warm-up must be zero or more and shorter than the horizon.';
  return { replications, seed, horizonMinutes: horizon * 1440, warmupMinutes: warmup * 1440 };
}
