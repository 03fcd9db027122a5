import { describe, expect, it } from 'vitest';
import { breakdown } from '../../renderer/results/breakdown';
import { branchingModelInput, buildModel, simulate } from './helpers';

describe('sites and outcomes', () => {
  const model = buildModel({
    ...branchingModelInput,
    sites: [
      { id: 'north', name: 'North DC', volumeShare: 3 },
      { id: 'south', name: 'South DC', volumeShare: 1 },
    ],
  });
  const { report } = simulate(model, { days: 3 });
  const { sites, outcomes } = breakdown(report, model);

  it('names the sites from the model, largest share first', () => {
    expect(sites.map((s) => s.label)).toEqual(['North DC', 'South DC']);
    expect(sites[0].share.value).toMatch(/%$/);
    expect(sites[0].p90.value).toMatch(/ (s|min|h|d)$/);
  });
  it('lists each outcome that occurred, largest share first', () => {
    expect(outcomes.map((o) => o.key).sort()).toEqual(report.outcomes.map((o) => o.key).sort());
    const shares = outcomes.map((o) => report.outcomes.find((x) => x.key === o.key)?.share.mean ?? 0);
    for (let i = 1; i < shares.length; i++) expect(shares[i - 1]).toBeGreaterThanOrEqual(shares[i]);
    expect(outcomes[0].label).toBe('Fulfilled');
  });
});
