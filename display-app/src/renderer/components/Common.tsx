import type { ReactNode } from 'react';
import { clockText } from '../format.js';
import { useNow } from '@layso/ui-react';
import type { ConnectionState } from '../live/store.js';
import { WORDS } from '../words.js';

/** Vietnamese first, English beneath in smaller, quieter type. */
export function Bilingual({ vi, en, className }: { vi: ReactNode; en: ReactNode; className?: string }) {
  return (
    <span className={`bilingual ${className ?? ''}`}>
      <span className="vi">{vi}</span>
      <span className="en">{en}</span>
    </span>
  );
}

export function Clock({ offsetMs, timeZone }: { offsetMs: number; timeZone: string }) {
  const now = useNow(1000, offsetMs);
  const t = clockText(now, timeZone);
  return (
    <div className="clock" data-testid="clock">
      <div className="clock-time">{t.time}</div>
      <div className="clock-date">
        {t.dateVi}
        <span className="en"> · {t.dateEn}</span>
      </div>
    </div>
  );
}

/** Quiet when good: a small green dot and a word. */
export function ConnectionDot({ state }: { state: ConnectionState }) {
  const words = state === 'connected' ? WORDS.connected : state === 'unpaired' ? WORDS.unpaired : WORDS.connecting;
  return (
    <div className={`connection-dot ${state}`} data-testid="connection-dot" data-state={state} title={`${words.vi} · ${words.en}`}>
      <span className="dot" aria-hidden="true" />
      <span className="label">{words.vi}</span>
    </div>
  );
}

/** Icons are drawn, not emoji: a wall PC or TV may have no emoji font. */
function SpeakerIcon() {
  return (
    <svg className="icon-svg" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" />
      <path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

export function WarningIcon() {
  return (
    <svg className="icon-svg" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M12 2 1 21h22L12 2z" fill="currentColor" />
      <path d="M12 9v5M12 17v.5" stroke="#c81e1e" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}

function SyncIcon() {
  return (
    <svg className="icon-svg spin" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M20 12a8 8 0 1 1-2.34-5.66M20 4v5h-5" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** Obvious when lost: a red band across the top with both languages. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  if (state === 'connected') return null;
  const lost = state === 'lost';
  const words = lost ? WORDS.connectionLost : state === 'unpaired' ? WORDS.unpaired : WORDS.connecting;
  return (
    <div className={`connection-banner ${state}`} role="alert" data-testid="connection-banner" data-state={state}>
      <span className="icon">{lost ? <WarningIcon /> : <SyncIcon />}</span>
      <Bilingual vi={words.vi} en={words.en} />
    </div>
  );
}

/** Browsers keep pages silent until a person clicks once: one big target that unlocks sound. */
export function SoundOverlay({ onUnlock }: { onUnlock: () => void }) {
  return (
    <button type="button" className="sound-overlay" data-testid="sound-overlay" onClick={onUnlock}>
      <span className="sound-card">
        <span className="sound-icon">
          <SpeakerIcon />
        </span>
        <Bilingual vi={WORDS.enableSound.vi} en={WORDS.enableSound.en} />
      </span>
    </button>
  );
}

/** The manager's notice, scrolling slowly; the only thing on the wall that moves by itself. */
export function NoticeLine({ text }: { text: string }) {
  if (text.trim() === '') return <div className="notice empty" />;
  // About 90 px a second, whatever the length.
  const seconds = Math.max(12, Math.round((text.length * 22 + 1920) / 90));
  return (
    <div className="notice" data-testid="notice">
      <div className="notice-track" style={{ animationDuration: `${seconds}s` }}>
        <span>{text}</span>
      </div>
    </div>
  );
}
