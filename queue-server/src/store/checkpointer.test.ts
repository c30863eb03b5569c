import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from './open-db.js';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';

let dir = '';
let db: Db | null = null;
let cp: Checkpointer | null = null;
afterEach(async () => {
  await cp?.stop();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('checkpointer', () => {
  it('moves the WAL into the database from its own thread', async () => {
    dir = mkdtempSync(join(tmpdir(), 'layso-cp-'));
    db = openDb(join(dir, 'c.sqlite'));
    db.exec('CREATE TABLE t (x BLOB)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const blob = Buffer.alloc(4096, 7);
    db.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(blob);
    })();
    const before = statSync(join(dir, 'c.sqlite')).size;
    cp = startCheckpointer(db, { everyMs: 50 });
    const start = Date.now();
    while (statSync(join(dir, 'c.sqlite')).size <= before + 1_000_000 && Date.now() - start < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // The rows reached the main database file without the main connection checkpointing.
    expect(statSync(join(dir, 'c.sqlite')).size).toBeGreaterThan(before + 1_000_000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10000);
  });
});
