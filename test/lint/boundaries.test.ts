import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves that the layer rules of docs/ARCHITECTURE.md are enforced: each probe is a file that does not exist,
 * linted as if it stood at `at`, importing `source`. The rule that must fire is named, so a probe that only
 * fails to resolve does not count.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(at: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as probe from '${source}';\nexport const used = probe;\n`, { filePath: `${root}${at}` });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const restrictedPath = 'import-x/no-restricted-paths';
const restrictedImport = 'no-restricted-imports';

describe('layer boundaries are checked by lint', () => {
  const cases: Array<{ at: string; source: string; rule: string; target: string }> = [
    { at: 'models/probe.ts', source: '../simulator/run', rule: restrictedPath, target: 'simulator/run.ts' },
    { at: 'models/probe.ts', source: 'node:fs', rule: restrictedImport, target: '' },
    { at: 'simulator/engine/probe.ts', source: 'node:worker_threads', rule: restrictedImport, target: '' },
    { at: 'simulator/engine/probe.ts', source: 'electron', rule: restrictedImport, target: '' },
    { at: 'simulator/engine/probe.ts', source: '../node/cli', rule: restrictedPath, target: 'simulator/node/cli.ts' },
    { at: 'renderer/probe.ts', source: '../electron/main/files', rule: restrictedPath, target: 'electron/main/files.ts' },
    { at: 'renderer/probe.ts', source: 'node:path', rule: restrictedImport, target: '' },
    { at: 'renderer/results/probe.ts', source: '../../simulator/run', rule: restrictedPath, target: 'simulator/run.ts' },
    { at: 'electron/main/probe.ts', source: '../../renderer/App', rule: restrictedPath, target: 'renderer/App.tsx' },
  ];
  for (const { at, source, rule, target } of cases) {
    it(`${at} may not import ${source}${target ? ` (${target})` : ''}`, async () => {
      expect(await ruleIdsFor(at, source)).toContain(rule);
    });
  }

  it('allowed imports pass: simulator/ and renderer/ may use models/, simulator/node/ may use node:*', async () => {
    expect(await ruleIdsFor('simulator/engine/probe.ts', '../../models')).toEqual([]);
    expect(await ruleIdsFor('renderer/probe.ts', '../models')).toEqual([]);
    expect(await ruleIdsFor('renderer/simulation/probe.ts', '../../simulator/run')).toEqual([]);
    expect(await ruleIdsFor('simulator/node/probe.ts', 'node:fs')).toEqual([]);
  });
});
