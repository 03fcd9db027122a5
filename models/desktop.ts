import type { ModelFinding } from './findings';

/**
 * The contract between the renderer and the desktop shell: the only API `electron/preload` exposes, as
 * `window.flowcast`. Type-only, so both sides compile against the same shape (VS Code's "common" layer).
 */
export interface DesktopDocument {
  /** Absolute path on disk, or undefined for a document never saved. */
  path?: string;
  name: string;
  text: string;
}

export interface DesktopSaveResult {
  ok: boolean;
  path?: string;
  /** Why the save failed or was refused (validation findings when the model is invalid). */
  error?: string;
  findings?: ModelFinding[];
}

export interface DesktopAppInfo {
  name: string;
  version: string;
  platform: string;
}

export interface DesktopApi {
  openModel(): Promise<DesktopDocument | undefined>;
  openRecent(path: string): Promise<DesktopDocument | undefined>;
  saveModel(document: DesktopDocument): Promise<DesktopSaveResult>;
  saveModelAs(document: DesktopDocument): Promise<DesktopSaveResult>;
  recentDocuments(): Promise<string[]>;
  exportFile(request: { kind: 'report-html' | 'report-pdf' | 'csv' | 'event-log'; suggestedName: string; content: string }): Promise<DesktopSaveResult>;
  appInfo(): Promise<DesktopAppInfo>;
  /** Subscribes to menu commands sent by the main process (e.g. "file.save"); returns an unsubscribe. */
  onMenuCommand(listener: (command: string) => void): () => void;
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
  menuCommand: 'flowcast:menu-command',
} as const;
