// The rating tablet (`/rate/`): a 10" landscape tablet at a counter, facing the citizen. It shows
// the number its counter serves; when the officer presses done, the rating for about 30 s (big
// faces with words, or five stars); a low score asks why (the manager's reasons as big buttons,
// free text only on request, on an on-screen Vietnamese keyboard); thanks; then back by itself.

import { useEffect, useReducer, useRef, useSyncExternalStore } from 'react';
import { ratingLevels, type RatingSettings } from '@layso/shared';
import { Bilingual, Clock, ConnectionBanner } from '../components/Common.js';
import { PairingScreen } from '../components/PairingScreen.js';
import { initialTablet, tabletReducer, type Screen, type TabletAction } from './screen.js';
import type { TabletClient } from './tablet-client.js';
import { LETTER_ROWS, TONE_KEYS, type KeyPress, type KeyboardState } from './vi-keyboard.js';
import { RATE_WORDS as W } from './words.js';

export function RateApp({ client, onPaired }: { client: TabletClient; onPaired: (token: string) => void }) {
  const view = useSyncExternalStore(client.subscribe, client.getView);
  const [model, dispatch] = useReducer(tabletReducer, initialTablet);
  const { screen } = model;
  const state = view.state;

  useEffect(() => {
    if (state) dispatch({ type: 'state', state, now: Date.now() });
  }, [state]);

  // Screens with a time end by themselves.
  useEffect(() => {
    if (!('until' in screen)) return;
    const timer = window.setInterval(() => dispatch({ type: 'tick', now: Date.now() }), 500);
    return () => window.clearInterval(timer);
  }, [screen]);

  // The rating goes once per "sending" screen.
  const sent = useRef<object | null>(null);
  useEffect(() => {
    if (screen.kind !== 'sending' || sent.current === screen) return;
    sent.current = screen;
    void client.rate(screen.ticketId, screen.level, screen.reasons, screen.comment).then((outcome) => dispatch({ type: 'answer', outcome, now: Date.now() }));
  }, [client, screen]);

  if (view.connection === 'unpaired') {
    return <PairingScreen kind="rating" origin={location.origin} revoked={view.revoked} serverOffsetMs={view.serverOffsetMs} timeZone={undefined} onPaired={onPaired} />;
  }

  const settings = state?.rating ?? null;
  const counterNumber = state?.counter?.number ?? null;
  return (
    <div className="rate" data-screen={screen.kind} onPointerDown={() => dispatch({ type: 'touch', now: Date.now() })}>
      <header className="rate-header">
        <Bilingual className="rate-centre" vi={state?.centreNameVi ?? 'Layso'} en={state?.centreNameEn ?? ''} />
        {counterNumber !== null && (
          <div className="rate-counter" data-testid="rate-counter">
            <Bilingual vi={`${W.counter.vi} ${counterNumber}`} en={`${W.counter.en} ${counterNumber}`} />
          </div>
        )}
        <Clock offsetMs={view.serverOffsetMs} timeZone="Asia/Ho_Chi_Minh" />
      </header>
      <main className="rate-main">
        {settings && screen.kind !== 'serving' ? (
          <RatingScreen screen={screen} settings={settings} counterNumber={counterNumber} dispatch={dispatch} />
        ) : (
          <Serving state={state} />
        )}
      </main>
      <ConnectionBanner state={view.connection} />
    </div>
  );
}

function Serving({ state }: { state: ReturnType<TabletClient['getView']>['state'] }) {
  if (!state) return <p className="rate-quiet">{W.connecting.vi}</p>;
  if (!state.counter) {
    return (
      <div className="rate-note" role="status" data-testid="rate-no-counter">
        <Bilingual vi={W.noCounter.vi} en={W.noCounter.en} />
      </div>
    );
  }
  if (!state.serving) {
    return (
      <div className="rate-serving idle" data-testid="rate-serving" data-number="">
        <h1 className="rate-title">
          <Bilingual vi={W.welcome.vi} en={W.welcome.en} />
        </h1>
        <Bilingual className="rate-hint" vi={W.rateAfter.vi} en={W.rateAfter.en} />
      </div>
    );
  }
  return (
    <div className="rate-serving" data-testid="rate-serving" data-number={state.serving.displayNumber}>
      <h1 className="rate-title">
        <Bilingual vi={W.nowServing.vi} en={W.nowServing.en} />
      </h1>
      <div className="rate-number">{state.serving.displayNumber}</div>
      <Bilingual className="rate-hint" vi={W.rateAfter.vi} en={W.rateAfter.en} />
    </div>
  );
}

type Dispatch = (a: TabletAction) => void;

function RatingScreen({ screen, settings, counterNumber, dispatch }: { screen: Screen; settings: RatingSettings; counterNumber: number | null; dispatch: Dispatch }) {
  switch (screen.kind) {
    case 'serving':
      return null;
    case 'levels':
    case 'sending':
      return (
        <section className="rate-levels" aria-labelledby="rate-question" data-ticket={screen.ticketId}>
          <h1 id="rate-question" className="rate-title">
            <Bilingual
              vi={`${W.question.vi}${counterNumber !== null ? ` — quầy số ${counterNumber}` : ''}`}
              en={`${W.question.en}${counterNumber !== null ? ` — counter ${counterNumber}` : ''}`}
            />
          </h1>
          <p className="rate-ticket">
            {W.ticket.vi} <strong>{screen.displayNumber}</strong> · <span className="en">{W.ticket.en}</span>
          </p>
          <div className={`rate-faces ${settings.scale}`}>
            {ratingLevels(settings.scale).map((l) => (
              <button
                key={l.level}
                type="button"
                className={`rate-face level-${l.level}`}
                data-level={l.level}
                disabled={screen.kind === 'sending'}
                onClick={() => dispatch({ type: 'level', level: l.level, settings, now: Date.now() })}
              >
                {settings.scale === 'three' ? <Face level={l.level} /> : <Stars n={l.level} />}
                <Bilingual vi={l.vi} en={l.en} />
              </button>
            ))}
          </div>
          {screen.kind === 'sending' && (
            <p className="rate-quiet" role="status">
              {W.sending.vi}
            </p>
          )}
        </section>
      );
    case 'reasons':
      if (screen.keyboard) return <Keyboard keyboard={screen.keyboard} dispatch={dispatch} />;
      return (
        <section className="rate-reasons" aria-labelledby="rate-why" data-ticket={screen.ticketId}>
          <h1 id="rate-why" className="rate-title">
            <Bilingual vi={W.why.vi} en={W.why.en} />
          </h1>
          <div className={`rate-problem ${screen.reasonMissing ? 'shown' : ''}`} role="alert" data-testid="reason-missing">
            {screen.reasonMissing && <Bilingual vi={W.reasonRequired.vi} en={W.reasonRequired.en} />}
          </div>
          <div className="rate-reason-grid">
            {settings.reasons.map((r) => (
              <button
                key={r}
                type="button"
                className="rate-reason"
                aria-pressed={screen.chosen.includes(r)}
                onClick={() => dispatch({ type: 'reason', reason: r, now: Date.now() })}
              >
                <span className="check" aria-hidden="true">
                  {screen.chosen.includes(r) ? '✓' : ''}
                </span>
                {r}
              </button>
            ))}
          </div>
          <div className="rate-actions">
            <button type="button" className="rate-secondary" onClick={() => dispatch({ type: 'openKeyboard', now: Date.now() })}>
              <Bilingual vi={screen.comment ? W.editComment.vi : W.addComment.vi} en={screen.comment ? W.editComment.en : W.addComment.en} />
            </button>
            <button type="button" className="rate-primary" onClick={() => dispatch({ type: 'submit', settings, now: Date.now() })}>
              <Bilingual vi={W.send.vi} en={W.send.en} />
            </button>
          </div>
          {screen.comment && (
            <p className="rate-comment" data-testid="rate-comment">
              “{screen.comment}”
            </p>
          )}
        </section>
      );
    case 'thanks':
    case 'alreadyRated':
    case 'failed': {
      const words = screen.kind === 'thanks' ? W.thanks : screen.kind === 'alreadyRated' ? W.alreadyRated : screen.code === 'offline' ? W.offline : W.failed;
      return (
        <div className={`rate-done ${screen.kind}`} role="status" data-testid="rate-done" data-outcome={screen.kind}>
          <Bilingual vi={words.vi} en={words.en} />
        </div>
      );
    }
  }
}

function Keyboard({ keyboard, dispatch }: { keyboard: KeyboardState; dispatch: Dispatch }) {
  const press = (key: KeyPress) => dispatch({ type: 'key', key, now: Date.now() });
  const letter = (ch: string) => (keyboard.shift ? ch.toUpperCase() : ch);
  return (
    <section className="rate-keyboard" aria-labelledby="kb-label">
      <label id="kb-label" htmlFor="kb-text" className="kb-label">
        {W.commentLabel.vi} <span className="en">· {W.commentLabel.en}</span>
      </label>
      <textarea id="kb-text" className="kb-text" readOnly inputMode="none" value={keyboard.text} rows={2} data-testid="kb-text" />
      <div className="kb-rows">
        {LETTER_ROWS.map((row, i) => (
          <div className="kb-row" key={i}>
            {row.map((ch) => (
              <button key={ch} type="button" className="kb-key" data-key={ch} onClick={() => press({ type: 'char', ch })}>
                {letter(ch)}
              </button>
            ))}
            {i === 3 && (
              <button type="button" className="kb-key wide" data-key="erase" title="Erase" onClick={() => press({ type: 'erase' })}>
                ⌫ Xoá
              </button>
            )}
          </div>
        ))}
        <div className="kb-row tones" role="group" aria-label="Dấu thanh · Tone marks">
          {TONE_KEYS.map((t) => (
            <button key={t.tone} type="button" className="kb-key tone" data-tone={t.tone} title={t.en} onClick={() => press({ type: 'tone', tone: t.tone })}>
              <span className="tone-face">{t.face}</span>
              <span className="tone-name">{t.vi}</span>
            </button>
          ))}
        </div>
        <div className="kb-row">
          <button type="button" className={`kb-key wide ${keyboard.shift ? 'on' : ''}`} data-key="shift" aria-pressed={keyboard.shift} title="Capital" onClick={() => press({ type: 'shift' })}>
            ⇧ Chữ hoa
          </button>
          <button type="button" className="kb-key space" data-key="space" title="Space" onClick={() => press({ type: 'space' })}>
            Dấu cách
          </button>
          <button type="button" className="kb-key wide primary" data-key="done" onClick={() => dispatch({ type: 'closeKeyboard', now: Date.now() })}>
            {W.done.vi}
          </button>
        </div>
      </div>
    </section>
  );
}

/** A drawn face (no emoji font needed): a smile, a straight mouth, a frown. */
function Face({ level }: { level: number }) {
  const mouth = level >= 3 ? 'M20 40q12 12 24 0' : level === 2 ? 'M21 42h22' : 'M20 46q12-11 24 0';
  return (
    <svg className="face" viewBox="0 0 64 64" aria-hidden="true">
      <circle cx="32" cy="32" r="29" fill="currentColor" opacity="0.16" stroke="currentColor" strokeWidth="4" />
      <circle cx="23" cy="25" r="4" fill="currentColor" />
      <circle cx="41" cy="25" r="4" fill="currentColor" />
      <path d={mouth} fill="none" stroke="currentColor" strokeWidth="5" strokeLinecap="round" />
    </svg>
  );
}

function Stars({ n }: { n: number }) {
  return (
    <span className="stars" aria-hidden="true">
      {Array.from({ length: 5 }, (_, i) => (
        <svg key={i} viewBox="0 0 24 24" className={i < n ? 'star on' : 'star'}>
          <path d="M12 2l3 6.5 7 .8-5.2 4.8 1.5 7L12 17.6 5.7 21.1l1.5-7L2 9.3l7-.8z" fill="currentColor" />
        </svg>
      ))}
    </span>
  );
}
