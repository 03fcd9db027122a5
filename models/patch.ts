/**
 * Deep-merge patches, used by per-site overrides and scenario variants: plain objects merge key by key,
 * arrays and other values replace. Keys that could reach an object's prototype are refused.
 */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns a new value: `base` with `patch` merged in. Neither argument is changed. */
export function deepMerge<T>(base: T, patch: Record<string, unknown>): T {
  if (!isPlainObject(base)) return cloneJson(patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(patch)) {
    if (forbiddenKeys.has(key)) continue;
    const value = patch[key];
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key], value) : cloneJson(value);
  }
  return out as T;
}

/** Deep copy of JSON data (the model is plain JSON; no dates, maps or cycles). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = cloneJson(value[key]);
    return out as T;
  }
  return value;
}
