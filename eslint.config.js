import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Folders that must stay free of Node, Electron and the DOM: they run in a browser worker too. */
const noPlatformImports = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'Only electron/ may use Electron.' }],
      patterns: [{ group: ['node:*'], message: 'Node modules belong in simulator/node/ or electron/.' }],
    },
  ],
};

export default defineConfig([
  { ignores: ['node_modules/', 'out/', 'dist/', '.tsbuild/', 'release/', 'test-results/', 'playwright-report/', 'bench/*.py', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })] },
    rules: {
      'import-x/no-unresolved': ['error', { ignore: ['\\?worker$', '\\?url$'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // The layer table of docs/ARCHITECTURE.md, checked on every `npm test`.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './models', from: ['./simulator', './renderer', './electron', './scenarios', './test'], message: 'models/ imports nothing else of ours.' },
            { target: './simulator', from: ['./renderer', './electron', './test', './scenarios', './bench'], message: 'simulator/ imports only models/.' },
            { target: './simulator/!(node)/**', from: './simulator/node/**', message: 'Only simulator/node/ may hold Node-only code; nothing else in simulator/ imports it.' },
            { target: './simulator/*.ts', from: './simulator/node/**', message: 'Only simulator/node/ may hold Node-only code; nothing else in simulator/ imports it.' },
            { target: './renderer', from: './electron', message: 'Use renderer/platform/desktopBridge.ts; never import electron/.' },
            { target: './renderer', from: './simulator/node', message: 'The renderer runs the engine through simulator/worker only.' },
            { target: './renderer/!(simulation)/**', from: './simulator/**', message: 'Reach simulator/ through renderer/simulation/ (the one gateway).' },
            { target: './renderer/*.{ts,tsx}', from: './simulator/**', message: 'Reach simulator/ through renderer/simulation/ (the one gateway).' },
            { target: './electron', from: './renderer', message: 'electron/ never imports renderer/.' },
            { target: './electron/preload', from: ['./simulator', './renderer', './electron/main'], message: 'The preload only knows models/desktop.ts.' },
          ],
        },
      ],
    },
  },
  { files: ['models/**', 'simulator/**', 'renderer/**'], ignores: ['simulator/node/**'], rules: noPlatformImports },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['simulator/node/**', 'electron/**', 'test/**', 'bench/**', 'scripts/**', '*.config.ts', 'eslint.config.js'], languageOptions: { globals: globals.node } },
]);
