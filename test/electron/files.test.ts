import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentPathsFromArgv, isAtomicTempFile, readModelFile, saveModelFile, withModelExtension, writeFileAtomic } from '../../electron/main/files';
import { faultyFs, fsError, halfWritingFs, makeTempDir, minimalModelText, realFs } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file', async () => {
    const target = path.join(dir, 'a.txt');
    await writeFileAtomic(realFs, target, 'hello');
    expect(await fsp.readFile(target, 'utf8')).toBe('hello');
    expect(await fsp.readdir(dir)).toEqual(['a.txt']);
  });

  it('replaces an existing file and keeps its permission bits', async () => {
    const target = path.join(dir, 'a.txt');
    await fsp.writeFile(target, 'old');
    await fsp.chmod(target, 0o640);
    await writeFileAtomic(realFs, target, 'new content');
    expect(await fsp.readFile(target, 'utf8')).toBe('new content');
    if (process.platform !== 'win32') expect((await fsp.stat(target)).mode & 0o777).toBe(0o640);
  });

  it('leaves the old file intact and no partial file when the write dies midway', async () => {
    const target = path.join(dir, 'model.flowcast.json');
    await fsp.writeFile(target, 'the last good version');
    await expect(writeFileAtomic(halfWritingFs(), target, 'x'.repeat(10_000))).rejects.toThrow(/ENOSPC/);
    expect(await fsp.readFile(target, 'utf8')).toBe('the last good version');
    expect(await fsp.readdir(dir)).toEqual(['model.flowcast.json']);
  });

  it('creates no file at all when a first save dies midway', async () => {
    const target = path.join(dir, 'new.flowcast.json');
    await expect(writeFileAtomic(halfWritingFs(), target, 'abcdef')).rejects.toThrow(/ENOSPC/);
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('retries a rename that Windows reports busy, then succeeds', async () => {
    const target = path.join(dir, 'a.txt');
    await fsp.writeFile(target, 'old');
    let failures = 2;
    const waits: number[] = [];
    const fs = faultyFs({
      async rename(from, to) {
        if (failures-- > 0) throw fsError(failures % 2 === 0 ? 'EBUSY' : 'EPERM');
        return realFs.rename(from, to);
      },
    });
    await writeFileAtomic(fs, target, 'new', { sleep: async (ms) => void waits.push(ms), platform: 'win32' });
    expect(await fsp.readFile(target, 'utf8')).toBe('new');
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0]);
    expect(await fsp.readdir(dir)).toEqual(['a.txt']);
  });

  it('gives up after the last attempt, removes the temporary file and keeps the old content', async () => {
    const target = path.join(dir, 'a.txt');
    await fsp.writeFile(target, 'old');
    let attempts = 0;
    const fs = faultyFs({
      rename: async () => {
        attempts++;
        throw fsError('EPERM');
      },
    });
    await expect(writeFileAtomic(fs, target, 'new', { sleep: async () => undefined, renameAttempts: 4 })).rejects.toThrow(/EPERM/);
    expect(attempts).toBe(4);
    expect(await fsp.readFile(target, 'utf8')).toBe('old');
    expect(await fsp.readdir(dir)).toEqual(['a.txt']);
  });

  it('does not retry errors that are not transient', async () => {
    let attempts = 0;
    const fs = faultyFs({
      rename: async () => {
        attempts++;
        throw fsError('EXDEV');
      },
    });
    await expect(writeFileAtomic(fs, path.join(dir, 'a.txt'), 'x', { sleep: async () => undefined })).rejects.toThrow(/EXDEV/);
    expect(attempts).toBe(1);
  });

  it('flushes the data before the rename', async () => {
    const calls: string[] = [];
    const fs = faultyFs({
      async open(p, flags, mode) {
        const handle = await realFs.open(p, flags, mode);
        return {
          writeFile: async (d) => (calls.push('write'), handle.writeFile(d)),
          sync: async () => (calls.push('sync'), handle.sync()),
          chmod: (m) => handle.chmod(m),
          close: async () => (calls.push('close'), handle.close()),
        };
      },
      rename: async (a, b) => (calls.push('rename'), realFs.rename(a, b)),
    });
    await writeFileAtomic(fs, path.join(dir, 'a.txt'), 'x', { platform: 'win32' });
    expect(calls).toEqual(['write', 'sync', 'close', 'rename']);
  });

  it('recognises its own temporary file names', () => {
    expect(isAtomicTempFile('.north.flowcast.json.1234.7.tmp')).toBe(true);
    expect(isAtomicTempFile('north.flowcast.json')).toBe(false);
  });
});

describe('readModelFile', () => {
  it('opens a valid model with no errors', async () => {
    const target = path.join(dir, 'minimal.flowcast.json');
    await fsp.writeFile(target, await minimalModelText());
    const document = await readModelFile(realFs, target);
    expect(document).toMatchObject({ path: target, name: 'minimal.flowcast.json', text: await minimalModelText() });
    expect(document.findings?.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('returns the findings of an invalid model and leaves the file byte-identical', async () => {
    const target = path.join(dir, 'broken.flowcast.json');
    const model = JSON.parse(await minimalModelText()) as { edges: Array<{ to: string }> };
    model.edges[0].to = 'nowhere';
    const bytes = Buffer.from(`${JSON.stringify(model, null, 3)}\r\n`, 'utf8');
    await fsp.writeFile(target, bytes);
    const before = await fsp.stat(target);
    const document = await readModelFile(realFs, target);
    expect(document.findings?.some((f) => f.severity === 'error' && f.path.startsWith('edges[0]'))).toBe(true);
    expect(document.text).toBe(bytes.toString('utf8'));
    expect((await fsp.readFile(target)).equals(bytes)).toBe(true);
    expect((await fsp.stat(target)).mtimeMs).toBe(before.mtimeMs);
    expect(await fsp.readdir(dir)).toEqual(['broken.flowcast.json']);
  });

  it('reports JSON syntax errors with a position', async () => {
    const target = path.join(dir, 'syntax.flowcast.json');
    await fsp.writeFile(target, '{\n  "formatVersion": 2,\n  oops\n}');
    const document = await readModelFile(realFs, target);
    expect(document.findings?.[0]).toMatchObject({ severity: 'error', code: 'json-syntax' });
    expect(document.findings?.[0].message).toMatch(/line 3/);
  });

  it('accepts a UTF-8 byte-order mark', async () => {
    const target = path.join(dir, 'bom.flowcast.json');
    await fsp.writeFile(target, `\uFEFF${await minimalModelText()}`);
    const document = await readModelFile(realFs, target);
    expect(document.findings?.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('throws a message naming the path when the file is missing', async () => {
    await expect(readModelFile(realFs, path.join(dir, 'missing.flowcast.json'))).rejects.toThrow(/missing\.flowcast\.json/);
  });
});

describe('saveModelFile', () => {
  it('saves a valid model', async () => {
    const target = path.join(dir, 'out.flowcast.json');
    const text = await minimalModelText();
    const result = await saveModelFile(realFs, target, text);
    expect(result).toMatchObject({ ok: true, path: target });
    expect(await fsp.readFile(target, 'utf8')).toBe(text);
  });

  it('refuses an invalid model with its findings and keeps the file on disk', async () => {
    const target = path.join(dir, 'out.flowcast.json');
    await fsp.writeFile(target, 'previous');
    const result = await saveModelFile(realFs, target, '{"formatVersion": 2}');
    expect(result.ok).toBe(false);
    expect(result.findings?.length).toBeGreaterThan(0);
    expect(await fsp.readFile(target, 'utf8')).toBe('previous');
  });

  it('reports a failed write as an error result naming the path', async () => {
    const target = path.join(dir, 'out.flowcast.json');
    const result = await saveModelFile(halfWritingFs(), target, await minimalModelText());
    expect(result.ok).toBe(false);
    expect(result.error).toContain(target);
    expect(await fsp.readdir(dir)).toEqual([]);
  });
});

describe('paths', () => {
  it('adds the model extension when a dialog did not', () => {
    expect(withModelExtension('/a/north')).toBe('/a/north.flowcast.json');
    expect(withModelExtension('/a/north.json')).toBe('/a/north.flowcast.json');
    expect(withModelExtension('/a/north.FLOWCAST.JSON')).toBe('/a/north.FLOWCAST.JSON');
  });

  it('finds model files among command-line arguments', () => {
    const argv = ['--no-sandbox', '.', 'north.flowcast.json', '/abs/south.flowcast.json', '--inspect=9229', 'notes.txt', 'north.flowcast.json'];
    expect(documentPathsFromArgv(argv, '/home/ana')).toEqual([path.resolve('/home/ana/north.flowcast.json'), path.resolve('/abs/south.flowcast.json')]);
  });
});
