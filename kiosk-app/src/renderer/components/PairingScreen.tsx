/**
 * "Ghép nối thiết bị": shown when the server refuses this kiosk (not the demo centre's own
 * machine, or an admin revoked it). Six big digit boxes and a touch number pad, no keyboard; the
 * sixth digit sends the code. Staff use it once, so Vietnamese leads and English sits beneath.
 */
import { useState, useSyncExternalStore, type ReactElement } from 'react';
import { PAIRING_WORDS, type CodeAction } from '@layso/shared';
import { PairingSession } from '@layso/live-client';
import { Bi } from './Bi.js';
import { LinkIcon, WarningIcon } from './Icons.js';
import { PairingCodeBoxes } from '@layso/ui-react';

interface Props {
  origin: string;
  /** The server refused the token this kiosk had. */
  revoked: boolean;
  /** A token came: store it and connect with it. */
  onPaired: (deviceToken: string) => void;
}

export function PairingScreen({ origin, revoked, onPaired }: Props): ReactElement {
  // One session for the screen's life: the origin and onPaired of the page that opened it.
  const [pairing] = useState(() => new PairingSession(fetch, origin, 'kiosk', onPaired));
  const view = useSyncExternalStore(pairing.subscribe, pairing.view);
  const { entry } = view;
  const message = view.message ? PAIRING_WORDS[view.message] : null;

  return (
    <div className="pairing" data-pairing-state={view.state}>
      <LinkIcon className="pair-icon" />
      <h1 className="title">
        <span className="primary" lang="vi">
          {PAIRING_WORDS.title.vi}
        </span>
        <span className="secondary" lang="en">
          {PAIRING_WORDS.title.en}
        </span>
      </h1>
      {revoked && !entry.paired ? (
        <div className="pair-revoked" role="alert" data-testid="pair-revoked">
          <WarningIcon className="pair-revoked-icon" />
          <Bi words={PAIRING_WORDS.revoked} lang="vi" />
        </div>
      ) : null}
      <Bi className="pair-prompt" words={PAIRING_WORDS.prompt} lang="vi" />
      <PairingCodeBoxes view={view} />
      <div className={`pair-message ${entry.problem && !entry.sending ? 'problem' : ''}`} role="status" aria-live="assertive" data-testid="pair-message" data-problem={entry.problem ?? undefined}>
        {message ? (
          <>
            {entry.problem ? <WarningIcon className="inline-icon" /> : entry.sending || entry.paired ? <span className="spinner small" /> : null}
            <Bi words={message} lang="vi" />
          </>
        ) : null}
      </div>
      <NumberPad disabled={view.locked} canPair={view.canPair} onKey={pairing.dispatch} />
    </div>
  );
}

function NumberPad({ disabled, canPair, onKey }: { disabled: boolean; canPair: boolean; onKey: (a: CodeAction) => void }): ReactElement {
  const digit = (d: string): ReactElement => (
    <button key={d} type="button" className="btn btn-outline" data-key={d} disabled={disabled} onClick={() => onKey({ type: 'digit', digit: d })}>
      {d}
    </button>
  );
  return (
    <div className="keypad pair-pad">
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit)}
      <button type="button" className="btn btn-outline word-key" data-key="erase" disabled={disabled} onClick={() => onKey({ type: 'erase' })}>
        <Bi words={PAIRING_WORDS.erase} lang="vi" />
      </button>
      {digit('0')}
      <button type="button" className="btn btn-primary word-key" data-key="pair" disabled={disabled || !canPair} onClick={() => onKey({ type: 'submit' })}>
        <Bi words={PAIRING_WORDS.button} lang="vi" />
      </button>
    </div>
  );
}
