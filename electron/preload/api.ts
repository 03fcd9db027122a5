import { desktopChannels, desktopMenuCommands, type DesktopApi, type DesktopDocument, type DesktopMenuCommand } from '../../models/desktop';

/** What the bridge needs of `ipcRenderer`. The raw event never reaches the page (it exposes `sender`). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Fan-out of a main-to-renderer event with a buffer: what arrives before the page subscribes (a document opened
 * from the command line while React is still mounting) is delivered to the first listener.
 */
function createFeed<T>(): { push(value: T): void; subscribe(listener: (value: T) => void): () => void } {
  const listeners = new Set<(value: T) => void>();
  let buffered: T[] = [];
  return {
    push(value) {
      if (listeners.size === 0) buffered.push(value);
      else for (const listener of listeners) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      const pending = buffered;
      buffered = [];
      for (const value of pending) listener(value);
      return () => void listeners.delete(listener);
    },
  };
}

const knownCommands = new Set<string>(desktopMenuCommands);

function isDocument(value: unknown): value is DesktopDocument {
  return typeof value === 'object' && value !== null && typeof (value as DesktopDocument).name === 'string' && typeof (value as DesktopDocument).text === 'string';
}

/**
 * Builds `window.flowcast`: one function per named channel and nothing else, no generic `send`/`invoke`, so the
 * page can reach only what the main process validates (VS Code's preload pattern).
 * @example contextBridge.exposeInMainWorld('flowcast', createDesktopApi(ipcRenderer));
 */
export function createDesktopApi(ipc: IpcRendererLike): DesktopApi {
  const commands = createFeed<DesktopMenuCommand>();
  const documents = createFeed<DesktopDocument>();
  ipc.on(desktopChannels.menuCommand, (_event, command) => {
    if (typeof command === 'string' && knownCommands.has(command)) commands.push(command as DesktopMenuCommand);
  });
  ipc.on(desktopChannels.openDocument, (_event, document) => {
    if (isDocument(document)) documents.push(document);
  });
  const call = <T>(channel: string, ...args: unknown[]): Promise<T> => ipc.invoke(channel, ...args) as Promise<T>;
  return {
    openModel: () => call(desktopChannels.openModel),
    openRecent: (path) => call(desktopChannels.openRecent, path),
    saveModel: (document) => call(desktopChannels.saveModel, document),
    saveModelAs: (document) => call(desktopChannels.saveModelAs, document),
    recentDocuments: () => call(desktopChannels.recentDocuments),
    exportFile: (request) => call(desktopChannels.exportFile, request),
    appInfo: () => call(desktopChannels.appInfo),
    documentChanged: (state) => call(desktopChannels.documentChanged, state),
    onMenuCommand: (listener) => commands.subscribe(listener),
    onOpenDocument: (listener) => documents.subscribe(listener),
  };
}
