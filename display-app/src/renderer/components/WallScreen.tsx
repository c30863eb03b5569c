import { fitFontPx } from '../format.js';
import type { DisplayView, ShownCall } from '../live/store.js';
import { WORDS } from '../words.js';
import { Bilingual, Clock, ConnectionDot, NoticeLine } from './Common.js';

function NowCalling({ hero, active, calledBefore }: { hero: ShownCall | null; active: boolean; calledBefore: boolean }) {
  if (!hero) {
    // Nobody is being called now: before the first call of the day, or since the last one ended.
    const words = calledBefore ? WORDS.waitYourTurn : WORDS.noCallsYet;
    return (
      <section className="now-calling idle" data-testid="now-calling">
        <Bilingual className="panel-title" vi={words.vi} en={words.en} />
      </section>
    );
  }
  const numberPx = fitFontPx(hero.displayNumber, 1020, 272, 200);
  return (
    <section
      className={`now-calling ${active ? 'active' : ''}`}
      data-testid="now-calling"
      data-call-id={hero.callId}
      data-active={active}
      aria-live="assertive"
    >
      <div className="now-label">
        <Bilingual vi={WORDS.nowCalling.vi} en={WORDS.nowCalling.en} />
        {hero.recall && <span className="recall-tag">{`${WORDS.recall.vi} · ${WORDS.recall.en}`}</span>}
      </div>
      <div className="now-number" data-testid="now-number" style={{ fontSize: `${numberPx}px` }}>
        {hero.displayNumber}
      </div>
      <div className="now-counter">
        <Bilingual className="now-counter-label" vi={WORDS.toCounter.vi} en={WORDS.toCounter.en} />
        <span className="now-counter-number" data-testid="now-counter">
          {hero.counterNumber}
        </span>
      </div>
    </section>
  );
}

function RecentCalls({ view }: { view: DisplayView }) {
  return (
    <section className="recent-calls" data-testid="recent-calls">
      <h2 className="panel-title">
        <Bilingual vi={WORDS.recentCalls.vi} en={WORDS.recentCalls.en} />
        <span className="col-head">
          <Bilingual vi={WORDS.counter.vi} en={WORDS.counter.en} />
        </span>
      </h2>
      <ol>
        {view.recentCalls.slice(0, 4).map((c) => (
          <li key={c.callId} data-call-id={c.callId} className="recent-call">
            <span className="recent-number" style={{ fontSize: `${fitFontPx(c.displayNumber, 470, 112, 72)}px` }}>
              {c.displayNumber}
            </span>
            <span className="recent-arrow" aria-hidden="true">
              →
            </span>
            <span className="recent-counter">{c.counterNumber}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Tiles that fit the panel: bigger for a commune's six counters, smaller for more. */
export function counterTileLayout(n: number, heightPx = 190): { cols: number; rowPx: number; shown: number } {
  const cols = n <= 6 ? 3 : n <= 12 ? 4 : 6;
  const maxRows = Math.max(1, Math.floor((heightPx + 10) / (44 + 10)));
  const rows = Math.min(Math.ceil(n / cols), maxRows);
  const rowPx = Math.min(88, Math.floor((heightPx - (rows - 1) * 10) / Math.max(rows, 1)));
  const shown = n <= cols * rows ? n : cols * rows - 1;
  return { cols, rowPx, shown };
}

function CountersServing({ view }: { view: DisplayView }) {
  const { cols, rowPx, shown } = counterTileLayout(view.counters.length);
  const hidden = view.counters.length - shown;
  return (
    <section className="counters-serving" data-testid="counters-serving">
      <h2 className="panel-title inline">
        {WORDS.nowServing.vi} <span className="en">· {WORDS.nowServing.en}</span>
      </h2>
      {view.counters.length === 0 ? (
        <p className="empty-note">
          <Bilingual vi={WORDS.noCounterOpen.vi} en={WORDS.noCounterOpen.en} />
        </p>
      ) : (
        <ul
          className="counter-tiles"
          style={{ gridTemplateColumns: `repeat(${cols}, 1fr)`, gridAutoRows: `${rowPx}px`, fontSize: `${Math.round(rowPx * 0.68)}px` }}
        >
          {view.counters.slice(0, shown).map((c) => (
            <li key={c.id} className={`counter-tile ${c.state}`} data-counter={c.number}>
              <span className="tile-name">
                {WORDS.counter.vi} {c.number}
              </span>
              <span className="tile-number">
                {c.state === 'paused' ? <span className="tile-paused">{WORDS.counterPaused.vi}</span> : (c.inHand?.displayNumber ?? '—')}
              </span>
            </li>
          ))}
          {hidden > 0 && <li className="counter-tile more">+{hidden}</li>}
        </ul>
      )}
    </section>
  );
}

function ServicesWaiting({ view }: { view: DisplayView }) {
  // Rows share the panel's height, so six services or twelve all fit without scrolling.
  const rowPx = Math.max(24, Math.min(52, Math.floor(210 / Math.max(view.services.length, 1))));
  return (
    <section className="services-waiting" data-testid="services-waiting">
      <h2 className="panel-title inline">
        {WORDS.waiting.vi} <span className="en">· {WORDS.waiting.en}</span>
      </h2>
      <ul style={{ gridAutoRows: `${rowPx}px`, fontSize: `${Math.round(rowPx * 0.72)}px` }}>
        {view.services.map((s) => {
          const waiting = view.live.stats[s.id]?.waiting ?? 0;
          return (
            <li key={s.id} className="service-row" data-service={s.id} title={s.nameEn}>
              <span className="service-name">{s.nameVi}</span>
              <span className="service-count" data-testid={`waiting-${s.id}`}>
                {waiting}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function WallScreen({ view }: { view: DisplayView }) {
  const centre = view.live.centre;
  return (
    <div className={`wall ${view.connection}`} data-testid="wall">
      <header className="wall-header">
        <div className="centre-name">
          <span className="vi">{centre?.nameVi ?? 'Layso'}</span>
          <span className="en">{centre?.nameEn ?? ''}</span>
        </div>
        <ConnectionDot state={view.connection} />
        <Clock offsetMs={view.serverOffsetMs} timeZone={centre?.timeZone ?? 'Asia/Ho_Chi_Minh'} />
      </header>
      <main className="wall-main">
        <div className="wall-col left">
          <NowCalling hero={view.hero} active={view.heroActive} calledBefore={view.recentCalls.length > 0} />
          <CountersServing view={view} />
        </div>
        <div className="wall-col right">
          <RecentCalls view={view} />
          <ServicesWaiting view={view} />
        </div>
      </main>
      <NoticeLine text={centre?.notice ?? ''} />
    </div>
  );
}
