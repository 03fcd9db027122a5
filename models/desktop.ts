import type { ModelFinding } from './findings';

/**
 * The contract between the renderer and the desktop shell: the only API `electron/preload` exposes, as
 * `window.flowcast`. Type-only apart from the channel and command names, so both sides compile against the same
 * shape (VS Code's "common" layer). The shell is described in docs/desktop.md.
 */
export interface DesktopDocument {
  /** Absolute path on disk, or undefined for a document never saved. */
  path?: string;
  name: string;
  text: string;
  /**
   * Set by the shell on documents it opens: every validation finding of the text (warnings too). When it holds an
   * error, `text` is the file exactly as it is on disk; the shell never changes a file to make it load.
   */
  findings?: ModelFinding[];
  /** Set on a document restored from the recovery area after a crash: when it was autosaved (ISO 8601). */
  recoveredAt?: string;
}

export interface DesktopSaveResult {
  ok: boolean;
  path?: string;
  /** Why the save failed or was refused (validation findings when the model is invalid). */
  error?: string;
  findings?: ModelFinding[];
  /** True when the person closed the save dialog: not an error. */
  canceled?: boolean;
}

export interface DesktopAppInfo {
  name: string;
  version: string;
  platform: string;
}

/** What the renderer reports after every change of the open document (see `DesktopApi.documentChanged`). */
export interface DesktopDocumentState {
  /** True while the document has changes that are not saved. Drives the prompt on close and the autosave. */
  dirty: boolean;
  document: DesktopDocument;
}

export type DesktopExportKind = 'report-html' | 'report-pdf' | 'csv' | 'event-log';

export interface DesktopApi {
  /** Shows the open dialog (after the unsaved-changes prompt when the document is dirty). */
  openModel(): Promise<DesktopDocument | undefined>;
  /** Opens a path of the recent list (other paths are refused). */
  openRecent(path: string): Promise<DesktopDocument | undefined>;
  /** Saves to `document.path` when the shell opened or saved that path itself; otherwise behaves as save as. */
  saveModel(document: DesktopDocument): Promise<DesktopSaveResult>;
  saveModelAs(document: DesktopDocument): Promise<DesktopSaveResult>;
  recentDocuments(): Promise<string[]>;
  /**
   * Writes an export through the save dialog. `report-pdf` takes the report's self-contained HTML and prints it
   * to PDF; `csv` is the KPI tables; `event-log` is CSV, XES or JSON Lines, chosen by the suggested name.
   */
  exportFile(request: { kind: DesktopExportKind; suggestedName: string; content: string }): Promise<DesktopSaveResult>;
  appInfo(): Promise<DesktopAppInfo>;
  /**
   * Reports the open document after every change (and after a save or an open, with `dirty: false`). The shell
   * keeps the latest copy to save it from the close prompt, and autosaves it to the recovery area.
   */
  documentChanged(state: DesktopDocumentState): Promise<void>;
  /** Subscribes to menu commands sent by the main process (one of `desktopMenuCommands`); returns an unsubscribe. */
  onMenuCommand(listener: (command: DesktopMenuCommand) => void): () => void;
  /**
   * Subscribes to documents the shell opens on its own: a file given on the command line or double-clicked, a
   * menu's Open Recent item, a document restored after a crash. Documents sent before the first listener
   * subscribed are delivered to it. Returns an unsubscribe.
   */
  onOpenDocument(listener: (document: DesktopDocument) => void): () => void;
}

/** IPC channel names, one per API call. The preload forwards these and nothing else. */
export const desktopChannels = {
  openModel: 'flowcast:open-model',
  openRecent: 'flowcast:open-recent',
  saveModel: 'flowcast:save-model',
  saveModelAs: 'flowcast:save-model-as',
  recentDocuments: 'flowcast:recent-documents',
  exportFile: 'flowcast:export-file',
  appInfo: 'flowcast:app-info',
  documentChanged: 'flowcast:document-changed',
  menuCommand: 'flowcast:menu-command',
  openDocument: 'flowcast:open-document',
} as const;

/**
 * Commands the native menu sends to the renderer (File > Open Recent, Quit, clipboard and zoom are handled by the
 * shell itself). `export.report` is HTML, `export.reportPdf` PDF, `export.csv` the KPI tables as CSV, `export.eventLog`
 * the CSV event log of one replication (`export.eventLogXes` the same as XES); `file.importBpmn`, `file.importEventLog` and `file.exportBpmn` open the
 * studio's interop dialogs.
 */
export const desktopMenuCommands = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.importBpmn',
  'file.importEventLog',
  'file.exportBpmn',
  'export.report',
  'export.reportPdf',
  'export.csv',
  'export.eventLog',
  'export.eventLogXes',
  'edit.undo',
  'edit.redo',
  'view.fit',
  'view.toggleOverlay',
  'simulation.run',
  'simulation.cancel',
  'simulation.compare',
  'help.shortcuts',
  'help.about',
] as const;

export type DesktopMenuCommand = (typeof desktopMenuCommands)[number];
