import { describe, expect, it } from 'vitest';
import { desktopChannels } from '../../models/desktop';
import { checkIpcCall, registerIpcHandlers, type DesktopHandlers, type IpcEventLike, type IpcMainLike } from '../../electron/main/ipc';
import { trustedOrigins } from '../../electron/main/security';

const origins = trustedOrigins();
const fromApp: IpcEventLike = { senderFrame: { url: 'app://flowcast/index.html', parent: null } };
const doc = { name: 'a.flowcast.json', text: '{}' };

describe('checkIpcCall', () => {
  it('accepts a well-formed call from the app', () => {
    expect(checkIpcCall(desktopChannels.saveModel, fromApp, [doc], origins)).toEqual({ ok: true, method: 'saveModel', args: [doc] });
    expect(checkIpcCall(desktopChannels.appInfo, fromApp, [], origins).ok).toBe(true);
    // A new document may have no name yet.
    expect(checkIpcCall(desktopChannels.documentChanged, fromApp, [{ dirty: true, document: { name: '', text: '{}' } }], origins).ok).toBe(true);
  });

  it('refuses unknown channels, including the event channels that flow the other way', () => {
    for (const channel of ['flowcast:eval', 'flowcast:open-model ', desktopChannels.menuCommand, desktopChannels.openDocument, '']) {
      const check = checkIpcCall(channel, fromApp, [], origins);
      expect(check.ok, channel).toBe(false);
      if (!check.ok) expect(check.reason).toMatch(/Unknown channel/);
    }
  });

  it('refuses senders that are not the app', () => {
    const senders: Array<[IpcEventLike, RegExp]> = [
      [{ senderFrame: { url: 'https://evil.example/index.html', parent: null } }, /not the app/],
      [{ senderFrame: { url: 'file:///tmp/index.html', parent: null } }, /not the app/],
      [{ senderFrame: { url: 'app://other/index.html', parent: null } }, /not the app/],
      [{ senderFrame: { url: 'http://localhost:5173/', parent: null } }, /not the app/],
      [{ senderFrame: { url: 'about:blank', parent: null } }, /not the app/],
      [{ senderFrame: null }, /frame is gone/],
      [{ senderFrame: { url: 'app://flowcast/index.html', parent: {} } }, /main frame/],
    ];
    for (const [event, reason] of senders) {
      const check = checkIpcCall(desktopChannels.openModel, event, [], origins);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.reason).toMatch(reason);
    }
  });

  it('accepts the dev server only when it is the configured one', () => {
    const dev = trustedOrigins('http://localhost:5173/');
    const event: IpcEventLike = { senderFrame: { url: 'http://localhost:5173/index.html', parent: null } };
    expect(checkIpcCall(desktopChannels.appInfo, event, [], dev).ok).toBe(true);
    expect(checkIpcCall(desktopChannels.appInfo, { senderFrame: { url: 'http://localhost:5174/', parent: null } }, [], dev).ok).toBe(false);
  });

  it('refuses bad payloads with the place of the problem', () => {
    const bad: Array<[string, unknown[]]> = [
      [desktopChannels.saveModel, []],
      [desktopChannels.saveModel, [{ name: 'a', text: 42 }]],
      [desktopChannels.saveModel, [{ ...doc, extra: true }]],
      [desktopChannels.saveModel, [doc, doc]],
      [desktopChannels.openRecent, ['']],
      [desktopChannels.openRecent, ['/a\0b']],
      [desktopChannels.openRecent, [{ path: '/a' }]],
      [desktopChannels.appInfo, ['unexpected']],
      [desktopChannels.exportFile, [{ kind: 'exe', suggestedName: 'a', content: '' }]],
      [desktopChannels.documentChanged, [{ dirty: 'yes', document: doc }]],
      [desktopChannels.saveModel, [{ name: 'a', text: 'x'.repeat(20 * 1024 * 1024 + 1) }]],
    ];
    for (const [channel, args] of bad) {
      const check = checkIpcCall(channel, fromApp, args, origins);
      expect(check.ok, `${channel} ${JSON.stringify(args).slice(0, 80)}`).toBe(false);
      if (!check.ok) expect(check.reason).toMatch(/bad arguments/);
    }
  });
});

describe('registerIpcHandlers', () => {
  function fakeIpcMain(): IpcMainLike & { listeners: Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown> } {
    const listeners = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
    return { listeners, handle: (channel, listener) => void listeners.set(channel, listener), removeHandler: (channel) => void listeners.delete(channel) };
  }
  const calls: string[] = [];
  const handlers: DesktopHandlers = {
    openModel: async () => (calls.push('openModel'), undefined),
    openRecent: async (p) => (calls.push(`openRecent ${p}`), undefined),
    saveModel: async () => (calls.push('saveModel'), { ok: true }),
    saveModelAs: async () => ({ ok: true }),
    recentDocuments: async () => [],
    exportFile: async () => ({ ok: true }),
    appInfo: async () => ({ name: 'Flowcast', version: '0', platform: 'linux' }),
    documentChanged: async () => undefined,
  };

  it('registers exactly the invoke channels and runs handlers only for valid calls', async () => {
    const ipc = fakeIpcMain();
    const log: string[] = [];
    const dispose = registerIpcHandlers(ipc, handlers, { origins, log: (m) => log.push(m) });
    expect([...ipc.listeners.keys()].sort()).toEqual(
      Object.entries(desktopChannels)
        .filter(([k]) => k !== 'menuCommand' && k !== 'openDocument')
        .map(([, v]) => v)
        .sort(),
    );
    calls.length = 0;
    await ipc.listeners.get(desktopChannels.openRecent)?.(fromApp, '/home/a.flowcast.json');
    expect(calls).toEqual(['openRecent /home/a.flowcast.json']);
    expect(() => ipc.listeners.get(desktopChannels.openRecent)?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, '/etc/passwd')).toThrow(/not the app/);
    expect(() => ipc.listeners.get(desktopChannels.saveModel)?.(fromApp, { name: 'x' })).toThrow(/bad arguments/);
    expect(calls).toEqual(['openRecent /home/a.flowcast.json']);
    expect(log).toHaveLength(2);
    dispose();
    expect(ipc.listeners.size).toBe(0);
  });
});
