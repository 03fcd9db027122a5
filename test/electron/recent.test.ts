import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecentDocuments } from '../../electron/main/recent';
import { makeTempDir, realFs } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

async function touch(name: string): Promise<string> {
  const p = path.join(dir, name);
  await fsp.writeFile(p, '{}');
  return p;
}

describe('recent documents', () => {
  it('keeps the most recent first, without duplicates, and persists across instances', async () => {
    const file = path.join(dir, 'userData', 'recent.json');
    const [a, b] = [await touch('a.flowcast.json'), await touch('b.flowcast.json')];
    const recent = createRecentDocuments({ fs: realFs, file, platform: 'linux' });
    await recent.add(a);
    await recent.add(b);
    await recent.add(a);
    expect(await recent.list()).toEqual([a, b]);
    const reopened = createRecentDocuments({ fs: realFs, file, platform: 'linux' });
    expect(await reopened.list()).toEqual([a, b]);
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toEqual({ version: 1, paths: [a, b] });
  });

  it('caps the list', async () => {
    const recent = createRecentDocuments({ fs: realFs, file: path.join(dir, 'recent.json'), cap: 3 });
    const paths: string[] = [];
    for (let i = 0; i < 5; i++) paths.push(await touch(`m${i}.flowcast.json`));
    for (const p of paths) await recent.add(p);
    expect(await recent.list()).toEqual([paths[4], paths[3], paths[2]]);
  });

  it('prunes files that no longer exist, from the stored list too', async () => {
    const file = path.join(dir, 'recent.json');
    const [a, b] = [await touch('a.flowcast.json'), await touch('b.flowcast.json')];
    const recent = createRecentDocuments({ fs: realFs, file });
    await recent.add(a);
    await recent.add(b);
    await fsp.unlink(b);
    expect(await recent.list()).toEqual([a]);
    expect(JSON.parse(await fsp.readFile(file, 'utf8')).paths).toEqual([a]);
  });

  it('compares paths without case on Windows and macOS only', async () => {
    const a = await touch('North.flowcast.json');
    const upper = a.replace('North', 'NORTH');
    const mac = createRecentDocuments({ fs: realFs, file: path.join(dir, 'mac.json'), platform: 'darwin' });
    await mac.add(a);
    expect(await mac.add(upper)).toEqual([upper]);
    expect(await mac.has(a)).toBe(true);
    const linux = createRecentDocuments({ fs: realFs, file: path.join(dir, 'linux.json'), platform: 'linux' });
    await linux.add(a);
    expect(await linux.add(upper)).toEqual([upper, a]);
  });

  it('treats a damaged list file as empty and replaces it on the next change', async () => {
    const file = path.join(dir, 'recent.json');
    await fsp.writeFile(file, '{ not json');
    const recent = createRecentDocuments({ fs: realFs, file });
    expect(await recent.list()).toEqual([]);
    const a = await touch('a.flowcast.json');
    await recent.add(a);
    expect(JSON.parse(await fsp.readFile(file, 'utf8')).paths).toEqual([a]);
  });

  it('ignores relative or non-string entries written by hand', async () => {
    const file = path.join(dir, 'recent.json');
    const a = await touch('a.flowcast.json');
    await fsp.writeFile(file, JSON.stringify({ version: 1, paths: [a, 'relative.flowcast.json', 42, null] }));
    expect(await createRecentDocuments({ fs: realFs, file }).list()).toEqual([a]);
  });

  it('removes and clears', async () => {
    const recent = createRecentDocuments({ fs: realFs, file: path.join(dir, 'recent.json') });
    const [a, b] = [await touch('a.flowcast.json'), await touch('b.flowcast.json')];
    await recent.add(a);
    await recent.add(b);
    expect(await recent.remove(b)).toEqual([a]);
    expect(await recent.has(b)).toBe(false);
    await recent.clear();
    expect(await recent.list()).toEqual([]);
  });
});
