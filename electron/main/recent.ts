import path from 'node:path';
import { writeFileAtomic, type AtomicWriteOptions } from './files';
import { errorCode, type FileSystem } from './fsTypes';

export interface RecentDocumentsOptions {
  fs: FileSystem;
  /** The JSON file in userData that holds the list. */
  file: string;
  /** Most entries kept. */
  cap?: number;
  /** Paths compare without case on Windows and macOS (their default file systems ignore case). */
  platform?: NodeJS.Platform;
  write?: AtomicWriteOptions;
}

export interface RecentDocuments {
  /** The list, most recent first, without files that no longer exist (those are dropped from the stored list). */
  list(): Promise<string[]>;
  /** Moves a path to the front (adding it if new) and trims the list to the cap. */
  add(filePath: string): Promise<string[]>;
  remove(filePath: string): Promise<string[]>;
  /** True when the path is on the list (the IPC handler refuses to open others). */
  has(filePath: string): Promise<boolean>;
  clear(): Promise<void>;
}

interface StoredList {
  version: 1;
  paths: string[];
}

/**
 * The recent documents list, persisted in userData as `{ version: 1, paths }` with atomic writes. The shell keeps
 * its own list (rather than only the OS's) so the menu and the studio show the same entries on every platform.
 * A damaged list file is treated as empty and replaced on the next change.
 * @example const recent = createRecentDocuments({ fs, file: path.join(app.getPath('userData'), 'recent.json') });
 */
export function createRecentDocuments(options: RecentDocumentsOptions): RecentDocuments {
  const { fs, file } = options;
  const cap = options.cap ?? 10;
  const platform = options.platform ?? process.platform;
  const key = (p: string): string => {
    const normalized = path.normalize(p);
    return platform === 'win32' || platform === 'darwin' ? normalized.toLowerCase() : normalized;
  };

  async function load(): Promise<string[]> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || !('paths' in parsed) || !Array.isArray(parsed.paths)) return [];
      return (parsed.paths as unknown[]).filter((p): p is string => typeof p === 'string' && path.isAbsolute(p));
    } catch {
      return [];
    }
  }

  async function store(paths: string[]): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const body: StoredList = { version: 1, paths };
    await writeFileAtomic(fs, file, `${JSON.stringify(body, null, 2)}\n`, options.write);
  }

  async function exists(p: string): Promise<boolean> {
    try {
      return (await fs.stat(p)).isFile();
    } catch {
      return false;
    }
  }

  function dedupe(paths: string[]): string[] {
    const seen = new Set<string>();
    return paths.filter((p) => {
      const k = key(p);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  return {
    async list() {
      const stored = await load();
      const present: string[] = [];
      for (const p of dedupe(stored)) if (await exists(p)) present.push(p);
      const kept = present.slice(0, cap);
      if (kept.length !== stored.length || kept.some((p, i) => p !== stored[i])) await store(kept);
      return kept;
    },
    async add(filePath) {
      const absolute = path.resolve(filePath);
      const next = dedupe([absolute, ...(await load())]).slice(0, cap);
      await store(next);
      return next;
    },
    async remove(filePath) {
      const k = key(path.resolve(filePath));
      const next = (await load()).filter((p) => key(p) !== k);
      await store(next);
      return next;
    },
    async has(filePath) {
      const k = key(path.resolve(filePath));
      return (await load()).some((p) => key(p) === k);
    },
    async clear() {
      await store([]);
    },
  };
}
