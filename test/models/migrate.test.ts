import { describe, expect, it } from 'vitest';
import { migrateDocument, type FormatMigration } from '../../models';

/**
 * The real chain is empty while v1 is the only published format, so the mechanism is proved on a synthetic
 * history: v0 stored durations as bare minutes (`horizonMinutes`), v1 split them into value + unit,
 * v2 renamed `pools` to `teams`.
 */
const syntheticHistory: FormatMigration[] = [
  {
    from: 0,
    name: 'DurationsWithUnits',
    up: (doc) => {
      const { horizonMinutes, ...rest } = doc as { horizonMinutes: number };
      return { ...rest, run: { horizon: { value: horizonMinutes, unit: 'min' } } };
    },
  },
  {
    from: 1,
    name: 'RenamePoolsToTeams',
    up: (doc) => {
      const { pools, ...rest } = doc as { pools: unknown[] };
      return { ...rest, teams: pools };
    },
  },
];

describe('format migrations', () => {
  it('upgrades a synthetic v0 document step by step to v2', () => {
    const v0 = { formatVersion: 0, horizonMinutes: 1440, pools: [{ id: 'a' }] };
    const result = migrateDocument(v0, syntheticHistory, 2);
    expect(result.findings).toEqual([]);
    expect(result.applied).toEqual(['DurationsWithUnits', 'RenamePoolsToTeams']);
    expect(result.document).toEqual({ formatVersion: 2, run: { horizon: { value: 1440, unit: 'min' } }, teams: [{ id: 'a' }] });
    expect(v0).toEqual({ formatVersion: 0, horizonMinutes: 1440, pools: [{ id: 'a' }] });
  });

  it('starts from the document version, not from zero', () => {
    const result = migrateDocument({ formatVersion: 1, pools: [] }, syntheticHistory, 2);
    expect(result.applied).toEqual(['RenamePoolsToTeams']);
  });

  it('reports a gap in the chain and a failing step', () => {
    expect(migrateDocument({ formatVersion: 0 }, [syntheticHistory[1]], 2).findings[0].code).toBe('no-migration');
    const broken: FormatMigration[] = [{ from: 0, name: 'Explodes', up: () => { throw new Error('boom'); } }];
    const result = migrateDocument({ formatVersion: 0 }, broken, 1);
    expect(result.findings[0]).toMatchObject({ code: 'migration-failed' });
    expect(result.findings[0].message).toMatch(/Explodes.*boom/);
  });

  it('leaves a current document as it is', () => {
    const result = migrateDocument({ formatVersion: 2, x: 1 });
    expect(result).toEqual({ document: { formatVersion: 2, x: 1 }, applied: [], findings: [] });
  });

  it('turns a v1 order value into a v2 value per order, and leaves other nodes alone', () => {
    const distribution = { kind: 'lognormal', mean: 1800, sd: 2500 };
    const v1 = { formatVersion: 1, nodes: [{ id: 'in', kind: 'source', orderValue: distribution }, { id: 'out', kind: 'end' }] };
    const result = migrateDocument(v1);
    expect(result.applied).toEqual(['OrderValueBecomesValuePerOrderOrLine']);
    expect(result.document).toEqual({ formatVersion: 2, nodes: [{ id: 'in', kind: 'source', value: { per: 'order', distribution } }, { id: 'out', kind: 'end' }] });
  });
});
