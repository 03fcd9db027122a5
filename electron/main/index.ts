/**
 * Electron glue: wires the tested plain modules (files, recent, recovery, ipc, menu, security, protocol, session)
 * to the app, the window and the native dialogs. Nothing here is decided that a test could not see elsewhere.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell, type WebContents } from 'electron';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { desktopChannels, type DesktopDocument, type DesktopMenuCommand } from '../../models/desktop';
import { documentPathsFromArgv } from './files';
import type { FileSystem } from './fsTypes';
import { registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { resolveAppRequest } from './protocol';
import { createRecentDocuments, type RecentDocuments } from './recent';
import { createRecoveryStore } from './recovery';
import { appEntryUrl, appScheme, contentSecurityPolicy, isNavigationAllowed, isPermissionGranted, trustedOrigins, windowOpenDecision } from './security';
import { createDocumentSession, type DocumentSession } from './session';
import { closeChoice, mainWindowOptions, printWindowOptions, restoreChoice, restoreDialog, unsavedChangesDialog, windowTitle } from './windows';

const mainDir = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(mainDir, '../renderer');
const preloadPath = path.join(mainDir, '../preload/index.cjs');
/** Set by `electron-vite dev` only; a built or packaged app always loads app://. */
const devServerUrl = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined;
const origins = trustedOrigins(devServerUrl);
const csp = contentSecurityPolicy(devServerUrl);
const isDev = !app.isPackaged;
const fs = fsp as unknown as FileSystem;

// Before ready: app:// must be a standard, secure scheme for module scripts, workers and fetch to work.
// corsEnabled stays off on purpose: with it, other origins could read app:// responses without any CORS check.
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
app.enableSandbox();
// Lets the end-to-end tests run against an empty profile; a packaged app ignores it.
if (!app.isPackaged && process.env.FLOWCAST_USER_DATA_DIR) app.setPath('userData', process.env.FLOWCAST_USER_DATA_DIR);

let mainWindow: BrowserWindow | undefined;
let documents: DocumentSession | undefined;
let recent: RecentDocuments | undefined;
let quitting = false;
let rendererReady = false;
/** Files handed over before the window could take them (argv, macOS open-file before ready). */
const pendingPaths: string[] = documentPathsFromArgv(process.argv.slice(1), process.cwd());

if (!app.requestSingleInstanceLock()) {
  // Another Flowcast is running: it receives our argv through `second-instance` and opens the files.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const filePath of documentPathsFromArgv(argv.slice(1), workingDirectory)) openWhenReady(filePath);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openWhenReady(filePath);
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || quitting) app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && app.isReady()) createWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Flowcast could not start', error instanceof Error ? (error.stack ?? error.message) : String(error));
      app.exit(1);
    });
}

function openWhenReady(filePath: string): void {
  if (documents && rendererReady) void documents.openPath(filePath);
  else pendingPaths.push(filePath);
}

/** Every web contents (the studio window, the PDF printer): no navigation away, no new windows, no webviews. */
function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, origins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url, origins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
}

async function start(): Promise<void> {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  // The dev server's responses get the same policy as app:// ones.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  protocol.handle(appScheme, async (request) => {
    const target = resolveAppRequest(request.url, rendererDir);
    if (!target.ok) return new Response(target.reason, { status: target.status });
    try {
      const body = await fsp.readFile(target.filePath);
      return new Response(body, { headers: { 'Content-Type': target.mimeType, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' } });
    } catch {
      return new Response(`Not found: ${request.url}`, { status: 404 });
    }
  });

  const userData = app.getPath('userData');
  recent = createRecentDocuments({ fs, file: path.join(userData, 'recent-documents.json') });
  const recovery = createRecoveryStore({ fs, dir: path.join(userData, 'recovery'), now: () => new Date() });
  documents = createDocumentSession({
    fs,
    recent,
    recovery,
    sessionId: `run-${Date.now()}-${process.pid}`,
    documentsDir: app.getPath('documents'),
    appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    dialogs: {
      async showOpen({ filters }) {
        const result = await (mainWindow ? dialog.showOpenDialog(mainWindow, { properties: ['openFile'], filters }) : dialog.showOpenDialog({ properties: ['openFile'], filters }));
        return result.canceled ? undefined : result.filePaths[0];
      },
      async showSave({ defaultPath, filters }) {
        const options = { defaultPath, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'> };
        const result = await (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options));
        return result.canceled || !result.filePath ? undefined : result.filePath;
      },
      async askUnsaved(name) {
        const options = unsavedChangesDialog(name, process.platform);
        return closeChoice((await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options))).response);
      },
      async askRestore(entries) {
        const options = restoreDialog(entries);
        return restoreChoice((await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options))).response);
      },
      showError: (title, message) => dialog.showErrorBox(title, message),
    },
    sendDocument: (document: DesktopDocument) => mainWindow?.webContents.send(desktopChannels.openDocument, document),
    printToPdf,
    onRecentChanged: (list) => {
      setMenu(list);
      if (process.platform !== 'linux' && list[0]) app.addRecentDocument(list[0]);
    },
    onStateChanged: (state) => {
      if (!mainWindow) return;
      mainWindow.setTitle(windowTitle(state?.document.name, state?.dirty ?? false, process.platform));
      if (process.platform === 'darwin') {
        mainWindow.setDocumentEdited(state?.dirty ?? false);
        mainWindow.setRepresentedFilename(state?.document.path ?? '');
      }
    },
    log: (message) => console.warn(`[flowcast] ${message}`),
  });
  registerIpcHandlers(ipcMain, documents.handlers, { origins, log: (message) => console.warn(`[flowcast] ${message}`) });
  setMenu(await recent.list());
  createWindow();
}

function setMenu(recentPaths: readonly string[]): void {
  const template = buildMenuTemplate(
    { platform: process.platform, isDev, appName: app.getName(), recent: recentPaths },
    {
      command: (id: DesktopMenuCommand) => {
        // macOS keeps the app running without a window: a menu command then opens a fresh one.
        if (!mainWindow) createWindow();
        else mainWindow.webContents.send(desktopChannels.menuCommand, id);
      },
      openRecent: (filePath) => openWhenReady(filePath),
      clearRecent: () => {
        void recent?.clear().then(() => setMenu([]));
        if (process.platform !== 'linux') app.clearRecentDocuments();
      },
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions({ preloadPath }));
  mainWindow = win;
  rendererReady = false;
  let closeConfirmed = false;
  win.once('ready-to-show', () => win.show());
  // The shell owns the title (document name, edited marker); the page's <title> would overwrite it.
  win.on('page-title-updated', (event) => event.preventDefault());
  let prompting = false;
  win.on('close', (event) => {
    if (closeConfirmed || !documents) return;
    event.preventDefault();
    // A second click on the close button while the prompt is up must not open a second prompt.
    if (prompting) return;
    prompting = true;
    void documents
      .confirmClose()
      .then((mayClose) => {
        if (mayClose) {
          closeConfirmed = true;
          win.close();
        } else quitting = false;
      })
      .finally(() => {
        prompting = false;
      });
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  win.webContents.on('did-finish-load', () => {
    if (rendererReady) {
      // A reload after a renderer crash: hand the latest document back, dirty as it was.
      const state = documents?.current();
      if (state) win.webContents.send(desktopChannels.openDocument, state.document);
      return;
    }
    rendererReady = true;
    void afterFirstLoad();
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    console.warn(`[flowcast] Renderer gone (${details.reason}); reloading with the latest document.`);
    void documents?.flush().then(() => win.webContents.reload());
  });
  void win.loadURL(devServerUrl ?? appEntryUrl);
}

/** After the page is up: offer crash recovery first, then the files from the command line or Finder. */
async function afterFirstLoad(): Promise<void> {
  if (!documents) return;
  await documents.offerRecovery();
  const paths = pendingPaths.splice(0);
  for (const filePath of paths) await documents.openPath(filePath);
}

/** Prints self-contained report HTML in a hidden, script-less window. The HTML goes through a private temp file. */
async function printToPdf(html: string): Promise<Uint8Array> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'flowcast-report-'));
  const file = path.join(dir, 'report.html');
  const printer = new BrowserWindow(printWindowOptions());
  try {
    await fsp.writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
    await printer.loadFile(file);
    return await printer.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    printer.destroy();
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
