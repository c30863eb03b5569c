// "Ghép nối thiết bị": shown when the server refuses this display (not the demo centre's own
// machine, or an admin revoked it). Six big digit boxes, an on-screen number pad for a mouse or
// a touch screen, and the keys of a keyboard or a TV remote: digits, Backspace, Enter, and the
// arrows to move over the pad. The sixth digit sends the code.

import { useEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { PAIRING_WORDS, type CodeAction, type DeviceKind } from '@layso/shared';
import { PairingSession } from '@layso/live-client';
import { WORDS } from '../words.js';
import { keyAction, PAD_KEYS, padFocusAfter, type PadKey } from '../pairing/entry.js';
import { Bilingual, Clock, WarningIcon } from './Common.js';
import { PairingCodeBoxes } from '@layso/ui-react';

interface Props {
  origin: string;
  /** The server refused the token this display had. */
  revoked: boolean;
  serverOffsetMs: number;
  timeZone: string | undefined;
  /** A token came: keep it and connect with it. */
  onPaired: (deviceToken: string) => void;
  /** What this screen pairs as: the wall display, or a counter's rating tablet (`/rate/`). */
  kind?: Extract<DeviceKind, 'display' | 'rating'>;
}

function LinkIcon() {
  return (
    <svg className="icon-svg" viewBox="0 0 64 64" fill="none" stroke="currentColor" strokeWidth="5" strokeLinecap="round" aria-hidden="true">
      <path d="M27 37a10 10 0 0 0 14 0l10-10a10 10 0 0 0-14-14l-5 5" />
      <path d="M37 27a10 10 0 0 0-14 0L13 37a10 10 0 0 0 14 14l5-5" />
    </svg>
  );
}

export function PairingScreen({ origin, revoked, serverOffsetMs, timeZone, onPaired, kind = 'display' }: Props) {
  // One session for the screen's life: the origin and onPaired of the page that opened it.
  const [pairing] = useState(() => new PairingSession(fetch, origin, kind, onPaired));
  const view = useSyncExternalStore(pairing.subscribe, pairing.view);
  const { entry } = view;
  const dispatch = pairing.dispatch;
  const pad = useRef<HTMLDivElement>(null);

  // A keyboard or a remote: digits anywhere; arrows walk the pad; Enter on a pad key is its click.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const keys = [...(pad.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
      const focused = keys.indexOf(document.activeElement as HTMLButtonElement);
      const move = padFocusAfter(focused >= 0 ? focused : null, e.key);
      if (move !== null) {
        e.preventDefault();
        keys[move]?.focus();
        return;
      }
      if (focused >= 0 && (e.key === 'Enter' || e.key === ' ')) return;
      const action = keyAction(e.key);
      if (action) {
        e.preventDefault();
        dispatch(action);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);

  const message = view.message ? PAIRING_WORDS[view.message] : null;

  return (
    <div className="pairing" data-testid="pairing" data-pairing-state={view.state}>
      <header className="pairing-header">
        <span className="pairing-brand">Layso</span>
        <Clock offsetMs={serverOffsetMs} timeZone={timeZone ?? 'Asia/Ho_Chi_Minh'} />
      </header>
      <main className="pairing-main">
        <section className="pairing-left">
          <h1 className="pairing-title">
            <span className="pairing-icon">
              <LinkIcon />
            </span>
            <Bilingual vi={PAIRING_WORDS.title.vi} en={PAIRING_WORDS.title.en} />
          </h1>
          {revoked && !entry.paired && (
            <div className="pair-revoked" role="alert" data-testid="pair-revoked">
              <span className="pair-revoked-icon">
                <WarningIcon />
              </span>
              <Bilingual vi={PAIRING_WORDS.revoked.vi} en={PAIRING_WORDS.revoked.en} />
            </div>
          )}
          <Bilingual className="pair-prompt" vi={PAIRING_WORDS.prompt.vi} en={PAIRING_WORDS.prompt.en} />
          <PairingCodeBoxes view={view} />
          <div
            className={`pair-message ${entry.problem && !entry.sending ? 'problem' : ''}`}
            role="status"
            aria-live="assertive"
            data-testid="pair-message"
            data-problem={entry.problem ?? undefined}
          >
            {message && (
              <>
                {entry.problem && (
                  <span className="pair-message-icon">
                    <WarningIcon />
                  </span>
                )}
                <Bilingual vi={message.vi} en={message.en} />
              </>
            )}
          </div>
        </section>
        <section className="pairing-right">
          <NumberPad padRef={pad} disabled={view.locked} canPair={view.canPair} onKey={dispatch} />
          <Bilingual className="pair-keys-hint" vi={WORDS.pairKeysHint.vi} en={WORDS.pairKeysHint.en} />
        </section>
      </main>
    </div>
  );
}

function NumberPad(props: { padRef: RefObject<HTMLDivElement | null>; disabled: boolean; canPair: boolean; onKey: (a: CodeAction) => void }) {
  const { padRef, disabled, canPair, onKey } = props;
  const button = (k: PadKey) => {
    if (k === 'erase') {
      return (
        <button key={k} type="button" className="pad-key word" data-key="erase" disabled={disabled} onClick={() => onKey({ type: 'erase' })}>
          <Bilingual vi={PAIRING_WORDS.erase.vi} en={PAIRING_WORDS.erase.en} />
        </button>
      );
    }
    if (k === 'pair') {
      return (
        <button key={k} type="button" className="pad-key word primary" data-key="pair" disabled={disabled || !canPair} onClick={() => onKey({ type: 'submit' })}>
          <Bilingual vi={PAIRING_WORDS.button.vi} en={PAIRING_WORDS.button.en} />
        </button>
      );
    }
    return (
      <button key={k} type="button" className="pad-key" data-key={k} disabled={disabled} onClick={() => onKey({ type: 'digit', digit: k })}>
        {k}
      </button>
    );
  };
  return (
    <div className="pad" ref={padRef}>
      {PAD_KEYS.map(button)}
    </div>
  );
}
