import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, so electron/main/index.ts (the glue) can be imported in Node and its
 * wiring checked: the real module is never loaded (in plain Node it tries to download the binary). It records
 * what the glue asks of Electron and lets the test fire app, window and IPC events.
 */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

class FakeWebContents extends EventEmitter {
  sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  reloads = 0;
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  reload(): void {
    this.reloads++;
  }
  printToPDF(): Promise<Uint8Array> {
    return Promise.resolve(new TextEncoder().encode('%PDF'));
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  title = '';
  closed = false;
  destroyed = false;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    fake.app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    this.loadedUrl = `file://${file}`;
    return Promise.resolve();
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setDocumentEdited(): void {}
  setRepresentedFilename(): void {}
  /** Like Electron: emits `close`, and closes unless a listener prevented it. */
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) {
      this.closed = true;
      this.emit('closed');
    }
  }
  destroy(): void {
    this.destroyed = true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  paths: Record<string, string> = {};
  sandboxEnabled = false;
  quitCalls = 0;
  readyResolve: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  private isReadyFlag = false;
  whenReady(): Promise<void> {
    return this.ready.then(() => void (this.isReadyFlag = true));
  }
  isReady(): boolean {
    return this.isReadyFlag;
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  setPath(name: string, value: string): void {
    this.paths[name] = value;
  }
  getPath(name: string): string {
    const value = this.paths[name];
    if (!value) throw new Error(`fake app: no path "${name}"`);
    return value;
  }
  getName(): string {
    return 'Flowcast';
  }
  getVersion(): string {
    return '0.1.0';
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(): void {}
  addRecentDocument(): void {}
  clearRecentDocuments(): void {}
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const fake = {
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  privilegedSchemes: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  ipcHandlers: new Map<string, Handler>(),
  permissionRequest: undefined as undefined | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  permissionCheck: undefined as undefined | ((contents: unknown, permission: string) => boolean),
  headersListener: undefined as undefined | ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void),
  menuTemplate: undefined as unknown,
  messageBoxResponses: [] as number[],
  messageBoxes: [] as Array<{ message?: string; buttons?: string[] }>,
  errorBoxes: [] as string[],
  externalUrls: [] as string[],
};

/** The module object handed to `vi.mock('electron', ...)`. */
export const fakeElectronModule = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  protocol: {
    registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => void fake.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => void fake.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof fake.permissionRequest) => void (fake.permissionRequest = handler),
      setPermissionCheckHandler: (handler: typeof fake.permissionCheck) => void (fake.permissionCheck = handler),
      webRequest: { onHeadersReceived: (listener: typeof fake.headersListener) => void (fake.headersListener = listener) },
    },
  },
  ipcMain: {
    handle: (channel: string, handler: Handler) => void fake.ipcHandlers.set(channel, handler),
    removeHandler: (channel: string) => void fake.ipcHandlers.delete(channel),
  },
  dialog: {
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    showSaveDialog: () => Promise.resolve({ canceled: true }),
    showMessageBox: (...args: unknown[]) => {
      const options = args[args.length - 1] as { message?: string; buttons?: string[] };
      fake.messageBoxes.push(options);
      return Promise.resolve({ response: fake.messageBoxResponses.shift() ?? 2 });
    },
    showErrorBox: (title: string, message: string) => void fake.errorBoxes.push(`${title}: ${message}`),
  },
  Menu: {
    buildFromTemplate: (template: unknown) => template,
    setApplicationMenu: (menu: unknown) => void (fake.menuTemplate = menu),
  },
  shell: { openExternal: (url: string) => (fake.externalUrls.push(url), Promise.resolve()) },
};
