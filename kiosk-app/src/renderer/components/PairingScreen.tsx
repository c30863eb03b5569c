/**
 * "Ghép nối thiết bị": shown when the server refuses this kiosk (not the demo centre's own
 * machine, or an admin revoked it). Six big digit boxes and a touch number pad, no keyboard; the
 * sixth digit sends the code. Staff use it once, so Vietnamese leads and English sits beneath.
 */
import { useEffect, useEffectEvent, useReducer, useRef, type ReactElement } from 'react';
import { CODE_LENGTH, codeEntryReducer, initialCodeEntry, pairDevice, type CodeAction, type PairingProblem } from '../lib/pairing.js';
import { WORDS, type Words } from '../lib/words.js';
import { Bi } from './Bi.js';
import { LinkIcon, WarningIcon } from './Icons.js';

const PROBLEM_WORDS: Record<PairingProblem, Words> = {
  wrongCode: WORDS.pairWrongCode,
  tooMany: WORDS.pairTooMany,
  offline: WORDS.pairOffline,
};

interface Props {
  origin: string;
  /** The server refused the token this kiosk had. */
  revoked: boolean;
  /** A token came: store it and connect with it. */
  onPaired: (deviceToken: string) => void;
}

export function PairingScreen({ origin, revoked, onPaired }: Props): ReactElement {
  const [entry, dispatch] = useReducer(codeEntryReducer, initialCodeEntry);
  const sent = useRef(0);
  const token = useRef<string | null>(null);

  // One request per attempt, with the digits and origin of that moment.
  const send = useEffectEvent((): void => {
    if (!entry.sending || sent.current === entry.attempt) return;
    sent.current = entry.attempt;
    void pairDevice(fetch, origin, 'kiosk', entry.digits).then((outcome) => {
      if (outcome.kind === 'paired') token.current = outcome.deviceToken;
      dispatch({ type: 'answer', outcome });
    });
  });
  useEffect(() => {
    if (entry.sending) send();
  }, [entry.sending, entry.attempt]);

  const paired = useEffectEvent((deviceToken: string): void => onPaired(deviceToken));
  useEffect(() => {
    if (entry.paired && token.current) paired(token.current);
  }, [entry.paired]);

  const message: Words | null = entry.sending
    ? WORDS.pairSending
    : entry.paired
      ? WORDS.pairDone
      : entry.problem
        ? PROBLEM_WORDS[entry.problem]
        : null;
  const state = entry.sending ? 'sending' : entry.paired ? 'paired' : (entry.problem ?? 'idle');

  return (
    <div className="pairing" data-pairing-state={state}>
      <LinkIcon className="pair-icon" />
      <h1 className="title">
        <span className="primary" lang="vi">
          {WORDS.pairTitle.vi}
        </span>
        <span className="secondary" lang="en">
          {WORDS.pairTitle.en}
        </span>
      </h1>
      {revoked && !entry.paired ? (
        <div className="pair-revoked" role="alert" data-testid="pair-revoked">
          <WarningIcon className="pair-revoked-icon" />
          <Bi words={WORDS.pairRevoked} lang="vi" />
        </div>
      ) : null}
      <Bi className="pair-prompt" words={WORDS.pairPrompt} lang="vi" />
      <div className="code-boxes" data-testid="pair-code" data-digits={entry.digits.length} role="group" aria-label={`Mã ghép nối ${entry.digits.length} / ${CODE_LENGTH} · Pairing code`}>
        {Array.from({ length: CODE_LENGTH }, (_, i) => (
          <span key={i} className={i < entry.digits.length ? 'box filled' : i === entry.digits.length && !entry.sending ? 'box next' : 'box'}>
            {entry.digits[i] ?? ''}
          </span>
        ))}
      </div>
      <div className={`pair-message ${entry.problem && !entry.sending ? 'problem' : ''}`} role="status" aria-live="assertive" data-testid="pair-message" data-problem={entry.problem ?? undefined}>
        {message ? (
          <>
            {entry.problem ? <WarningIcon className="inline-icon" /> : entry.sending || entry.paired ? <span className="spinner small" /> : null}
            <Bi words={message} lang="vi" />
          </>
        ) : null}
      </div>
      <NumberPad disabled={entry.sending || entry.paired} canPair={entry.digits.length === CODE_LENGTH} onKey={dispatch} />
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
        <Bi words={WORDS.erase} lang="vi" />
      </button>
      {digit('0')}
      <button type="button" className="btn btn-primary word-key" data-key="pair" disabled={disabled || !canPair} onClick={() => onKey({ type: 'submit' })}>
        <Bi words={WORDS.pairButton} lang="vi" />
      </button>
    </div>
  );
}
