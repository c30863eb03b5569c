/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit
 * crosses the threshold, on the thread that commits: the server's one thread, so now and then a
 * call to a counter waited for megabytes to be copied. A worker thread with its own connection
 * checkpoints every few seconds instead; the main connection keeps a high automatic threshold only
 * as a safety net should the worker stop.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Db } from './open-db.js';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e)); }
}, workerData.everyMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); db.close(); process.exit(0); } });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, opts: { everyMs?: number; onError?: (message: string) => void } = {}): Checkpointer {
  // The safety net: 10,000 pages (about 40 MB) of WAL before a commit checkpoints by itself.
  db.pragma('wal_autocheckpoint = 10000');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file: db.name, driver: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: opts.everyMs ?? 2000 },
  });
  worker.unref();
  worker.on('message', (m: string) => opts.onError?.(m));
  worker.on('error', (e) => opts.onError?.(String(e)));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate(), 2000).unref();
      }),
  };
}
