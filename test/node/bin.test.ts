import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { minimalModel, repoRoot, runCli } from './helpers';

function node(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('the flowcast executable', () => {
  it('runs from source through tsx and exits 2 with one sentence for a missing file', () => {
    const { status, stdout, stderr } = node(['--import', 'tsx', 'simulator/node/cli.ts', 'run', 'missing.flowcast.json']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('flowcast: Cannot read missing.flowcast.json: there is no such file.\n');
  });

  it('works as the esbuild bundle (cli.js + simWorker.js) with 2 workers, giving the same report', async () => {
    // Same options as `npm run build:cli`, into a folder inside the repository so that packages resolve.
    const outdir = join(repoRoot, '.tsbuild', 'cli-test');
    await build({
      entryPoints: [join(repoRoot, 'simulator/node/cli.ts'), join(repoRoot, 'simulator/node/simWorker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outdir,
      logLevel: 'silent',
    });
    const argv = ['run', minimalModel, '--format', 'json', '--replications', '3', '--horizon', '2d', '--warmup', '0d'];
    const bundled = node([join(outdir, 'cli.js'), ...argv, '--workers', '2']);
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0);
    const inProcess = await runCli([...argv, '--workers', '1']);
    expect(bundled.stdout).toBe(inProcess.stdout);
    const version = node([join(outdir, 'cli.js'), '--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
