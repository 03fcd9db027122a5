import { describe, expect, it } from 'vitest';
import { applyVariant } from '../../models';
import { compareRows, kpiDefinitions, largestChanges, nodeDeltas, pairValues, verdictOf, type Candidate, type CandidateRun } from '../../renderer/compare/compareRows';
import type { ReplicationResult } from '../../renderer/simulation/report';
import { branchingModelInput, buildModel, simulate } from './helpers';

const model = buildModel(branchingModelInput);
const variantModel = applyVariant(model, 'more-analysts').model;
if (!variantModel) throw new Error('variant does not apply');

function run(candidate: Candidate, m = candidate.model): CandidateRun {
  const { report, results } = simulate(m, { replications: 5, seed: 11, days: 3 });
  return { candidate, report, results };
}

const base = run({ key: 'open:base', label: 'Base', model, variantId: null, source: 'open-model' });
const more = run({ key: 'open:more-analysts', label: 'Two analysts', model, variantId: 'more-analysts', source: 'open-model' }, variantModel);
const same = run({ key: 'open:base-again', label: 'Base again', model, variantId: null, source: 'open-model' });

describe('pairing replications (common random numbers)', () => {
  it('pairs by replication index, whatever the order', () => {
    const shuffled = [...more.results].reverse();
    const pairs = pairValues(base.results, shuffled, (r) => r.throughputPerDay);
    expect(pairs.a).toEqual(base.results.map((r) => r.throughputPerDay));
    expect(pairs.b).toEqual(more.results.map((r) => r.throughputPerDay));
  });
  it('drops pairs where either side was not measured or did not finish', () => {
    const broken: ReplicationResult[] = more.results.map((r, i) => (i === 1 ? { ...r, status: 'unstable' } : r));
    const pairs = pairValues(base.results, broken, (r) => (r.replication === 2 ? null : r.throughputPerDay));
    expect(pairs.a.length).toBe(3);
  });
});

describe('the comparison table', () => {
  const rows = compareRows(base, [more, same]);

  it('has a row per KPI, including each SLA, and a cell per compared variant', () => {
    expect(rows.map((r) => r.id)).toEqual(kpiDefinitions(base.report, model).map((d) => d.id));
    expect(rows.map((r) => r.id)).toContain('sla-book');
    for (const row of rows) expect(row.cells).toHaveLength(2);
  });
  it('finds no difference between two runs of the same model with the same seed', () => {
    for (const row of rows) {
      const cell = row.cells[1];
      expect(cell.verdict === 'no-difference' || cell.verdict === 'too-few').toBe(true);
    }
  });
  it('detects that a second analyst shortens cycle time significantly, and that it costs more', () => {
    const cycle = rows.find((r) => r.id === 'cycle-mean')?.cells[0];
    expect(cycle?.verdict).toBe('better');
    expect(cycle?.verdictText).toBe('Significantly better');
    expect(cycle?.paired?.ciHigh).toBeLessThan(0);
    expect(cycle?.delta).toMatch(/^−[\d.]+ min$/);
    expect(cycle?.deltaInterval).toMatch(/^\[−[\d.]+ min, −[\d.]+ min\]$/);
    expect(rows.find((r) => r.id === 'cost')?.cells[0].verdict).toBe('worse');
    expect(rows.find((r) => r.id === 'sla-book')?.cells[0].verdict).toBe('better');
  });
  it('says how many replications might settle an undecided difference', () => {
    const throughput = rows.find((r) => r.id === 'throughput')?.cells[0];
    expect(throughput?.verdict).toBe('not-significant');
    expect(throughput?.suggestion).toMatch(/^about \d+ replications might decide it$/);
  });
  it('reads the direction of a KPI when judging a significant change', () => {
    const paired = { verdict: 'significant', meanDifference: -3 } as Parameters<typeof verdictOf>[0];
    expect(verdictOf(paired, false)).toBe('better');
    expect(verdictOf(paired, true)).toBe('worse');
    expect(verdictOf({ ...paired, verdict: 'undecided' }, true)).toBe('not-significant');
  });
});

describe('the delta heat map', () => {
  it('gives each step of the compared model its change in mean queue wait', () => {
    const deltas = nodeDeltas(base, more);
    const review = deltas.nodes.get('review');
    expect(review?.status).toBe('changed');
    const wait = (r: CandidateRun) => r.report.nodes.find((n) => n.nodeId === 'review')?.queueWaitMean.mean ?? NaN;
    // The paired mean difference equals the difference of the means when every replication measured a wait.
    expect(review?.deltaMinutes).toBeCloseTo(wait(more) - wait(base), 6);
    expect(review?.deltaMinutes).toBeLessThan(0);
    expect(deltas.maxAbsMinutes).toBeGreaterThanOrEqual(Math.abs(review?.deltaMinutes ?? 0));
    // A round number in the legend's unit: 1, 2, 2.5 or 5 times a power of ten minutes here.
    expect([1, 2, 2.5, 5].map((m) => m * 10 ** Math.floor(Math.log10(deltas.maxAbsMinutes)))).toContainEqual(deltas.maxAbsMinutes);
    expect(deltas.removed).toEqual([]);
    const top = largestChanges(deltas, 2);
    expect(top.length).toBeLessThanOrEqual(2);
    expect(Math.abs(top[0].deltaMinutes ?? 0)).toBe(Math.max(...[...deltas.nodes.values()].map((d) => Math.abs(d.deltaMinutes ?? 0))));
  });
  it('marks steps only the compared model has, and lists steps it dropped', () => {
    const trimmed = buildModel({
      ...branchingModelInput,
      nodes: [
        { id: 'orders', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 10 } },
        { id: 'auto', kind: 'delay', name: 'Automated entry', duration: { kind: 'constant', value: 1, unit: 'min' } },
        { id: 'done', kind: 'end', name: 'Booked' },
      ],
      edges: [
        { id: 'e1', from: 'orders', to: 'auto' },
        { id: 'e2', from: 'auto', to: 'done' },
      ],
      pools: [],
      variants: [],
    });
    const other = run({ key: 'scenario:x:base', label: 'Automated', model: trimmed, variantId: null, source: 'scenario' });
    const deltas = nodeDeltas(base, other);
    expect(deltas.nodes.get('auto')?.status).toBe('new');
    expect(deltas.nodes.get('auto')?.deltaMinutes).toBeNull();
    expect(deltas.removed.map((r) => r.nodeId).sort()).toEqual(['check', 'entry', 'fix', 'review']);
  });
});
