import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopMenuCommand } from '../../models/desktop';

export interface MenuState {
  platform: NodeJS.Platform;
  /** Development build: adds Reload and the developer tools, which a shipped app must not offer. */
  isDev: boolean;
  appName: string;
  /** Recent documents, most recent first. */
  recent: readonly string[];
}

export interface MenuActions {
  /** Forwards a command to the renderer. */
  command(id: DesktopMenuCommand): void;
  openRecent(filePath: string): void;
  clearRecent(): void;
}

/** Accelerators that differ per platform, following each platform's conventions. */
export function platformAccelerators(platform: NodeJS.Platform): { redo: string; run: string; cancel: string; compare: string; quit?: string } {
  if (platform === 'darwin') return { redo: 'Shift+Cmd+Z', run: 'Cmd+R', cancel: 'Cmd+.', compare: 'Shift+Cmd+R' };
  if (platform === 'win32') return { redo: 'Ctrl+Y', run: 'F5', cancel: 'Shift+F5', compare: 'Ctrl+F5' };
  return { redo: 'Ctrl+Shift+Z', run: 'F5', cancel: 'Shift+F5', compare: 'Ctrl+F5', quit: 'Ctrl+Q' };
}

/**
 * The application menu as a template: a pure function of platform and state, so each platform's menu is tested
 * without Electron. Clicks call `actions`; document commands go to the renderer, clipboard and zoom use roles.
 * @example Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(state, actions)));
 */
export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const keys = platformAccelerators(state.platform);
  const cmd = (label: string, id: DesktopMenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    id,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(id),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const recentItems: MenuItemConstructorOptions[] =
    state.recent.length === 0
      ? [{ label: 'No Recent Documents', enabled: false }]
      : state.recent.map((filePath, i) => ({
          // Mnemonics 1-9 on Windows and Linux; "&" in a file name would otherwise become one.
          label: `${!mac && i < 9 ? `&${i + 1} ` : ''}${path.basename(filePath).replace(/&/g, '&&')}`,
          toolTip: filePath,
          id: `recent.${i}`,
          click: () => actions.openRecent(filePath),
        }));

  const fileMenu: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      cmd('New', 'file.new', 'CmdOrCtrl+N'),
      cmd('Open…', 'file.open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', id: 'file.openRecent', submenu: [...recentItems, separator, { label: 'Clear Recent', id: 'file.clearRecent', enabled: state.recent.length > 0, click: () => actions.clearRecent() }] },
      separator,
      cmd('Save', 'file.save', 'CmdOrCtrl+S'),
      cmd('Save As…', 'file.saveAs', 'Shift+CmdOrCtrl+S'),
      separator,
      cmd('Import BPMN…', 'file.importBpmn'),
      cmd('Import Event Log…', 'file.importEventLog'),
      separator,
      cmd('Export BPMN…', 'file.exportBpmn'),
      cmd('Export Report (HTML)…', 'export.report', 'CmdOrCtrl+E'),
      cmd('Export Report (PDF)…', 'export.reportPdf', 'Shift+CmdOrCtrl+E'),
      cmd('Export KPI Tables (CSV)…', 'export.csv'),
      cmd('Export Event Log (CSV)…', 'export.eventLog'),
      cmd('Export Event Log (XES)…', 'export.eventLogXes'),
      ...(mac ? [] : [separator, { role: 'quit', label: state.platform === 'win32' ? 'E&xit' : '&Quit', ...(keys.quit ? { accelerator: keys.quit } : {}) } satisfies MenuItemConstructorOptions]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      cmd('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      cmd('Redo', 'edit.redo', keys.redo),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      cmd('Fit Workflow to Window', 'view.fit', 'Shift+CmdOrCtrl+F'),
      cmd('Toggle Results Overlay', 'view.toggleOverlay', 'Shift+CmdOrCtrl+O'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(state.isDev ? [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[] : []),
    ],
  };

  const simulationMenu: MenuItemConstructorOptions = {
    label: mac ? 'Simulation' : '&Simulation',
    submenu: [cmd('Run', 'simulation.run', keys.run), cmd('Cancel Run', 'simulation.cancel', keys.cancel), separator, cmd('Compare Scenarios…', 'simulation.compare', keys.compare)],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [cmd('Keyboard Shortcuts', 'help.shortcuts', 'CmdOrCtrl+/'), ...(mac ? [] : [separator, cmd(`About ${state.appName}`, 'help.about')])],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      cmd(`About ${state.appName}`, 'help.about'),
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, simulationMenu, ...(mac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []), helpMenu];
}
