/** The console's dialogs: transfer, pause, call a given number, note, close the counter. */
import { useState } from 'react';
import { type CounterView, PRIORITY_CATEGORIES, type PriorityCategory, type ServiceId, type TicketId } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import type { RunResult } from '../lib/commands.js';
import { Dialog } from './Dialog.js';

export interface DialogProps {
  counter: CounterView;
  onClose: () => void;
  /** The command succeeded: close, and say so on the console. */
  onDone: (message: string | null) => void;
}

type DialogError = { code: string; text: string } | null;

/** Run a dialog's command; the dialog stays open and shows the words when it fails. */
function useDialogCommand(onDone: DialogProps['onDone']) {
  const { err } = useWords();
  const [error, setError] = useState<DialogError>(null);
  async function finish<T>(r: RunResult<T>, message: (data: T) => string | null): Promise<void> {
    if (r.kind === 'ok') onDone(message(r.data));
    else if (r.kind === 'error') setError({ code: r.code, text: err(r.code) });
  }
  return { error, setError, finish };
}

export function TransferDialog(props: DialogProps) {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const state = view.state!;
  const inHand = props.counter.inHand;
  const otherServices = state.services.filter((s) => s.enabled && s.id !== inHand?.serviceId);
  const otherCounters = state.counters.filter((c) => c.id !== props.counter.id);
  const [kind, setKind] = useState<'service' | 'counter'>('service');
  const [serviceId, setServiceId] = useState<string>(otherServices[0]?.id ?? '');
  const [counterId, setCounterId] = useState<string>(otherCounters.find((c) => c.state !== 'closed')?.id ?? '');
  const [position, setPosition] = useState<'original' | 'front' | 'back'>('original');
  const [priority, setPriority] = useState<'keep' | 'none' | PriorityCategory>('keep');
  const { error, finish } = useDialogCommand(props.onDone);
  const key = `${props.counter.id}:transfer`;
  const pending = view.pending.has(key);
  if (!inHand) return null;
  const name = (s: { nameVi: string; nameEn: string }): string => (lang === 'vi' ? s.nameVi : s.nameEn);

  async function submit(): Promise<void> {
    if (!inHand) return;
    const target =
      kind === 'service'
        ? { kind: 'service' as const, serviceId: serviceId as ServiceId }
        : { kind: 'counter' as const, counterId: counterId as CounterView['id'] };
    const r = await conn.command(key, 'ticket:transfer', {
      counterId: props.counter.id,
      ticketId: inHand.id as TicketId,
      target,
      position,
      ...(priority === 'keep' ? {} : { priority: priority === 'none' ? null : priority }),
    });
    await finish(r, (d) => t('done_transferred', { number: d.ticket.displayNumber }));
  }

  const chosenOk = kind === 'service' ? serviceId !== '' : counterId !== '';
  return (
    <Dialog
      title={t('transferTitle', { number: inHand.displayNumber })}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      submitLabel={pending ? t('pend_transfer') : t('act_transfer')}
      submitDisabled={!chosenOk}
      error={error}
    >
      <fieldset className="seg">
        <legend>{t('transferTo')}</legend>
        <label>
          <input type="radio" name="kind" checked={kind === 'service'} onChange={() => setKind('service')} /> {t('toService')}
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === 'counter'} onChange={() => setKind('counter')} /> {t('toCounter')}
        </label>
      </fieldset>
      {kind === 'service' ? (
        <fieldset className="choice-list" aria-label={t('toService')}>
          {otherServices.map((s) => (
            <label key={s.id}>
              <input type="radio" name="service" value={s.id} checked={serviceId === s.id} onChange={() => setServiceId(s.id)} />
              <span>{name(s)}</span>
              <span className="muted">
                {t('waitingNow')}: {state.stats[s.id]?.waiting ?? 0}
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        <fieldset className="choice-list" aria-label={t('toCounter')}>
          {otherCounters.map((c) => (
            <label key={c.id} className={c.state === 'closed' ? 'disabled' : ''}>
              <input
                type="radio"
                name="counter"
                value={c.id}
                disabled={c.state === 'closed'}
                checked={counterId === c.id}
                onChange={() => setCounterId(c.id)}
              />
              <span>
                {t('counter')} {c.number}
              </span>
              <span className="muted">{c.state === 'closed' ? t('counterClosedShort') : (c.officerName ?? '')}</span>
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="seg">
        <legend>{t('position')}</legend>
        {(['original', 'front', 'back'] as const).map((p) => (
          <label key={p}>
            <input type="radio" name="position" checked={position === p} onChange={() => setPosition(p)} />{' '}
            {t(p === 'original' ? 'posOriginal' : p === 'front' ? 'posFront' : 'posBack')}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('priorityChange')}</span>
        <select value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
          <option value="keep">{t('keepPriority')}</option>
          <option value="none">{t('noPriority')}</option>
          {PRIORITY_CATEGORIES.map((p) => (
            <option key={p} value={p}>
              {t('priority')}: {t(`prio_${p}` as const)}
            </option>
          ))}
        </select>
      </label>
    </Dialog>
  );
}

const REASONS = ['reasonMeeting', 'reasonLunch', 'reasonOther'] as const;

export function PauseDialog(props: DialogProps) {
  const { t } = useWords();
  const { conn, view } = useStaff();
  const [choice, setChoice] = useState<(typeof REASONS)[number] | 'typed'>('reasonMeeting');
  const [typed, setTyped] = useState('');
  const { error, finish } = useDialogCommand(props.onDone);
  const key = `${props.counter.id}:pauseResume`;
  const pending = view.pending.has(key);
  // The reason is stored in Vietnamese: it is what the manager's board shows.
  const reasonVi = choice === 'typed' ? typed.trim() : { reasonMeeting: 'Họp', reasonLunch: 'Nghỉ trưa', reasonOther: 'Công việc khác' }[choice];

  async function submit(): Promise<void> {
    const r = await conn.command(key, 'counter:pause', { counterId: props.counter.id, reason: reasonVi });
    await finish(r, () => null);
  }

  return (
    <Dialog
      title={t('pauseTitle')}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      submitLabel={pending ? t('pend_pause') : t('act_pause')}
      submitDisabled={reasonVi === ''}
      error={error}
    >
      <fieldset className="choice-list" aria-label={t('pauseReason')}>
        <legend>{t('pauseReason')}</legend>
        {REASONS.map((r) => (
          <label key={r}>
            <input type="radio" name="reason" checked={choice === r} onChange={() => setChoice(r)} /> <span>{t(r)}</span>
          </label>
        ))}
        <label>
          <input type="radio" name="reason" checked={choice === 'typed'} onChange={() => setChoice('typed')} />{' '}
          <span>{t('reasonTyped')}</span>
        </label>
      </fieldset>
      {choice === 'typed' && (
        <input
          className="text"
          aria-label={t('pauseReason')}
          maxLength={200}
          value={typed}
          autoFocus
          onChange={(e) => setTyped(e.target.value)}
        />
      )}
    </Dialog>
  );
}

export function CallNumberDialog(props: DialogProps) {
  const { t } = useWords();
  const { conn, view } = useStaff();
  const [number, setNumber] = useState('');
  const { error, finish } = useDialogCommand(props.onDone);
  const key = `${props.counter.id}:callNumber`;
  const pending = view.pending.has(key);

  async function submit(): Promise<void> {
    const r = await conn.command(key, 'counter:callNumber', { counterId: props.counter.id, displayNumber: number.trim() });
    await finish(r, (d) => (d.ticket ? t('done_called', { number: d.ticket.displayNumber }) : null));
  }

  return (
    <Dialog
      title={t('callNumberTitle')}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      submitLabel={pending ? t('pend_callNumber') : t('callThisNumber')}
      submitDisabled={number.trim() === ''}
      error={error}
    >
      <label className="field">
        <span>{t('callNumberLabel')}</span>
        <input
          className="text text-big"
          inputMode="numeric"
          autoComplete="off"
          maxLength={16}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
        />
      </label>
      <p className="hint">{t('callNumberHint')}</p>
    </Dialog>
  );
}

export function NoteDialog(props: DialogProps & { currentNote: string }) {
  const { t } = useWords();
  const { conn, view } = useStaff();
  const [note, setNote] = useState(props.currentNote);
  const { error, finish } = useDialogCommand(props.onDone);
  const key = `${props.counter.id}:note`;
  const pending = view.pending.has(key);
  const inHand = props.counter.inHand;
  if (!inHand) return null;

  async function submit(): Promise<void> {
    if (!inHand) return;
    const r = await conn.command(key, 'ticket:note', { ticketId: inHand.id, note: note.trim() });
    await finish(r, () => null);
  }

  return (
    <Dialog
      title={t('noteTitle', { number: inHand.displayNumber })}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      submitLabel={pending ? t('pend_note') : t('save')}
      error={error}
    >
      <textarea className="text" rows={4} maxLength={500} value={note} aria-label={t('note')} onChange={(e) => setNote(e.target.value)} />
    </Dialog>
  );
}

export function CloseDialog(props: DialogProps) {
  const { t } = useWords();
  const { conn, view } = useStaff();
  const { error, finish } = useDialogCommand(props.onDone);
  const key = `${props.counter.id}:close`;
  const pending = view.pending.has(key);

  async function submit(): Promise<void> {
    const r = await conn.command(key, 'counter:close', { counterId: props.counter.id });
    await finish(r, () => null);
  }

  return (
    <Dialog
      title={t('closeTitle', { n: props.counter.number })}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      submitLabel={pending ? t('pend_close') : t('act_close')}
      danger
      error={error}
    >
      <p>{t('closeBody')}</p>
    </Dialog>
  );
}
