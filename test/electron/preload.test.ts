import { describe, expect, it } from 'vitest';
import { desktopChannels, type DesktopDocument } from '../../models/desktop';
import { createDesktopApi, type IpcRendererLike } from '../../electron/preload/api';

function fakeIpcRenderer() {
  const invoked: Array<[string, unknown[]]> = [];
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => (invoked.push([channel, args]), `result of ${channel}`),
    on: (channel, listener) => void listeners.set(channel, listener),
  };
  const emit = (channel: string, ...args: unknown[]): void => listeners.get(channel)?.({ sender: 'raw event' }, ...args);
  return { ipc, invoked, listeners, emit };
}

describe('preload bridge', () => {
  it('exposes exactly the contract, and calls only named channels', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const api = createDesktopApi(ipc);
    expect(Object.keys(api).sort()).toEqual(['appInfo', 'documentChanged', 'exportFile', 'onMenuCommand', 'onOpenDocument', 'openModel', 'openRecent', 'recentDocuments', 'saveModel', 'saveModelAs']);
    const doc: DesktopDocument = { name: 'a', text: '{}' };
    await api.openModel();
    await api.openRecent('/a.flowcast.json');
    await api.saveModel(doc);
    await api.saveModelAs(doc);
    await api.recentDocuments();
    await api.exportFile({ kind: 'csv', suggestedName: 'k.csv', content: 'a' });
    expect(await api.appInfo()).toBe(`result of ${desktopChannels.appInfo}`);
    await api.documentChanged({ dirty: true, document: doc });
    expect(invoked).toEqual([
      [desktopChannels.openModel, []],
      [desktopChannels.openRecent, ['/a.flowcast.json']],
      [desktopChannels.saveModel, [doc]],
      [desktopChannels.saveModelAs, [doc]],
      [desktopChannels.recentDocuments, []],
      [desktopChannels.exportFile, [{ kind: 'csv', suggestedName: 'k.csv', content: 'a' }]],
      [desktopChannels.appInfo, []],
      [desktopChannels.documentChanged, [{ dirty: true, document: doc }]],
    ]);
  });

  it('delivers menu commands without the raw event, drops unknown ones, and unsubscribes', () => {
    const { ipc, emit } = fakeIpcRenderer();
    const api = createDesktopApi(ipc);
    const got: unknown[][] = [];
    const off = api.onMenuCommand((...args: unknown[]) => void got.push(args));
    emit(desktopChannels.menuCommand, 'file.save');
    emit(desktopChannels.menuCommand, 'shell.exec');
    emit(desktopChannels.menuCommand, 42);
    off();
    emit(desktopChannels.menuCommand, 'file.open');
    expect(got).toEqual([['file.save']]);
  });

  it('keeps documents sent before the page subscribed and hands them to the first listener', () => {
    const { ipc, emit } = fakeIpcRenderer();
    const api = createDesktopApi(ipc);
    const early: DesktopDocument = { path: '/a.flowcast.json', name: 'a.flowcast.json', text: '{}' };
    emit(desktopChannels.openDocument, early);
    emit(desktopChannels.openDocument, { not: 'a document' });
    const got: DesktopDocument[] = [];
    api.onOpenDocument((d) => void got.push(d));
    const late: DesktopDocument = { name: 'b', text: '{}' };
    emit(desktopChannels.openDocument, late);
    expect(got).toEqual([early, late]);
  });
});
