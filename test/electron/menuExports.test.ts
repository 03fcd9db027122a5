import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { desktopMenuCommands } from '../../models/desktop';
import { buildMenuTemplate, type MenuState } from '../../electron/main/menu';

type Item = MenuItemConstructorOptions;

function fileMenu(platform: NodeJS.Platform): { items: Item[]; sent: string[] } {
  const sent: string[] = [];
  const state: MenuState = { platform, isDev: false, appName: 'Flowcast', recent: [] };
  const template = buildMenuTemplate(state, { command: (id) => void sent.push(id), openRecent: () => undefined, clearRecent: () => undefined });
  const file = template.find((m) => String(m.label).replace('&', '') === 'File');
  if (!file || !Array.isArray(file.submenu)) throw new Error('no File menu');
  return { items: file.submenu, sent };
}

/** The File menu as lines: an item's id, or "—" for a separator (roles and submenus by their label). */
function outline(items: Item[]): string[] {
  return items.map((i) => (i.type === 'separator' ? '—' : (i.id ?? String(i.role ?? i.label))));
}

describe('File menu: import and export', () => {
  it('has the interop and export commands in the contract', () => {
    expect(desktopMenuCommands).toEqual(expect.arrayContaining(['file.importBpmn', 'file.importEventLog', 'file.exportBpmn', 'export.report', 'export.reportPdf', 'export.csv', 'export.eventLog', 'export.eventLogXes']));
  });

  it.each(['linux', 'win32', 'darwin'] as const)('on %s groups imports, then exports, between Save As and Quit', (platform) => {
    const { items } = fileMenu(platform);
    const lines = outline(items);
    const start = lines.indexOf('file.saveAs');
    expect(lines.slice(start, start + 11)).toEqual(['file.saveAs', '—', 'file.importBpmn', 'file.importEventLog', '—', 'file.exportBpmn', 'export.report', 'export.reportPdf', 'export.csv', 'export.eventLog', 'export.eventLogXes']);
    if (platform !== 'darwin') expect(lines.slice(-2)).toEqual(['—', 'quit']);
    else expect(lines[lines.length - 1]).toBe('export.eventLogXes');
  });

  it('labels the items as a person reads them, with an ellipsis for items that ask for more', () => {
    const { items } = fileMenu('linux');
    const label = (id: string) => items.find((i) => i.id === id)?.label;
    expect(label('file.importBpmn')).toBe('Import BPMN…');
    expect(label('file.importEventLog')).toBe('Import Event Log…');
    expect(label('file.exportBpmn')).toBe('Export BPMN…');
    expect(label('export.eventLog')).toBe('Export Event Log (CSV)…');
    expect(label('export.eventLogXes')).toBe('Export Event Log (XES)…');
    expect(items.find((i) => i.id === 'export.report')?.accelerator).toBe('CmdOrCtrl+E');
  });

  it('sends each import and export command to the renderer when clicked', () => {
    const { items, sent } = fileMenu('win32');
    const ids = ['file.importBpmn', 'file.importEventLog', 'file.exportBpmn', 'export.report', 'export.reportPdf', 'export.csv', 'export.eventLog', 'export.eventLogXes'];
    for (const id of ids) (items.find((i) => i.id === id)?.click as () => void)();
    expect(sent).toEqual(ids);
  });
});
