/** The run panel's form: defaults from the model's run settings, and parsing with a message per field. Pure. */
import { limits, toMinutes, type Workflow } from '../../models';

export type HorizonUnit = 'h' | 'd';

/** The run form as typed (strings, so half-typed numbers survive). */
export interface FormState {
  variantId: string;
  horizon: string;
  horizonUnit: HorizonUnit;
  warmupDays: string;
  replications: string;
  seed: string;
}

/** The select value of the base model (no variant). */
export const BASE_VARIANT = '';

/** The form filled from the model's own run settings. */
export function defaultsFor(model: Workflow | undefined): FormState {
  if (!model) return { variantId: BASE_VARIANT, horizon: '30', horizonUnit: 'd', warmupDays: '1', replications: '10', seed: '1' };
  const horizonMinutes = toMinutes(model.run.horizon);
  const inDays = horizonMinutes >= 1440 && horizonMinutes % 1440 === 0;
  return {
    variantId: BASE_VARIANT,
    horizon: String(inDays ? horizonMinutes / 1440 : round(horizonMinutes / 60)),
    horizonUnit: inDays ? 'd' : 'h',
    warmupDays: String(round(toMinutes(model.run.warmup) / 1440)),
    replications: String(model.run.replications),
    seed: String(model.run.seed),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Parsed form, or the first problem with it (named after the field). */
export function parseRunForm(form: FormState, model: Workflow | undefined):
  | { ok: true; variantId: string | null; horizonMinutes: number; warmupMinutes: number; replications: number; seed: number }
  | { ok: false; field: keyof FormState; message: string } {
  const horizon = Number(form.horizon);
  const horizonMinutes = horizon * (form.horizonUnit === 'd' ? 1440 : 60);
  if (!(horizon > 0) || !Number.isFinite(horizon)) return { ok: false, field: 'horizon', message: 'Horizon must be a positive number.' };
  if (horizonMinutes > limits.horizonDays * 1440) return { ok: false, field: 'horizon', message: `Horizon may be at most ${limits.horizonDays} days.` };
  const warmup = Number(form.warmupDays);
  if (!(warmup >= 0) || !Number.isFinite(warmup)) return { ok: false, field: 'warmupDays', message: 'Warm-up must be zero or a positive number of days.' };
  const warmupMinutes = warmup * 1440;
  if (warmupMinutes >= horizonMinutes) return { ok: false, field: 'warmupDays', message: 'Warm-up must be shorter than the horizon.' };
  const replications = Number(form.replications);
  if (!Number.isInteger(replications) || replications < 1 || replications > limits.replications)
    return { ok: false, field: 'replications', message: `Replications must be a whole number from 1 to ${limits.replications}.` };
  const seed = Number(form.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) return { ok: false, field: 'seed', message: 'Seed must be a whole number from 0 to 4294967295.' };
  const variantId = form.variantId === BASE_VARIANT ? null : form.variantId;
  if (variantId !== null && !model?.variants.some((v) => v.id === variantId)) return { ok: false, field: 'variantId', message: 'That variant no longer exists.' };
  return { ok: true, variantId, horizonMinutes, warmupMinutes, replications, seed };
}

