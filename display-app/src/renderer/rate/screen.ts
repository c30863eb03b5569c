// What the rating tablet shows, as a pure reducer: the number its counter serves; when the officer
// finishes a ticket, the rating for about 30 s (each touch gives another 30 s, so a citizen
// choosing reasons or typing is not cut off); a low score asks why; then thanks, and back by
// itself. A ticket whose rating was shown once is not shown again, rated or not.

import { isLowScore, type ErrorCode, type RatingSettings, type RatingTabletState, type TicketId } from '@layso/shared';
import { initialKeyboard, pressKey, type KeyPress, type KeyboardState } from './vi-keyboard.js';

/** How long the rating stays without a touch (the "about 30 seconds"). */
export const RATING_SHOWN_MS = 30_000;
/** How long the thanks (or the polite refusal) stays before the tablet goes back. */
export const THANKS_SHOWN_MS = 6_000;

interface Rating {
  ticketId: TicketId;
  displayNumber: string;
  until: number;
}

export type Screen =
  | { kind: 'serving' }
  | ({ kind: 'levels' } & Rating)
  | ({
      kind: 'reasons';
      level: number;
      chosen: string[];
      comment: string;
      /** The on-screen keyboard is open (free text only on request). */
      keyboard: KeyboardState | null;
      /** Sent without a reason: the reasons are asked for again, in words. */
      reasonMissing: boolean;
    } & Rating)
  | ({ kind: 'sending'; level: number; reasons: string[]; comment: string | null } & Rating)
  | { kind: 'thanks'; until: number }
  | { kind: 'alreadyRated'; until: number }
  | { kind: 'failed'; code: ErrorCode | 'offline'; until: number };

export interface TabletModel {
  screen: Screen;
  /** Tickets whose rating was shown (newest last, a few kept). */
  shown: TicketId[];
}

export const initialTablet: TabletModel = { screen: { kind: 'serving' }, shown: [] };

export type TabletAction =
  | { type: 'state'; state: RatingTabletState; now: number }
  | { type: 'tick'; now: number }
  | { type: 'touch'; now: number }
  | { type: 'level'; level: number; settings: RatingSettings; now: number }
  | { type: 'reason'; reason: string; now: number }
  | { type: 'openKeyboard'; now: number }
  | { type: 'key'; key: KeyPress; now: number }
  | { type: 'closeKeyboard'; now: number }
  | { type: 'submit'; settings: RatingSettings; now: number }
  | { type: 'answer'; outcome: 'ok' | ErrorCode | 'offline'; now: number };

function remember(shown: TicketId[], id: TicketId): TicketId[] {
  return shown.includes(id) ? shown : [...shown, id].slice(-20);
}

function hasDeadline(s: Screen): s is Extract<Screen, { until: number }> {
  return 'until' in s;
}

export function tabletReducer(m: TabletModel, a: TabletAction): TabletModel {
  const s = m.screen;
  switch (a.type) {
    case 'state': {
      const p = a.state.prompt;
      // A new finished ticket: its rating comes up, unless the citizen before is still rating.
      if (!p || m.shown.includes(p.ticketId) || s.kind === 'levels' || s.kind === 'reasons' || s.kind === 'sending') return m;
      return {
        screen: { kind: 'levels', ticketId: p.ticketId, displayNumber: p.displayNumber, until: a.now + RATING_SHOWN_MS },
        shown: remember(m.shown, p.ticketId),
      };
    }
    case 'tick':
      // A rating on its way waits for its answer; anything else ends at its time.
      if (hasDeadline(s) && s.kind !== 'sending' && a.now >= s.until) return { ...m, screen: { kind: 'serving' } };
      return m;
    case 'touch':
      if (s.kind === 'levels' || s.kind === 'reasons') return { ...m, screen: { ...s, until: a.now + RATING_SHOWN_MS } };
      return m;
    case 'level': {
      if (s.kind !== 'levels' && s.kind !== 'reasons') return m;
      const base = { ticketId: s.ticketId, displayNumber: s.displayNumber, until: a.now + RATING_SHOWN_MS };
      if (isLowScore(a.settings.scale, a.level) && a.settings.reasons.length > 0) {
        return { ...m, screen: { kind: 'reasons', ...base, level: a.level, chosen: [], comment: '', keyboard: null, reasonMissing: false } };
      }
      return { ...m, screen: { kind: 'sending', ...base, level: a.level, reasons: [], comment: null } };
    }
    case 'reason': {
      if (s.kind !== 'reasons') return m;
      const chosen = s.chosen.includes(a.reason) ? s.chosen.filter((r) => r !== a.reason) : [...s.chosen, a.reason];
      return { ...m, screen: { ...s, chosen, reasonMissing: false, until: a.now + RATING_SHOWN_MS } };
    }
    case 'openKeyboard':
      if (s.kind !== 'reasons') return m;
      return { ...m, screen: { ...s, keyboard: initialKeyboard(s.comment), until: a.now + RATING_SHOWN_MS } };
    case 'key':
      if (s.kind !== 'reasons' || !s.keyboard) return m;
      return { ...m, screen: { ...s, keyboard: pressKey(s.keyboard, a.key), until: a.now + RATING_SHOWN_MS } };
    case 'closeKeyboard':
      if (s.kind !== 'reasons' || !s.keyboard) return m;
      return { ...m, screen: { ...s, comment: s.keyboard.text.trim(), keyboard: null, until: a.now + RATING_SHOWN_MS } };
    case 'submit': {
      if (s.kind !== 'reasons') return m;
      const comment = (s.keyboard ? s.keyboard.text : s.comment).trim();
      const offered = s.chosen.filter((r) => a.settings.reasons.includes(r));
      if (offered.length === 0 && a.settings.reasons.length > 0) {
        return { ...m, screen: { ...s, comment, keyboard: null, reasonMissing: true, until: a.now + RATING_SHOWN_MS } };
      }
      return {
        ...m,
        screen: { kind: 'sending', ticketId: s.ticketId, displayNumber: s.displayNumber, until: a.now + RATING_SHOWN_MS, level: s.level, reasons: offered, comment: comment === '' ? null : comment },
      };
    }
    case 'answer': {
      if (s.kind !== 'sending') return m;
      const until = a.now + THANKS_SHOWN_MS;
      if (a.outcome === 'ok') return { ...m, screen: { kind: 'thanks', until } };
      if (a.outcome === 'ALREADY_RATED') return { ...m, screen: { kind: 'alreadyRated', until } };
      return { ...m, screen: { kind: 'failed', code: a.outcome, until } };
    }
  }
}
