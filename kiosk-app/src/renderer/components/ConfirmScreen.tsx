/**
 * The ticket: the big number the server committed, the service, people ahead, the estimate, the
 * QR code to follow it on a phone, and how the printing went. A touch anywhere goes home.
 */
import type { ReactElement } from 'react';
import type { IssuedTicket, Service } from '@layso/shared';
import { DISMISS_GUARD_MS, type CheckInNote, type PrintState } from '../lib/flow.js';
import { useSettling } from '../hooks/useSettling.js';
import {
  PRIORITY_WORDS,
  WORDS,
  peopleAheadWords,
  printerProblemWords,
  waitWords,
  type Lang,
  type Words,
} from '../lib/words.js';
import { Bi, primaryOf, secondaryOf } from './Bi.js';
import { PRIORITY_ICONS, PhoneIcon, PrinterIcon, TakeTicketIcon, WarningIcon } from './Icons.js';
import { QrCode } from './QrCode.js';

interface Props {
  issued: IssuedTicket;
  service: Service | undefined;
  print: PrintState;
  printErrorCode: string | null;
  trackingUrl: string;
  lang: Lang;
  onDone: () => void;
  note?: CheckInNote | null;
}

function noteWords(n: CheckInNote): Words {
  if (n.kind === 'results') return n.ready ? WORDS.resultReady : WORDS.resultNotReady;
  return n.kind === 'kept' ? WORDS.kept : n.kind === 'late' ? WORDS.late : WORDS.earlyTaken;
}

export function ConfirmScreen({ issued, service, print, printErrorCode, trackingUrl, lang, onDone, note }: Props): ReactElement {
  const t = issued.ticket;
  const PriorityIcon = t.priority ? PRIORITY_ICONS[t.priority] : null;
  // The tap that took the number must not dismiss it: "Xong" takes taps after a moment.
  const guarding = useSettling(DISMISS_GUARD_MS);
  return (
    <div
      className="screen-body confirm"
      data-ticket-id={t.id}
      data-display-number={t.displayNumber}
      data-priority={t.priority ?? 'none'}
      data-print-state={print}
      data-dismissable={!guarding}
      style={{ display: 'contents' }}
    >
      <div className="label">
        {primaryOf(WORDS.yourNumber, lang)}
        <span className="secondary">{secondaryOf(WORDS.yourNumber, lang)}</span>
      </div>
      <div className="ticket-number" data-testid="ticket-number">
        {t.displayNumber}
      </div>
      {t.priority && PriorityIcon ? (
        <div className="priority-badge" data-testid="priority-badge">
          <PriorityIcon />
          <span>
            {primaryOf(WORDS.priority, lang).toUpperCase()} – {primaryOf(PRIORITY_WORDS[t.priority], lang)}
          </span>
        </div>
      ) : null}
      {service ? <Bi words={{ vi: service.nameVi, en: service.nameEn }} lang={lang} className="service" /> : null}
      {note ? (
        <div className="checkin-note" data-note={note.kind === 'results' ? (note.ready ? 'ready' : 'not-ready') : note.kind} role="status">
          <Bi words={noteWords(note)} lang={lang} />
        </div>
      ) : null}
      <div className="place">
        <QrCode url={trackingUrl} className="qr" label={primaryOf(WORDS.scanToFollow, lang)} />
        <div className="facts">
          <div className="ahead" data-testid="people-ahead">
            {primaryOf(peopleAheadWords(issued.peopleAhead), lang)}
          </div>
          <div className="wait">{primaryOf(waitWords(issued.estimateMinutes), lang)}</div>
          <div className="small">
            <PhoneIcon className="inline-icon" /> {primaryOf(WORDS.scanToFollow, lang)}
            <br />
            {secondaryOf(WORDS.scanToFollow, lang)}
          </div>
        </div>
      </div>
      <PrintStatus print={print} code={printErrorCode} lang={lang} />
      <button type="button" className="btn btn-primary done" data-action="done" disabled={guarding} onClick={onDone}>
        {primaryOf(WORDS.done, lang)}
        <span className="secondary">{secondaryOf(WORDS.done, lang)}</span>
      </button>
    </div>
  );
}

function PrintStatus({ print, code, lang }: { print: PrintState; code: string | null; lang: Lang }): ReactElement {
  switch (print) {
    case 'printing':
      return (
        <div className="print-status printing" role="status" data-testid="print-status">
          <div className="spinner small" />
          <Bi words={WORDS.printing} lang={lang} />
        </div>
      );
    case 'printed':
      return (
        <div className="print-status printed" role="status" data-testid="print-status">
          <TakeTicketIcon />
          <Bi words={WORDS.takeTicket} lang={lang} />
        </div>
      );
    case 'failed': {
      const head = printerProblemWords(code ?? undefined);
      return (
        <div className="print-status failed" role="alert" data-testid="print-status">
          <WarningIcon />
          <div>
            <span className="primary">
              {primaryOf(head, lang)} <span className="secondary">{secondaryOf(head, lang)}</span>
            </span>
            <span className="advice">{primaryOf(WORDS.printerAdvice, lang)}</span>
            <span className="advice-2">{secondaryOf(WORDS.printerAdvice, lang)}</span>
          </div>
        </div>
      );
    }
    case 'none':
      return (
        <div className="print-status none" role="status" data-testid="print-status">
          <PrinterIcon />
          <Bi words={WORDS.noPrinter} lang={lang} />
        </div>
      );
  }
}
