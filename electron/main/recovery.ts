import path from 'node:path';
import type { DesktopDocument } from '../../models/desktop';
import { isAtomicTempFile, writeFileAtomic, type AtomicWriteOptions } from './files';
import { errorCode, type FileSystem } from './fsTypes';

/** One autosaved document in the recovery area. */
export interface RecoveryEntry {
  id: string;
  /** Where the document was saved last, if ever. */
  path?: string;
  name: string;
  text: string;
  /** When it was autosaved (ISO 8601). */
  savedAt: string;
}

export interface RecoveryStore {
  write(id: string, document: DesktopDocument): Promise<void>;
  /** Every readable entry, newest first. Damaged entries are skipped (and left for a person to inspect). */
  list(): Promise<RecoveryEntry[]>;
  read(id: string): Promise<RecoveryEntry | undefined>;
  discard(id: string): Promise<void>;
}

export interface RecoveryStoreOptions {
  fs: FileSystem;
  /** A folder of its own in userData, e.g. `<userData>/recovery`. */
  dir: string;
  now: () => Date;
  write?: AtomicWriteOptions;
}

const idPattern = /^[A-Za-z0-9_-]{1,80}$/;

function checkId(id: string): void {
  // The id becomes a file name: refuse anything that could point elsewhere.
  if (!idPattern.test(id)) throw new Error(`Recovery id "${id}" must be 1-80 letters, digits, "-" or "_".`);
}

/**
 * The recovery area: dirty documents are autosaved there (atomically, one JSON file per document) so a crash
 * loses at most a few seconds of work; at start the shell lists the entries and offers to restore them; an entry
 * is discarded once its document is saved or closed without saving.
 * @example const store = createRecoveryStore({ fs, dir: path.join(userData, 'recovery'), now: () => new Date() });
 */
export function createRecoveryStore(options: RecoveryStoreOptions): RecoveryStore {
  const { fs, dir } = options;
  const fileOf = (id: string): string => path.join(dir, `${id}.json`);

  function parseEntry(text: string, id: string): RecoveryEntry | undefined {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null) return undefined;
      const entry = value as Record<string, unknown>;
      if (entry.version !== 1 || entry.id !== id || typeof entry.name !== 'string' || typeof entry.text !== 'string' || typeof entry.savedAt !== 'string') return undefined;
      if (entry.path !== undefined && typeof entry.path !== 'string') return undefined;
      const result: RecoveryEntry = { id, name: entry.name, text: entry.text, savedAt: entry.savedAt };
      if (typeof entry.path === 'string') result.path = entry.path;
      return result;
    } catch {
      return undefined;
    }
  }

  async function read(id: string): Promise<RecoveryEntry | undefined> {
    checkId(id);
    try {
      return parseEntry(await fs.readFile(fileOf(id), 'utf8'), id);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  }

  return {
    async write(id, document) {
      checkId(id);
      await fs.mkdir(dir, { recursive: true });
      const body = { version: 1, id, path: document.path, name: document.name, text: document.text, savedAt: options.now().toISOString() };
      await writeFileAtomic(fs, fileOf(id), JSON.stringify(body), options.write);
    },
    async list() {
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return [];
        throw error;
      }
      const entries: RecoveryEntry[] = [];
      for (const name of names) {
        if (isAtomicTempFile(name) || !name.endsWith('.json')) continue;
        const id = name.slice(0, -'.json'.length);
        if (!idPattern.test(id)) continue;
        const entry = await read(id);
        if (entry) entries.push(entry);
      }
      return entries.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : a.id.localeCompare(b.id)));
    },
    read,
    async discard(id) {
      checkId(id);
      try {
        await fs.unlink(fileOf(id));
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    },
  };
}

/** Timer functions, injected so tests drive time by hand. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface Autosave<T> {
  /** Records the latest value; it is written `delayMs` after the last update, and at most `maxDelayMs` after the first. */
  update(value: T): void;
  /** Writes the pending value now (if any) and waits for every write in progress. */
  flush(): Promise<void>;
  /** Drops the pending value and waits for a write in progress, so a discard that follows is not undone by it. */
  cancel(): Promise<void>;
}

export interface AutosaveOptions<T> {
  write(value: T): Promise<void>;
  timers?: Timers;
  /** Quiet time after the last change before writing (the ECOSYSTEM advice: 1-2 s). */
  delayMs?: number;
  /** Upper bound while changes keep coming, so a long editing burst is still backed up. */
  maxDelayMs?: number;
  /** Called when a write fails; the next change tries again. */
  onError?(error: unknown): void;
}

/**
 * Debounced, serialised autosave: writes never overlap and land in order, so the recovery file always holds the
 * newest value that was written.
 */
export function createAutosave<T>(options: AutosaveOptions<T>): Autosave<T> {
  const timers = options.timers ?? systemTimers;
  const delayMs = options.delayMs ?? 2000;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  let pending: { value: T } | undefined;
  let firstPendingAt: number | undefined;
  let timer: unknown;
  let chain: Promise<void> = Promise.resolve();

  const clear = (): void => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };

  const writePending = (): Promise<void> => {
    clear();
    const current = pending;
    pending = undefined;
    firstPendingAt = undefined;
    if (current) {
      chain = chain.then(() => options.write(current.value)).catch((error: unknown) => options.onError?.(error));
    }
    return chain;
  };

  return {
    update(value) {
      pending = { value };
      const now = timers.now();
      firstPendingAt ??= now;
      clear();
      const wait = Math.max(0, Math.min(delayMs, firstPendingAt + maxDelayMs - now));
      timer = timers.setTimeout(() => void writePending(), wait);
    },
    flush: writePending,
    async cancel() {
      clear();
      pending = undefined;
      firstPendingAt = undefined;
      await chain;
    },
  };
}
