/**
 * Booking on a citizen's behalf (`#/book`): a citizen on the phone; the officer picks a service,
 * a day and a time with places left, and reads back the six-digit code the kiosk takes. The same
 * capacity rule as the public page (the server counts the places in one transaction). A name or
 * phone number is asked only when the centre asks for them on its public page.
 */
import { useEffect, useId, useState } from 'react';
import { type BookingOptions, type BookingView, type SlotList, StaffBookBody } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import { useRemote } from '../hooks/useRemote.js';
import { type FieldErrors, checkForm } from '../lib/form-check.js';
import { formatClock } from '../lib/format.js';
import { formatDate } from '../lib/date-range.js';
import { ErrorNote, TextField } from './Form.js';
import { UpcomingAppointments } from './UpcomingAppointments.js';

function Select(props: { label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string; disabled?: boolean }[]; name: string; error?: string | undefined }) {
  const id = useId();
  return (
    <div className={`field field-mid${props.error ? ' field-bad' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} className="text" value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-invalid={props.error ? true : undefined}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error && (
        <span className="field-error" data-field-error>
          ⚠ {props.error}
        </span>
      )}
    </div>
  );
}

export function StaffBooking() {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const tz = view.state?.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const options = useRemote<BookingOptions>('/api/book/options');
  const [serviceId, setServiceId] = useState('');
  const [date, setDate] = useState('');
  const [slotAt, setSlotAt] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [slots, setSlots] = useState<SlotList['slots'] | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [booked, setBooked] = useState<BookingView | null>(null);
  const [refresh, setRefresh] = useState(0);
  const book = useAction();
  const cancel = useAction();

  const o = options.data;
  useEffect(() => {
    if (!o) return;
    if (serviceId === '' && o.services[0]) setServiceId(o.services[0].id);
    if (date === '' && o.dates[0]) setDate(o.dates[0]);
  }, [o, serviceId, date]);

  useEffect(() => {
    if (serviceId === '' || date === '') return;
    let live = true;
    void conn.api<SlotList>('GET', `/api/book/slots?serviceId=${encodeURIComponent(serviceId)}&date=${encodeURIComponent(date)}`).then((r) => {
      if (!live) return;
      const list = r.ok ? r.data.slots : [];
      setSlots(list);
      setSlotAt((cur) => (list.some((s) => String(s.at) === cur && s.left > 0) ? cur : String(list.find((s) => s.left > 0)?.at ?? '')));
    });
    return () => {
      live = false;
    };
  }, [conn, serviceId, date, refresh]);

  async function submit(): Promise<void> {
    const body = { serviceId, slotAt: Number(slotAt === '' ? NaN : slotAt), ...(o?.askName && name !== '' ? { name } : {}), ...(o?.askPhone && phone !== '' ? { phone } : {}) };
    const checked = checkForm(StaffBookBody, body, lang);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    const r = await book.run('book', () => conn.api<BookingView>('POST', '/api/staff/appointments', checked.data));
    if (r?.ok) {
      setBooked(r.data);
      setName('');
      setPhone('');
    }
    setRefresh((n) => n + 1);
  }

  const serviceName = (id: string): string => {
    const s = o?.services.find((x) => x.id === id);
    return s ? (lang === 'vi' ? s.nameVi : s.nameEn) : id;
  };

  return (
    <div className="staff-booking">
      <div className="page-head">
        <h1 id="book-form-title">{t('bookTitle')}</h1>
      </div>
      <section className="card admin-section" aria-labelledby="book-form-title">
        <p className="field-hint">{t('bookHint')}</p>
        <ErrorNote failure={options.error} onRetry={() => void options.reload()} />
        {o && !o.enabled && <p className="banner banner-info">{t('bookingsOff')}</p>}
        {o && o.enabled && !booked && (
          <form
            className="inline-form"
            noValidate
            data-testid="staff-book-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <div className="form-row">
              <Select
                label={t('fieldService')}
                name="service"
                value={serviceId}
                onChange={setServiceId}
                options={o.services.map((s) => ({ value: s.id, label: lang === 'vi' ? s.nameVi : s.nameEn }))}
                error={errors.serviceId}
              />
              <Select label={t('fieldDay')} name="day" value={date} onChange={setDate} options={o.dates.map((d) => ({ value: d, label: formatDate(d, lang) }))} />
              {slots && slots.length > 0 ? (
                <Select
                  label={t('fieldSlot')}
                  name="slot"
                  value={slotAt}
                  onChange={setSlotAt}
                  error={errors.slotAt}
                  options={slots.map((s) => ({
                    value: String(s.at),
                    label: s.left > 0 ? t('slotLeft', { time: formatClock(s.at, tz), n: s.left }) : t('slotFull', { time: formatClock(s.at, tz) }),
                    disabled: s.left === 0,
                  }))}
                />
              ) : (
                <p className="muted">{t('noSlots')}</p>
              )}
            </div>
            {(o.askName || o.askPhone) && (
              <div className="form-row">
                {o.askName && <TextField label={t('fieldCitizenName')} value={name} onChange={setName} error={errors.name} name="citizenName" size="mid" maxLength={100} />}
                {o.askPhone && <TextField label={t('fieldCitizenPhone')} value={phone} onChange={setPhone} error={errors.phone} name="citizenPhone" size="mid" inputMode="numeric" maxLength={15} />}
              </div>
            )}
            <ErrorNote failure={book.error} />
            <button type="submit" className="btn btn-primary" disabled={book.pending || slotAt === ''} data-testid="staff-book">
              {book.pending ? t('booking') : t('bookNow')}
            </button>
          </form>
        )}
        {booked && (
          <div className="booked" role="status" data-testid="staff-booked">
            <h2>{booked.state === 'cancelled' ? t('bookingCancelled') : t('bookedTitle')}</h2>
            <p>
              {t('bookedCode')}:{' '}
              <strong className="booked-code" data-testid="booked-code" aria-label={booked.code.split('').join(' ')}>
                {booked.code}
              </strong>
            </p>
            <p>{t('bookedWhen', { service: serviceName(booked.serviceId), time: formatClock(booked.slotAt, tz), date: formatDate(booked.businessDate, lang) })}</p>
            <ErrorNote failure={cancel.error} />
            <div className="form-row">
              <button type="button" className="btn btn-primary" onClick={() => setBooked(null)}>
                {t('bookAnother')}
              </button>
              {booked.state === 'booked' && (
                <button
                  type="button"
                  className="btn btn-small-danger btn"
                  disabled={cancel.pending}
                  onClick={() =>
                    void cancel.run('book', () => conn.api<BookingView>('POST', `/api/staff/appointments/${encodeURIComponent(booked.id)}/cancel`)).then((r) => {
                      if (r?.ok) {
                        setBooked(r.data);
                        setRefresh((n) => n + 1);
                      }
                    })
                  }
                >
                  {t('cancelBooking')}
                </button>
              )}
            </div>
          </div>
        )}
      </section>
      <UpcomingAppointments refreshKey={refresh} />
    </div>
  );
}
