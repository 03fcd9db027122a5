import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Electron executable when it is installed, else undefined. Mirrors node_modules/electron/index.js without
 * importing it: in plain Node that import tries to download the binary, which fails without internet access.
 * The same check is in scripts/start.mjs.
 */
export function electronBinary(electronDir: string, overrideDistPath = process.env.ELECTRON_OVERRIDE_DIST_PATH): string | undefined {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return undefined;
  const executable = path.join(overrideDistPath ?? path.join(electronDir, 'dist'), relative);
  return existsSync(executable) ? executable : undefined;
}
