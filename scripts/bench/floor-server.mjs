// The floor: the least a server on this machine must do for a figure, with the same socket.io
// version and options as Layso's app.ts, on loopback, in its own process like the real server.
//   node floor-server.mjs issue <dir>            /kiosk 'ticket:issue' → one INSERT committed in a
//                                                 WAL + synchronous=FULL file → ack
//   node floor-server.mjs broadcast <template>   /staff 'call' {callId, counterId} → the template
//                                                 delta (JSON file) emitted to every /display and
//                                                 /staff socket
// Listens on $PORT (default: any free port) and prints `PORT <n>`; exits on SIGTERM.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server } from 'socket.io';
import Database from 'better-sqlite3';

const [mode, arg] = process.argv.slice(2);
const http = createServer();
const io = new Server(http, {
  serveClient: false,
  pingInterval: 10_000,
  pingTimeout: 8_000,
  maxHttpBufferSize: 64 * 1024,
});

let db = null;
if (mode === 'issue') {
  db = new Database(join(arg, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS tickets (seq INTEGER PRIMARY KEY, request_id TEXT NOT NULL, at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO tickets (request_id, at) VALUES (?, ?)');
  io.of('/kiosk').on('connection', (socket) => {
    socket.on('ticket:issue', (payload, ack) => {
      const r = insert.run(String(payload?.requestId), Date.now());
      if (typeof ack === 'function') ack({ ok: true, data: { seq: Number(r.lastInsertRowid) } });
    });
  });
} else if (mode === 'broadcast') {
  const template = JSON.parse(readFileSync(arg, 'utf8'));
  const display = io.of('/display');
  const staff = io.of('/staff');
  staff.on('connection', (socket) => {
    socket.on('call', ({ callId, counterId }) => {
      const delta = { ...template, seq: callId, prevSeq: callId - 1, serverTime: Date.now(), calls: [{ ...template.calls[0], callId, counterId }] };
      display.emit('delta', delta);
      staff.emit('delta', delta);
    });
  });
} else {
  process.stderr.write('usage: floor-server.mjs issue <dir> | broadcast <template.json>\n');
  process.exit(2);
}

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => process.stdout.write(`PORT ${http.address().port}\n`));
process.once('SIGTERM', () => {
  io.close();
  db?.close();
  process.exit(0);
});
