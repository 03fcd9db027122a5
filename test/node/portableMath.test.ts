import { describe, expect, it } from 'vitest';
import { portableExp, portableLog, portablePow } from '../../simulator/core/portableMath';
import { portableMathArguments } from './helpers';

/** Distance in units in the last place between two positive finite doubles. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8)));
}

describe('portable log/exp/pow (same bits on every engine)', () => {
  const { logArgs, expArgs, powArgs } = portableMathArguments(100_000);

  it('log and exp are within 1 ulp of the host Math (and in V8 11.x Node, identical: the same fdlibm)', () => {
    let worst = 0;
    for (const x of logArgs) {
      const ours = portableLog(x);
      const host = Math.log(x);
      worst = Math.max(worst, ours === host ? 0 : ulps(Math.abs(ours), Math.abs(host)));
    }
    for (const x of expArgs) {
      const ours = portableExp(x);
      const host = Math.exp(x);
      if (host === 0 || !Number.isFinite(host)) expect(ours).toBe(host);
      else worst = Math.max(worst, ulps(ours, host));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('handles the special values like Math', () => {
    for (const x of [0, -0, -1, Infinity, -Infinity, NaN, 1, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, Math.E])
      expect(Object.is(portableLog(x), Math.log(x))).toBe(true);
    for (const x of [0, -0, Infinity, -Infinity, NaN, 1, 709.78, 709.79, -745.13, -745.14, 1e-30, -1e-30])
      expect(Object.is(portableExp(x), Math.exp(x))).toBe(true);
    expect(portableLog(Math.E)).toBe(1);
    expect(portableExp(1)).toBe(Math.E);
  });

  it('pow is exp(y log x) with a relative error far below 1e-13', () => {
    let worst = 0;
    for (const [x, y] of powArgs) worst = Math.max(worst, Math.abs(portablePow(x, y) / Math.pow(x, y) - 1));
    expect(worst).toBeLessThan(1e-13);
    expect(portablePow(0, 2)).toBe(0);
    expect(portablePow(0, -1)).toBe(Infinity);
    expect(portablePow(5, 0)).toBe(1);
    expect(portablePow(-2, 0.5)).toBeNaN();
  });
});
