/**
 * Counters: number, name, and the services each serves in order of preference (reordered with
 * Up/Down buttons that keep the keyboard focus on the moved service). Live from the staff state.
 */
import { useEffect, useRef, useState } from 'react';
import { type CounterView, CounterCreateBody, CounterUpdateBody, type Service } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import { type CounterDraft, changedFields, counterBodyOf, counterDraftOf, counterNumberTaken, moveItem } from '../lib/admin-forms.js';
import { type FieldErrors, checkForm } from '../lib/form-check.js';
import { ConfirmDialog, TextField, RowActions } from './Form.js';
import { Dialog } from './Dialog.js';
import { CounterStateChip } from './CounterState.js';

export function AdminCounters(props: { canEdit: boolean }) {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const state = view.state!;
  const counters = [...state.counters].sort((a, b) => a.number - b.number);
  const [editing, setEditing] = useState<CounterView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CounterView | null>(null);
  const del = useAction();
  const serviceName = (id: string): string => {
    const s = state.services.find((x) => x.id === id);
    return s ? (lang === 'vi' ? s.nameVi : s.nameEn) : id;
  };

  async function remove(c: CounterView): Promise<void> {
    const r = await del.run('deleteCounter', () => conn.api<null>('DELETE', `/api/admin/counters/${encodeURIComponent(c.id)}`));
    if (r?.ok) setDeleting(null);
  }

  return (
    <section className="card admin-section" aria-labelledby="counters-admin-title">
      <div className="section-head">
        <h2 id="counters-admin-title">{t('countersAdminTitle')}</h2>
        {props.canEdit && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="add-counter">
            + {t('addCounter')}
          </button>
        )}
      </div>
      <table className="table admin-table" data-testid="counters-admin">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('colCounterNumber')}
            </th>
            <th scope="col">{t('colCounterName')}</th>
            <th scope="col">{t('colCounterServices')}</th>
            <th scope="col">{t('colState')}</th>
            <th scope="col">{t('colOfficer')}</th>
            {props.canEdit && <th scope="col">{t('actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {counters.map((c) => (
            <tr key={c.id} data-counter={c.id}>
              <td className="num strong">{c.number}</td>
              <th scope="row">{c.name}</th>
              <td>
                {c.serviceIds.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <ol className="inline-list">
                    {c.serviceIds.map((id) => (
                      <li key={id}>{serviceName(id)}</li>
                    ))}
                  </ol>
                )}
              </td>
              <td>
                <CounterStateChip counter={c} />
              </td>
              <td>{c.state !== 'closed' && c.officerName ? c.officerName : <span className="muted">—</span>}</td>
              {props.canEdit && (
                <RowActions
                  onEdit={() => setEditing(c)}
                  onDelete={() => {
                    del.setError(null);
                    setDeleting(c);
                  }}
                />
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {editing && <CounterDialog counter={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={t('deleteCounterTitle', { n: deleting.number })}
          body={t('deleteCounterBody')}
          confirmLabel={t('delete')}
          pending={del.pending}
          error={del.error}
          onConfirm={() => void remove(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

function CounterDialog(props: { counter: CounterView | null; onClose: () => void }) {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const state = view.state!;
  const [draft, setDraft] = useState<CounterDraft>(() => counterDraftOf(props.counter, state.counters));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [toAdd, setToAdd] = useState('');
  const save = useAction();
  const focusAfterMove = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const services = [...state.services].sort((a, b) => a.sortOrder - b.sortOrder);
  const nameOf = (id: string): string => {
    const s: Service | undefined = state.services.find((x) => x.id === id);
    return s ? (lang === 'vi' ? s.nameVi : s.nameEn) : id;
  };
  const addable = services.filter((s) => !draft.serviceIds.includes(s.id));

  useEffect(() => {
    const want = focusAfterMove.current;
    if (!want || !listRef.current) return;
    focusAfterMove.current = null;
    const el = listRef.current.querySelector<HTMLButtonElement>(`[data-move="${want}"]`);
    if (el && !el.disabled) el.focus();
    else listRef.current.querySelector<HTMLButtonElement>(`[data-move^="${want.split(':')[0]}:"]:not(:disabled)`)?.focus();
  }, [draft.serviceIds]);

  function move(i: number, delta: -1 | 1): void {
    const id = draft.serviceIds[i];
    if (id === undefined) return;
    focusAfterMove.current = `${id}:${delta < 0 ? 'up' : 'down'}`;
    setDraft((d) => ({ ...d, serviceIds: moveItem(d.serviceIds, i, delta) }));
  }

  async function submit(): Promise<void> {
    const body = counterBodyOf(draft);
    const checked = props.counter ? checkForm(CounterUpdateBody, body, lang) : checkForm(CounterCreateBody, body, lang);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    const taken = counterNumberTaken(Number(body.number), props.counter?.id ?? null, state.counters);
    if (taken) {
      setErrors({ number: t('numberTaken', { name: taken.name }) });
      return;
    }
    setErrors({});
    const patch = props.counter ? changedFields(checked.data as Record<string, unknown>, props.counter) : checked.data;
    if (props.counter && Object.keys(patch).length === 0) {
      props.onClose();
      return;
    }
    const r = await save.run('saveCounter', () =>
      props.counter
        ? conn.api<CounterView>('PATCH', `/api/admin/counters/${encodeURIComponent(props.counter.id)}`, patch)
        : conn.api<CounterView>('POST', '/api/admin/counters', patch),
    );
    if (r?.ok) props.onClose();
  }

  return (
    <Dialog
      wide
      title={props.counter ? t('editCounterTitle', { n: props.counter.number }) : t('newCounterTitle')}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      submitLabel={save.pending ? t('saving') : t('save')}
      submitDisabled={save.pending}
      error={save.error}
    >
      <div className="form-row">
        <TextField label={t('fieldCounterNumber')} value={draft.number} onChange={(v) => setDraft((d) => ({ ...d, number: v }))} error={errors.number} inputMode="numeric" size="short" name="number" />
        <TextField label={t('fieldCounterName')} value={draft.name} onChange={(v) => setDraft((d) => ({ ...d, name: v }))} error={errors.name} size="mid" name="name" maxLength={100} />
      </div>
      <fieldset className="radio-group">
        <legend>{t('fieldCounterServices')}</legend>
        <p className="field-hint">{t('counterServicesHint')}</p>
        {draft.serviceIds.length === 0 ? (
          <p className="msg msg-warn">{t('noServicesChosen')}</p>
        ) : (
          <ol className="order-list" ref={listRef} data-testid="counter-services">
            {draft.serviceIds.map((id, i) => (
              <li key={id} data-service={id}>
                <span className="order-no">{i + 1}</span>
                <span className="order-name">{nameOf(id)}</span>
                <button
                  type="button"
                  className="btn btn-icon"
                  data-move={`${id}:up`}
                  disabled={i === 0}
                  aria-label={t('moveUpNamed', { name: nameOf(id) })}
                  onClick={() => move(i, -1)}
                >
                  ▲ {t('moveUp')}
                </button>
                <button
                  type="button"
                  className="btn btn-icon"
                  data-move={`${id}:down`}
                  disabled={i === draft.serviceIds.length - 1}
                  aria-label={t('moveDownNamed', { name: nameOf(id) })}
                  onClick={() => move(i, 1)}
                >
                  ▼ {t('moveDown')}
                </button>
                <button
                  type="button"
                  className="btn btn-icon btn-icon-danger"
                  aria-label={t('removeNamed', { name: nameOf(id) })}
                  onClick={() => setDraft((d) => ({ ...d, serviceIds: d.serviceIds.filter((x) => x !== id) }))}
                >
                  ✕ {t('remove')}
                </button>
              </li>
            ))}
          </ol>
        )}
        {addable.length > 0 && (
          <div className="add-row">
            <label className="sr-only" htmlFor="add-service-select">
              {t('addServiceToCounter')}
            </label>
            <select id="add-service-select" className="select" value={toAdd} onChange={(e) => setToAdd(e.target.value)}>
              <option value="">{t('chooseService')}</option>
              {addable.map((s) => (
                <option key={s.id} value={s.id}>
                  {lang === 'vi' ? s.nameVi : s.nameEn}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={toAdd === ''}
              onClick={() => {
                setDraft((d) => ({ ...d, serviceIds: [...d.serviceIds, toAdd] }));
                setToAdd('');
              }}
            >
              + {t('addServiceToCounter')}
            </button>
          </div>
        )}
        {errors.serviceIds && <span className="field-error">⚠ {errors.serviceIds}</span>}
      </fieldset>
    </Dialog>
  );
}
