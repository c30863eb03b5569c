/**
 * The officer's counter console: the ticket in hand and its timer dominate; the actions sit
 * beneath in a fixed order, each with its key printed on it; the queue for this counter on the
 * right. Every press shows its pending words at once and acts once (see lib/commands.ts); what
 * the screen shows of the queue is the server's state, from its deltas.
 */
import { useEffect, useRef, useState } from 'react';
import type { CounterView, LiveState, StaffUser, Ticket } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useNow } from '@layso/ui-react';
import { navigate } from '../hooks/useRoute.js';
import { type ConsoleAction, KEY_OF, actionForKey, isTextField } from '../lib/keymap.js';
import { formatClock, formatDuration, formatMinutes } from '../lib/format.js';
import { inHandSince, nextInLine, noShowsFor, serviceRows } from '../lib/queue-view.js';
import { PressGuard } from '../lib/press-guard.js';
import type { WordKey } from '../i18n/words.js';
import { CounterStateChip } from './CounterState.js';
import { UpcomingAppointments } from './UpcomingAppointments.js';
import { CallNumberDialog, CloseDialog, NoteDialog, PauseDialog, TransferDialog } from './ConsoleDialogs.js';

type DialogName = 'transfer' | 'pause' | 'callNumber' | 'note' | 'close';
type Message = { kind: 'info' | 'error'; text: string; code?: string };

export function Console(props: { counterId: string }) {
  const { view } = useStaff();
  const { err } = useWords();
  const counter = view.state!.counters.find((c) => c.id === props.counterId);
  if (!counter) return <p className="page-message">{err('COUNTER_NOT_FOUND')}</p>;
  return <CounterConsole key={counter.id} counter={counter} state={view.state!} me={view.me!} />;
}

/** Simple commands: one press, one event, on this counter. */
const SIMPLE: Partial<Record<ConsoleAction, 'counter:callNext' | 'counter:doneAndCallNext' | 'ticket:recall' | 'ticket:start' | 'ticket:done' | 'ticket:noShow'>> = {
  callNext: 'counter:callNext',
  doneAndCallNext: 'counter:doneAndCallNext',
  recall: 'ticket:recall',
  start: 'ticket:start',
  done: 'ticket:done',
  noShow: 'ticket:noShow',
};

function CounterConsole({ counter, state, me }: { counter: CounterView; state: LiveState; me: StaffUser }) {
  const { t, err, lang } = useWords();
  const { conn, view } = useStaff();
  const now = useNow(1000);
  const serverNow = now + view.clockOffset;
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const guard = useRef<PressGuard | null>(null);
  guard.current ??= new PressGuard();

  const inHand = counter.inHand;
  const ticket: Ticket | undefined = inHand ? state.tickets[inHand.id] : undefined;
  const isOpen = counter.state === 'open';
  const isPaused = counter.state === 'paused';
  const isClosed = counter.state === 'closed';
  const mine = counter.officerId === me.id;
  const called = inHand?.state === 'called';
  // An officer looking at another officer's counter reads it; nothing there is theirs to press.
  const readOnly = !isClosed && !mine && me.role === 'officer';
  const may = !readOnly;

  const enabled: Record<ConsoleAction, boolean> = {
    callNext: may && isOpen && !inHand,
    doneAndCallNext: may && isOpen && !!inHand,
    recall: may && called,
    start: may && called,
    done: may && !!inHand,
    noShow: may && called,
    transfer: may && !!inHand,
    callNumber: may && isOpen && !inHand,
    note: may && !!inHand,
    pauseResume: may && !isClosed,
    close: may && !isClosed,
  };
  const keyOf = (a: ConsoleAction | 'open'): string => `${counter.id}:${a}`;
  const serviceName = (id: string): string => {
    const s = state.services.find((x) => x.id === id);
    return s ? (lang === 'vi' ? s.nameVi : s.nameEn) : id;
  };

  /** Why an action cannot be done now, in the server's own words (for a key pressed anyway). */
  function whyNot(a: ConsoleAction): string | null {
    if (readOnly) return 'NOT_YOUR_COUNTER';
    if (isClosed) return 'COUNTER_CLOSED';
    if ((a === 'callNext' || a === 'callNumber') && inHand) return 'COUNTER_BUSY';
    if ((a === 'callNext' || a === 'callNumber' || a === 'doneAndCallNext') && isPaused) return 'COUNTER_PAUSED';
    if (!inHand) return 'NO_TICKET_IN_HAND';
    return 'INVALID_STATE';
  }

  async function act(a: ConsoleAction): Promise<void> {
    // A second press while this counter has a command on its way, or on the ticket this key
    // called a moment ago, does nothing (a key pressed twice must not act twice).
    const inFlight = [...conn.runner.pendingKeys()].some((k) => k.startsWith(`${counter.id}:`));
    if (!guard.current!.allows(a, inHand?.id ?? null, inFlight)) return;
    if (!enabled[a]) {
      const code = whyNot(a);
      if (code) setMessage({ kind: 'error', text: err(code), code });
      return;
    }
    const simple = SIMPLE[a];
    if (simple) {
      if (conn.runner.isPending(keyOf(a))) return;
      setMessage(null);
      guard.current!.pressed(a, inHand?.id ?? null);
      // The ticket the officer saw in hand goes along: if the counter holds another by the time
      // the command arrives, the server refuses it (TICKET_CHANGED) instead of acting on it.
      const seen = a !== 'callNext' && inHand ? { ticketId: inHand.id } : {};
      const r = await conn.command(keyOf(a), simple, { counterId: counter.id, ...seen });
      guard.current!.answered(a, r.kind === 'ok' && (a === 'callNext' || a === 'doneAndCallNext') ? (r.data.ticket?.id ?? null) : null);
      if (r.kind === 'ok') {
        const n = r.data.ticket?.displayNumber;
        if (n && (a === 'callNext' || a === 'doneAndCallNext')) setMessage({ kind: 'info', text: t('done_called', { number: n }) });
        if (!n && a === 'doneAndCallNext') setMessage({ kind: 'info', text: t('nobodyWaiting') });
        if (n && a === 'recall') setMessage({ kind: 'info', text: t('done_recalled', { number: n }) });
      } else if (r.kind === 'error') {
        setMessage({ kind: 'error', text: err(r.code), code: r.code });
      }
      return;
    }
    if (a === 'pauseResume' && isPaused) {
      const r = await conn.command(keyOf(a), 'counter:resume', { counterId: counter.id });
      if (r.kind === 'error') setMessage({ kind: 'error', text: err(r.code), code: r.code });
      return;
    }
    setMessage(null);
    setDialog(a === 'pauseResume' ? 'pause' : (a as DialogName));
  }

  async function openCounter(): Promise<void> {
    const r = await conn.command(keyOf('open'), 'counter:open', { counterId: counter.id });
    if (r.kind === 'error') setMessage({ kind: 'error', text: err(r.code), code: r.code });
  }

  async function requeue(noShow: Ticket): Promise<void> {
    const r = await conn.command(`requeue:${noShow.id}`, 'ticket:requeue', { ticketId: noShow.id });
    if (r.kind === 'ok') setMessage({ kind: 'info', text: t('done_requeued', { number: r.data.ticket.displayNumber }) });
    else if (r.kind === 'error') setMessage({ kind: 'error', text: err(r.code), code: r.code });
  }

  // The number keys, while no dialog is open. The latest `act` is read through a ref.
  const actRef = useRef(act);
  actRef.current = act;
  useEffect(() => {
    if (dialog) return;
    const onKey = (e: KeyboardEvent): void => {
      const a = actionForKey({
        code: e.code,
        repeat: e.repeat,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        inTextField: isTextField(e.target as HTMLElement | null),
      });
      if (!a) return;
      e.preventDefault();
      void actRef.current(a);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog]);

  const tickets = Object.values(state.tickets);
  const upcoming = state.settings ? nextInLine(counter, tickets, serverNow, state.settings.queue, 5) : [];
  const noShows = noShowsFor(counter, tickets);
  const rows = serviceRows(
    state.services.filter((s) => counter.serviceIds.includes(s.id)),
    state.stats,
    serverNow,
  ).sort((a, b) => counter.serviceIds.indexOf(a.service.id) - counter.serviceIds.indexOf(b.service.id));
  const tz = state.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';

  const button = (a: ConsoleAction, size: 'big' | 'mid' = 'mid', labelKey?: WordKey) => {
    const pending = view.pending.has(keyOf(a));
    const label: WordKey = labelKey ?? (`act_${a}` as WordKey);
    const pendKey = (a === 'pauseResume' ? (isPaused ? 'pend_resume' : 'pend_pause') : `pend_${a}`) as WordKey;
    const key = KEY_OF[a];
    return (
      <button
        type="button"
        className={`act act-${size} act-${a}${pending ? ' pending' : ''}`}
        data-action={a}
        aria-disabled={!enabled[a] || undefined}
        aria-busy={pending || undefined}
        aria-keyshortcuts={key ? `${key}` : undefined}
        disabled={!enabled[a] && !pending}
        onClick={(e) => {
          // The second click of a double click never acts: one press, one command.
          if (e.detail > 1) return;
          void act(a);
        }}
      >
        {key && <kbd className="act-key">{key}</kbd>}
        <span className="act-label">{pending ? t(pendKey) : t(label)}</span>
      </button>
    );
  };

  const since = inHand ? inHandSince(inHand) : null;
  const dialogProps = {
    counter,
    onClose: () => setDialog(null),
    onDone: (text: string | null) => {
      setDialog(null);
      setMessage(text ? { kind: 'info', text } : null);
    },
  };

  return (
    <div className="console" data-counter={counter.id}>
      <div className="console-head">
        <h1>
          {t('counter')} {counter.number}
          <span className="console-services">{counter.serviceIds.map(serviceName).join(' · ')}</span>
        </h1>
        <CounterStateChip counter={counter} />
        {counter.officerName && !isClosed && <span className="muted">{counter.officerName}</span>}
        <a className="btn btn-quiet" href="#/counters">
          {t('allCounters')}
        </a>
      </div>

      {!isClosed && !mine && me.role === 'officer' && (
        <p className="banner banner-warn" role="note">
          ⚠ {t('notYourCounterBanner', { n: counter.number, name: counter.officerName ?? '—' })}
        </p>
      )}
      {!isClosed && !mine && me.role !== 'officer' && (
        <p className="banner banner-warn" role="note">
          ⚠ {t('actingForBanner', { n: counter.number, name: counter.officerName ?? '—' })}
        </p>
      )}
      {isClosed && (
        <div className="banner banner-warn">
          <span>{t('counterClosedBanner', { n: counter.number })}</span>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void openCounter()}
            disabled={view.pending.has(keyOf('open'))}
          >
            {view.pending.has(keyOf('open')) ? t('openingCounter') : t('openCounter')}
          </button>
        </div>
      )}
      {isPaused && <p className="banner banner-paused">❚❚ {t('pausedBanner', { reason: counter.pauseReason ?? '' })}</p>}

      <div className="console-grid">
        <div className="console-main">
          <section className={`inhand${inHand ? ` inhand-${inHand.state}` : ' inhand-empty'}`} aria-label={t('ticketInHand')} aria-live="polite">
            {inHand ? (
              <>
                <div className="inhand-left">
                  <div className="inhand-caption">{t('ticketInHand')}</div>
                  <div className="inhand-number" data-testid="inhand-number">
                    {inHand.displayNumber}
                  </div>
                  <div className="inhand-service">{serviceName(inHand.serviceId)}</div>
                  {inHand.priority && (
                    <div className="badge badge-priority">
                      ★ {t('priority')}: {t(`prio_${inHand.priority}` as const)}
                    </div>
                  )}
                </div>
                <div className="inhand-right">
                  <div className="inhand-state" data-testid="inhand-state" data-state={inHand.state}>
                    {inHand.state === 'serving' ? t('ticketServing') : t('ticketCalled')}
                  </div>
                  <div className="timer" data-testid="timer" role="timer">
                    {since !== null ? formatDuration(serverNow - since) : '—'}
                  </div>
                  <div className="timer-caption">{inHand.state === 'serving' ? t('sinceStart') : t('sinceCall')}</div>
                  {ticket && ticket.callCount > 1 && <div className="muted">{t('calledTimes', { n: ticket.callCount })}</div>}
                  {ticket?.note && (
                    <div className="inhand-note">
                      ✎ {ticket.note}
                    </div>
                  )}
                </div>
              </>
            ) : (
              <div className="inhand-none">
                <div className="inhand-none-title">{t('noTicketInHand')}</div>
                {isOpen && <div className="muted">{t('noTicketHint')}</div>}
              </div>
            )}
          </section>

          <div className={`msg-line${message ? ` msg-${message.kind}` : ''}`} role={message?.kind === 'error' ? 'alert' : 'status'} data-code={message?.code}>
            {message ? message.text : ''}
          </div>

          <div className="actions" role="group" aria-label={t('keysTitle')}>
            <div className="actions-row actions-big">
              {button('callNext', 'big')}
              {button('doneAndCallNext', 'big')}
            </div>
            <div className="actions-row">
              {button('recall')}
              {button('start')}
              {button('done')}
              {button('noShow')}
            </div>
            <div className="actions-row">
              {button('transfer')}
              {button('callNumber')}
              {button('note')}
              {button('pauseResume', 'mid', isPaused ? 'act_resume' : 'act_pause')}
            </div>
            <div className="actions-foot">
              <p className="keys-help">
                <strong>{t('keysTitle')}:</strong> {t('keysHelp')}
              </p>
              {button('close')}
            </div>
          </div>
        </div>

        <aside className="console-side">
          <section className="side-card" aria-labelledby="waiting-title">
            <h2 id="waiting-title">{t('waitingNow')}</h2>
            <ul className="waiting-list">
              {rows.map((r) => (
                <li key={r.service.id} className={r.overThreshold ? 'over' : ''} data-service={r.service.id}>
                  <span className="waiting-name">{lang === 'vi' ? r.service.nameVi : r.service.nameEn}</span>
                  <span className="waiting-count" data-testid={`waiting-${r.service.id}`}>
                    {r.waiting}
                  </span>
                  <span className="waiting-extra muted">
                    {r.waitingPriority > 0 && `★ ${r.waitingPriority} ${t('waitingPriorityShort')} · `}
                    {r.longestWaitMs !== null && `${r.overThreshold ? '⚠ ' : ''}${t('colLongest').toLowerCase()} ${formatMinutes(r.longestWaitMs, lang)}`}
                  </span>
                </li>
              ))}
            </ul>
          </section>

          <section className="side-card" aria-labelledby="next-title">
            <h2 id="next-title">{t('nextInLine')}</h2>
            {upcoming.length === 0 ? (
              <p className="muted">{t('nobodyWaiting')}</p>
            ) : (
              <ol className="next-list" data-testid="next-list">
                {upcoming.map((tk) => (
                  <li key={tk.id}>
                    <span className="next-number">{tk.displayNumber}</span>
                    <span className="next-service">{serviceName(tk.serviceId)}</span>
                    <span className="next-flags">
                      {tk.priority && <span className="badge badge-priority" title={t(`prio_${tk.priority}` as const)}>★</span>}
                      {tk.targetCounterId && <span className="badge">⇄ {t('transferredMark')}</span>}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="side-card side-noshow" aria-labelledby="noshow-title">
            <h2 id="noshow-title">{t('noShowsToday')}</h2>
            {noShows.length === 0 ? (
              <p className="muted">{t('noNoShows')}</p>
            ) : (
              <ul className="noshow-list" data-testid="noshow-list">
                {noShows.map((tk) => {
                  const pending = view.pending.has(`requeue:${tk.id}`);
                  return (
                    <li key={tk.id} data-ticket={tk.displayNumber}>
                      <span className="next-number">{tk.displayNumber}</span>
                      <span className="muted">{tk.finishedAt ? formatClock(tk.finishedAt, tz) : ''}</span>
                      <button type="button" className="btn btn-small" onClick={() => void requeue(tk)} aria-busy={pending || undefined}>
                        {pending ? t('pend_requeue') : t('requeue')}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <UpcomingAppointments serviceIds={counter.serviceIds} limit={8} compact />
        </aside>
      </div>

      {dialog === 'transfer' && <TransferDialog {...dialogProps} />}
      {dialog === 'pause' && <PauseDialog {...dialogProps} />}
      {dialog === 'callNumber' && <CallNumberDialog {...dialogProps} />}
      {dialog === 'note' && <NoteDialog {...dialogProps} currentNote={ticket?.note ?? ''} />}
      {dialog === 'close' && (
        <CloseDialog
          {...dialogProps}
          onDone={() => {
            setDialog(null);
            navigate({ page: 'counters' });
          }}
        />
      )}
    </div>
  );
}
