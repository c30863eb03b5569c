import type { DisplayView } from '../live/store.js';
import { WORDS } from '../words.js';
import { Bilingual, Clock, ConnectionDot } from './Common.js';

/** The screen above one counter: its number, the ticket it calls or serves, nothing else. */
export function CounterScreen({ view, counterNumber }: { view: DisplayView; counterNumber: number }) {
  const centre = view.live.centre;
  const counter = view.live.counters.find((c) => c.number === counterNumber);
  const inHand = counter?.state === 'closed' ? null : (counter?.inHand ?? null);
  const calling = view.heroActive && view.hero?.counterNumber === counterNumber;
  // The number shown is the ticket in hand; while a call is being announced, that call.
  const displayNumber = calling ? view.hero!.displayNumber : (inHand?.displayNumber ?? null);
  const callId = calling
    ? view.hero!.callId
    : view.live.recentCalls.find((c) => c.counterNumber === counterNumber && c.displayNumber === displayNumber)?.callId;
  const services = (counter?.serviceIds ?? [])
    .map((id) => view.live.services.find((s) => s.id === id))
    .filter((s) => s !== undefined);

  let status: { vi: string; en: string };
  if (!counter || counter.state === 'closed') status = WORDS.counterClosed;
  else if (counter.state === 'paused') status = WORDS.counterPaused;
  else if (calling || inHand?.state === 'called') status = WORDS.nowCalling;
  else if (inHand?.state === 'serving') status = WORDS.nowServing;
  else status = WORDS.waitingNext;

  return (
    <div className={`counter-screen ${view.connection} ${calling ? 'calling' : ''} ${counter?.state ?? 'closed'}`} data-testid="counter-screen">
      <header className="counter-header">
        <div className="counter-title">
          <span className="vi">
            {WORDS.counter.vi} {counterNumber}
          </span>
          <span className="en">
            {WORDS.counter.en} {counterNumber}
          </span>
        </div>
        <Clock offsetMs={view.serverOffsetMs} timeZone={centre?.timeZone ?? 'Asia/Ho_Chi_Minh'} />
      </header>
      <main className="counter-main">
        <div className="counter-status" data-testid="counter-status">
          <Bilingual vi={status.vi} en={status.en} />
        </div>
        <div className="counter-number" data-testid="counter-number" data-call-id={callId ?? undefined}>
          {displayNumber ?? ''}
        </div>
        {counter?.state === 'paused' && counter.pauseReason && <div className="counter-pause-reason">{counter.pauseReason}</div>}
      </main>
      <footer className="counter-footer">
        <div className="counter-services">{services.map((s) => s.nameVi).join(' · ')}</div>
        <div className="counter-officer">{counter?.state !== 'closed' ? (counter?.officerName ?? '') : ''}</div>
        <ConnectionDot state={view.connection} />
      </footer>
    </div>
  );
}
