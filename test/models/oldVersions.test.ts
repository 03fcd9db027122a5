import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_FORMAT_VERSION, loadModelText } from '../../models';

const dir = join(__dirname, '..', 'fixtures', 'old-versions');

describe('files of older format versions', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.flowcast.json'));

  it('has a fixture for every older version', () => {
    const versions = new Set(files.map((f) => Number(/^v(\d+)-/.exec(f)?.[1])));
    for (let v = 1; v < CURRENT_FORMAT_VERSION; v++) expect(versions.has(v), `a v${v} fixture`).toBe(true);
  });

  for (const file of files) {
    it(`${file} loads without errors and is migrated to the current version`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const raw = JSON.parse(text) as { nodes: Array<{ kind: string; orderValue?: unknown }> };
      const result = loadModelText(text);
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(result.migrated.length).toBeGreaterThan(0);
      expect(result.model?.formatVersion).toBe(CURRENT_FORMAT_VERSION);
      // v1 order values survive as values per order.
      const sources = result.model!.nodes.filter((n) => n.kind === 'source');
      const rawSources = raw.nodes.filter((n) => n.kind === 'source');
      sources.forEach((s, i) => {
        if (rawSources[i].orderValue !== undefined) expect(s.value).toEqual({ per: 'order', distribution: rawSources[i].orderValue });
      });
    });
  }
});
