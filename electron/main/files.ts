import path from 'node:path';
import { hasErrors, limits, loadModelText } from '../../models';
import type { DesktopDocument, DesktopSaveResult } from '../../models/desktop';
import { errorCode, errorMessage, type FileSystem } from './fsTypes';

/** Extension of model files, registered as a file association by the installers. */
export const modelExtension = '.flowcast.json';

export interface AtomicWriteOptions {
  /** Waits between rename retries; injected so tests do not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Host platform: the directory fsync is skipped on Windows, where it is not supported. */
  platform?: NodeJS.Platform;
  /** Rename attempts when Windows reports the target busy (antivirus, indexer, an editor holding it). */
  renameAttempts?: number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Codes Windows gives for a rename onto a file another process has open for a moment. */
const transientRenameCodes = new Set(['EPERM', 'EBUSY', 'EACCES']);
let tempCounter = 0;

/**
 * Writes a file so that a crash at any moment leaves either the old content or the new one, never a mix:
 * the data goes to a temporary file in the same folder (same file system, so rename is atomic), is flushed to
 * disk, and then renamed over the target; the folder is flushed after the rename where the OS supports it.
 * On failure the temporary file is removed and the target is untouched. The target's permission bits are kept.
 * @example await writeFileAtomic(fs, '/home/ana/north.flowcast.json', text);
 */
export async function writeFileAtomic(fs: FileSystem, filePath: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const sleep = options.sleep ?? defaultSleep;
  const platform = options.platform ?? process.platform;
  const attempts = options.renameAttempts ?? 6;
  const dir = path.dirname(filePath);
  let mode: number | undefined;
  try {
    mode = (await fs.stat(filePath)).mode & 0o777;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  const { tempPath, handle } = await openTemp(fs, filePath);
  try {
    try {
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await fs.rename(tempPath, filePath);
        break;
      } catch (error) {
        if (attempt >= attempts || !transientRenameCodes.has(errorCode(error) ?? '')) throw error;
        await sleep(25 * 2 ** attempt);
      }
    }
  } catch (error) {
    await fs.unlink(tempPath).catch(() => undefined);
    throw error;
  }
  if (platform !== 'win32') {
    // Flushes the directory entry so the rename itself survives a power cut; not every file system allows it.
    try {
      const dirHandle = await fs.open(dir, 'r');
      await dirHandle.sync().finally(() => dirHandle.close());
    } catch {
      /* best effort */
    }
  }
}

/** Creates the temporary file exclusively (`wx`), next to the target, with a name that cannot collide. */
async function openTemp(fs: FileSystem, filePath: string): Promise<{ tempPath: string; handle: Awaited<ReturnType<FileSystem['open']>> }> {
  const dir = path.dirname(filePath);
  const base = path.basename(filePath);
  for (let attempt = 0; ; attempt++) {
    tempCounter += 1;
    const tempPath = path.join(dir, `.${base}.${process.pid}.${tempCounter}.tmp`);
    try {
      return { tempPath, handle: await fs.open(tempPath, 'wx', 0o600) };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST' || attempt >= 20) throw error;
    }
  }
}

/** True for a temporary file left by `writeFileAtomic` (tests and cleanup use it). */
export function isAtomicTempFile(name: string): boolean {
  return /^\..+\.\d+\.\d+\.tmp$/.test(name);
}

/** Display name of a document: its file name. */
export function documentName(filePath: string): string {
  return path.basename(filePath);
}

/**
 * Reads a model file and validates it with the model loader. The text is returned exactly as read (a leading
 * byte-order mark aside) together with every finding, so the studio can list the problems of an invalid file;
 * the file itself is never written here.
 * @example const document = await readModelFile(fs, '/home/ana/north.flowcast.json');
 */
export async function readModelFile(fs: FileSystem, filePath: string): Promise<DesktopDocument> {
  const stats = await fs.stat(filePath);
  if (!stats.isFile()) throw new Error(`${filePath} is not a file.`);
  // A UTF-8 file has at least as many bytes as UTF-16 code units: refuse before reading something absurd.
  if (stats.size > limits.fileBytes * 4) {
    return {
      path: filePath,
      name: documentName(filePath),
      text: '',
      findings: [{ severity: 'error', code: 'file-too-large', path: '', message: `${filePath} is ${(stats.size / 1048576).toFixed(1)} MB; model files may be at most ${limits.fileBytes / 1048576} MB.` }],
    };
  }
  const raw = await fs.readFile(filePath, 'utf8');
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const { findings } = loadModelText(text);
  return { path: filePath, name: documentName(filePath), text, findings };
}

/**
 * Validates a model's text and, when it has no errors, writes it atomically. An invalid model is refused with its
 * findings: the file on disk keeps its last valid content.
 */
export async function saveModelFile(fs: FileSystem, filePath: string, text: string, options: AtomicWriteOptions = {}): Promise<DesktopSaveResult> {
  const { findings } = loadModelText(text);
  if (hasErrors(findings)) return { ok: false, path: filePath, error: `The model has ${findings.filter((f) => f.severity === 'error').length} error(s) and was not saved.`, findings };
  try {
    await writeFileAtomic(fs, filePath, text, options);
  } catch (error) {
    return { ok: false, path: filePath, error: `Could not save ${filePath}: ${errorMessage(error)}` };
  }
  return { ok: true, path: filePath, findings };
}

/** Ensures a chosen save path ends in `.flowcast.json` (dialogs on Linux do not add it). */
export function withModelExtension(filePath: string): string {
  if (filePath.toLowerCase().endsWith(modelExtension)) return filePath;
  if (filePath.toLowerCase().endsWith('.json')) return filePath.slice(0, -'.json'.length) + modelExtension;
  return filePath + modelExtension;
}

/**
 * Paths of model files among command-line arguments: flags, the executable and the app folder are skipped;
 * relative paths are resolved against the working directory the arguments came from.
 * @example documentPathsFromArgv(['/opt/Flowcast/flowcast', '--no-sandbox', 'north.flowcast.json'], '/home/ana')
 */
export function documentPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const paths: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith(modelExtension)) continue;
    const resolved = path.resolve(cwd, arg);
    if (!paths.includes(resolved)) paths.push(resolved);
  }
  return paths;
}
