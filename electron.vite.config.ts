import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Desktop build (`npm run build:desktop`): out/main/index.js (ESM, dependencies external), out/preload/index.cjs
 * (CommonJS, because a sandboxed preload cannot be an ES module) and out/renderer (the same bundle as
 * vite.config.ts builds for the web, loaded from app://flowcast).
 */
export default defineConfig({
  main: {
    build: { outDir: 'out/main', lib: { entry: 'electron/main/index.ts' } },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: 'electron/preload/index.ts', formats: ['cjs'] },
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    worker: { format: 'es' },
    server: { host: '127.0.0.1', fs: { allow: ['..'] } },
    build: { outDir: 'out/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2000, rolldownOptions: { input: 'renderer/index.html' } },
  },
});
