import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutosave, createRecoveryStore } from '../../electron/main/recovery';
import { makeTempDir, manualTimers, realFs } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const flushPromises = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('recovery store', () => {
  it('writes, lists newest first, reads and discards', async () => {
    let clock = Date.parse('2026-11-27T08:00:00Z');
    const store = createRecoveryStore({ fs: realFs, dir: path.join(dir, 'recovery'), now: () => new Date(clock) });
    await store.write('run-1', { name: 'a.flowcast.json', text: 'A', path: '/x/a.flowcast.json' });
    clock += 60_000;
    await store.write('run-2', { name: 'Untitled', text: 'B' });
    const entries = await store.list();
    expect(entries.map((e) => [e.id, e.name, e.text, e.savedAt])).toEqual([
      ['run-2', 'Untitled', 'B', '2026-11-27T08:01:00.000Z'],
      ['run-1', 'a.flowcast.json', 'A', '2026-11-27T08:00:00.000Z'],
    ]);
    expect(entries[1].path).toBe('/x/a.flowcast.json');
    expect(entries[0].path).toBeUndefined();
    await store.discard('run-2');
    await store.discard('run-2');
    expect((await store.list()).map((e) => e.id)).toEqual(['run-1']);
  });

  it('lists nothing when the area does not exist yet', async () => {
    expect(await createRecoveryStore({ fs: realFs, dir: path.join(dir, 'none'), now: () => new Date() }).list()).toEqual([]);
  });

  it('skips damaged entries, left-over temporary files and foreign files', async () => {
    const area = path.join(dir, 'recovery');
    const store = createRecoveryStore({ fs: realFs, dir: area, now: () => new Date(0) });
    await store.write('good', { name: 'n', text: 't' });
    await fsp.writeFile(path.join(area, 'broken.json'), '{"version":1,');
    await fsp.writeFile(path.join(area, 'wrong-id.json'), JSON.stringify({ version: 1, id: 'other', name: 'n', text: 't', savedAt: 'x' }));
    await fsp.writeFile(path.join(area, '.good.json.123.4.tmp'), 'partial');
    await fsp.writeFile(path.join(area, 'notes.txt'), 'hello');
    expect((await store.list()).map((e) => e.id)).toEqual(['good']);
  });

  it('refuses ids that could name another path', async () => {
    const store = createRecoveryStore({ fs: realFs, dir, now: () => new Date() });
    await expect(store.write('../escape', { name: 'n', text: 't' })).rejects.toThrow(/Recovery id/);
    await expect(store.discard('a/b')).rejects.toThrow(/Recovery id/);
  });
});

describe('autosave', () => {
  it('writes once, after the quiet delay following the last change', async () => {
    const timers = manualTimers();
    const written: string[] = [];
    const autosave = createAutosave<string>({ timers, delayMs: 2000, write: async (v) => void written.push(v) });
    autosave.update('a');
    timers.advance(1500);
    autosave.update('ab');
    timers.advance(1500);
    expect(written).toEqual([]);
    timers.advance(500);
    await flushPromises();
    expect(written).toEqual(['ab']);
  });

  it('still writes during a long burst of changes, at the latest after maxDelay', async () => {
    const timers = manualTimers();
    const written: string[] = [];
    const autosave = createAutosave<number>({ timers, delayMs: 2000, maxDelayMs: 5000, write: async (v) => void written.push(String(v)) });
    for (let i = 1; i <= 12; i++) {
      autosave.update(i);
      timers.advance(1000);
    }
    await flushPromises();
    expect(written).toEqual(['5', '10']);
  });

  it('cancel drops the pending value; flush writes it now', async () => {
    const timers = manualTimers();
    const written: string[] = [];
    const autosave = createAutosave<string>({ timers, write: async (v) => void written.push(v) });
    autosave.update('dropped');
    await autosave.cancel();
    timers.advance(60_000);
    autosave.update('kept');
    await autosave.flush();
    expect(written).toEqual(['kept']);
    expect(timers.pending()).toBe(0);
  });

  it('serialises writes in order and reports failures without stopping', async () => {
    const timers = manualTimers();
    const order: string[] = [];
    const errors: unknown[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const autosave = createAutosave<string>({
      timers,
      delayMs: 10,
      write: async (v) => {
        if (v === 'slow') await gate;
        if (v === 'bad') throw new Error('disk full');
        order.push(v);
      },
      onError: (e) => errors.push(e),
    });
    autosave.update('slow');
    timers.advance(10);
    autosave.update('bad');
    timers.advance(10);
    autosave.update('last');
    timers.advance(10);
    release();
    await autosave.flush();
    expect(order).toEqual(['slow', 'last']);
    expect(errors).toHaveLength(1);
  });

  it('keeps the newest autosaved text in the recovery area', async () => {
    const timers = manualTimers();
    const store = createRecoveryStore({ fs: realFs, dir, now: () => new Date(0) });
    const autosave = createAutosave<string>({ timers, delayMs: 100, write: (text) => store.write('run', { name: 'm', text }) });
    autosave.update('v1');
    timers.advance(100);
    autosave.update('v2');
    timers.advance(100);
    await autosave.flush();
    expect((await store.read('run'))?.text).toBe('v2');
  });
});
