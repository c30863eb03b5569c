/** The screens without choices: issuing, issuing paused (server away), and problems. */
import type { ReactElement } from 'react';
import { WORDS, type IssueProblem, type Lang, type Words } from '../lib/words.js';
import { primaryOf, secondaryOf } from './Bi.js';
import { BackButton } from './Controls.js';
import { HourglassIcon, PauseIcon, WarningIcon } from './Icons.js';

export function IssuingScreen({ lang, words = WORDS.issuing }: { lang: Lang; words?: Words }): ReactElement {
  return (
    <div className="centre-stage" role="status" aria-live="polite">
      <div className="spinner" />
      <div className="headline">{primaryOf(words, lang)}</div>
      <div className="headline-2">{secondaryOf(words, lang)}</div>
    </div>
  );
}

/** The server cannot be reached (a refused kiosk gets the pairing screen instead). */
export function PausedScreen(): ReactElement {
  const hint = WORDS.pausedHint;
  return (
    <div className="centre-stage" role="status" aria-live="assertive">
      <PauseIcon className="big-icon" />
      <div className="headline" lang="vi">
        {WORDS.paused.vi}
      </div>
      <div className="headline-2" lang="en">
        {WORDS.paused.en}
      </div>
      <div className="hint" lang="vi">
        {hint.vi}
      </div>
      <div className="hint-2" lang="en">
        {hint.en}
      </div>
    </div>
  );
}

const PROBLEMS: Record<IssueProblem, { head: Words; hint: Words | null }> = {
  rateLimited: { head: WORDS.rateLimited, hint: WORDS.rateLimitedHint },
  serviceClosed: { head: WORDS.serviceClosed, hint: WORDS.failedHint },
  offline: { head: WORDS.paused, hint: WORDS.pausedHint },
  failed: { head: WORDS.failed, hint: WORDS.failedHint },
  bookingNotFound: { head: WORDS.bookingNotFound, hint: WORDS.bookingNotFoundHint },
  bookingCancelled: { head: WORDS.bookingCancelled, hint: WORDS.failedHint },
  bookingUsed: { head: WORDS.bookingUsed, hint: WORDS.failedHint },
  unknownCode: { head: WORDS.unknownCode, hint: WORDS.bookingNotFoundHint },
};

export function ProblemScreen({ problem, lang, onBack }: { problem: IssueProblem; lang: Lang; onBack: () => void }): ReactElement {
  const p = PROBLEMS[problem];
  const Icon = problem === 'rateLimited' ? HourglassIcon : problem === 'offline' ? PauseIcon : WarningIcon;
  return (
    <>
      <div className="centre-stage" role="alert" data-problem={problem}>
        <Icon className="big-icon" />
        <div className="headline">{primaryOf(p.head, lang)}</div>
        <div className="headline-2">{secondaryOf(p.head, lang)}</div>
        {p.hint ? (
          <>
            <div className="hint">{primaryOf(p.hint, lang)}</div>
            <div className="hint-2">{secondaryOf(p.hint, lang)}</div>
          </>
        ) : null}
      </div>
      <div className="footer-row">
        <BackButton lang={lang} onBack={onBack} />
      </div>
    </>
  );
}
