#!/usr/bin/env node
// The browser tests drive Debian's Chromium (npm cannot install a browser here). Install it when
// it is missing, so that `npm test` alone sets up everything it needs.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

process.stdout.write('Chromium is missing: installing Debian package chromium for the browser tests…\n');
const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
const apt = (...args) => (sudo.length ? sh('sudo', ['apt-get', ...args]) : sh('apt-get', args));
if (!apt('install', '-y', '--no-install-recommends', 'chromium')) {
  apt('update');
  if (!apt('install', '-y', '--no-install-recommends', 'chromium')) {
    process.stderr.write('Could not install chromium with apt-get; the browser tests need /usr/bin/chromium.\n');
    process.exit(1);
  }
}
process.stdout.write('Chromium installed.\n');
