import type { ModelFinding } from '../../models';
import type { DesktopApi, DesktopDocument, DesktopDocumentState, DesktopMenuCommand } from '../../models/desktop';

/**
 * The studio's only door to the platform. Inside Electron the preload exposes `window.flowcast` (typed by
 * models/desktop.ts); in a plain browser (and in the Playwright tests) files go through the File System Access
 * API when the browser has it, else an <input type=file> and a download.
 */

/** The desktop API when running inside the desktop shell; undefined in a browser. */
export function desktopApi(): DesktopApi | undefined {
  const candidate = (window as unknown as { flowcast?: DesktopApi }).flowcast;
  return candidate && typeof candidate.openModel === 'function' ? candidate : undefined;
}

/** A document read from somewhere: its text, name and (desktop) path, plus findings the shell already found. */
export interface OpenedFile {
  name: string;
  path?: string;
  text: string;
  findings?: ModelFinding[];
  recoveredAt?: string;
}

export type SaveOutcome = { ok: true; name: string; path?: string } | { ok: false; canceled?: boolean; error?: string; findings?: ModelFinding[] };

const pickerTypes = [{ description: 'Flowcast model', accept: { 'application/json': ['.json'] } }];

// The browser file handle of the open document, so Save writes back to the same file (File System Access API).
let browserHandle: FileSystemFileHandleLike | undefined;

interface FileSystemFileHandleLike {
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}
interface FsAccessWindow {
  showOpenFilePicker?: (options: unknown) => Promise<FileSystemFileHandleLike[]>;
  showSaveFilePicker?: (options: unknown) => Promise<FileSystemFileHandleLike>;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Asks the user for a model file. Resolves undefined when they cancel. */
export async function openFile(): Promise<OpenedFile | undefined> {
  const api = desktopApi();
  if (api) return fromDesktop(await api.openModel());
  const fs = window as unknown as FsAccessWindow;
  if (fs.showOpenFilePicker) {
    try {
      const [handle] = await fs.showOpenFilePicker({ types: pickerTypes, multiple: false });
      const file = await handle.getFile();
      browserHandle = handle;
      return { name: stripExtension(file.name), path: file.name, text: await file.text() };
    } catch (error) {
      if (isAbort(error)) return undefined;
      throw error;
    }
  }
  return openWithInput();
}

function openWithInput(): Promise<OpenedFile | undefined> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(undefined);
      browserHandle = undefined;
      file.text().then((text) => resolve({ name: stripExtension(file.name), path: file.name, text }), reject);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(undefined);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * Saves the document's text. In the desktop shell the shell validates and writes atomically; in a browser it
 * writes back to the opened file when allowed, else asks where (or downloads).
 */
export async function saveFile(doc: { name: string; path?: string; text: string }, saveAs: boolean): Promise<SaveOutcome> {
  const api = desktopApi();
  if (api) {
    const request: DesktopDocument = { name: doc.name, text: doc.text, ...(doc.path ? { path: doc.path } : {}) };
    const result = await (saveAs || !doc.path ? api.saveModelAs(request) : api.saveModel(request));
    if (!result.ok) return { ok: false, canceled: result.canceled, error: result.error, findings: result.findings };
    const path = result.path ?? doc.path;
    return { ok: true, path, name: path ? stripExtension(baseName(path)) : doc.name };
  }
  const fs = window as unknown as FsAccessWindow;
  try {
    if (!saveAs && browserHandle) {
      await writeHandle(browserHandle, doc.text);
      return { ok: true, name: doc.name, path: browserHandle.name };
    }
    if (fs.showSaveFilePicker) {
      const handle = await fs.showSaveFilePicker({ suggestedName: fileNameFor(doc.name), types: pickerTypes });
      await writeHandle(handle, doc.text);
      browserHandle = handle;
      return { ok: true, name: stripExtension(handle.name), path: handle.name };
    }
  } catch (error) {
    if (isAbort(error)) return { ok: false, canceled: true };
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  download(fileNameFor(doc.name), doc.text);
  return { ok: true, name: doc.name, path: fileNameFor(doc.name) };
}

/** Forgets the browser file handle (after New or opening an example). */
export function forgetBrowserFile(): void {
  browserHandle = undefined;
}

async function writeHandle(handle: FileSystemFileHandleLike, text: string): Promise<void> {
  const writable = await handle.createWritable();
  await writable.write(text);
  await writable.close();
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Tells the desktop shell about the open document (for its close prompt and autosave); nothing in a browser. */
export function reportDocumentState(state: DesktopDocumentState): void {
  void desktopApi()?.documentChanged?.(state);
}

/** Subscribes to native menu commands; a no-op in a browser. */
export function onMenuCommand(listener: (command: DesktopMenuCommand) => void): () => void {
  return desktopApi()?.onMenuCommand(listener) ?? (() => undefined);
}

/** Subscribes to documents the shell opens by itself (command line, recent, crash recovery). */
export function onShellOpenDocument(listener: (file: OpenedFile) => void): () => void {
  const api = desktopApi();
  if (!api?.onOpenDocument) return () => undefined;
  return api.onOpenDocument((d) => {
    const file = fromDesktop(d);
    if (file) listener(file);
  });
}

function fromDesktop(d: DesktopDocument | undefined): OpenedFile | undefined {
  if (!d) return undefined;
  return { name: d.name, text: d.text, ...(d.path ? { path: d.path } : {}), ...(d.findings ? { findings: d.findings } : {}), ...(d.recoveredAt ? { recoveredAt: d.recoveredAt } : {}) };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function stripExtension(name: string): string {
  return name.replace(/\.flowcast\.json$/i, '').replace(/\.json$/i, '');
}

/** A file name for a document name: "Regional current" -> "Regional current.flowcast.json". */
export function fileNameFor(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'workflow';
  return `${safe}.flowcast.json`;
}
