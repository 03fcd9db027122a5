import { describe, expect, it } from 'vitest';
import { BASE_VARIANT, defaultsFor, parseRunForm } from '../../renderer/simulation/runForm';
import { branchingModelInput, buildModel } from './helpers';

const model = buildModel(branchingModelInput);

describe('run form', () => {
  it('starts from the model\'s own run settings', () => {
    expect(defaultsFor(model)).toEqual({ variantId: BASE_VARIANT, horizon: '3', horizonUnit: 'd', warmupDays: '0.5', replications: '3', seed: '7' });
  });
  it('parses a valid form into minutes', () => {
    const parsed = parseRunForm({ ...defaultsFor(model), horizon: '36', horizonUnit: 'h', variantId: 'more-analysts' }, model);
    expect(parsed).toEqual({ ok: true, variantId: 'more-analysts', horizonMinutes: 36 * 60, warmupMinutes: 720, replications: 3, seed: 7 });
  });
  it('names the field that is wrong', () => {
    const base = defaultsFor(model);
    const field = (patch: Partial<typeof base>) => {
      const r = parseRunForm({ ...base, ...patch }, model);
      return r.ok ? 'ok' : r.field;
    };
    expect(field({ horizon: '0' })).toBe('horizon');
    expect(field({ horizon: 'abc' })).toBe('horizon');
    expect(field({ horizon: '4000' })).toBe('horizon');
    expect(field({ warmupDays: '3' })).toBe('warmupDays');
    expect(field({ warmupDays: '-1' })).toBe('warmupDays');
    expect(field({ replications: '2.5' })).toBe('replications');
    expect(field({ replications: '0' })).toBe('replications');
    expect(field({ seed: '-1' })).toBe('seed');
    expect(field({ seed: String(2 ** 32) })).toBe('seed');
    expect(field({ variantId: 'gone' })).toBe('variantId');
  });
});
