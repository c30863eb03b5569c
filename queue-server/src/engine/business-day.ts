/**
 * When the business day turns: the centre's local date, where a day starts at `dayStartsAt`.
 * The rulebook's `day.turn` says what turning means; this part says when it is due, so that the
 * first command after midnight starts the new day without waiting for a job, and the full sweep of
 * stale tickets runs only when the date turns (or once at start-up).
 */
import { type BusinessDate, type Settings, businessDateOf } from '@layso/shared';

export class BusinessDay {
  private sweptFor: BusinessDate | null = null;

  constructor(private readonly settings: () => Settings) {}

  dateOf(now: number): BusinessDate {
    const s = this.settings();
    return businessDateOf(now, s.timeZone, s.dayStartsAt);
  }

  /** The date to turn to (or to sweep on), or null when today is today and already swept. */
  due(today: BusinessDate, now: number): BusinessDate | null {
    const date = this.dateOf(now);
    return date === today && this.sweptFor === date ? null : date;
  }

  swept(date: BusinessDate): void {
    this.sweptFor = date;
  }
}
