// A day: 10,000 tickets through their whole life (issued → called → served → done) on 60
// counters, as fast as the server allows. 20 kiosks issue back to back while 60 officers each
// call the next ticket, start it and finish it, again and again. Wall time from the first issue
// to the last done, and the server process's peak RSS (VmHWM).
import { performance } from 'node:perf_hooks';
import { memoryOf, prepareCentre, removeDir, startLayso, tempDir } from './centre.mjs';
import { closeAll, connect, connectMany, must, requestId, send, sleep } from './clients.mjs';
import { measured } from './results.mjs';

const KIOSKS = 20;

export const IDS = ['day.wall', 'day.peakRss'];

export async function run({ quick, log }) {
  const tickets = quick ? 300 : 10_000;
  const counters = quick ? 10 : 60;
  // The quick run only proves the figure still runs (CI checks the shape, not the time): a busy
  // 2-core CI box gets room.
  const limitMs = quick ? 120_000 : 600_000;
  log(`day: ${tickets} tickets, ${counters} counters, ${KIOSKS} kiosks`);
  const dir = tempDir();
  const centre = await prepareCentre(dir, { counters });
  const server = await startLayso(dir);
  const sockets = [];
  try {
    const staff = await connectMany(counters, (i) => connect(server.url, '/staff', { auth: { token: centre.officers[i].token } }));
    const kiosks = await connectMany(KIOSKS, () => connect(server.url, '/kiosk'));
    sockets.push(...staff, ...kiosks);
    await Promise.all(staff.map((s, i) => must(s, 'counter:open', { requestId: requestId(), counterId: centre.officers[i].counterId })));

    const start = performance.now();
    const deadline = start + limitMs;
    let issued = 0;
    let done = 0;
    let emptyPolls = 0;
    const issue = async (k) => {
      while (issued < tickets && performance.now() < deadline) {
        const n = issued++;
        await must(k, 'ticket:issue', { requestId: requestId(), serviceId: centre.serviceIds[n % centre.serviceIds.length], priority: null });
      }
    };
    const serve = async (s, i) => {
      const counterId = centre.officers[i].counterId;
      while (done < tickets && performance.now() < deadline) {
        const call = await send(s, 'counter:callNext', { requestId: requestId(), counterId });
        if (!call.ok) {
          if (call.error.code !== 'QUEUE_EMPTY') throw new Error(`callNext: ${call.error.code} ${call.error.message}`);
          emptyPolls++;
          await sleep(25);
          continue;
        }
        await must(s, 'ticket:start', { requestId: requestId(), counterId });
        await must(s, 'ticket:done', { requestId: requestId(), counterId });
        done++;
      }
    };
    await Promise.all([...kiosks.map(issue), ...staff.map(serve)]);
    const wallS = (performance.now() - start) / 1000;
    if (done < tickets) throw new Error(`only ${done} of ${tickets} tickets done within ${limitMs / 1000} s`);
    const mem = memoryOf(server.pid);
    return [
      measured('day.wall', `day: ${tickets.toLocaleString('en')} tickets, wall time`, wallS, 's', { detail: { counters, kiosks: KIOSKS, ticketsPerSecond: tickets / wallS, emptyPolls } }),
      measured('day.peakRss', 'day: server peak RSS', mem.peakMb, 'MB', { detail: { rssAtEndMb: mem.rssMb } }),
    ];
  } finally {
    closeAll(sockets);
    await server.stop();
    removeDir(dir);
  }
}
