/**
 * The console's guard against a key pressed twice (issue 11): a press of a command key does
 * nothing while any command of that counter is in flight, nor when it would act on a ticket that
 * the same key called less than a moment ago (the second press of "Hoàn thành & gọi tiếp" would
 * otherwise finish the number it just called, with a service time of zero).
 *
 * Pure: the clock and what the console sees are passed in, so vitest runs it without a DOM.
 */

/** How long a ticket just called by a key is out of that key's reach ("a moment"). */
export const PRESS_MOMENT_MS = 1200;

interface LastPress {
  action: string;
  /** The ticket in hand when the key was pressed (the one it acted on), if any. */
  actedOn: string | null;
  /** The ticket the press called, once its answer came back. */
  called: string | null;
  at: number;
}

export class PressGuard {
  private last: LastPress | null = null;

  constructor(private readonly now: () => number = () => Date.now(), private readonly momentMs = PRESS_MOMENT_MS) {}

  /**
   * Whether a press of `action` may go ahead. `inFlight`: a command of this counter is on its
   * way; `inHandId`: the ticket the console shows in hand now.
   */
  allows(action: string, inHandId: string | null, inFlight: boolean): boolean {
    if (inFlight) return false;
    const l = this.last;
    if (!l || l.action !== action || this.now() - l.at >= this.momentMs) return true;
    // Too soon after the same key: refused only if it would act on the ticket that press called
    // (or, with the screen not yet updated, on the one it already acted on). With nothing in
    // hand there is nothing to act on twice (a call with a ticket in hand is refused by the
    // server), and the ticket may well have left by another way (a transfer).
    if (inHandId === null) return true;
    return inHandId !== l.called && inHandId !== l.actedOn;
  }

  /** A press went ahead: remember what it acted on. */
  pressed(action: string, inHandId: string | null): void {
    this.last = { action, actedOn: inHandId, called: null, at: this.now() };
  }

  /** Its answer came back: the ticket it called (if any); the moment counts from now. */
  answered(action: string, calledId: string | null): void {
    if (this.last?.action !== action) return;
    this.last = { ...this.last, called: calledId, at: this.now() };
  }
}
