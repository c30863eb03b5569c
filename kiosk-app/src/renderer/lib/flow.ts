/**
 * The citizen's way through the kiosk as a pure reducer: home → (priority) → issuing →
 * confirmation, and back. Time comes in with every event, so timeouts, idle reset and the guard
 * against a tap carried over from the previous screen are all tested without a clock.
 */
import type { AppointmentWindow, IssuedTicket, PriorityCategory, ServiceId } from '@layso/shared';
import type { IssueProblem, Lang } from './words.js';

/** A tap this soon after a screen appeared belongs to the previous screen: ignored. */
export const TAP_GUARD_MS = 300;
/** The confirmation ignores a touch this long, so the tap that took the number does not dismiss it. */
export const DISMISS_GUARD_MS = 1500;
/** The confirmation goes home by itself after this long … */
export const CONFIRM_MS = 10_000;
/** … or this long when the ticket did not print (time to photograph the QR code). */
export const CONFIRM_UNPRINTED_MS = 30_000;
/** Any other screen but home goes home after this long without a touch. */
export const IDLE_MS = 20_000;
/** A problem screen ("please wait a moment") goes home after this long. */
export const PROBLEM_MS = 8_000;
/** A request whose answer never came may be retried with its id for this long. */
export const PENDING_REUSE_MS = 120_000;

export type PrintState = 'printing' | 'printed' | 'failed' | 'none';

export type Screen =
  | { kind: 'home'; since: number }
  | { kind: 'more'; page: number; since: number }
  | { kind: 'priority'; serviceId: ServiceId; from: 'home' | 'more'; page: number; since: number }
  | { kind: 'issuing'; serviceId: ServiceId; priority: PriorityCategory | null; requestId: string; since: number }
  | {
      kind: 'confirm';
      issued: IssuedTicket;
      print: PrintState;
      printErrorCode: string | null;
      /** How a check-in went, said on the ticket screen. */
      note?: CheckInNote | null;
      since: number;
    }
  | { kind: 'problem'; problem: IssueProblem; since: number }
  /** "Đã đặt lịch hẹn / Nhận kết quả": scan, or type the code on the pad. */
  | { kind: 'checkin'; since: number }
  /** A scanned or typed code is being turned into a ticket. */
  | { kind: 'checkingIn'; target: CheckInTarget; walkInIfEarly: boolean; requestId: string; since: number }
  /** Too early for the booking: wait for its window, or take a walk-in ticket now. */
  | { kind: 'early'; code: string; window: AppointmentWindow | null; since: number };

/** A code that gives a ticket: a booking's, or a dossier's (results pickup). */
export type CheckInTarget = { kind: 'booking'; code: string } | { kind: 'dossier'; code: string };

/** What the ticket screen says after a check-in. */
export type CheckInNote =
  | { kind: 'kept' | 'late' | 'early'; slotAt: number }
  | { kind: 'results'; ready: boolean };

/** A citizen ID card read on this visit: only the category it implies, for the priority step. */
export interface CardCategory {
  category: PriorityCategory | null;
  at: number;
}

/** An issue whose outcome is unknown (timed out): the same choice retries with the same id. */
export interface PendingIssue {
  serviceId: ServiceId;
  priority: PriorityCategory | null;
  requestId: string;
  at: number;
}

export interface FlowState {
  screen: Screen;
  lang: Lang;
  lastTouch: number;
  pending: PendingIssue | null;
  /** A card scanned on this visit (forgotten when the kiosk goes home for the next citizen). */
  card?: CardCategory | null;
}

/** How the kiosk prints: through the Electron bridge, by asking the server, or not at all. */
export type PrintRoute = 'bridge' | 'server' | 'none';

/** What a service button needs to know. */
export interface ServiceChoice {
  id: ServiceId;
  allowPriority: boolean;
  issuing: boolean;
}

export type FlowEvent =
  /** `requestId` is a fresh id the reducer uses when this tap starts an issue. */
  | { type: 'tapService'; service: ServiceChoice; requestId: string; now: number }
  | { type: 'choosePriority'; priority: PriorityCategory | null; requestId: string; now: number }
  | { type: 'openMore'; now: number }
  | { type: 'page'; page: number; now: number }
  | { type: 'back'; now: number }
  | { type: 'issued'; requestId: string; issued: IssuedTicket; route: PrintRoute; now: number }
  | { type: 'issueFailed'; requestId: string; problem: IssueProblem; now: number }
  | { type: 'printed'; ticketId: string; ok: boolean; none?: boolean; code?: string; now: number }
  | { type: 'dismiss'; now: number }
  | { type: 'setLang'; lang: Lang; now: number }
  | { type: 'touch'; now: number }
  | { type: 'tick'; now: number }
  /** The server refused this kiosk (not paired, or revoked): whatever it showed is over. */
  | { type: 'refused'; now: number }
  | { type: 'openCheckIn'; now: number }
  /** A booking or dossier code, scanned on any screen or typed on the pad. */
  | { type: 'code'; target: CheckInTarget; requestId: string; now: number }
  /** A citizen ID card scanned: its category for the priority step (nothing else of it). */
  | { type: 'card'; category: PriorityCategory | null; now: number }
  | { type: 'checkedIn'; requestId: string; issued: IssuedTicket; note: CheckInNote; route: PrintRoute; now: number }
  | { type: 'tooEarly'; requestId: string; now: number }
  | { type: 'earlyWindow'; code: string; window: AppointmentWindow; now: number }
  /** A code the kiosk cannot use (scanned or typed): said at once, nothing sent. */
  | { type: 'badCode'; now: number }
  /** Too early: the citizen takes a walk-in ticket now. */
  | { type: 'walkInNow'; requestId: string; now: number };

export function initialFlow(now: number): FlowState {
  return { screen: { kind: 'home', since: now }, lang: 'vi', lastTouch: now, pending: null };
}

/** The issue a flow is waiting for, if any (the UI sends exactly this one). */
export function issuingOf(s: FlowState): Extract<Screen, { kind: 'issuing' }> | null {
  return s.screen.kind === 'issuing' ? s.screen : null;
}

/** Home; `resetLang` means the visit is over: Vietnamese again, and the card forgotten. */
function home(s: FlowState, now: number, resetLang: boolean): FlowState {
  return { ...s, screen: { kind: 'home', since: now }, lang: resetLang ? 'vi' : s.lang, card: resetLang ? null : (s.card ?? null) };
}

/** Screens a scanned code may interrupt: nothing is under way on them. */
function idleScreen(sc: Screen): boolean {
  return sc.kind === 'home' || sc.kind === 'more' || sc.kind === 'priority' || sc.kind === 'checkin' || sc.kind === 'early' || sc.kind === 'confirm' || sc.kind === 'problem';
}

function guarded(s: FlowState, now: number): boolean {
  return now - s.screen.since < TAP_GUARD_MS;
}

/** Start issuing, reusing the id of an unanswered request for the same choice. */
function startIssue(
  s: FlowState,
  serviceId: ServiceId,
  priority: PriorityCategory | null,
  freshId: string,
  now: number,
): FlowState {
  const p = s.pending;
  const reuse = p && p.serviceId === serviceId && p.priority === priority && now - p.at < PENDING_REUSE_MS;
  const requestId = reuse ? p.requestId : freshId;
  return {
    ...s,
    lastTouch: now,
    pending: { serviceId, priority, requestId, at: reuse ? p.at : now },
    screen: { kind: 'issuing', serviceId, priority, requestId, since: now },
  };
}

function timedOut(s: FlowState, now: number): boolean {
  const sc = s.screen;
  switch (sc.kind) {
    case 'home':
    case 'issuing':
    case 'checkingIn':
      return false;
    case 'confirm': {
      const unprinted = sc.print === 'failed' || sc.print === 'none';
      return now - sc.since >= (unprinted ? CONFIRM_UNPRINTED_MS : CONFIRM_MS);
    }
    case 'problem':
      return now - sc.since >= PROBLEM_MS;
    case 'more':
    case 'priority':
    case 'checkin':
    case 'early':
      return now - Math.max(s.lastTouch, sc.since) >= IDLE_MS;
  }
}

export function flowReducer(s: FlowState, e: FlowEvent): FlowState {
  const sc = s.screen;
  switch (e.type) {
    case 'touch':
      return { ...s, lastTouch: e.now };

    case 'tick':
      if (timedOut(s, e.now)) return home(s, e.now, true);
      // Nobody at the kiosk: the next citizen starts in Vietnamese.
      if (sc.kind === 'home' && s.lang !== 'vi' && e.now - s.lastTouch >= IDLE_MS) return { ...s, lang: 'vi' };
      return s;

    case 'setLang':
      return { ...s, lang: e.lang, lastTouch: e.now };

    case 'tapService': {
      if ((sc.kind !== 'home' && sc.kind !== 'more') || guarded(s, e.now) || !e.service.issuing) return s;
      if (e.service.allowPriority) {
        return {
          ...s,
          lastTouch: e.now,
          screen: {
            kind: 'priority',
            serviceId: e.service.id,
            from: sc.kind,
            page: sc.kind === 'more' ? sc.page : 0,
            since: e.now,
          },
        };
      }
      return startIssue(s, e.service.id, null, e.requestId, e.now);
    }

    case 'choosePriority':
      if (sc.kind !== 'priority' || guarded(s, e.now)) return s;
      return startIssue(s, sc.serviceId, e.priority, e.requestId, e.now);

    case 'openMore':
      if (sc.kind !== 'home' || guarded(s, e.now)) return s;
      return { ...s, lastTouch: e.now, screen: { kind: 'more', page: 0, since: e.now } };

    case 'page':
      if (sc.kind !== 'more' || guarded(s, e.now)) return s;
      return { ...s, lastTouch: e.now, screen: { kind: 'more', page: Math.max(0, e.page), since: e.now } };

    case 'back':
      if (guarded(s, e.now)) return s;
      switch (sc.kind) {
        case 'priority':
          return sc.from === 'more'
            ? { ...s, lastTouch: e.now, screen: { kind: 'more', page: sc.page, since: e.now } }
            : { ...home(s, e.now, false), lastTouch: e.now };
        case 'more':
        case 'problem':
        case 'checkin':
          return { ...home(s, e.now, false), lastTouch: e.now };
        case 'early':
          // "Chờ đến giờ hẹn": the citizen comes back; the next one starts afresh.
          return home(s, e.now, true);
        default:
          return s;
      }

    case 'issued': {
      if (sc.kind !== 'issuing' || sc.requestId !== e.requestId) return s;
      const print: PrintState =
        e.route === 'bridge' ? 'printing' : e.route === 'server' ? e.issued.print.status : 'none';
      return {
        ...s,
        pending: null,
        screen: {
          kind: 'confirm',
          issued: e.issued,
          print,
          printErrorCode: print === 'failed' ? (e.issued.print.errorCode ?? null) : null,
          since: e.now,
        },
      };
    }

    case 'issueFailed': {
      if (sc.kind === 'checkingIn' && sc.requestId === e.requestId) return { ...s, screen: { kind: 'problem', problem: e.problem, since: e.now } };
      if (sc.kind !== 'issuing' || sc.requestId !== e.requestId) return s;
      // Only an unanswered request may have issued a ticket; a refusal frees the id.
      const pending = e.problem === 'offline' ? s.pending : null;
      return { ...s, pending, screen: { kind: 'problem', problem: e.problem, since: e.now } };
    }

    case 'printed': {
      if (sc.kind !== 'confirm' || sc.issued.ticket.id !== e.ticketId || sc.print !== 'printing') return s;
      const print: PrintState = e.ok ? (e.none ? 'none' : 'printed') : 'failed';
      return {
        ...s,
        screen: { ...sc, print, printErrorCode: e.ok ? null : (e.code ?? null) },
      };
    }

    case 'openCheckIn':
      if (sc.kind !== 'home' || guarded(s, e.now)) return s;
      return { ...s, lastTouch: e.now, screen: { kind: 'checkin', since: e.now } };

    case 'code': {
      if (!idleScreen(sc)) return s;
      // A confirmation just shown keeps its ticket a moment: a scan then is the same code again.
      if (sc.kind === 'confirm' && e.now - sc.since < DISMISS_GUARD_MS) return s;
      return { ...s, lastTouch: e.now, screen: { kind: 'checkingIn', target: e.target, walkInIfEarly: false, requestId: e.requestId, since: e.now } };
    }

    case 'badCode':
      if (!idleScreen(sc) || sc.kind === 'confirm') return s;
      return { ...s, lastTouch: e.now, screen: { kind: 'problem', problem: 'unknownCode', since: e.now } };

    case 'card':
      if (sc.kind !== 'home' && sc.kind !== 'more' && sc.kind !== 'priority') return s;
      return { ...s, lastTouch: e.now, card: { category: e.category, at: e.now } };

    case 'checkedIn': {
      if (sc.kind !== 'checkingIn' || sc.requestId !== e.requestId) return s;
      const print: PrintState = e.route === 'bridge' ? 'printing' : e.route === 'server' ? e.issued.print.status : 'none';
      return {
        ...s,
        screen: {
          kind: 'confirm',
          issued: e.issued,
          print,
          printErrorCode: print === 'failed' ? (e.issued.print.errorCode ?? null) : null,
          note: e.note,
          since: e.now,
        },
      };
    }

    case 'tooEarly':
      if (sc.kind !== 'checkingIn' || sc.requestId !== e.requestId || sc.target.kind !== 'booking') return s;
      return { ...s, screen: { kind: 'early', code: sc.target.code, window: null, since: e.now } };

    case 'earlyWindow':
      if (sc.kind !== 'early' || sc.code !== e.code) return s;
      return { ...s, screen: { ...sc, window: e.window } };

    case 'walkInNow':
      if (sc.kind !== 'early' || guarded(s, e.now)) return s;
      return {
        ...s,
        lastTouch: e.now,
        screen: { kind: 'checkingIn', target: { kind: 'booking', code: sc.code }, walkInIfEarly: true, requestId: e.requestId, since: e.now },
      };

    case 'refused':
      return sc.kind === 'home' && s.lang === 'vi' && s.pending === null ? s : { ...home(s, e.now, true), pending: null };

    case 'dismiss':
      if (sc.kind === 'confirm' && e.now - sc.since >= DISMISS_GUARD_MS) return home(s, e.now, true);
      if (sc.kind === 'problem' && e.now - sc.since >= DISMISS_GUARD_MS) return home(s, e.now, false);
      return s;
  }
}

/** When the screen's own timer will next matter (for scheduling a tick), or null. */
export function nextDeadline(s: FlowState): number | null {
  const sc = s.screen;
  switch (sc.kind) {
    case 'home':
      return s.lang === 'vi' ? null : s.lastTouch + IDLE_MS;
    case 'issuing':
    case 'checkingIn':
      return null;
    case 'confirm':
      return sc.since + (sc.print === 'failed' || sc.print === 'none' ? CONFIRM_UNPRINTED_MS : CONFIRM_MS);
    case 'problem':
      return sc.since + PROBLEM_MS;
    case 'more':
    case 'priority':
    case 'checkin':
    case 'early':
      return Math.max(s.lastTouch, sc.since) + IDLE_MS;
  }
}
