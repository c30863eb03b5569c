#!/usr/bin/env node
// Build everything `npm start` and the tests need: TypeScript project references (tsc -b, which
// also typechecks), the tests' typecheck (with --tests), and the web apps (kiosk, display, staff, the province board) with Vite. Each web app is rebuilt
// only when its sources (or shared's) are newer than its last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`\nbuild failed: ${cmd} ${args.join(' ')}\n`);
    process.exit(r.status ?? 1);
  }
}

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

run(bin('tsc'), ['-b']);
// The tests are typechecked too when building for `npm test`; `npm start` does not need it.
if (process.argv.includes('--tests')) run(bin('tsc'), ['-p', 'tsconfig.tests.json']);

// The web apps bundle shared and live-client from source and share one Vite set-up (vite.apps.ts):
// any of them changing rebuilds them.
const sharedTime = Math.max(newest(join(root, 'shared', 'src')), newest(join(root, 'live-client', 'src')), newest(join(root, 'ui-react', 'src')), statSync(join(root, 'vite.apps.ts')).mtimeMs);
for (const app of ['kiosk-app', 'display-app', 'staff-app', 'province-hub']) {
  const dir = join(root, app);
  if (!existsSync(join(dir, 'vite.config.ts'))) continue;
  const marker = join(dir, 'dist', 'web', 'index.html');
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  if (built > Math.max(newest(dir), sharedTime) && !process.argv.includes('--force')) continue;
  run(bin('vite'), ['build', '--logLevel', 'warn'], dir);
}
