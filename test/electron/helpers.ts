import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileHandleLike, FileSystem } from '../../electron/main/fsTypes';
import type { Timers } from '../../electron/main/recovery';

/** The real file system, typed as the services see it. */
export const realFs = fsp as unknown as FileSystem;

/** A fresh temporary directory; removed by the returned cleanup. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'flowcast-electron-test-'));
  return { dir, cleanup: () => fsp.rm(dir, { recursive: true, force: true }) };
}

/** A Node error with a code, as fs throws them. */
export function fsError(code: string, message = code): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** Overrides some methods of the real file system (the others pass through). */
export function faultyFs(overrides: Partial<FileSystem>): FileSystem {
  return { ...realFs, ...overrides } as FileSystem;
}

/** A file system whose file handles write the first half of the data and then fail, as a crash or full disk would. */
export function halfWritingFs(): FileSystem {
  return faultyFs({
    async open(p, flags, mode) {
      const handle = await realFs.open(p, flags, mode);
      const broken: FileHandleLike = {
        async writeFile(data) {
          const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
          await handle.writeFile(text.slice(0, Math.floor(text.length / 2)));
          throw fsError('ENOSPC', 'no space left on device');
        },
        sync: () => handle.sync(),
        chmod: (m) => handle.chmod(m),
        close: () => handle.close(),
      };
      return broken;
    },
  });
}

export const minimalModelPath = path.resolve(import.meta.dirname, '../fixtures/minimal.flowcast.json');

export async function minimalModelText(): Promise<string> {
  return fsp.readFile(minimalModelPath, 'utf8');
}

/** Timers driven by hand: `advance` runs whatever falls due. */
export function manualTimers(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let seq = 0;
  const queue = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      seq += 1;
      queue.set(seq, { at: now + ms, callback });
      return seq;
    },
    clearTimeout(handle) {
      queue.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...queue.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        queue.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
    pending: () => queue.size,
  };
}

