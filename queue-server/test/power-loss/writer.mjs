// A minimal writer for the power-cut test's control case: opens a SQLite file the way the server
// does (WAL, foreign keys) but with the synchronous level it is given, and commits one row at a
// time, printing each row's id once its commit returned ("acknowledged").
//   node writer.mjs <file> <OFF|NORMAL|FULL>
import Database from 'better-sqlite3';

const [file, level] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${level}`);
db.exec('CREATE TABLE IF NOT EXISTS acked (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)');
const insert = db.prepare('INSERT INTO acked (id, at) VALUES (?, ?)');
let id = 0;
const tick = () => {
  for (let i = 0; i < 5; i++) {
    id++;
    insert.run(id, Date.now());
    process.stdout.write(`${id}\n`);
  }
  setImmediate(tick);
};
tick();
