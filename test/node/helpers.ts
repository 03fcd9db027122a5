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

/** The arguments both this test and the browser test evaluate (a seeded LCG: no Math.random). */
export function portableMathArguments(count: number): { logArgs: number[]; expArgs: number[]; powArgs: Array<[number, number]> } {
  let state = 20261127;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const logArgs: number[] = [];
  const expArgs: number[] = [];
  const powArgs: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    logArgs.push(uniform() * 10 ** (Math.floor(uniform() * 40) - 20));
    expArgs.push(i % 2 === 0 ? (uniform() - 0.5) * 1400 : (uniform() - 0.5) * 2);
    powArgs.push([uniform() * 10, uniform() * 5]);
  }
  return { logArgs, expArgs, powArgs };
}
