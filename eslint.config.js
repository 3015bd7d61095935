import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'dgram', 'http', 'https', 'tls', 'url', 'worker_threads', 'stream', 'events', 'util', 'zlib'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'test-results/', 'playwright-report/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Runtime boundaries (after Signal Desktop's file-suffix rule, lighter):
  // shared/ runs on both sides, so neither Node, DOM-only modules nor electron.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, 'electron', 'react', 'react-dom'], message: 'shared/ must run in Node and in the browser: no node:*, electron or DOM libraries' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer'],
    },
  },
  // The engine and the CLI run under plain Node: never electron.
  {
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'the engine runs under plain Node; ask the host for OS services instead' }] }],
    },
  },
  // The renderer is untrusted web content: no Node, no electron.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, 'electron', '**/electron/engine/**'], message: 'the renderer talks to the engine through the api client only' }] }],
      // Device strings are attacker-controlled: text only, never markup (react/no-danger without the plugin).
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'render device and user strings as text, never HTML' },
        { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'render device and user strings as text, never HTML' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'render device and user strings as text, never HTML' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: 'render device and user strings as text, never HTML' },
      ],
    },
  },
  // Electron IPC lives in one wrapper (after GitHub Desktop): only the preload touches ipcRenderer and
  // contextBridge; main has no ipcMain at all (the renderer talks to the engine over a MessagePort).
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: ['electron/preload/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer', 'contextBridge'], message: 'IPC goes through electron/preload/preload.ts and the engine MessagePort only' }] }],
    },
  },
);
