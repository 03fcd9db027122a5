import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../models';
import { inProcessRunner } from '../../simulator/experiments';
import { runMergeCommand, runRecommendCommand, runStressCommand, runSweepCommand, type ExperimentIO } from '../../simulator/node/experiments';
import { repoRoot, tempDir } from '../node/helpers';

const desk = 'test/experiments/fixtures/desk.flowcast.json';
type Command = (argv: string[], io: ExperimentIO) => Promise<number>;

/** Runs a command in-process; the engine runs on this thread unless `pool` asks for the worker_threads pool. */
async function cli(command: Command, argv: string[], options: { pool?: boolean; cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: ExperimentIO = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: false, columns: 100 },
    cwd: options.cwd ?? repoRoot,
    createRunner: options.pool ? undefined : () => inProcessRunner(),
  };
  const code = await command(argv, io);
  return { code, stdout, stderr };
}

describe('experiment commands', () => {
  const sweepArgs = [desk, '--param', 'pool.clerks.capacity', '--values', '2,3,4', '--replications', '3', '--no-progress'];

  it('sweep: shards merged with "flowcast merge" print the same JSON as one run', async () => {
    const single = await cli(runSweepCommand, [...sweepArgs, '--format', 'json']);
    expect(single.code).toBe(0);
    const dir = tempDir();
    for (let i = 0; i < 4; i++) {
      const part = await cli(runSweepCommand, [...sweepArgs, '--shard', `${i}/4`, '--out', join(dir, `part-${i}.json`)]);
      expect(part.code).toBe(0);
      expect(part.stderr).toMatch(new RegExp(`Shard ${i}/4: work items`));
    }
    const merged = await cli(runMergeCommand, [3, 1, 0, 2].map((i) => join(dir, `part-${i}.json`)).concat(['--format', 'json']));
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(single.stdout);
    const document = JSON.parse(single.stdout) as { points: unknown[]; insights: unknown[]; saturation: unknown[] };
    expect(document.points).toHaveLength(3);
    expect(document.insights.length).toBeGreaterThan(0);
  });

  it('sweep on the worker_threads pool gives the same report as in-process', async () => {
    const pooled = await cli(runSweepCommand, [...sweepArgs, '--format', 'json', '--workers', '2'], { pool: true });
    const inline = await cli(runSweepCommand, [...sweepArgs, '--format', 'json']);
    expect(pooled.code).toBe(0);
    expect(pooled.stdout).toBe(inline.stdout);
  });

  it('sweep prints a table with the saturation line and findings; progress goes to stderr', async () => {
    const run = await cli(runSweepCommand, [desk, '--param', 'volume', '--values', '1,2.5', '--replications', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Sweep of "Desk and ERP": Volume multiplier/);
    expect(run.stdout).toMatch(/Saturation: at Volume multiplier = 2\.5 \(last stable: 1\)/);
    expect(run.stdout).toMatch(/Findings\n1\. /);
    expect(run.stderr).toMatch(/Sweeping: 4\/4 replications/);
  });

  it('stress: an ERP outage, recovery and SLA misses in the table', async () => {
    const run = await cli(runStressCommand, [desk, '--shock', 'outage', '--system', 'erp', '--at', '2d', '--for', '3h', '--no-progress']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Shock: ERP down for 3 h from day 3 00:00\./);
    expect(run.stdout).toMatch(/Time to recover\s+\S+/);
    expect(run.stdout).toMatch(/SLA misses attributable to the shock/);
    expect(run.stdout).toMatch(/Difference = shocked - no shock/);
  });

  it('recommend: JSON with the variant, and --write-model writes a valid model holding it', async () => {
    const dir = tempDir();
    // Six clerks for 1.6 clerks' worth of work: the search trims them.
    const overstaffed = join(dir, 'overstaffed.flowcast.json');
    writeFileSync(overstaffed, readFileSync(join(repoRoot, desk), 'utf8').replace('"capacity": 3', '"capacity": 6'));
    const out = join(dir, 'with-variant.flowcast.json');
    const run = await cli(runRecommendCommand, [overstaffed, '--resources', 'pool.clerks', '--replications', '3', '--format', 'json', '--write-model', out, '--no-progress']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { recommended: { sizes: number[] } | null; variant: { id: string; patches: unknown[] } | null; tried: unknown[] };
    expect(report.recommended?.sizes[0]).toBeLessThan(6);
    expect(report.variant?.patches).toEqual([{ target: 'pool', id: 'clerks', set: { capacity: report.recommended?.sizes[0] } }]);
    expect(report.tried.length).toBeGreaterThan(1);
    const written = loadModelText(readFileSync(out, 'utf8'));
    expect(written.model?.variants.map((v) => v.id)).toEqual(['recommended-capacity']);
    expect(run.stderr).toMatch(/Model with variant "recommended-capacity" written/);
    // The fixture as written is already the cheapest: nothing to write.
    const unchanged = await cli(runRecommendCommand, [desk, '--resources', 'pool.clerks', '--replications', '3', '--write-model', join(dir, 'nothing.json'), '--no-progress']);
    expect(unchanged.code).toBe(0);
    expect(unchanged.stderr).toMatch(/already the cheapest found; .*nothing\.json was not written/);
    expect(existsSync(join(dir, 'nothing.json'))).toBe(false);
  });

  it('usage errors are one sentence and exit 2; an invalid model exits 1', async () => {
    const unknown = await cli(runSweepCommand, [desk, '--param', 'pool.nobody.capacity', '--values', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^flowcast sweep: Parameter "pool\.nobody\.capacity": the model has no pool "nobody" \(it has clerks\)\.\n$/);
    expect((await cli(runSweepCommand, [desk, '--param', 'volume'])).stderr).toMatch(/--values is needed/);
    expect((await cli(runStressCommand, [desk, '--shock', 'surge', '--at', '1d'])).stderr).toMatch(/--for is needed/);
    expect((await cli(runStressCommand, [desk, '--shock', 'outage', '--system', 'erp', '--at', '1d', '--for', '1h', '--multiplier', '2'])).stderr).toMatch(/--multiplier does not apply to --shock outage/);
    expect((await cli(runMergeCommand, [])).code).toBe(2);
    const dir = tempDir();
    const broken = join(dir, 'broken.flowcast.json');
    writeFileSync(broken, readFileSync(join(repoRoot, desk), 'utf8').replace('"capacity": 3', '"capacity": -3'));
    const invalid = await cli(runSweepCommand, [broken, '--param', 'volume', '--values', '1']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/pools\[0\]\.capacity/);
  });
});
