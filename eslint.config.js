// Lint rules that keep the architecture honest: dependencies point inward (apps → shared,
// server → shared; shared imports nothing with I/O), and nobody silences the compiler.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_MODULES = ['node:*', 'fs', 'path', 'os', 'net', 'child_process', 'crypto', 'react', 'react-dom', 'react-dom/*', 'electron', 'better-sqlite3', 'socket.io', 'socket.io-client', 'fastify', '@fastify/*', '@napi-rs/canvas', 'escpos', 'escpos-usb', 'usb', 'pino'];

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
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: IO_MODULES, message: 'shared is pure: no I/O, UI or platform imports (see STYLE.md).' }] }],
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
