import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel, loadModelText, type LoadResult } from '../../models';

const minimal = JSON.parse(readFileSync(new URL('../fixtures/minimal.flowcast.json', import.meta.url), 'utf8')) as unknown;
const fulfilment = JSON.parse(readFileSync(new URL('../fixtures/fulfilment.flowcast.json', import.meta.url), 'utf8')) as unknown;

/** `nodes[4].duration.sd`, `run.horizon`, `__proto__`, or '' for the document itself. */
const pathPattern = /^$|^[A-Za-z_$][\w$-]*(\[\d+\]|\.[A-Za-z_$][\w$-]*)*( \([\w-]+\): [\w$.[\]-]*)?$/;

function expectWellFormed(result: LoadResult): void {
  for (const finding of result.findings) {
    expect(['error', 'warning', 'info']).toContain(finding.severity);
    expect(finding.message.length).toBeGreaterThan(0);
    expect(finding.code).toMatch(/^[a-z-]+$/);
    expect(finding.path).toMatch(pathPattern);
  }
  const hasError = result.findings.some((f) => f.severity === 'error');
  expect(result.model === undefined).toBe(hasError);
}

/** Replaces the value at one random place of a JSON document with a random JSON value. */
function mutate(document: unknown, pathChoices: number[], replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(document)) as unknown;
  let parent: unknown = null;
  let key: string | number | null = null;
  let current: unknown = copy;
  for (const choice of pathChoices) {
    if (typeof current !== 'object' || current === null) break;
    const keys = Array.isArray(current) ? current.map((_, i) => i) : Object.keys(current);
    if (keys.length === 0) break;
    parent = current;
    key = keys[choice % keys.length];
    current = (current as Record<string | number, unknown>)[key];
  }
  if (parent === null || key === null) return replacement;
  (parent as Record<string | number, unknown>)[key] = replacement;
  return copy;
}

const hostileValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, 1.3, 0, 1e308, '', '__proto__', null, [], {}),
  fc.constant(JSON.parse('{"__proto__": {"polluted": 1}}') as unknown),
);

describe('the loader never throws and always explains itself', () => {
  it('random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = loadModel(value);
        expectWellFormed(result);
        expect(result.model).toBeUndefined();
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => expectWellFormed(loadModelText(text))),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it('a valid model with one value replaced anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), hostileValue, (pathChoices, replacement) => {
        const result = loadModel(mutate(minimal, pathChoices, replacement));
        expectWellFormed(result);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });

  it('the fulfilment model (stock, sourcing, credit, customers, variants) with one value replaced or deleted anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.oneof(hostileValue, fc.constant(undefined)), (pathChoices, replacement) => {
        expectWellFormed(loadModel(mutate(fulfilment, pathChoices, replacement)));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });

  it('a valid model with keys deleted or added', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.string({ maxLength: 12 }), (pathChoices, extraKey) => {
        const target = mutate(minimal, pathChoices, undefined);
        expectWellFormed(loadModel(target));
        const withKey = JSON.parse(JSON.stringify(minimal)) as Record<string, unknown>;
        withKey[extraKey] = 1;
        const result = loadModel(withKey);
        expectWellFormed(result);
        if (!['formatVersion', 'metadata', 'run', 'sites', 'nodes', 'edges'].includes(extraKey) && extraKey !== '$schema') {
          expect(result.model).toBeUndefined();
        }
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });
});
