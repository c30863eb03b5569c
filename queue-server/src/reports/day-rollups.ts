/**
 * A finished day is added up once, off the path of the command that turned the day: when the
 * business day turns, and at start-up for any day still missing. Wired by the composition root.
 */
import type { QueueEngine } from '../engine/engine.js';
import type { Reports } from './reports.js';

export function rollUpFinishedDays(engine: QueueEngine, reports: Reports): void {
  let catchingUp = false;
  const catchUp = (): void => {
    if (catchingUp) return;
    catchingUp = true;
    void reports.catchUp().finally(() => (catchingUp = false));
  };
  engine.onChange((c) => {
    if (c.dayChanged) catchUp();
  });
  catchUp();
}
