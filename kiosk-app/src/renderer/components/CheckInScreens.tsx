/**
 * Check-in: "Đã đặt lịch hẹn / Nhận kết quả" — scan the booking QR or the results receipt's
 * barcode (the reader works on every screen), or type the code on the on-screen pad; and the
 * choice of a citizen who came before their booking's window.
 */
import { useState, type ReactElement } from 'react';
import type { AppointmentWindow } from '@layso/shared';
import { WORDS, type Lang, type Words } from '../lib/words.js';
import { Bi, primaryOf, secondaryOf } from './Bi.js';
import { BackButton, LangSwitch } from './Controls.js';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '-', '0', '.'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ/'.split('');
const MAX_CODE = 40;

export function CheckInScreen({ lang, onCode, onBack, onLang }: { lang: Lang; onCode: (text: string) => void; onBack: () => void; onLang: (l: Lang) => void }): ReactElement {
  const [code, setCode] = useState('');
  const [letters, setLetters] = useState(false);
  const press = (k: string): void => setCode((c) => (c.length < MAX_CODE ? c + k : c));
  return (
    <>
      <div className="title-row">
        <Bi words={WORDS.checkInTitle} lang={lang} className="title" />
        <LangSwitch lang={lang} onLang={onLang} />
      </div>
      <p className="checkin-hint">
        {primaryOf(WORDS.checkInHint, lang)}
        <span className="secondary">{secondaryOf(WORDS.checkInHint, lang)}</span>
      </p>
      <div className="code-entry">
        <div className="code-label" id="code-label">
          {primaryOf(WORDS.codeLabel, lang)}
        </div>
        <output className="code-field" aria-labelledby="code-label" data-testid="typed-code">
          {code}
        </output>
      </div>
      <div className="pad-switch" role="group" aria-label={primaryOf(WORDS.codeLabel, lang)}>
        <button type="button" className="btn btn-outline" aria-pressed={!letters} onClick={() => setLetters(false)}>
          {primaryOf(WORDS.digits, lang)}
        </button>
        <button type="button" className="btn btn-outline" aria-pressed={letters} onClick={() => setLetters(true)}>
          {primaryOf(WORDS.letters, lang)}
        </button>
      </div>
      <div className={letters ? 'pad letters' : 'pad digits'}>
        {(letters ? LETTERS : DIGITS).map((k) => (
          <button key={k} type="button" className="btn btn-outline key" data-key={k} onClick={() => press(k)}>
            {k}
          </button>
        ))}
      </div>
      <div className="pad-actions">
        <button type="button" className="btn btn-outline" data-action="delete" aria-label={primaryOf(WORDS.deleteLast, lang)} onClick={() => setCode((c) => c.slice(0, -1))}>
          ⌫
        </button>
        <button type="button" className="btn btn-outline" data-action="clear" onClick={() => setCode('')}>
          {primaryOf(WORDS.clear, lang)}
        </button>
        <button type="button" className="btn btn-primary" data-action="send-code" disabled={code.length < 4} onClick={() => onCode(code)}>
          {primaryOf(WORDS.send, lang)}
          <span className="secondary"> {secondaryOf(WORDS.send, lang)}</span>
        </button>
      </div>
      <div className="footer-row">
        <BackButton lang={lang} onBack={onBack} />
      </div>
    </>
  );
}

function fill(w: string, vars: Record<string, string>): string {
  return w.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

export function clockOf(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

export function EarlyScreen(props: {
  window: AppointmentWindow | null;
  timeZone: string;
  lang: Lang;
  onWait: () => void;
  onWalkIn: () => void;
}): ReactElement {
  const { window: w, timeZone, lang } = props;
  const when: Words | null = w
    ? {
        vi: fill(WORDS.earlyWhen.vi, { slot: clockOf(w.slotAt, timeZone), from: clockOf(w.opensAt, timeZone) }),
        en: fill(WORDS.earlyWhen.en, { slot: clockOf(w.slotAt, timeZone), from: clockOf(w.opensAt, timeZone) }),
      }
    : null;
  return (
    <>
      <div className="centre-stage early" role="alert">
        <div className="headline">{primaryOf(WORDS.earlyTitle, lang)}</div>
        <div className="headline-2">{secondaryOf(WORDS.earlyTitle, lang)}</div>
        {when ? (
          <>
            <div className="hint" data-testid="early-when">
              {primaryOf(when, lang)}
            </div>
            <div className="hint-2">{secondaryOf(when, lang)}</div>
          </>
        ) : null}
      </div>
      <div className="early-choices">
        <button type="button" className="btn btn-outline" data-action="wait" onClick={props.onWait}>
          <Bi words={WORDS.earlyWait} lang={lang} />
        </button>
        <button type="button" className="btn btn-primary" data-action="walk-in" onClick={props.onWalkIn}>
          <Bi words={WORDS.earlyWalkIn} lang={lang} />
        </button>
      </div>
    </>
  );
}
