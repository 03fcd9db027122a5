import type { BrowserWindowConstructorOptions, MessageBoxOptions } from 'electron';
import type { RecoveryEntry } from './recovery';

/**
 * Options of the studio window with the security checklist applied: isolated, sandboxed preload, no Node in the
 * page, no webview tag, no remote content mixed in. Shown once ready to avoid a white flash.
 * @example new BrowserWindow(mainWindowOptions({ preloadPath: join(__dirname, '../preload/index.cjs') }))
 */
export function mainWindowOptions(options: { preloadPath: string; iconPath?: string; title?: string }): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: options.title ?? 'Flowcast',
    backgroundColor: '#f6f7f9',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/**
 * Options of the hidden window that prints a report to PDF: the report is self-contained HTML, so scripts stay
 * off and nothing can run in it.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1123,
    height: 794,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false, images: true },
  };
}

/** The three answers of the unsaved-changes prompt. */
export type CloseChoice = 'save' | 'discard' | 'cancel';

/** Message box for a dirty document about to be closed or replaced. Buttons: Save, Don't Save, Cancel. */
export function unsavedChangesDialog(documentName: string, platform: NodeJS.Platform): MessageBoxOptions {
  return {
    type: 'warning',
    buttons: ['Save', platform === 'darwin' ? "Don't Save" : "Don't save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Do you want to save the changes you made to ${documentName}?`,
    detail: "Your changes will be lost if you don't save them.",
  };
}

/** Maps the message box response index to the choice (Escape and closing the box give Cancel). */
export function closeChoice(response: number): CloseChoice {
  return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
}

export type RestoreChoice = 'restore' | 'discard' | 'later';

/** Message box offering to restore autosaved work after a crash. Buttons: Restore, Discard, Not now. */
export function restoreDialog(entries: readonly RecoveryEntry[]): MessageBoxOptions {
  const newest = entries[0];
  const others = entries.length - 1;
  return {
    type: 'question',
    buttons: ['Restore', 'Discard', 'Not Now'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Flowcast closed before ${newest.name} was saved. Restore the unsaved changes?`,
    detail:
      `Autosaved ${newest.savedAt}${newest.path ? ` (from ${newest.path})` : ''}.` +
      (others > 0 ? ` ${others} older unsaved document${others > 1 ? 's are' : ' is'} kept and offered at the next start; Discard removes all of them.` : ''),
  };
}

export function restoreChoice(response: number): RestoreChoice {
  return response === 0 ? 'restore' : response === 1 ? 'discard' : 'later';
}

/** Window title: document name, an edited marker on Windows and Linux (macOS shows a dot in the close button). */
export function windowTitle(documentName: string | undefined, dirty: boolean, platform: NodeJS.Platform, appName = 'Flowcast'): string {
  if (documentName === undefined) return appName;
  return `${dirty && platform !== 'darwin' ? '• ' : ''}${documentName || 'Untitled'} — ${appName}`;
}
