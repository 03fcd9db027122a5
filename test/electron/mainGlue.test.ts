import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { desktopChannels, type DesktopDocument } from '../../models/desktop';
import { fake, fakeElectronModule, fakeEvent, FakeBrowserWindow } from './fakeElectron';
import { minimalModelText } from './helpers';

// The glue imports `electron`; the fake stands in for it, so the real module (and its download) is never touched.
vi.mock('electron', () => fakeElectronModule);

const fromApp = { senderFrame: { url: 'app://flowcast/index.html', parent: null } };
let dir: string;
let modelPath: string;
let win: FakeBrowserWindow;
const savedArgv = process.argv;

/** Lets pending promise chains (ready, dialogs, file reads) settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'flowcast-glue-'));
  modelPath = path.join(dir, 'north.flowcast.json');
  await fsp.writeFile(modelPath, await minimalModelText());
  fake.app.setPath('userData', path.join(dir, 'userData'));
  fake.app.setPath('documents', dir);
  delete process.env.ELECTRON_RENDERER_URL;
  process.argv = ['/usr/bin/electron', '.', '--some-switch', modelPath];
  await import('../../electron/main/index');
  process.argv = savedArgv;
});

afterAll(async () => {
  process.argv = savedArgv;
  await fsp.rm(dir, { recursive: true, force: true });
});

describe('main process glue (with a fake electron module)', () => {
  it('registers app:// as a privileged scheme and turns the sandbox on before ready', () => {
    expect(fake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }]);
    expect(fake.privilegedSchemes[0].privileges.corsEnabled).toBeUndefined();
    expect(fake.privilegedSchemes[0].privileges.bypassCSP).toBeUndefined();
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(FakeBrowserWindow.all).toHaveLength(0);
  });

  it('when ready, opens one hardened window on app://', async () => {
    fake.app.readyResolve();
    // Start-up reads files through the thread pool: wait for the window rather than for a number of ticks.
    await vi.waitFor(() => expect(FakeBrowserWindow.all).toHaveLength(1));
    win = FakeBrowserWindow.all[0];
    expect(win.loadedUrl).toBe('app://flowcast/index.html');
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('denies permissions and sends the CSP header', () => {
    const granted: boolean[] = [];
    fake.permissionRequest?.(undefined, 'media', (g) => void granted.push(g));
    expect(granted).toEqual([false]);
    expect(fake.permissionCheck?.(undefined, 'notifications')).toBe(false);
    let headers: Record<string, string[]> = {};
    fake.headersListener?.({ responseHeaders: { 'X-Other': ['1'] } }, (response) => void (headers = response.responseHeaders));
    expect(headers['X-Other']).toEqual(['1']);
    expect(headers['Content-Security-Policy'][0]).toMatch(/^default-src 'self'; script-src 'self';/);
  });

  it('serves app:// only inside the renderer folder', async () => {
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    expect((await handler!({ url: 'app://evil/index.html' })).status).toBe(403);
    expect((await handler!({ url: 'app://flowcast/assets/..%2f..%2fmain%2findex.ts' })).status).toBe(403);
  });

  it('prevents navigation away and new windows; allow-listed links go to the browser', () => {
    const away = fakeEvent();
    win.webContents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.defaultPrevented).toBe(true);
    const inside = fakeEvent();
    win.webContents.emit('will-navigate', inside, 'app://flowcast/index.html#x');
    expect(inside.defaultPrevented).toBe(false);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler?.({ url: 'https://github.com/flowcast' })).toEqual({ action: 'deny' });
    expect(fake.externalUrls).toEqual(['https://github.com/flowcast']);
    const webview = fakeEvent();
    win.webContents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('registers validated handlers for every invoke channel', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(
      Object.entries(desktopChannels)
        .filter(([name]) => name !== 'menuCommand' && name !== 'openDocument')
        .map(([, channel]) => channel)
        .sort(),
    );
    const appInfo = fake.ipcHandlers.get(desktopChannels.appInfo)!;
    expect(await appInfo(fromApp)).toEqual({ name: 'Flowcast', version: '0.1.0', platform: process.platform });
    expect(() => appInfo({ senderFrame: { url: 'https://evil.example/', parent: null } })).toThrow(/not the app/);
  });

  it('builds the menu with development items in an unpackaged run', () => {
    const labels = JSON.stringify(fake.menuTemplate);
    expect(labels).toContain('"role":"toggleDevTools"');
    expect(labels).toContain('"id":"file.save"');
  });

  it('after the first load, opens the file from the command line and titles the window', async () => {
    win.webContents.emit('did-finish-load');
    const opened = (): Array<string | undefined> => win.webContents.sent.filter(([channel]) => channel === desktopChannels.openDocument).map(([, d]) => (d as DesktopDocument).path);
    // File reads go through the thread pool: wait for them rather than for a number of ticks.
    await vi.waitFor(() => expect(opened()).toEqual([modelPath]));
    expect(win.title).toBe('north.flowcast.json — Flowcast');
  });

  it('forwards menu clicks to the renderer', () => {
    type Item = { id?: string; click?: () => void; submenu?: Item[] };
    const items = (fake.menuTemplate as Item[]).flatMap(function flat(item: Item): Item[] {
      return [item, ...(item.submenu ?? []).flatMap(flat)];
    });
    items.find((i) => i.id === 'simulation.run')?.click?.();
    expect(win.webContents.sent.at(-1)).toEqual([desktopChannels.menuCommand, 'simulation.run']);
  });

  it('asks before closing a dirty document, and Cancel keeps the window', async () => {
    const documentChanged = fake.ipcHandlers.get(desktopChannels.documentChanged)!;
    await documentChanged(fromApp, { dirty: true, document: { path: modelPath, name: 'north.flowcast.json', text: 'edited' } });
    expect(win.title).toBe('• north.flowcast.json — Flowcast');
    fake.messageBoxResponses.push(2);
    win.close();
    win.close(); // a second click while the prompt is up
    await settle();
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1));
    expect(fake.messageBoxes.map((b) => b.buttons)).toEqual([['Save', "Don't save", 'Cancel']]);
    expect(win.closed).toBe(false);
  });

  it("Don't save closes the window and the app quits", async () => {
    fake.messageBoxResponses.push(1);
    win.close();
    await vi.waitFor(() => expect(win.closed).toBe(true));
    fake.app.emit('window-all-closed');
    if (process.platform !== 'darwin') expect(fake.app.quitCalls).toBe(1);
    expect(await fsp.readFile(modelPath, 'utf8')).toBe(await minimalModelText());
  });
});
