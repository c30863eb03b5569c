import { describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS, type CounterId, type RatingTabletState, type TicketId } from '@layso/shared';
import { RATING_SHOWN_MS, THANKS_SHOWN_MS, initialTablet, tabletReducer, type TabletAction, type TabletModel } from './screen.js';

const settings = DEFAULT_RATING_SETTINGS;
const state = (prompt: string | null): RatingTabletState => ({
  centreNameVi: 'Trung tâm',
  centreNameEn: 'Centre',
  counter: { id: 'quay-1' as CounterId, number: 1, name: 'Quầy 1' },
  serving: null,
  prompt: prompt ? { ticketId: prompt as TicketId, displayNumber: '1001', finishedAt: 0 } : null,
  rating: settings,
});
const run = (actions: TabletAction[], from: TabletModel = initialTablet) => actions.reduce(tabletReducer, from);

describe('what the rating tablet shows', () => {
  it('shows the rating of a finished ticket for about 30 s, each touch giving more time, then goes back', () => {
    const m = run([{ type: 'state', state: state('t1'), now: 0 }]);
    expect(m.screen).toMatchObject({ kind: 'levels', ticketId: 't1' });
    expect(run([{ type: 'tick', now: RATING_SHOWN_MS - 1 }], m).screen.kind).toBe('levels');
    expect(run([{ type: 'tick', now: RATING_SHOWN_MS }], m).screen.kind).toBe('serving');
    const touched = run([{ type: 'touch', now: 20_000 }, { type: 'tick', now: RATING_SHOWN_MS + 5_000 }], m);
    expect(touched.screen.kind).toBe('levels');
    // Shown once: the same prompt coming again (a reconnection) does not bring it back.
    const gone = run([{ type: 'tick', now: RATING_SHOWN_MS }, { type: 'state', state: state('t1'), now: RATING_SHOWN_MS + 1 }], m);
    expect(gone.screen.kind).toBe('serving');
  });

  it('asks why for a low score, refuses to send without a reason, then sends reasons and the comment', () => {
    const low = run([{ type: 'state', state: state('t1'), now: 0 }, { type: 'level', level: 1, settings, now: 1 }]);
    expect(low.screen).toMatchObject({ kind: 'reasons', level: 1, chosen: [] });
    const missing = run([{ type: 'submit', settings, now: 2 }], low);
    expect(missing.screen).toMatchObject({ kind: 'reasons', reasonMissing: true });
    const sent = run(
      [
        { type: 'reason', reason: 'Chờ lâu', now: 3 },
        { type: 'openKeyboard', now: 4 },
        { type: 'key', key: { type: 'char', ch: 'l' }, now: 5 },
        { type: 'key', key: { type: 'char', ch: 'â' }, now: 5 },
        { type: 'key', key: { type: 'char', ch: 'u' }, now: 5 },
        { type: 'submit', settings, now: 6 },
      ],
      missing,
    );
    expect(sent.screen).toMatchObject({ kind: 'sending', level: 1, reasons: ['Chờ lâu'], comment: 'Lâu' });
  });

  it('sends a good score at once; thanks, or a polite refusal, for a few seconds', () => {
    const sending = run([{ type: 'state', state: state('t1'), now: 0 }, { type: 'level', level: 3, settings, now: 1 }]);
    expect(sending.screen).toMatchObject({ kind: 'sending', level: 3, reasons: [], comment: null });
    // Waiting for the answer never times out into another screen.
    expect(run([{ type: 'tick', now: 10 * RATING_SHOWN_MS }], sending).screen.kind).toBe('sending');
    const thanks = run([{ type: 'answer', outcome: 'ok', now: 2 }], sending);
    expect(thanks.screen.kind).toBe('thanks');
    expect(run([{ type: 'tick', now: 2 + THANKS_SHOWN_MS }], thanks).screen.kind).toBe('serving');
    expect(run([{ type: 'answer', outcome: 'ALREADY_RATED', now: 2 }], sending).screen.kind).toBe('alreadyRated');
    expect(run([{ type: 'answer', outcome: 'offline', now: 2 }], sending).screen).toMatchObject({ kind: 'failed', code: 'offline' });
  });

  it('keeps the citizen who is rating when the next ticket finishes meanwhile', () => {
    const m = run([{ type: 'state', state: state('t1'), now: 0 }, { type: 'level', level: 1, settings, now: 1 }, { type: 'state', state: state('t2'), now: 2 }]);
    expect(m.screen).toMatchObject({ kind: 'reasons', ticketId: 't1' });
  });
});
