/**
 * Services: the list (from the live state, so a change by anyone shows at once), the kiosk order
 * with up/down buttons, add, edit and delete. Every form is checked with the shared schema first,
 * then by the server, and both speak in words.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { KIOSK_BUTTON_NAME_MAX, KIOSK_NAME_MAX, type Service, ServiceCreateBody, ServiceUpdateBody, needsKioskName } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import {
  SERVICE_HINTS,
  type ServiceDraft,
  changedFields,
  numberingText,
  reorderServices,
  serviceBodyOf,
  serviceClashes,
  serviceDraftOf,
} from '../lib/admin-forms.js';
import { type FieldErrors, checkForm } from '../lib/form-check.js';
import { CheckField, ConfirmDialog, ErrorNote, RadioGroup, TextField, RowActions } from './Form.js';
import { Dialog } from './Dialog.js';

export function AdminServices(props: { canEdit: boolean }) {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const state = view.state!;
  const services = useMemo(() => [...state.services].sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id)), [state.services]);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Service | null>(null);
  const move = useAction();
  const del = useAction();
  const focusAfterMove = useRef<string | null>(null);

  // After a move, keep the keyboard on the moved service's button (or its other one at an end).
  useEffect(() => {
    const want = focusAfterMove.current;
    if (!want) return;
    const el = document.querySelector<HTMLButtonElement>(`[data-move="${want}"]`);
    if (el && !el.disabled) {
      el.focus();
      focusAfterMove.current = null;
    } else {
      const [id] = want.split(':');
      const other = document.querySelector<HTMLButtonElement>(`[data-move^="${id}:"]:not(:disabled)`);
      if (other) {
        other.focus();
        focusAfterMove.current = null;
      }
    }
    // The buttons are disabled while a move is saved: try again when they come back.
  }, [services, move.pending]);

  async function moveService(s: Service, delta: -1 | 1): Promise<void> {
    const patches = reorderServices(services, s.id, delta);
    if (patches.length === 0) return;
    focusAfterMove.current = `${s.id}:${delta < 0 ? 'up' : 'down'}`;
    await move.run('saveService', async () => {
      for (const p of patches) {
        const r = await conn.api<Service>('PATCH', `/api/admin/services/${encodeURIComponent(p.id)}`, { sortOrder: p.sortOrder });
        if (!r.ok) return r;
      }
      return { ok: true as const, data: null };
    });
  }

  async function remove(s: Service): Promise<void> {
    const r = await del.run('deleteService', () => conn.api<null>('DELETE', `/api/admin/services/${encodeURIComponent(s.id)}`));
    if (r?.ok) setDeleting(null);
  }

  const name = (s: Service): string => (lang === 'vi' ? s.nameVi : s.nameEn);
  const other = (s: Service): string => (lang === 'vi' ? s.nameEn : s.nameVi);

  return (
    <section className="card admin-section" aria-labelledby="services-admin-title">
      <div className="section-head">
        <h2 id="services-admin-title">{t('servicesAdminTitle')}</h2>
        {props.canEdit && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="add-service">
            + {t('addService')}
          </button>
        )}
      </div>
      <ErrorNote failure={move.error} />
      <table className="table admin-table" data-testid="services-admin">
        <thead>
          <tr>
            <th scope="col">{t('colOrder')}</th>
            <th scope="col">{t('colService')}</th>
            <th scope="col">{t('colNumbering')}</th>
            <th scope="col">{t('colHours')}</th>
            <th scope="col">{t('colPriorityAllowed')}</th>
            <th scope="col" className="num">
              {t('colWaitThreshold')}
            </th>
            <th scope="col" className="num">
              {t('colAvgService')}
            </th>
            <th scope="col" className="num">
              {t('colWaiting')}
            </th>
            <th scope="col">{t('colState')}</th>
            {props.canEdit && <th scope="col">{t('actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {services.map((s, i) => (
            <tr key={s.id} data-service={s.id} className={s.enabled ? '' : 'row-off'}>
              <td className="order-cell">
                <span className="order-no">{i + 1}</span>
                {props.canEdit && (
                  <>
                    <button
                      type="button"
                      className="btn btn-icon"
                      data-move={`${s.id}:up`}
                      disabled={i === 0 || move.pending}
                      aria-label={t('moveUpNamed', { name: name(s) })}
                      title={t('moveUp')}
                      onClick={() => void moveService(s, -1)}
                    >
                      ▲
                    </button>
                    <button
                      type="button"
                      className="btn btn-icon"
                      data-move={`${s.id}:down`}
                      disabled={i === services.length - 1 || move.pending}
                      aria-label={t('moveDownNamed', { name: name(s) })}
                      title={t('moveDown')}
                      onClick={() => void moveService(s, 1)}
                    >
                      ▼
                    </button>
                  </>
                )}
              </td>
              <th scope="row">
                <span className="name-main">{name(s)}</span>
                <span className="name-sub muted">{other(s)}</span>
              </th>
              <td className="mono">{numberingText(s.numbering)}</td>
              <td className="mono">
                {s.hours.open}–{s.hours.close}
              </td>
              <td>{s.allowPriority ? t('yes') : t('no')}</td>
              <td className="num">{t('minutesValue', { n: s.waitThresholdMin })}</td>
              <td className="num">{t('minutesValue', { n: Math.round(s.avgServiceSec / 6) / 10 })}</td>
              <td className="num">{state.stats[s.id]?.waiting ?? 0}</td>
              <td>
                <span className={`chip ${s.enabled ? 'chip-open' : 'chip-closed'}`}>{s.enabled ? t('enabledOn') : t('enabledOff')}</span>
              </td>
              {props.canEdit && (
                <RowActions
                  onEdit={() => setEditing(s)}
                  onDelete={() => {
                    del.setError(null);
                    setDeleting(s);
                  }}
                />
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {editing && <ServiceDialog service={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={t('deleteServiceTitle', { name: name(deleting) })}
          body={t('deleteServiceBody')}
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

function ServiceDialog(props: { service: Service | null; onClose: () => void }) {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const services = view.state!.services;
  const [draft, setDraft] = useState<ServiceDraft>(() => serviceDraftOf(props.service, services));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAction();
  const live = props.service ? services.find((s) => s.id === props.service!.id) : null;
  const changedElsewhere = props.service !== null && live !== undefined && live !== props.service && JSON.stringify(live) !== JSON.stringify(props.service);
  const set = <K extends keyof ServiceDraft>(k: K, v: ServiceDraft[K]): void => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(): Promise<void> {
    const body = serviceBodyOf(draft);
    const checked = props.service ? checkForm(ServiceUpdateBody, body, lang, SERVICE_HINTS) : checkForm(ServiceCreateBody, body, lang, SERVICE_HINTS);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    const data = checked.data as { numbering: Service['numbering']; hours: Service['hours'] };
    // A name too long for a kiosk button needs a short kiosk name (the server refuses it too).
    if (needsKioskName({ nameVi: draft.nameVi, kioskNameVi: draft.kioskNameVi })) {
      setErrors({ kioskNameVi: t('kioskNameNeeded', { n: KIOSK_BUTTON_NAME_MAX, length: draft.nameVi.trim().length }) });
      return;
    }
    const clashes = serviceClashes(data.numbering, data.hours, props.service?.id ?? null, services, lang);
    if (Object.keys(clashes).length > 0) {
      setErrors(clashes);
      return;
    }
    setErrors({});
    if (props.service && Object.keys(changedFields(checked.data, props.service)).length === 0) {
      props.onClose();
      return;
    }
    const r = await save.run('saveService', () =>
      props.service
        ? conn.api<Service>('PATCH', `/api/admin/services/${encodeURIComponent(props.service.id)}`, changedFields(checked.data, props.service))
        : conn.api<Service>('POST', '/api/admin/services', checked.data),
    );
    if (r?.ok) props.onClose();
  }

  const e = (k: string): string | undefined => errors[k];
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Dialog
      wide
      title={props.service ? t('editServiceTitle', { name: lang === 'vi' ? props.service.nameVi : props.service.nameEn }) : t('newServiceTitle')}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      submitLabel={save.pending ? t('saving') : t('save')}
      submitDisabled={save.pending}
      error={save.error}
    >
      {changedElsewhere && <p className="msg msg-warn">{t('changedElsewhere')}</p>}
      {hasErrors && (
        <p className="msg msg-error" role="alert">
          {t('fixFields')}
        </p>
      )}
      <div className="form-grid">
        <TextField label={t('fieldNameVi')} value={draft.nameVi} onChange={(v) => set('nameVi', v)} error={e('nameVi')} name="nameVi" maxLength={200} />
        <TextField label={t('fieldNameEn')} value={draft.nameEn} onChange={(v) => set('nameEn', v)} error={e('nameEn')} name="nameEn" maxLength={200} />
        <TextField
          label={t('fieldKioskName')}
          value={draft.kioskNameVi}
          onChange={(v) => set('kioskNameVi', v)}
          error={e('kioskNameVi')}
          hint={t('fieldKioskNameHint', { n: KIOSK_BUTTON_NAME_MAX })}
          name="kioskNameVi"
          maxLength={KIOSK_NAME_MAX}
        />
      </div>
      <RadioGroup
        legend={t('fieldNumbering')}
        name="numberingKind"
        value={draft.numberingKind}
        onChange={(v) => set('numberingKind', v)}
        options={[
          { value: 'range', label: t('numberingRange') },
          { value: 'prefix', label: t('numberingPrefix') },
        ]}
        error={e('numbering') ?? e('numbering.kind')}
      >
        <div className="form-row">
          {draft.numberingKind === 'range' ? (
            <>
              <TextField label={t('fieldRangeFrom')} value={draft.rangeFrom} onChange={(v) => set('rangeFrom', v)} error={e('numbering.from')} inputMode="numeric" size="short" name="rangeFrom" />
              <TextField label={t('fieldRangeTo')} value={draft.rangeTo} onChange={(v) => set('rangeTo', v)} error={e('numbering.to')} inputMode="numeric" size="short" name="rangeTo" />
            </>
          ) : (
            <>
              <TextField label={t('fieldPrefix')} value={draft.prefix} onChange={(v) => set('prefix', v.toUpperCase())} error={e('numbering.prefix')} size="short" name="prefix" maxLength={2} />
              <TextField label={t('fieldDigits')} value={draft.digits} onChange={(v) => set('digits', v)} error={e('numbering.digits')} inputMode="numeric" size="short" name="digits" />
              <TextField label={t('fieldPrefixStart')} value={draft.prefixStart} onChange={(v) => set('prefixStart', v)} error={e('numbering.start')} inputMode="numeric" size="short" name="prefixStart" />
            </>
          )}
        </div>
        {props.service && <span className="field-hint">{t('numberingLockedHint')}</span>}
      </RadioGroup>
      <div className="form-row">
        <TextField label={t('fieldOpen')} value={draft.open} onChange={(v) => set('open', v)} error={e('hours.open')} size="mid" narrow placeholder="07:30" name="open" hint={t('hoursHint')} />
        <TextField label={t('fieldClose')} value={draft.close} onChange={(v) => set('close', v)} error={e('hours.close')} size="mid" narrow placeholder="17:00" name="close" />
        <TextField
          label={t('fieldWaitThreshold')}
          value={draft.waitThresholdMin}
          onChange={(v) => set('waitThresholdMin', v)}
          error={e('waitThresholdMin')}
          inputMode="numeric"
          size="mid"
          narrow
          name="waitThresholdMin"
        />
      </div>
      <div className="form-row">
        <CheckField label={t('fieldEnabled')} checked={draft.enabled} onChange={(v) => set('enabled', v)} name="enabled" />
        <CheckField label={t('fieldAllowPriority')} checked={draft.allowPriority} onChange={(v) => set('allowPriority', v)} name="allowPriority" />
      </div>
    </Dialog>
  );
}
