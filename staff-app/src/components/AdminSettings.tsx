/**
 * Centre settings: names, time zone, day start, end of day, the queue policy, ticket and display
 * texts, the kiosk rate limit, citizens' ratings (scale and the reasons a low score offers). The form starts from the live settings and follows them while
 * untouched; if they change elsewhere while being edited, it says so instead of overwriting.
 */
import { useEffect, useRef, useState } from 'react';
import { PRIORITY_CATEGORIES, type Settings, SettingsBody } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import { SETTINGS_HINTS, type SettingsDraft, canonical, isKnownTimeZone, movedReason, settingsBodyOf, settingsDraftOf } from '../lib/admin-forms.js';
import { type FieldErrors, checkForm } from '../lib/form-check.js';
import { formatClock } from '../lib/format.js';
import { CheckField, ErrorNote, RadioGroup, TextField } from './Form.js';

const TIME_ZONES = ['Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'Asia/Jakarta', 'Asia/Singapore', 'UTC'];

export function AdminSettings(props: { canEdit: boolean }) {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const live = view.state!.settings;
  const [base, setBase] = useState<Settings | null>(live);
  const [draft, setDraft] = useState<SettingsDraft | null>(() => (live ? settingsDraftOf(live) : null));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const save = useAction();
  const dirty = base !== null && draft !== null && canonical(settingsDraftOf(base)) !== canonical(draft);
  const changedElsewhere = live !== null && base !== null && canonical(live) !== canonical(base);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  // Untouched form: follow the live settings (a change by another admin shows at once).
  useEffect(() => {
    if (live && !dirtyRef.current) {
      setBase(live);
      setDraft(settingsDraftOf(live));
    }
  }, [live]);

  if (!draft || !live) return <p className="muted">{t('loadingData')}</p>;
  const set = <K extends keyof SettingsDraft>(k: K, v: SettingsDraft[K]): void => {
    setSavedAt(null);
    setDraft((d) => (d ? { ...d, [k]: v } : d));
  };
  const e = (k: string): string | undefined => errors[k];
  const ro = !props.canEdit;

  async function submit(): Promise<void> {
    if (!draft) return;
    const checked = checkForm(SettingsBody, settingsBodyOf(draft), lang, SETTINGS_HINTS);
    const errs: FieldErrors = checked.ok ? {} : { ...checked.errors };
    // The schema refuses an unknown zone too, in the server's English; the officer reads this.
    if (draft.timeZone.trim() !== '' && !isKnownTimeZone(draft.timeZone.trim())) errs.timeZone = t('unknownTimeZone');
    if (!checked.ok || Object.keys(errs).length > 0) return setErrors(errs);
    setErrors({});
    const r = await save.run('saveSettings', () => conn.api<Settings>('PUT', '/api/admin/settings', checked.data));
    if (r?.ok) {
      setBase(r.data);
      setDraft(settingsDraftOf(r.data));
      setSavedAt(Date.now() + view.clockOffset);
    }
  }

  const tz = live.timeZone;
  return (
    <form
      className="card admin-section settings-form"
      aria-labelledby="settings-title"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit();
      }}
    >
      <div className="section-head">
        <h2 id="settings-title">{t('settingsTitle')}</h2>
        {props.canEdit && (
          <div className="section-actions">
            {savedAt !== null && !dirty && (
              <span className="msg-inline ok" role="status" data-testid="settings-saved">
                ✓ {t('savedAt', { time: formatClock(savedAt, tz) })}
              </span>
            )}
            <button type="button" className="btn btn-secondary" disabled={!dirty || save.pending} onClick={() => base && setDraft(settingsDraftOf(base))}>
              {t('undoChanges')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={!dirty || save.pending} data-testid="save-settings">
              {save.pending ? t('saving') : t('saveChanges')}
            </button>
          </div>
        )}
      </div>
      {changedElsewhere && dirty && (
        <p className="msg msg-warn">
          {t('changedElsewhere')}{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setBase(live);
              setDraft(settingsDraftOf(live));
            }}
          >
            {t('reload')}
          </button>
        </p>
      )}
      <ErrorNote failure={save.error} />
      {Object.keys(errors).length > 0 && (
        <p className="msg msg-error" role="alert">
          {t('fixFields')}
        </p>
      )}
      <div className="settings-grid">
        <fieldset className="settings-group" disabled={ro}>
          <legend>{t('sectionCentre')}</legend>
          <TextField label={t('fieldCentreNameVi')} value={draft.centreNameVi} onChange={(v) => set('centreNameVi', v)} error={e('centreNameVi')} name="centreNameVi" maxLength={200} />
          <TextField label={t('fieldCentreNameEn')} value={draft.centreNameEn} onChange={(v) => set('centreNameEn', v)} error={e('centreNameEn')} name="centreNameEn" maxLength={200} />
          <TextField label={t('fieldTimeZone')} value={draft.timeZone} onChange={(v) => set('timeZone', v)} error={e('timeZone')} name="timeZone" list="time-zones" />
          <datalist id="time-zones">
            {TIME_ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <TextField label={t('fieldDayStart')} value={draft.dayStartsAt} onChange={(v) => set('dayStartsAt', v)} error={e('dayStartsAt')} name="dayStartsAt" narrow placeholder="00:00" hint={t('dayStartHint')} />
          <RadioGroup
            legend={t('fieldEndOfDay')}
            name="endOfDay"
            value={draft.endOfDay}
            onChange={(v) => set('endOfDay', v)}
            options={[
              { value: 'expire', label: t('endOfDay_expire') },
              { value: 'carryOver', label: t('endOfDay_carryOver') },
            ]}
          />
          <CheckField label={t('fieldDemo')} checked={draft.demo} onChange={(v) => set('demo', v)} name="demo" />
        </fieldset>

        <fieldset className="settings-group" disabled={ro}>
          <legend>{t('sectionQueue')}</legend>
          <RadioGroup
            legend={t('fieldPriorityPolicy')}
            name="priority"
            vertical
            value={draft.priority}
            onChange={(v) => set('priority', v)}
            options={[
              { value: 'strict', label: t('policy_strict') },
              { value: 'alternate', label: t('policy_alternate') },
              { value: 'aging', label: t('policy_aging') },
            ]}
          >
            {draft.priority === 'alternate' && (
              <TextField
                label={t('fieldAlternateK')}
                value={draft.alternateMaxInRow}
                onChange={(v) => set('alternateMaxInRow', v)}
                error={e('queue.alternateMaxInRow')}
                inputMode="numeric"
                size="mid"
                narrow
                name="alternateMaxInRow"
              />
            )}
            <div className="weights">
              <span className="field-hint">{t('fieldAgingWeights')}</span>
              <div className="form-row">
                {PRIORITY_CATEGORIES.map((c) => (
                  <TextField
                    key={c}
                    label={t(`prio_${c}`)}
                    value={draft.priorityWeights[c]}
                    onChange={(v) => set('priorityWeights', { ...draft.priorityWeights, [c]: v })}
                    error={e(`queue.priorityWeights.${c}`)}
                    inputMode="decimal"
                    size="short"
                    name={`weight-${c}`}
                  />
                ))}
              </div>
            </div>
          </RadioGroup>
          <RadioGroup
            legend={t('fieldCrossService')}
            name="crossService"
            vertical
            value={draft.crossService}
            onChange={(v) => set('crossService', v)}
            options={[
              { value: 'preference', label: t('cross_preference') },
              { value: 'oldestFirst', label: t('cross_oldestFirst') },
            ]}
          />
          <RadioGroup
            legend={t('fieldNoShowReturn')}
            name="noShowReturn"
            vertical
            value={draft.noShowReturn}
            onChange={(v) => set('noShowReturn', v)}
            options={[
              { value: 'original', label: t('noShow_original') },
              { value: 'placesDown', label: t('noShow_placesDown') },
            ]}
          >
            {draft.noShowReturn === 'placesDown' && (
              <TextField
                label={t('fieldNoShowPlaces')}
                value={draft.noShowPlaces}
                onChange={(v) => set('noShowPlaces', v)}
                error={e('queue.noShowReturn.places')}
                inputMode="numeric"
                size="mid"
                narrow
                name="noShowPlaces"
              />
            )}
          </RadioGroup>
        </fieldset>

        <fieldset className="settings-group" disabled={ro}>
          <legend>{t('sectionTicket')}</legend>
          <TextField label={t('fieldTicketHeader')} value={draft.ticketHeader} onChange={(v) => set('ticketHeader', v)} error={e('ticketHeader')} name="ticketHeader" maxLength={200} />
          <TextField label={t('fieldTicketFooter')} value={draft.ticketFooter} onChange={(v) => set('ticketFooter', v)} error={e('ticketFooter')} name="ticketFooter" maxLength={300} />
          <TextField label={t('fieldDisplayNotice')} value={draft.displayNotice} onChange={(v) => set('displayNotice', v)} error={e('displayNotice')} name="displayNotice" maxLength={500} />
          <TextField
            label={t('fieldKioskRate')}
            value={draft.kioskRateLimitPerMin}
            onChange={(v) => set('kioskRateLimitPerMin', v)}
            error={e('kioskRateLimitPerMin')}
            inputMode="numeric"
            narrow
            name="kioskRateLimitPerMin"
          />
        </fieldset>

        <fieldset className="settings-group" disabled={ro} data-testid="appointment-settings">
          <legend>{t('sectionAppointments')}</legend>
          <CheckField label={t('fieldApptEnabled')} checked={draft.apptEnabled} onChange={(v) => set('apptEnabled', v)} name="apptEnabled" />
          {(
            [
              ['slotMin', 'fieldSlotMin', 'appointments.slotMin'],
              ['capacityPerSlot', 'fieldCapacityPerSlot', 'appointments.capacityPerSlot'],
              ['bookingDays', 'fieldBookingDays', 'appointments.bookingDays'],
              ['earlyMin', 'fieldEarlyMin', 'appointments.earlyMin'],
              ['lateMin', 'fieldLateMin', 'appointments.lateMin'],
              ['retentionDays', 'fieldRetentionDays', 'appointments.retentionDays'],
              ['appointmentMaxInRow', 'fieldAppointmentMaxInRow', 'queue.appointmentMaxInRow'],
              ['elderlyAge', 'fieldElderlyAge', 'elderlyAge'],
            ] as const
          ).map(([key, label, path]) => (
            <TextField key={key} label={t(label)} value={draft[key]} onChange={(v) => set(key, v)} error={e(path)} inputMode="numeric" narrow name={key} />
          ))}
          <CheckField label={t('fieldAskName')} checked={draft.askName} onChange={(v) => set('askName', v)} name="askName" />
          <CheckField label={t('fieldAskPhone')} checked={draft.askPhone} onChange={(v) => set('askPhone', v)} name="askPhone" />
          <div className={`field field-full${e('resultsServiceId') ? ' field-bad' : ''}`}>
            <label htmlFor="results-service">{t('fieldResultsService')}</label>
            <select id="results-service" name="resultsServiceId" value={draft.resultsServiceId} onChange={(ev) => set('resultsServiceId', ev.target.value)}>
              <option value="">{t('resultsNone')}</option>
              {[...view.state!.services]
                .sort((a, b) => a.sortOrder - b.sortOrder)
                .map((sv) => (
                  <option key={sv.id} value={sv.id}>
                    {lang === 'vi' ? sv.nameVi : sv.nameEn}
                  </option>
                ))}
            </select>
            {e('resultsServiceId') && (
              <span className="field-error" data-field-error>
                ⚠ {e('resultsServiceId')}
              </span>
            )}
          </div>
        </fieldset>

        <fieldset className="settings-group" disabled={ro} data-testid="rating-settings">
          <legend>{t('sectionRating')}</legend>
          <RadioGroup
            legend={t('fieldRatingScale')}
            name="ratingScale"
            vertical
            value={draft.ratingScale}
            onChange={(v) => set('ratingScale', v)}
            options={[
              { value: 'three', label: t('ratingScale_three') },
              { value: 'five', label: t('ratingScale_five') },
            ]}
          />
          <div className="reasons-editor" role="group" aria-labelledby="reasons-legend">
            <span id="reasons-legend" className="field-hint">
              {t('fieldRatingReasons')}
            </span>
            <ol className="reasons-list">
              {draft.ratingReasons.map((r, i) => (
                <li key={i} className="reason-row">
                  <TextField
                    label={t('ratingReasonN', { n: String(i + 1) })}
                    value={r}
                    onChange={(v) => set('ratingReasons', draft.ratingReasons.map((x, j) => (j === i ? v : x)))}
                    error={e(`rating.reasons.${i}`)}
                    name={`ratingReason-${i}`}
                    maxLength={60}
                  />
                  <div className="reason-actions">
                    <button type="button" className="btn btn-small" disabled={ro || i === 0} aria-label={t('moveUpN', { n: String(i + 1) })} onClick={() => set('ratingReasons', movedReason(draft.ratingReasons, i, -1))}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={ro || i === draft.ratingReasons.length - 1}
                      aria-label={t('moveDownN', { n: String(i + 1) })}
                      onClick={() => set('ratingReasons', movedReason(draft.ratingReasons, i, 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={ro}
                      aria-label={t('removeReasonN', { n: String(i + 1) })}
                      onClick={() => set('ratingReasons', draft.ratingReasons.filter((_, j) => j !== i))}
                    >
                      ✕
                    </button>
                  </div>
                </li>
              ))}
            </ol>
            {e('rating.reasons') && (
              <span className="field-error" data-field-error>
                ⚠ {e('rating.reasons')}
              </span>
            )}
            <button type="button" className="btn btn-secondary" disabled={ro || draft.ratingReasons.length >= 6} onClick={() => set('ratingReasons', [...draft.ratingReasons, ''])}>
              + {t('addReason')}
            </button>
            <span className="field-hint">{t('ratingReasonsHint')}</span>
          </div>
        </fieldset>
      </div>
    </form>
  );
}
