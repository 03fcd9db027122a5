import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIO } from '../../simulator/node/main';

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], options: { tty?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false, columns: 100 },
    cwd: repoRoot,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export const repoRoot = join(import.meta.dirname, '..', '..');
export const minimalModel = 'test/fixtures/minimal.flowcast.json';
export const variantsModel = 'test/node/fixtures/desk-variants.flowcast.json';

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'flowcast-cli-test-'));
}
