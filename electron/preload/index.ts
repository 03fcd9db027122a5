// Built as CommonJS (out/preload/index.cjs): a sandboxed preload cannot be an ES module.
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './api';

contextBridge.exposeInMainWorld('flowcast', createDesktopApi(ipcRenderer));
