/**
 * Parameters an experiment can vary, and how a value is written into a model. A parameter is named by a short
 * path a planner can type on a command line:
 *
 * | parameter                          | what it sets                                                               |
 * |------------------------------------|----------------------------------------------------------------------------|
 * | `volume`                           | a multiplier of every source's volume (1 = the model as written)           |
 * | `pool.ID.capacity`                 | the pool's capacity (per site for site-scoped pools)                       |
 * | `pool.ID@SITE.capacity`            | the capacity of a site-scoped pool at one site (a site override)           |
 * | `system.ID.concurrency`            | calls the system serves at once                                            |
 * | `system.ID.failureProbability`     | the failure share of every integration step calling the system (the API)   |
 * | `site.ID.share`                    | the site's volume share                                                    |
 * | `node.ID.PATH`                     | any number of a step, e.g. `node.credit.failureProbability`; a duration    |
 * |                                    | (`node.sync.batch.interval`, `node.waves.every`) takes minutes              |
 *
 * Every patched model is validated again, so an impossible value (a probability of 1.3) fails with its name.
 */
import { cloneJson, isPlainObject, loadModel, minutesPerUnit, resolveSite, type TimeUnit, type Workflow } from '../../models';

/** An experiment's input error: names the parameter (or shock, or resource) and says what to write instead. */
export class ExperimentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExperimentError';
  }
}

/** What a parameter is, for labels and axes. */
export interface ParameterInfo {
  id: string;
  /** Plain label, e.g. `Credit analysts capacity`. */
  label: string;
  /** `x` for multipliers, `people`, `calls`, `share`, `min`. */
  unit: string;
  /** Values must be whole numbers (capacities). */
  integer: boolean;
  /** The value in the model as written (for `volume`: 1). */
  current: number;
}

interface ParsedParameter {
  kind: 'volume' | 'pool-capacity' | 'system-concurrency' | 'system-failure' | 'site-share' | 'node-path';
  id?: string;
  site?: string;
  path?: string[];
}

function parseParameter(model: Workflow, parameter: string): ParsedParameter {
  if (parameter === 'volume') return { kind: 'volume' };
  const match = /^(pool|system|site|node)\.([A-Za-z][A-Za-z0-9_-]*)(?:@([A-Za-z][A-Za-z0-9_-]*))?\.(.+)$/.exec(parameter);
  if (!match) throw new ExperimentError(`Unknown parameter "${parameter}"; write volume, pool.ID.capacity, pool.ID@SITE.capacity, system.ID.concurrency, system.ID.failureProbability, site.ID.share or node.ID.PATH.`);
  const [, target, id, site, rest] = match;
  const exists = (list: ReadonlyArray<{ id: string }>, what: string) => {
    if (!list.some((x) => x.id === id)) throw new ExperimentError(`Parameter "${parameter}": the model has no ${what} "${id}" (it has ${list.map((x) => x.id).join(', ') || 'none'}).`);
  };
  if (site !== undefined && target !== 'pool') throw new ExperimentError(`Parameter "${parameter}": "@SITE" is only for pool capacities.`);
  switch (target) {
    case 'pool':
      exists(model.pools, 'pool');
      if (rest !== 'capacity') throw new ExperimentError(`Parameter "${parameter}": pools vary by capacity only (pool.${id}.capacity).`);
      if (site !== undefined) exists(model.sites, 'site');
      return { kind: 'pool-capacity', id, site };
    case 'system':
      exists(model.systems, 'system');
      if (rest === 'concurrency') return { kind: 'system-concurrency', id };
      if (rest === 'failureProbability') {
        if (!model.nodes.some((n) => n.kind === 'integration' && n.system === id)) throw new ExperimentError(`Parameter "${parameter}": no integration step calls system "${id}".`);
        return { kind: 'system-failure', id };
      }
      throw new ExperimentError(`Parameter "${parameter}": systems vary by concurrency or failureProbability.`);
    case 'site':
      exists(model.sites, 'site');
      if (rest !== 'share') throw new ExperimentError(`Parameter "${parameter}": sites vary by share only (site.${id}.share).`);
      return { kind: 'site-share', id };
    default: {
      exists(model.nodes, 'node');
      const path = rest.split('.');
      const node = model.nodes.find((n) => n.id === id) as unknown as Record<string, unknown>;
      const current = readPath(node, path);
      if (typeof current !== 'number' && !isDuration(current)) throw new ExperimentError(`Parameter "${parameter}": node "${id}" has no number or duration at "${rest}".`);
      return { kind: 'node-path', id, path };
    }
  }
}

function readPath(value: unknown, path: readonly string[]): unknown {
  let at = value;
  for (const key of path) {
    if (!isPlainObject(at)) return undefined;
    at = at[key];
  }
  return at;
}

function isDuration(value: unknown): value is { value: number; unit: TimeUnit } {
  return isPlainObject(value) && typeof value.value === 'number' && typeof value.unit === 'string' && value.unit in minutesPerUnit;
}

/**
 * Describes a parameter of a model (label, unit, current value); throws `ExperimentError` naming it when unknown.
 * @example describeParameter(model, 'pool.analysts.capacity').current // 3
 */
export function describeParameter(model: Workflow, parameter: string): ParameterInfo {
  const p = parseParameter(model, parameter);
  const name = (list: ReadonlyArray<{ id: string; name: string }>) => list.find((x) => x.id === p.id)?.name ?? String(p.id);
  switch (p.kind) {
    case 'volume':
      return { id: parameter, label: 'Volume multiplier', unit: 'x', integer: false, current: 1 };
    case 'pool-capacity': {
      const site = p.site;
      const pool = (site === undefined ? model : resolveSite(model, site)).pools.find((x) => x.id === p.id);
      return { id: parameter, label: `${name(model.pools)}${site ? ` at ${name2(model.sites, site)}` : ''} capacity`, unit: 'people', integer: true, current: pool?.capacity ?? 0 };
    }
    case 'system-concurrency':
      return { id: parameter, label: `${name(model.systems)} concurrency`, unit: 'calls', integer: true, current: model.systems.find((s) => s.id === p.id)?.concurrency ?? 0 };
    case 'system-failure': {
      const first = model.nodes.find((n) => n.kind === 'integration' && n.system === p.id);
      return { id: parameter, label: `${name(model.systems)} failure rate`, unit: 'share', integer: false, current: first && first.kind === 'integration' ? first.failureProbability : 0 };
    }
    case 'site-share':
      return { id: parameter, label: `${name(model.sites)} volume share`, unit: 'share', integer: false, current: model.sites.find((s) => s.id === p.id)?.volumeShare ?? 0 };
    case 'node-path': {
      const node = model.nodes.find((n) => n.id === p.id) as unknown as Record<string, unknown>;
      const value = readPath(node, p.path ?? []);
      const current = isDuration(value) ? value.value * minutesPerUnit[value.unit] : (value as number);
      return { id: parameter, label: `${name(model.nodes)} ${(p.path ?? []).join('.')}`, unit: isDuration(value) ? 'min' : '', integer: false, current };
    }
  }
}

function name2(list: ReadonlyArray<{ id: string; name: string }>, id: string): string {
  return list.find((x) => x.id === id)?.name ?? id;
}

/**
 * Returns a copy of `model` with `parameter` set to `value` (not validated; see `applyParameters`).
 * @example setParameter(model, 'volume', 1.5)
 */
export function setParameter(model: Workflow, parameter: string, value: number): Workflow {
  const p = parseParameter(model, parameter);
  if (!Number.isFinite(value)) throw new ExperimentError(`Parameter "${parameter}": ${value} is not a number.`);
  const out = cloneJson(model);
  switch (p.kind) {
    case 'volume':
      if (value < 0) throw new ExperimentError(`Parameter "volume": the multiplier must be >= 0 (got ${value}).`);
      for (const node of out.nodes) if (node.kind === 'source') node.arrivals.volumeMultiplier = roundClean(node.arrivals.volumeMultiplier * value);
      return out;
    case 'pool-capacity':
      return withPoolCapacity(out, p.id as string, p.site ?? null, value);
    case 'system-concurrency': {
      const system = out.systems.find((s) => s.id === p.id);
      if (system) system.concurrency = value;
      return out;
    }
    case 'system-failure':
      for (const node of out.nodes) if (node.kind === 'integration' && node.system === p.id) node.failureProbability = value;
      return out;
    case 'site-share': {
      const site = out.sites.find((s) => s.id === p.id);
      if (site) site.volumeShare = value;
      return out;
    }
    case 'node-path': {
      const node = out.nodes.find((n) => n.id === p.id) as unknown as Record<string, unknown>;
      const path = p.path ?? [];
      const parent = readPath(node, path.slice(0, -1)) as Record<string, unknown>;
      const key = path[path.length - 1];
      const current = parent[key];
      parent[key] = isDuration(current) ? { value: roundClean(value / minutesPerUnit[current.unit]), unit: current.unit } : value;
      return out;
    }
  }
}

/** Removes float noise from products like 1.1 x 3 so that labels and patches read cleanly. */
function roundClean(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * Sets a pool's capacity: the pool itself, or one site's override for a site-scoped pool. Returns `model` changed
 * in place (callers pass a copy).
 */
export function withPoolCapacity(model: Workflow, poolId: string, siteId: string | null, capacity: number): Workflow {
  if (siteId === null) {
    const pool = model.pools.find((x) => x.id === poolId);
    if (pool) pool.capacity = capacity;
    return model;
  }
  const site = model.sites.find((s) => s.id === siteId);
  if (!site) return model;
  const existing = site.overrides.find((o) => o.target === 'pool' && o.id === poolId);
  if (existing) existing.set = { ...existing.set, capacity };
  else site.overrides.push({ target: 'pool', id: poolId, set: { capacity } });
  return model;
}

/**
 * Applies several parameter values and validates the result like a loaded file; throws `ExperimentError` naming
 * the values when the model is no longer valid.
 */
export function applyParameters(model: Workflow, values: ReadonlyArray<{ parameter: string; value: number }>): Workflow {
  let out = model;
  for (const { parameter, value } of values) {
    const info = describeParameter(model, parameter);
    if (info.integer && !Number.isInteger(value)) throw new ExperimentError(`Parameter "${parameter}" takes whole numbers (got ${value}).`);
    out = setParameter(out, parameter, value);
  }
  return validated(out, values.map((v) => `${v.parameter} = ${v.value}`).join(', '));
}

/** Validates a changed model; `what` says which change, for the message. */
export function validated(model: Workflow, what: string): Workflow {
  const result = loadModel(model);
  if (!result.model) {
    const errors = result.findings.filter((f) => f.severity === 'error').slice(0, 3);
    throw new ExperimentError(`With ${what} the model is not valid: ${errors.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  }
  return result.model;
}

/**
 * Parses a list of values: "1,2,3" or a range "FROM:TO:STEP" (inclusive, with float noise removed). Durations
 * ("15min", "1h") are read as minutes.
 * @example parseValues('0.8:1.2:0.1') // [0.8, 0.9, 1, 1.1, 1.2]
 */
export function parseValues(text: string): number[] {
  const number = (s: string): number => {
    const t = s.trim();
    const duration = /^(\d+(?:\.\d+)?)\s*(s|min|h|d)$/.exec(t);
    if (duration) return Number(duration[1]) * minutesPerUnit[duration[2] as TimeUnit];
    if (!/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(t)) throw new ExperimentError(`"${s}" is not a number (values are like 1,2,3, 0.8:1.2:0.1 or 15min,30min).`);
    return Number(t);
  };
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length !== 3) throw new ExperimentError(`The range "${text}" needs FROM:TO:STEP, e.g. 0.8:1.6:0.1.`);
    const [from, to, step] = parts.map(number);
    if (!(step > 0)) throw new ExperimentError(`The range "${text}" needs a step > 0.`);
    if (to < from) throw new ExperimentError(`The range "${text}" ends before it starts.`);
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > 10_000) throw new ExperimentError(`The range "${text}" has ${count} values; at most 10,000.`);
    return Array.from({ length: count }, (_, i) => roundClean(from + i * step));
  }
  const values = text.split(',').map(number);
  if (values.length === 0) throw new ExperimentError('Give at least one value.');
  return values;
}
