// Lint rules that keep the architecture honest: dependencies point inward (apps → live-client →
// shared, server → node-shared → shared; shared imports nothing with I/O and keeps no timers),
// no import cycles, React hooks used by the rules, and nobody silences the compiler.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import layso from './eslint-rules/no-import-cycle.js';

const IO_MODULES = ['node:*', 'fs', 'path', 'os', 'net', 'child_process', 'crypto', 'react', 'react-dom', 'react-dom/*', 'electron', 'better-sqlite3', 'socket.io', 'socket.io-client', 'fastify', '@fastify/*', '@napi-rs/canvas', 'escpos', 'escpos-usb', 'usb', 'pino', '@layso/*'];
// shared is the pure rulebook: time comes in as an argument, nothing waits, nothing talks.
const TIMERS_AND_SOCKETS = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask', 'requestAnimationFrame', 'fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource', 'Worker', 'process'];
const PURE_MESSAGE = 'shared is pure: no timers, sockets or I/O (node-only code goes to node-shared, browser I/O to live-client).';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'test-output/**', '.bench-cache/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // No import cycles anywhere (tests included: a cycle through a test helper is still a knot).
    files: ['**/*.{ts,tsx,cts}'],
    plugins: { 'import-x': importX, layso },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['*/tsconfig.json'], noWarnOnMultipleProjects: true, conditionNames: ['source', 'types', 'import', 'default'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'layso/no-import-cycle': 'error',
    },
  },
  {
    files: ['*/src/**/*.tsx', '*/src/renderer/**/*.ts', 'staff-app/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/**/*.test.ts', 'shared/src/**/*.test-support.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: IO_MODULES, message: PURE_MESSAGE }] }],
      'no-restricted-globals': ['error', ...TIMERS_AND_SOCKETS.map((name) => ({ name, message: PURE_MESSAGE }))],
      'no-restricted-properties': ['error', ...['globalThis', 'window', 'self'].flatMap((object) => TIMERS_AND_SOCKETS.map((property) => ({ object, property, message: PURE_MESSAGE })))],
    },
  },
  {
    // Tests write no pictures nobody compares: a picture for a person goes through lookAt().
    files: ['*/test/**/*.ts', '*/src/**/*.test.{ts,tsx}'],
    ignores: ['queue-server/test/support/browser.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='screenshot']", message: 'use lookAt() from queue-server/test/support/browser.ts: screenshots are written only with LAYSO_SCREENSHOTS=1.' }],
    },
  },
  {
    files: ['kiosk-app/src/**/*.{ts,tsx}', 'display-app/src/**/*.{ts,tsx}', 'staff-app/src/**/*.{ts,tsx}'],
    // Tests may start the real server and its test printer; the apps themselves may not import it.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@layso/queue-server', '**/queue-server/**'], message: 'apps talk to the server over the protocol, not by importing it.' }] }],
    },
  },
);
