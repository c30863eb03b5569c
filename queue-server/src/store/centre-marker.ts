/**
 * How a centre that was set up is remembered outside its database, so that a lost database is
 * noticed instead of silently replaced by the demo centre.
 *
 * - `layso-centre.json` beside the database: written by `init` (and at the first start of a real
 *   centre that predates it). A data directory with the marker but no database, or with a
 *   zero-length database, is a centre whose data went missing.
 * - A registry of set-up data directories in the server PC's configuration directory
 *   (`$LAYSO_CONFIG_DIR`, else `$XDG_CONFIG_HOME/layso`, else `~/.config/layso`, file
 *   `centres.json`): it catches the case where the whole data directory is gone (a USB disk not
 *   mounted), marker included.
 *
 * Only a data directory that neither remembers is a first start, and gets the demo.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const MARKER_FILE = 'layso-centre.json';

export class CentreMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CentreMissingError';
  }
}

export function defaultRegistryFile(env: NodeJS.ProcessEnv): string {
  const dir = env.LAYSO_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'layso');
  return join(dir, 'centres.json');
}

function readRegistry(file: string): string[] {
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Remember that `dataDir` holds a real centre (marker beside the database, registry entry). */
export function rememberCentre(dataDir: string, centreId: string, registryFile: string | undefined, now: number): void {
  const marker = join(dataDir, MARKER_FILE);
  if (!existsSync(marker)) {
    writeAtomic(marker, JSON.stringify({ centreId, setUpAt: new Date(now).toISOString() }, null, 2) + '\n');
  }
  if (registryFile) {
    const dirs = readRegistry(registryFile);
    const abs = resolve(dataDir);
    if (!dirs.includes(abs)) writeAtomic(registryFile, JSON.stringify([...dirs, abs], null, 2) + '\n');
  }
}

/**
 * Before opening the database: throw CentreMissingError when the database of a set-up centre is
 * missing or empty. Returns whether this is a first start (nothing there, nothing remembered).
 */
export function checkCentrePresent(dataDir: string, dbFile: string, registryFile: string | undefined): { firstStart: boolean } {
  const size = existsSync(dbFile) ? statSync(dbFile).size : -1;
  const abs = resolve(dataDir);
  const marked = existsSync(join(dataDir, MARKER_FILE));
  const registered = registryFile !== undefined && readRegistry(registryFile).includes(abs);
  if (size === 0) {
    throw new CentreMissingError(
      `the database ${dbFile} is empty (0 bytes): the centre's data is damaged or was replaced. ` +
        'Nothing was started. Restore the latest backup (`npm run restore -- <backup file>`), or move the empty file away to start anew.',
    );
  }
  if (size < 0 && (marked || registered)) {
    throw new CentreMissingError(
      `the centre set up in ${abs} has no database (${dbFile} is missing)` +
        (existsSync(abs) ? '' : ' and the data directory itself is missing: is its disk mounted?') +
        ' Nothing was started. Mount the disk or restore the latest backup (`npm run restore -- <backup file>`).',
    );
  }
  return { firstStart: size < 0 };
}
