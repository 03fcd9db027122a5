import { describe, expect, it } from 'vitest';
import { kpiCards, slaStanding } from '../../renderer/results/kpis';
import type { SlaReport } from '../../renderer/simulation/report';
import { branchingModelInput, buildModel, simulate } from './helpers';

const sla = (mean: number | null, low: number | null, high: number | null, goal = 0.9): SlaReport => ({
  slaId: 's',
  name: 'S',
  targetMinutes: 60,
  goal,
  attainment: { mean, sd: null, halfWidth: low === null || high === null || mean === null ? null : (high - low) / 2, low, high, n: 5 },
  meetsGoal: mean === null ? null : mean >= goal,
});

describe('slaStanding', () => {
  it('meets only when the whole interval reaches the goal', () => {
    expect(slaStanding(sla(0.95, 0.92, 0.98))).toBe('meets');
    expect(slaStanding(sla(0.91, 0.89, 0.93))).toBe('uncertain');
    expect(slaStanding(sla(0.8, 0.75, 0.85))).toBe('misses');
  });
  it('uses the mean alone without an interval, and says when nothing was measured', () => {
    expect(slaStanding(sla(0.95, null, null))).toBe('meets');
    expect(slaStanding(sla(0.85, null, null))).toBe('misses');
    expect(slaStanding(sla(null, null, null))).toBe('unknown');
  });
});

describe('kpiCards from a real run', () => {
  const model = buildModel(branchingModelInput);
  const { report } = simulate(model);
  const cards = kpiCards(report);

  it('lists throughput, cycle time p50/p90, WIP, cost and each SLA in that order', () => {
    expect(cards.map((c) => c.id)).toEqual(['throughput', 'cycle-p50', 'cycle-p90', 'wip', 'cost', 'sla-book']);
  });
  it('shows each figure with its 95% interval in the right unit', () => {
    const throughput = cards[0];
    expect(throughput.mean).toBeCloseTo(report.throughputPerDay.mean ?? NaN, 9);
    expect(throughput.value).toMatch(/^[\d,.]+$/);
    expect(throughput.unit).toBe('orders/day');
    expect(throughput.interval).toMatch(/^± [\d,.]+$/);
    expect(cards[1].value).toMatch(/ (s|min|h|d)$/);
    expect(cards[4].value).toMatch(/^USD /);
    const slaCard = cards[5];
    expect(slaCard.value).toMatch(/%$/);
    expect(slaCard.interval).toMatch(/pp$/);
    expect(slaCard.label).toBe('Booked within 1 h');
    expect(slaCard.detail).toMatch(/^(meets|misses|too close to call:) goal 90% ≤ 60 min$/);
    expect(slaCard.standing).toBe(slaStanding(report.slas[0]));
  });
  it('lists the cost per order by part in the cost card tooltip', () => {
    const cost = cards.find((c) => c.id === 'cost');
    expect(cost?.help).toMatch(/Per order: labour USD [\d.,]+/);
  });
  it('writes a dash, not a zero, for what was not measured', () => {
    const empty = { ...report, costPerOrder: { mean: null, sd: null, halfWidth: null, low: null, high: null, n: 0 } };
    const cost = kpiCards(empty).find((c) => c.id === 'cost');
    expect(cost?.value).toBe('–');
    expect(cost?.interval).toBe('');
  });
});
