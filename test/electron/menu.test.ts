import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { desktopMenuCommands, type DesktopMenuCommand } from '../../models/desktop';
import { buildMenuTemplate, type MenuActions, type MenuState } from '../../electron/main/menu';

type Item = MenuItemConstructorOptions;

function flatten(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(state: Partial<MenuState> = {}) {
  const sent: string[] = [];
  const actions: MenuActions = { command: (id) => void sent.push(id), openRecent: (p) => void sent.push(`recent:${p}`), clearRecent: () => void sent.push('clear') };
  const template = buildMenuTemplate({ platform: 'linux', isDev: false, appName: 'Flowcast', recent: [], ...state }, actions);
  const items = flatten(template);
  const byId = (id: string): Item => {
    const item = items.find((i) => i.id === id);
    if (!item) throw new Error(`no menu item ${id}`);
    return item;
  };
  const click = (item: Item): void => (item.click as () => void)();
  return { template, items, byId, sent, click };
}

const platforms: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];

describe('menu template', () => {
  it.each(platforms)('on %s has File, Edit, View, Simulation and Help menus', (platform) => {
    const labels = build({ platform }).template.map((m) => m.label ?? m.role).map((l) => String(l).replace('&', ''));
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Simulation', 'Help']));
    if (platform === 'darwin') expect(labels[0]).toBe('Flowcast');
  });

  it.each(platforms)('on %s sends every menu command of the contract, once each', (platform) => {
    const { items, sent, click } = build({ platform });
    const commandItems = items.filter((i) => i.id !== undefined && (desktopMenuCommands as readonly string[]).includes(i.id));
    for (const item of commandItems) click(item);
    expect([...new Set(sent)].sort()).toEqual([...desktopMenuCommands].sort());
  });

  it.each(platforms)('on %s uses the common accelerators', (platform) => {
    const { byId } = build({ platform });
    const expected: Partial<Record<DesktopMenuCommand, string>> = {
      'file.new': 'CmdOrCtrl+N',
      'file.open': 'CmdOrCtrl+O',
      'file.save': 'CmdOrCtrl+S',
      'file.saveAs': 'Shift+CmdOrCtrl+S',
      'edit.undo': 'CmdOrCtrl+Z',
    };
    for (const [id, accelerator] of Object.entries(expected)) expect(byId(id).accelerator, id).toBe(accelerator);
  });

  it('follows each platform for redo, run and cancel', () => {
    const table = platforms.map((platform) => {
      const { byId } = build({ platform });
      return [platform, byId('edit.redo').accelerator, byId('simulation.run').accelerator, byId('simulation.cancel').accelerator];
    });
    expect(table).toEqual([
      ['darwin', 'Shift+Cmd+Z', 'Cmd+R', 'Cmd+.'],
      ['win32', 'Ctrl+Y', 'F5', 'Shift+F5'],
      ['linux', 'Ctrl+Shift+Z', 'F5', 'Shift+F5'],
    ]);
  });

  it('gives no two items the same accelerator', () => {
    for (const platform of platforms) {
      const accelerators = build({ platform, isDev: true }).items.flatMap((i) => (typeof i.accelerator === 'string' ? [i.accelerator] : []));
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });

  it('offers reload and developer tools only in development', () => {
    for (const platform of platforms) {
      const roles = (isDev: boolean): string[] => build({ platform, isDev }).items.flatMap((i) => (i.role ? [String(i.role)] : []));
      expect(roles(false)).not.toEqual(expect.arrayContaining(['toggleDevTools']));
      expect(roles(false).some((r) => /devtools|reload/i.test(r))).toBe(false);
      expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
    }
  });

  it('puts Quit in the app menu on macOS and in File elsewhere', () => {
    const mac = build({ platform: 'darwin' }).template;
    expect(flatten(mac[0].submenu as Item[]).some((i) => i.role === 'quit')).toBe(true);
    const fileMac = mac.find((m) => m.label === 'File');
    expect(flatten(fileMac?.submenu as Item[]).some((i) => i.role === 'quit')).toBe(false);
    const win = build({ platform: 'win32' }).template[0];
    expect((win.submenu as Item[]).find((i) => i.role === 'quit')?.label).toBe('E&xit');
    const linux = build({ platform: 'linux' }).template[0];
    expect((linux.submenu as Item[]).find((i) => i.role === 'quit')?.accelerator).toBe('Ctrl+Q');
  });

  it('has clipboard and zoom roles', () => {
    const roles = build().items.map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('lists recent documents, opens them and clears the list', () => {
    const { byId, items, sent, click } = build({ recent: ['/m/north & south.flowcast.json', '/m/b.flowcast.json'] });
    const first = byId('recent.0');
    expect(first.label).toBe('&1 north && south.flowcast.json');
    click(first);
    click(byId('file.clearRecent'));
    expect(sent).toEqual(['recent:/m/north & south.flowcast.json', 'clear']);
    expect(items.filter((i) => i.id?.startsWith('recent.'))).toHaveLength(2);
  });

  it('shows an empty recent list as disabled', () => {
    const { items, byId } = build({ recent: [] });
    expect(items.find((i) => i.label === 'No Recent Documents')?.enabled).toBe(false);
    expect(byId('file.clearRecent').enabled).toBe(false);
  });
});
