#!/usr/bin/env node
// The province hub's tests (province-hub/test) start a real PostgreSQL from Debian's packages in a
// temporary directory (npm cannot install a database server). Install it when its binaries are
// missing, so that `npm test` alone sets up everything it needs. PostgreSQL refuses to run as
// root; the tests run it as the `postgres` system user that the Debian package creates.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const ROOT = '/usr/lib/postgresql';
const hasBinaries = () =>
  existsSync(ROOT) &&
  readdirSync(ROOT).some((v) => ['initdb', 'postgres', 'pg_ctl'].every((b) => existsSync(`${ROOT}/${v}/bin/${b}`)));

if (hasBinaries()) process.exit(0);

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

process.stdout.write('PostgreSQL is missing: installing Debian package postgresql for the province hub tests…\n');
const sudo = process.getuid && process.getuid() !== 0;
const apt = (...args) => (sudo ? sh('sudo', ['apt-get', ...args]) : sh('apt-get', args));
if (!apt('install', '-y', '--no-install-recommends', 'postgresql')) {
  apt('update');
  if (!apt('install', '-y', '--no-install-recommends', 'postgresql')) {
    process.stderr.write('Could not install postgresql with apt-get; the province hub tests need it.\n');
    process.exit(1);
  }
}
// The package starts a cluster of its own as a service; the tests do not use it.
if (!hasBinaries()) {
  process.stderr.write('postgresql installed, but initdb/postgres/pg_ctl are not under /usr/lib/postgresql/*/bin.\n');
  process.exit(1);
}
process.stdout.write('PostgreSQL installed.\n');
