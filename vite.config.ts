import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The studio as a plain web app: `npm run build:web` writes out/renderer (the bundle Electron also loads),
 * `npx vite preview` serves it for Playwright on 127.0.0.1:4173.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  // Module workers (layout, simulation) so they can import ES modules under the CSP's worker-src 'self'.
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
