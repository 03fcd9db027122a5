import path from 'node:path';
import { hasErrors, loadModelText } from '../../models';
import type { DesktopAppInfo, DesktopDocument, DesktopDocumentState, DesktopSaveResult } from '../../models/desktop';
import { exportSpec, exportText, safeFileName, withExportExtension, type FileFilter } from './exports';
import { readModelFile, saveModelFile, withModelExtension, writeFileAtomic, type AtomicWriteOptions } from './files';
import { errorMessage, type FileSystem } from './fsTypes';
import type { DesktopHandlers } from './ipc';
import type { RecentDocuments } from './recent';
import { createAutosave, type RecoveryEntry, type RecoveryStore, type Timers } from './recovery';
import type { CloseChoice, RestoreChoice } from './windows';

/** Native dialogs, injected: Electron's `dialog` in the app, scripted answers in tests. */
export interface SessionDialogs {
  /** Returns the chosen path, or undefined when canceled. */
  showOpen(options: { filters: FileFilter[] }): Promise<string | undefined>;
  showSave(options: { defaultPath: string; filters: FileFilter[] }): Promise<string | undefined>;
  askUnsaved(documentName: string): Promise<CloseChoice>;
  askRestore(entries: readonly RecoveryEntry[]): Promise<RestoreChoice>;
  showError(title: string, message: string): void;
}

export interface SessionOptions {
  fs: FileSystem;
  recent: RecentDocuments;
  recovery: RecoveryStore;
  dialogs: SessionDialogs;
  appInfo: DesktopAppInfo;
  /** Names this run's recovery entry; unique per start (e.g. start time and pid). */
  sessionId: string;
  /** Default folder of the first open and save dialogs (the user's documents). */
  documentsDir: string;
  /** Pushes a document to the renderer (`onOpenDocument`). */
  sendDocument(document: DesktopDocument): void;
  /** Renders self-contained HTML to PDF (printToPDF in a hidden window). */
  printToPdf(html: string): Promise<Uint8Array>;
  /** Called when the recent list changes (the menu is rebuilt). */
  onRecentChanged?(recent: string[]): void;
  /** Called when the document or its dirty state changes (window title, macOS edited dot). */
  onStateChanged?(state: DesktopDocumentState | undefined): void;
  timers?: Timers;
  autosaveDelayMs?: number;
  write?: AtomicWriteOptions;
  log?(message: string): void;
  platform?: NodeJS.Platform;
}

const modelFilters: FileFilter[] = [
  { name: 'Flowcast model', extensions: ['flowcast.json'] },
  { name: 'JSON', extensions: ['json'] },
];

/** The document session of the studio window, with the IPC handlers and what the glue calls on app events. */
export interface DocumentSession {
  handlers: DesktopHandlers;
  /** Opens a path from the command line, a double click, a second instance or the Open Recent menu. */
  openPath(filePath: string): Promise<void>;
  /**
   * Runs the unsaved-changes prompt; true when the window may close (saved, discarded, or nothing to save), and the
   * session then forgets the document.
   */
  confirmClose(): Promise<boolean>;
  /** At start: offers autosaved work left by a crash, and restores the newest entry if asked. */
  offerRecovery(): Promise<void>;
  /** The latest document the renderer reported. */
  current(): DesktopDocumentState | undefined;
  /** Writes any pending autosave (before the app quits with unsaved, undiscarded work). */
  flush(): Promise<void>;
}

/**
 * The document logic of the shell, free of Electron: which paths the renderer may write, save and save as,
 * recent list, autosave to the recovery area, the unsaved-changes prompt and exports.
 *
 * A compromised renderer must not write arbitrary files: `saveModel` writes only to a path the person chose in a
 * dialog, opened, or that is on the recent list; any other path turns into a save-as dialog.
 */
export function createDocumentSession(options: SessionOptions): DocumentSession {
  const { fs, recent, recovery, dialogs } = options;
  const platform = options.platform ?? process.platform;
  const log = options.log ?? (() => undefined);
  const granted = new Set<string>();
  const keyOf = (p: string): string => {
    const normalized = path.resolve(p);
    return platform === 'win32' || platform === 'darwin' ? normalized.toLowerCase() : normalized;
  };
  const grant = (p: string): void => void granted.add(keyOf(p));
  let state: DesktopDocumentState | undefined;
  let lastDir = options.documentsDir;

  const autosave = createAutosave<DesktopDocument>({
    write: (document) => recovery.write(options.sessionId, document),
    timers: options.timers,
    delayMs: options.autosaveDelayMs,
    onError: (error) => log(`Autosave failed: ${errorMessage(error)}`),
  });

  const setState = (next: DesktopDocumentState | undefined): void => {
    state = next;
    options.onStateChanged?.(next);
  };

  async function markSaved(document: DesktopDocument, savedPath: string): Promise<void> {
    grant(savedPath);
    lastDir = path.dirname(savedPath);
    setState({ dirty: false, document: { path: savedPath, name: path.basename(savedPath), text: document.text } });
    await dropRecovery();
    const list = await recent.add(savedPath);
    options.onRecentChanged?.(list);
  }

  async function save(document: DesktopDocument, target: string): Promise<DesktopSaveResult> {
    const result = await saveModelFile(fs, target, document.text, options.write);
    if (result.ok) await markSaved(document, target);
    return result;
  }

  async function saveAs(document: DesktopDocument): Promise<DesktopSaveResult> {
    // Validate before the dialog: an invalid model is refused with its findings, without asking for a name.
    const { findings } = loadModelText(document.text);
    if (hasErrors(findings)) return { ok: false, error: `The model has ${findings.filter((f) => f.severity === 'error').length} error(s) and was not saved.`, findings };
    // A document name may hold characters a file name cannot ("Regional distributor: current").
    const stem = safeFileName(document.name.replace(/\.flowcast\.json$|\.json$/i, '').trim() || 'Untitled');
    const suggested = document.path ?? path.join(lastDir, withModelExtension(stem));
    const chosen = await dialogs.showSave({ defaultPath: suggested, filters: modelFilters });
    if (chosen === undefined) return { ok: false, canceled: true };
    return save(document, withModelExtension(chosen));
  }

  async function saveModel(document: DesktopDocument): Promise<DesktopSaveResult> {
    if (document.path !== undefined && granted.has(keyOf(document.path))) return save(document, document.path);
    return saveAs(document);
  }

  async function read(filePath: string): Promise<DesktopDocument | undefined> {
    try {
      const document = await readModelFile(fs, filePath);
      grant(filePath);
      lastDir = path.dirname(filePath);
      const list = await recent.add(filePath);
      options.onRecentChanged?.(list);
      return document;
    } catch (error) {
      dialogs.showError('Could not open the file', `${filePath}: ${errorMessage(error)}`);
      return undefined;
    }
  }

  /** Drops the autosaved copy once the document it backs is saved, discarded or replaced. */
  async function dropRecovery(): Promise<void> {
    await autosave.cancel();
    await recovery.discard(options.sessionId).catch((error: unknown) => log(`Could not discard recovery entry: ${errorMessage(error)}`));
  }

  /**
   * Before replacing or closing a dirty document: Save, Don't save or Cancel. True when the caller may go on.
   * Don't save keeps the recovery copy until the document is really replaced or closed (`dropRecovery`), so
   * canceling the open dialog that follows loses nothing.
   */
  async function resolveUnsaved(): Promise<boolean> {
    if (!state?.dirty) return true;
    const choice = await dialogs.askUnsaved(state.document.name || 'Untitled');
    if (choice === 'cancel') return false;
    if (choice === 'discard') return true;
    const result = await saveModel(state.document);
    if (result.ok) return true;
    if (!result.canceled) {
      const firstErrors = (result.findings ?? []).filter((f) => f.severity === 'error').slice(0, 5).map((f) => `• ${f.path || '(file)'}: ${f.message}`);
      dialogs.showError('The document was not saved', [result.error ?? 'Unknown error.', ...firstErrors].join('\n'));
    }
    return false;
  }

  /** Makes a freshly opened document the current one; the replaced document's recovery copy goes. */
  async function adopt(document: DesktopDocument): Promise<void> {
    setState({ dirty: false, document });
    await dropRecovery();
  }

  /** Adopts a document the shell opened itself and hands it to the renderer. */
  async function present(document: DesktopDocument): Promise<void> {
    await adopt(document);
    options.sendDocument(document);
  }

  const handlers: DesktopHandlers = {
    async openModel() {
      if (!(await resolveUnsaved())) return undefined;
      const chosen = await dialogs.showOpen({ filters: modelFilters });
      if (chosen === undefined) return undefined;
      const document = await read(chosen);
      if (document) await adopt(document);
      return document;
    },
    async openRecent(filePath) {
      if (!(await recent.has(filePath))) throw new Error(`${filePath} is not on the recent documents list.`);
      if (!(await resolveUnsaved())) return undefined;
      const document = await read(filePath);
      if (document) await adopt(document);
      else {
        // Optional call: evaluate the removal first, or `?.` would skip it when no listener is set.
        const list = await recent.remove(filePath);
        options.onRecentChanged?.(list);
      }
      return document;
    },
    saveModel,
    saveModelAs: saveAs,
    recentDocuments: () => recent.list(),
    async exportFile(request) {
      const spec = exportSpec(request.kind, request.suggestedName);
      const chosen = await dialogs.showSave({ defaultPath: path.join(lastDir, spec.defaultName), filters: spec.filters });
      if (chosen === undefined) return { ok: false, canceled: true };
      const target = withExportExtension(chosen, spec);
      try {
        const data = request.kind === 'report-pdf' ? await options.printToPdf(request.content) : exportText(request.kind, target, request.content);
        await writeFileAtomic(fs, target, data, options.write);
      } catch (error) {
        return { ok: false, path: target, error: `Could not export to ${target}: ${errorMessage(error)}` };
      }
      return { ok: true, path: target };
    },
    appInfo: () => Promise.resolve(options.appInfo),
    async documentChanged(next) {
      // The renderer may rename an untitled document but may not point it at a path it was not granted.
      const document: DesktopDocument = { ...next.document };
      if (document.path !== undefined && !granted.has(keyOf(document.path))) delete document.path;
      setState({ dirty: next.dirty, document });
      if (next.dirty) autosave.update(document);
      else await dropRecovery();
    },
  };

  return {
    handlers,
    async openPath(filePath) {
      const absolute = path.resolve(filePath);
      if (!(await resolveUnsaved())) return;
      const document = await read(absolute);
      if (document) await present(document);
    },
    async confirmClose() {
      if (!(await resolveUnsaved())) return false;
      await dropRecovery();
      // The window goes; a new one (macOS keeps the app running) starts without a document.
      setState(undefined);
      return true;
    },
    async offerRecovery() {
      const entries = (await recovery.list()).filter((e) => e.id !== options.sessionId);
      if (entries.length === 0) return;
      const choice = await dialogs.askRestore(entries);
      if (choice === 'later') return;
      if (choice === 'discard') {
        for (const entry of entries) await recovery.discard(entry.id);
        return;
      }
      const [newest] = entries;
      const { findings } = loadModelText(newest.text);
      const document: DesktopDocument = { name: newest.name, text: newest.text, findings, recoveredAt: newest.savedAt };
      if (newest.path !== undefined) {
        document.path = newest.path;
        grant(newest.path);
      }
      // Own the entry before dropping the old one, so a second crash right now still leaves a copy.
      await recovery.write(options.sessionId, document);
      await recovery.discard(newest.id);
      setState({ dirty: true, document });
      options.sendDocument(document);
    },
    current: () => state,
    flush: () => autosave.flush(),
  };
}
