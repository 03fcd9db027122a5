import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronBinary } from './electronBinary';
import { makeTempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('electronBinary', () => {
  it('is undefined for a package installed without its binary (this machine)', async () => {
    expect(electronBinary(dir, undefined)).toBeUndefined();
    await fsp.writeFile(path.join(dir, 'path.txt'), 'electron');
    expect(electronBinary(dir, undefined)).toBeUndefined();
  });

  it('finds the binary named by path.txt under dist/ or the override', async () => {
    await fsp.writeFile(path.join(dir, 'path.txt'), 'electron');
    await fsp.mkdir(path.join(dir, 'dist'));
    await fsp.writeFile(path.join(dir, 'dist', 'electron'), '');
    expect(electronBinary(dir, undefined)).toBe(path.join(dir, 'dist', 'electron'));
    expect(electronBinary(dir, path.join(dir, 'elsewhere'))).toBeUndefined();
  });
});
