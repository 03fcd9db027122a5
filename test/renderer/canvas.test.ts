import { describe, expect, it } from 'vitest';
import { distributionMoments, timeDistributionSchema } from '../../models';
import { nodeSummary, roundNice } from '../../renderer/canvas/nodeSummary';
import { createEdgeMapper, createNodeMapper, edgeLabel } from '../../renderer/canvas/toFlow';
import { convertDistribution } from '../../renderer/panels/DistributionEditor';
import { numberProblem } from '../../renderer/panels/fields';
import type { DocEdge, DocNode } from '../../renderer/state/documentOps';

const activity: DocNode = {
  id: 'pick',
  kind: 'activity',
  name: 'Pick',
  pool: 'pickers',
  quantity: 2,
  duration: { kind: 'lognormal', mean: 0.5, sd: 0.25, unit: 'min' },
  durationPer: 'line',
  failureProbability: 0.007,
  queue: { discipline: 'fifo', capacity: 40 },
};

describe('what a node shows', () => {
  it('summarises pool and quantity, mean duration, failure rate and queue limit', () => {
    expect(nodeSummary(activity, { pool: 'Pickers' })).toEqual(['Pickers × 2', 'mean 0.5 min per line', 'fails 0.7% · queue ≤ 40']);
  });

  it('summarises a batch system call, a wave and a source', () => {
    const call: DocNode = { id: 'sync', kind: 'integration', name: 'Sync', system: 'mw', mode: 'batch', batch: { interval: { value: 15, unit: 'min' } }, latency: { kind: 'constant', value: 2, unit: 's' }, retry: { maxAttempts: 3 } };
    expect(nodeSummary(call)).toEqual(['mw · mean 2 s', 'batch every 15 min · 3 tries']);
    expect(nodeSummary({ id: 'w', kind: 'batch', name: 'Wave', every: { value: 2, unit: 'h' }, atCount: 50 })).toEqual(['every 2 h or at 50 orders']);
    expect(nodeSummary({ id: 's', kind: 'source', name: 'S', arrivals: { ratePerHour: 12.5, volumeMultiplier: 1.5 } })).toEqual(['12.5 orders/h × 1.5']);
  });

  it('shows "?" for a distribution that is not valid yet instead of failing', () => {
    const broken = { ...activity, duration: { kind: 'lognormal', mean: -1, unit: 'min' } } as unknown as DocNode;
    expect(nodeSummary(broken)[1]).toBe('mean ? per line');
    expect(roundNice(1234.567)).toBe('1235');
    expect(roundNice(0.012345)).toBe('0.012');
  });

  it('labels edges by kind: probability, condition, otherwise, error paths', () => {
    const e = (extra: Partial<DocEdge>): DocEdge => ({ id: 'e', from: 'a', to: 'b', ...extra });
    expect(edgeLabel(e({ kind: 'branch', probability: 0.355 }))).toBe('35.5%');
    expect(edgeLabel(e({ kind: 'branch', label: 'hands-free', probability: 0.65 }))).toBe('hands-free 65%');
    expect(edgeLabel(e({ kind: 'branch', condition: { attribute: 'channel', op: 'in', value: ['edi', 'portal'] } }))).toBe('channel in edi, portal');
    expect(edgeLabel(e({ kind: 'branch', otherwise: true }))).toBe('otherwise');
    expect(edgeLabel(e({ kind: 'deadLetter' }))).toBe('dead letter');
    expect(edgeLabel(e({}))).toBeUndefined();
  });
});

describe('document to canvas mapping', () => {
  it('reuses the React Flow node object of a node that did not change (so memoised nodes do not re-render)', () => {
    const map = createNodeMapper();
    const other: DocNode = { id: 'done', kind: 'end', name: 'Done', position: { x: 300, y: 0 } };
    const a = { ...activity, position: { x: 0, y: 0 } };
    const first = map([a, other], new Set(), null, new Map(), () => ({ x: 0, y: 0 }));
    const dragged = map([a, other], new Set(), new Map([['pick', { x: 40, y: 10 }]]), new Map(), () => ({ x: 0, y: 0 }));
    expect(dragged[1]).toBe(first[1]);
    expect(dragged[0]).not.toBe(first[0]);
    expect(dragged[0].position).toEqual({ x: 40, y: 10 });
    expect(dragged[0].data).toBe(first[0].data);
    const selected = map([a, other], new Set(['done']), null, new Map(), () => ({ x: 0, y: 0 }));
    expect(selected[0].position).toEqual({ x: 0, y: 0 });
    expect(selected[1].selected).toBe(true);
    const size = { width: 184, height: 70 };
    const measured = map([a, other], new Set(['done']), null, new Map([['pick', size]]), () => ({ x: 0, y: 0 }));
    expect(measured[0].measured).toBe(size);
    expect(measured[1]).toBe(selected[1]);
  });

  it('draws each edge from the handle of its kind', () => {
    const map = createEdgeMapper();
    const [next, error, dl] = map(
      [
        { id: 'e1', from: 'a', to: 'b' },
        { id: 'e2', from: 'a', to: 'c', kind: 'error' },
        { id: 'e3', from: 'x', to: 'c', kind: 'deadLetter' },
      ],
      new Set(['e2']),
    );
    expect([next.sourceHandle, error.sourceHandle, dl.sourceHandle]).toEqual(['out', 'error', 'deadLetter']);
    expect(error.selected).toBe(true);
    expect(next.targetHandle).toBe('in');
  });
});

describe('inspector input', () => {
  it('keeps the mean (and spread where it can) when the distribution kind changes', () => {
    const from = { kind: 'lognormal', mean: 6, sd: 4, unit: 'min' };
    for (const kind of ['constant', 'uniform', 'triangular', 'exponential', 'normal', 'gamma', 'erlang', 'weibull', 'empirical'] as const) {
      const converted = timeDistributionSchema.parse(convertDistribution(from, kind, true));
      expect(converted.unit).toBe('min');
      const { mean } = distributionMoments(converted);
      expect(Math.abs(mean - 6), kind).toBeLessThan(kind === 'uniform' || kind === 'triangular' || kind === 'normal' ? 0.7 : 0.05);
    }
    expect(convertDistribution({ kind: 'constant', value: 3 }, 'gamma', false)).toEqual({ kind: 'gamma', mean: 3, sd: 1.5 });
  });

  it('says what is wrong with a typed number', () => {
    expect(numberProblem('12x', {}, false)).toBe('"12x" is not a number.');
    expect(numberProblem('', {}, false)).toBe('Enter a number.');
    expect(numberProblem('', {}, true)).toBeUndefined();
    expect(numberProblem('2.5', { integer: true }, false)).toBe('Enter a whole number.');
    expect(numberProblem('0', { min: 0, exclusiveMin: true }, false)).toBe('Must be more than 0.');
    expect(numberProblem('101', { max: 100 }, false)).toBe('Must be at most 100.');
    expect(numberProblem(' 7 ', { min: 0, max: 10 }, false)).toBeUndefined();
  });
});
