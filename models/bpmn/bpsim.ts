import type { ModdleElement } from 'bpmn-moddle';
import type { TimeDistribution } from '../distributions';
import type { TimeUnit } from '../units';
import { parseIsoDurationMinutes } from './isoDuration';

/**
 * BPSim (Business Process Simulation Interchange Standard 2.0) parameters, read from and written to the
 * `bpsim:BPSimData` extension of a BPMN file. bpmn-moddle keeps elements of an unknown namespace as generic
 * elements (`$type` plus attributes and `$children`), which keeps every BPSim element, including ones Flowcast
 * does not use, so no moddle descriptor is needed to read them; writing uses the same generic elements.
 */
export const bpsimNamespace = 'http://www.bpsim.org/schemas/2.0';
/** BPSim 1.0 files use this namespace; both are read. */
export const bpsimNamespaces = ['http://www.bpsim.org/schemas/1.0', bpsimNamespace];

/** The parameters of one BPMN element in the first BPSim scenario. */
export interface BpsimElementParameters {
  processingTime?: ModdleElement;
  interTriggerTimer?: ModdleElement;
  probability?: ModdleElement;
  quantity?: ModdleElement;
  /** Unit cost (cost per hour of a resource, per visit of an activity). */
  unitCost?: ModdleElement;
}

export interface BpsimScenario {
  /** The unit of every time value; BPSim's default is milliseconds. */
  baseTimeUnit: string;
  baseTimeUnitGiven: boolean;
  byElement: Map<string, BpsimElementParameters>;
}

/** Local name of a generic element type: `bpsim:ProcessingTime` -> `ProcessingTime`. */
export function localName(type: string): string {
  const colon = type.indexOf(':');
  return colon >= 0 ? type.slice(colon + 1) : type;
}

function children(element: ModdleElement | undefined): ModdleElement[] {
  return element?.$children ?? [];
}

function child(element: ModdleElement | undefined, name: string): ModdleElement | undefined {
  return children(element).find((c) => localName(c.$type) === name);
}

/** Finds `BPSimData` elements in any extension-element list given and reads the first scenario. */
export function readBpsim(extensionHolders: readonly ModdleElement[]): BpsimScenario | undefined {
  for (const holder of extensionHolders) {
    const values = (holder.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined;
    for (const value of values ?? []) {
      if (localName(value.$type) !== 'BPSimData') continue;
      const scenario = child(value, 'Scenario');
      if (!scenario) continue;
      const parameters = child(scenario, 'ScenarioParameters');
      const unit = typeof parameters?.baseTimeUnit === 'string' ? parameters.baseTimeUnit : undefined;
      const byElement = new Map<string, BpsimElementParameters>();
      for (const element of children(scenario)) {
        if (localName(element.$type) !== 'ElementParameters' || typeof element.elementRef !== 'string') continue;
        const entry: BpsimElementParameters = byElement.get(element.elementRef) ?? {};
        const time = child(element, 'TimeParameters');
        const control = child(element, 'ControlParameters');
        const resource = child(element, 'ResourceParameters');
        const cost = child(element, 'CostParameters');
        entry.processingTime ??= firstValue(child(time, 'ProcessingTime'));
        entry.interTriggerTimer ??= firstValue(child(control, 'InterTriggerTimer'));
        entry.probability ??= firstValue(child(control, 'Probability'));
        entry.quantity ??= firstValue(child(resource, 'Quantity'));
        entry.unitCost ??= firstValue(child(cost, 'UnitCost'));
        byElement.set(element.elementRef, entry);
      }
      return { baseTimeUnit: unit ?? 'ms', baseTimeUnitGiven: unit !== undefined, byElement };
    }
  }
  return undefined;
}

/** A BPSim parameter holds its value as its first child (a distribution or a constant parameter). */
function firstValue(parameter: ModdleElement | undefined): ModdleElement | undefined {
  return children(parameter)[0];
}

/** Flowcast unit and factor for a BPSim time unit. */
function unitOf(baseTimeUnit: string): { unit: TimeUnit; factor: number } | undefined {
  switch (baseTimeUnit) {
    case 'ms':
      return { unit: 's', factor: 1 / 1000 };
    case 's':
      return { unit: 's', factor: 1 };
    case 'min':
      return { unit: 'min', factor: 1 };
    case 'hour':
      return { unit: 'h', factor: 1 };
    case 'day':
      return { unit: 'd', factor: 1 };
    case 'year':
      return { unit: 'd', factor: 365 };
    default:
      return undefined;
  }
}

function num(element: ModdleElement, name: string): number | undefined {
  const raw = element[name];
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** A plain number from a constant parameter (`NumericParameter`, `FloatingParameter`); undefined otherwise. */
export function bpsimNumber(value: ModdleElement | undefined): number | undefined {
  if (!value) return undefined;
  const name = localName(value.$type);
  if (name === 'NumericParameter' || name === 'FloatingParameter') return num(value, 'value');
  return undefined;
}

/**
 * A BPSim distribution or constant as a Flowcast time distribution, or an error message naming what is wrong.
 * Times are in the scenario's base time unit.
 */
export function bpsimTimeDistribution(value: ModdleElement, baseTimeUnit: string): { distribution: TimeDistribution } | { error: string } {
  const name = localName(value.$type);
  if (name === 'DurationParameter') {
    const text = typeof value.value === 'string' ? value.value : '';
    const parsed = parseIsoDurationMinutes(text);
    if ('error' in parsed) return { error: `BPSim DurationParameter: ${parsed.error}` };
    return { distribution: { kind: 'constant', value: parsed.minutes, unit: 'min' } };
  }
  const base = unitOf(baseTimeUnit);
  if (!base) return { error: `BPSim baseTimeUnit "${baseTimeUnit}" is not one of ms, s, min, hour, day, year` };
  const { unit, factor } = base;
  const req = (field: string): number => {
    const v = num(value, field);
    if (v === undefined) throw new Error(`BPSim ${name} has no numeric "${field}"`);
    return v;
  };
  try {
    switch (name) {
      case 'NumericParameter':
      case 'FloatingParameter':
        return { distribution: { kind: 'constant', value: req('value') * factor, unit } };
      case 'UniformDistribution':
        return { distribution: { kind: 'uniform', min: req('min') * factor, max: req('max') * factor, unit } };
      case 'TriangularDistribution':
        return { distribution: { kind: 'triangular', min: req('min') * factor, mode: req('mode') * factor, max: req('max') * factor, unit } };
      case 'NormalDistribution':
      case 'TruncatedNormalDistribution':
        return { distribution: { kind: 'normal', mean: req('mean') * factor, sd: req('standardDeviation') * factor, unit } };
      case 'LogNormalDistribution':
        return { distribution: { kind: 'lognormal', mean: req('mean') * factor, sd: req('standardDeviation') * factor, unit } };
      case 'ExponentialDistribution':
        return { distribution: { kind: 'exponential', mean: req('mean') * factor, unit } };
      case 'GammaDistribution': {
        const shape = req('shape');
        const scale = req('scale') * factor;
        return { distribution: { kind: 'gamma', mean: shape * scale, sd: Math.sqrt(shape) * scale, unit } };
      }
      case 'ErlangDistribution':
        return { distribution: { kind: 'erlang', k: Math.max(1, Math.round(req('k'))), mean: req('mean') * factor, unit } };
      case 'WeibullDistribution':
        return { distribution: { kind: 'weibull', shape: req('shape'), scale: req('scale') * factor, unit } };
      case 'UserDistribution': {
        const points = children(value).filter((c) => localName(c.$type) === 'UserDistributionDataPoint');
        const values: number[] = [];
        const weights: number[] = [];
        for (const point of points) {
          const v = bpsimNumber(children(point)[0]) ?? num(point, 'value');
          const p = num(point, 'probability');
          if (v === undefined || p === undefined) return { error: 'BPSim UserDistribution has a data point without a value or probability' };
          values.push(v * factor);
          weights.push(p);
        }
        if (values.length === 0) return { error: 'BPSim UserDistribution has no data points' };
        return { distribution: { kind: 'empirical', values, weights, unit } };
      }
      default:
        return { error: `BPSim ${name} is not supported for times (use a constant, uniform, triangular, normal, lognormal, exponential, gamma, erlang, weibull or user distribution)` };
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** A generic element as bpmn-moddle serialises it. */
export interface GenericSpec {
  name: string;
  attributes?: Record<string, string>;
  children?: GenericSpec[];
}

/** The BPSim element for a Flowcast time distribution, with times in minutes (the base unit Flowcast writes). */
export function bpsimDistributionSpec(d: TimeDistribution, minutesPerUnit: number): GenericSpec {
  const t = (x: number) => String(roundTime(x * minutesPerUnit));
  switch (d.kind) {
    case 'constant':
      return { name: 'NumericParameter', attributes: { value: t(d.value) } };
    case 'uniform':
      return { name: 'UniformDistribution', attributes: { min: t(d.min), max: t(d.max) } };
    case 'triangular':
      return { name: 'TriangularDistribution', attributes: { min: t(d.min), mode: t(d.mode), max: t(d.max) } };
    case 'exponential':
      return { name: 'ExponentialDistribution', attributes: { mean: t(d.mean) } };
    case 'normal':
      return { name: 'NormalDistribution', attributes: { mean: t(d.mean), standardDeviation: t(d.sd) } };
    case 'lognormal':
      return { name: 'LogNormalDistribution', attributes: { mean: t(d.mean), standardDeviation: t(d.sd) } };
    case 'gamma': {
      const shape = (d.mean * d.mean) / (d.sd * d.sd);
      return { name: 'GammaDistribution', attributes: { shape: String(roundTime(shape)), scale: t((d.sd * d.sd) / d.mean) } };
    }
    case 'erlang':
      return { name: 'ErlangDistribution', attributes: { mean: t(d.mean), k: String(d.k) } };
    case 'weibull':
      return { name: 'WeibullDistribution', attributes: { shape: String(d.shape), scale: t(d.scale) } };
    case 'empirical': {
      const weights = d.weights ?? d.values.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      return {
        name: 'UserDistribution',
        attributes: { discrete: 'true' },
        children: d.values.map((v, i) => ({
          name: 'UserDistributionDataPoint',
          attributes: { probability: String(roundTime(weights[i] / total)) },
          children: [{ name: 'NumericParameter', attributes: { value: t(v) } }],
        })),
      };
    }
  }
}

function roundTime(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
