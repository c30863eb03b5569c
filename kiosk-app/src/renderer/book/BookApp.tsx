/**
 * The booking page: service → day → time (→ name / phone when the centre asks) → the code, its
 * QR code and the cancel link. With `?huy=<id>` it shows that booking and offers to cancel it.
 * Phone-sized first; Vietnamese first, English a tap away.
 */
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { BookingOptions, BookingView, SlotList } from '@layso/shared';
import { QrCode } from '../components/QrCode.js';
import { api, BOOK_WORDS as W, clockOf, dayLabel, fill, type Lang, type Words } from './booking.js';

export function BookApp({ origin, cancelId }: { origin: string; cancelId: string | null }): ReactElement {
  const [lang, setLang] = useState<Lang>('vi');
  const t = (w: Words): string => w[lang];
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t(W.title)} · Layso`;
  });
  const [options, setOptions] = useState<BookingOptions | null>(null);
  const [loadError, setLoadError] = useState<Words | null>(null);
  useEffect(() => {
    void api.options(origin).then((a) => (a.ok ? setOptions(a.data) : setLoadError(a.code === 'NETWORK' ? W.offline : W.failed)));
  }, [origin]);

  return (
    <div className="book">
      <header className="bar">
        <div className="centre">{options ? (lang === 'vi' ? options.centreNameVi : options.centreNameEn) : ''}</div>
        <button type="button" className="lang" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} lang={lang === 'vi' ? 'en' : 'vi'}>
          {lang === 'vi' ? 'English' : 'Tiếng Việt'}
        </button>
      </header>
      <main>
        <h1>{t(W.title)}</h1>
        {loadError ? (
          <p className="notice" role="alert">
            {t(loadError)}
          </p>
        ) : !options ? (
          <p>{t(W.loading)}</p>
        ) : cancelId ? (
          <CancelView origin={origin} id={cancelId} options={options} lang={lang} />
        ) : !options.enabled ? (
          <p className="notice">{t(W.closed)}</p>
        ) : (
          <BookForm origin={origin} options={options} lang={lang} />
        )}
      </main>
    </div>
  );
}

function BookForm({ origin, options, lang }: { origin: string; options: BookingOptions; lang: Lang }): ReactElement {
  const t = (w: Words): string => w[lang];
  const [serviceId, setServiceId] = useState<string | null>(options.services.length === 1 ? options.services[0]!.id : null);
  const [date, setDate] = useState<string>(options.dates[0] ?? '');
  const [slots, setSlots] = useState<SlotList['slots'] | null>(null);
  const [slotAt, setSlotAt] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Words | null>(null);
  const [booked, setBooked] = useState<BookingView | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    setSlots(null);
    setSlotAt(null);
    if (!serviceId || !date) return;
    let live = true;
    void api.slots(origin, serviceId, date).then((a) => {
      if (!live) return;
      if (a.ok) setSlots(a.data.slots);
      else setProblem(a.code === 'NETWORK' ? W.offline : W.failed);
    });
    return () => {
      live = false;
    };
  }, [origin, serviceId, date, reload]);

  if (booked) return <Booked view={booked} origin={origin} options={options} lang={lang} onAnother={() => setBooked(null)} />;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!serviceId || slotAt === null || busy) return;
    setBusy(true);
    setProblem(null);
    const body = {
      serviceId,
      slotAt,
      ...(options.askName ? { name: name.trim() } : {}),
      ...(options.askPhone ? { phone: phone.trim() } : {}),
    };
    void api.book(origin, body).then((a) => {
      setBusy(false);
      if (a.ok) return setBooked(a.data);
      if (a.code === 'SLOT_FULL') {
        setReload((n) => n + 1);
        return setProblem(W.slotFull);
      }
      setProblem(a.code === 'NETWORK' ? W.offline : a.code === 'VALIDATION' ? W.invalidContact : W.failed);
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <p className="intro">{t(W.intro)}</p>
      <fieldset>
        <legend>{t(W.service)}</legend>
        <div className="choices services">
          {options.services.map((s) => (
            <button key={s.id} type="button" className="choice" aria-pressed={serviceId === s.id} data-service-id={s.id} onClick={() => setServiceId(s.id)}>
              {lang === 'vi' ? s.nameVi : s.nameEn}
            </button>
          ))}
        </div>
      </fieldset>
      {serviceId ? (
        <fieldset>
          <legend>{t(W.day)}</legend>
          <div className="choices days">
            {options.dates.map((d) => (
              <button key={d} type="button" className="choice" aria-pressed={date === d} data-date={d} onClick={() => setDate(d)}>
                {dayLabel(d, lang)}
              </button>
            ))}
          </div>
        </fieldset>
      ) : null}
      {serviceId && date ? (
        <fieldset>
          <legend>{t(W.time)}</legend>
          {slots === null ? (
            <p>{t(W.loading)}</p>
          ) : slots.length === 0 ? (
            <p className="notice">{t(W.noSlots)}</p>
          ) : (
            <div className="choices slots">
              {slots.map((s) => (
                <button
                  key={s.at}
                  type="button"
                  className="choice slot"
                  aria-pressed={slotAt === s.at}
                  disabled={s.left === 0}
                  data-slot={s.at}
                  onClick={() => setSlotAt(s.at)}
                >
                  <span className="clock">{clockOf(s.at, options.timeZone)}</span>
                  <span className="left">{s.left === 0 ? t(W.full) : fill(t(W.placesLeft), { n: s.left })}</span>
                </button>
              ))}
            </div>
          )}
        </fieldset>
      ) : null}
      {slotAt !== null && (options.askName || options.askPhone) ? (
        <fieldset>
          <legend>{t(W.contact)}</legend>
          {options.askName ? (
            <label className="field">
              <span>{t(W.name)}</span>
              <input name="name" autoComplete="name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} required />
            </label>
          ) : null}
          {options.askPhone ? (
            <label className="field">
              <span>{t(W.phone)}</span>
              <input name="phone" type="tel" autoComplete="tel" inputMode="tel" maxLength={15} value={phone} onChange={(e) => setPhone(e.target.value)} required />
            </label>
          ) : null}
          <p className="small">{t(W.contactNote)}</p>
        </fieldset>
      ) : null}
      {problem ? (
        <p className="notice" role="alert">
          {t(problem)}
        </p>
      ) : null}
      <button type="submit" className="primary-action" data-action="book" disabled={slotAt === null || busy}>
        {busy ? t(W.booking) : t(W.book)}
      </button>
    </form>
  );
}

function Booked({ view, origin, options, lang, onAnother }: { view: BookingView; origin: string; options: BookingOptions; lang: Lang; onAnother: () => void }): ReactElement {
  const t = (w: Words): string => w[lang];
  const cancelUrl = `${origin}${view.cancelPath}`;
  return (
    <section className="booked" data-booking-code={view.code} aria-labelledby="booked-title">
      <h2 id="booked-title">{t(W.booked)}</h2>
      <p className="code-label">{t(W.yourCode)}</p>
      <p className="code" data-testid="booking-code">
        {view.code}
      </p>
      <QrCode url={view.code} className="qr" label={fill(t(W.qrLabel), { code: view.code })} />
      <Summary view={view} options={options} lang={lang} />
      <p>{t(W.showAtKiosk)}</p>
      <p>{fill(t(W.window), { from: clockOf(view.opensAt, options.timeZone), to: clockOf(view.closesAt, options.timeZone) })}</p>
      <p>
        <a href={cancelUrl} data-testid="cancel-link">
          {t(W.cancelLink)}
        </a>
      </p>
      <button type="button" className="secondary-action" onClick={onAnother}>
        {t(W.bookAnother)}
      </button>
    </section>
  );
}

function Summary({ view, options, lang }: { view: BookingView; options: BookingOptions; lang: Lang }): ReactElement {
  const t = (w: Words): string => w[lang];
  return (
    <dl className="summary">
      <dt>{t(W.serviceLabel)}</dt>
      <dd>{lang === 'vi' ? view.serviceNameVi : view.serviceNameEn}</dd>
      <dt>{t(W.when)}</dt>
      <dd>
        {clockOf(view.slotAt, options.timeZone)} · {dayLabel(view.businessDate, lang)}
      </dd>
    </dl>
  );
}

function CancelView({ origin, id, options, lang }: { origin: string; id: string; options: BookingOptions; lang: Lang }): ReactElement {
  const t = (w: Words): string => w[lang];
  const [view, setView] = useState<BookingView | null>(null);
  const [problem, setProblem] = useState<Words | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api.get(origin, id).then((a) => (a.ok ? setView(a.data) : setProblem(a.code === 'APPOINTMENT_NOT_FOUND' ? W.notFound : a.code === 'NETWORK' ? W.offline : W.failed)));
  }, [origin, id]);
  const cancel = (): void => {
    setBusy(true);
    void api.cancel(origin, id).then((a) => {
      setBusy(false);
      if (a.ok) setView(a.data);
      else setProblem(a.code === 'APPOINTMENT_USED' ? W.used : a.code === 'NETWORK' ? W.offline : W.failed);
    });
  };
  return (
    <section className="cancel" data-state={view?.state ?? 'loading'}>
      {problem ? (
        <p className="notice" role="alert">
          {t(problem)}
        </p>
      ) : null}
      {view ? (
        <>
          <p className="code-label">{t(W.yourCode)}</p>
          <p className="code">{view.code}</p>
          <Summary view={view} options={options} lang={lang} />
          {view.state === 'cancelled' ? (
            <p className="done" role="status">
              {t(W.cancelled)}
            </p>
          ) : view.state === 'booked' ? (
            <>
              <p>{t(W.cancelQuestion)}</p>
              <button type="button" className="primary-action danger" data-action="cancel" disabled={busy} onClick={cancel}>
                {t(W.cancel)}
              </button>
            </>
          ) : (
            <p>{t(W.used)}</p>
          )}
        </>
      ) : null}
      <p>
        <a href={`${origin}/book/`}>{t(W.bookAnother)}</a>
      </p>
    </section>
  );
}
