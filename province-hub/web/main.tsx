/**
 * The province board: every centre live (waiting now, longest wait, open counters, served today,
 * offline since when) in a table and two bar charts, a read-only drill-in to one centre, and the
 * province reports with a CSV download. Live through Socket.IO on whichever hub node the load
 * balancer picks; after a reconnect (a node died) the node sends a fresh snapshot.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { io, type Socket } from 'socket.io-client';
import type { BoardCentre, BoardDetail, BoardSnapshot, ProvinceReportRow, ProvinceTargets } from '@layso/shared';
import { type Lang, type WordKey, word } from './words.js';
import { clock, isOffline, longestWaitMin, sharePercent, totals } from './view.js';
import './styles.css';
import { useNow } from '@layso/ui-react';

type T = (key: WordKey, vars?: Record<string, string | number>) => string;

interface Session {
  token: string;
  user: { username: string; role: string; centreId: string | null };
}

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = (): void => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('layso-hub-lang') === 'en' ? 'en' : 'vi'));
  const [session, setSession] = useState<Session | null>(() => {
    const s = sessionStorage.getItem('layso-hub-session');
    return s ? (JSON.parse(s) as Session) : null;
  });
  const t: T = useCallback((key, vars) => word(lang, key, vars), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('layso-hub-lang', lang);
  }, [lang]);
  const signOut = useCallback((): void => {
    sessionStorage.removeItem('layso-hub-session');
    setSession(null);
  }, []);
  return (
    <>
      <header className="topbar">
        <span className="brand">Layso</span>
        <span className="topbar-title">{t('title')}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-quiet" lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {t('otherLang')}
        </button>
        {session && (
          <button type="button" className="btn btn-quiet" onClick={signOut}>
            {t('signOut')} ({session.user.username})
          </button>
        )}
      </header>
      <main>
        {session ? (
          <Signed session={session} t={t} onExpired={signOut} />
        ) : (
          <SignIn
            t={t}
            onSignedIn={(s) => {
              sessionStorage.setItem('layso-hub-session', JSON.stringify(s));
              setSession(s);
            }}
          />
        )}
      </main>
    </>
  );
}

function SignIn(props: { t: T; onSignedIn: (s: Session) => void }) {
  const { t } = props;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(false);
  return (
    <form
      className="card signin"
      aria-labelledby="signin-title"
      onSubmit={(e) => {
        e.preventDefault();
        void fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
          .then((r) => r.json() as Promise<{ ok: boolean; data: Session }>)
          .then((b) => (b.ok ? props.onSignedIn(b.data) : setError(true)))
          .catch(() => setError(true));
      }}
    >
      <h1 id="signin-title">{t('signInTitle')}</h1>
      <label>
        {t('username')}
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
      </label>
      <label>
        {t('password')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </label>
      {error && (
        <p className="msg-error" role="alert">
          {t('wrongLogin')}
        </p>
      )}
      <button type="submit" className="btn btn-primary">
        {t('signIn')}
      </button>
    </form>
  );
}

function Signed(props: { session: Session; t: T; onExpired: () => void }) {
  const { t, session } = props;
  const hash = useHash();
  const [socket, setSocket] = useState<Socket | null>(null);
  const [connected, setConnected] = useState(false);
  const [centres, setCentres] = useState<Map<string, BoardCentre>>(new Map());
  const [offset, setOffset] = useState(0);
  const { onExpired } = props;

  useEffect(() => {
    const s = io('/board', { auth: { token: session.token }, transports: ['websocket'] });
    s.on('connect', () => setConnected(true));
    s.on('disconnect', () => setConnected(false));
    s.on('connect_error', (e) => {
      if (e.message === 'UNAUTHENTICATED') onExpired();
    });
    s.on('snapshot', (snap: BoardSnapshot) => {
      setOffset(snap.serverNow - Date.now());
      setCentres(new Map(snap.centres.map((c) => [c.id, c])));
    });
    s.on('centre', (c: BoardCentre) => setCentres((m) => new Map(m).set(c.id, c)));
    setSocket(s);
    return () => {
      s.disconnect();
    };
  }, [session.token, onExpired]);

  const detailId = /^#\/centre\/(.+)$/.exec(hash)?.[1];
  const isAdmin = session.user.role === 'province_admin';
  const page = detailId ? 'detail' : hash === '#/reports' ? 'reports' : hash === '#/admin' && isAdmin ? 'admin' : 'board';
  return (
    <>
      <nav className="tabs" aria-label={t('title')}>
        <a href="#/" className={page === 'board' ? 'tab active' : 'tab'} aria-current={page === 'board' ? 'page' : undefined}>
          {t('tabBoard')}
        </a>
        <a href="#/reports" className={page === 'reports' ? 'tab active' : 'tab'} aria-current={page === 'reports' ? 'page' : undefined}>
          {t('tabReports')}
        </a>
        {isAdmin && (
          <a href="#/admin" className={page === 'admin' ? 'tab active' : 'tab'} aria-current={page === 'admin' ? 'page' : undefined}>
            {t('tabAdmin')}
          </a>
        )}
        <span className={connected ? 'live on' : 'live off'} role="status" data-testid="live">
          {connected ? `● ${t('live')}` : t(centres.size ? 'reconnecting' : 'connecting')}
        </span>
      </nav>
      {page === 'board' && <Board centres={[...centres.values()]} offset={offset} t={t} />}
      {page === 'detail' && socket && detailId && <Detail socket={socket} id={decodeURIComponent(detailId)} offset={offset} t={t} connected={connected} />}
      {page === 'reports' && <Reports token={session.token} t={t} isAdmin={isAdmin} />}
      {page === 'admin' && <Admin token={session.token} centres={[...centres.values()]} t={t} />}
    </>
  );
}

function Board(props: { centres: BoardCentre[]; offset: number; t: T }) {
  const { t } = props;
  const now = useNow(5_000) + props.offset;
  const sum = totals(props.centres, now);
  const byWaiting = useMemo(() => [...props.centres].sort((a, b) => b.waiting - a.waiting).slice(0, 10), [props.centres]);
  const byLongest = [...props.centres].filter((c) => c.oldestWaitingSince !== null).sort((a, b) => a.oldestWaitingSince! - b.oldestWaitingSince!).slice(0, 10);
  const maxWaiting = Math.max(1, ...byWaiting.map((c) => c.waiting));
  const maxLongest = Math.max(1, ...byLongest.map((c) => longestWaitMin(c, now) ?? 0));
  return (
    <>
      <h1 className="page-title">{t('title')}</h1>
      <section className="tiles" aria-label={t('title')}>
        <Tile label={t('totalWaiting')} value={sum.waiting} id="total-waiting" />
        <Tile label={t('totalServed')} value={sum.served} id="total-served" />
        <Tile label={t('totalOpen')} value={sum.open} id="total-open" />
        <Tile label={t('totalOffline')} value={sum.offline} id="total-offline" warn={sum.offline > 0} />
        <Tile label={t('totalSatisfied')} value={shareText(sum.satisfied, sum.rated, t)} id="total-satisfied" />
      </section>
      <div className="charts">
        <Bars title={t('chartWaiting')} rows={byWaiting.map((c) => ({ label: c.nameVi, value: c.waiting, text: String(c.waiting) }))} max={maxWaiting} />
        <Bars
          title={t('chartLongest')}
          rows={byLongest.map((c) => ({ label: c.nameVi, value: longestWaitMin(c, now) ?? 0, text: t('minutes', { n: longestWaitMin(c, now) ?? 0 }) }))}
          max={maxLongest}
        />
      </div>
      <section className="card">
        {props.centres.length === 0 ? (
          <p>{t('noCentres')}</p>
        ) : (
          <table className="grid" data-testid="centres">
            <caption className="sr-only">{t('title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('centre')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col" className="num">{t('waiting')}</th>
                <th scope="col" className="num">{t('longestWait')}</th>
                <th scope="col" className="num">{t('openCounters')}</th>
                <th scope="col" className="num">{t('servedToday')}</th>
                <th scope="col" className="num">{t('satisfiedToday')}</th>
              </tr>
            </thead>
            <tbody>
              {[...props.centres].sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi')).map((c) => {
                const off = isOffline(c, now);
                const wait = longestWaitMin(c, now);
                return (
                  <tr key={c.id} data-centre={c.id} className={off ? 'offline' : undefined}>
                    <th scope="row">
                      <a href={`#/centre/${encodeURIComponent(c.id)}`}>{c.nameVi}</a>
                    </th>
                    <td data-col="status">
                      {c.revoked ? t('revoked') : c.lastSeenAt === null ? t('neverSeen') : off ? t('offlineSince', { time: clock(c.lastSeenAt) }) : t('online')}
                    </td>
                    <td className="num" data-col="waiting">{c.waiting}</td>
                    <td className="num" data-col="longest">{wait === null ? '—' : t('minutes', { n: wait })}</td>
                    <td className="num" data-col="open">{c.openCounters}</td>
                    <td className="num" data-col="served">{c.servedToday}</td>
                    <td className="num" data-col="satisfied">{shareText(c.satisfiedToday, c.ratedToday, t)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function shareText(satisfied: number, rated: number, t: T): string {
  const pct = sharePercent(satisfied, rated);
  return pct === null ? '—' : t('ofRatings', { pct, n: rated });
}

function Tile(props: { label: string; value: number | string; id: string; warn?: boolean }) {
  return (
    <div className={props.warn ? 'tile warn' : 'tile'}>
      <span className="tile-label">{props.label}</span>
      <span className="tile-value" data-testid={props.id}>
        {props.value}
      </span>
    </div>
  );
}

function Bars(props: { title: string; rows: { label: string; value: number; text: string }[]; max: number }) {
  return (
    <figure className="card bars">
      <figcaption>{props.title}</figcaption>
      <ul>
        {props.rows.map((r) => (
          <li key={r.label}>
            <span className="bar-label">{r.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar" style={{ width: `${(100 * r.value) / props.max}%` }} />
            </span>
            <span className="bar-value">{r.text}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

function Detail(props: { socket: Socket; id: string; offset: number; t: T; connected: boolean }) {
  const { t, socket, id } = props;
  const [detail, setDetail] = useState<BoardDetail | null>(null);
  const [failed, setFailed] = useState(false);
  const now = useNow(5_000) + props.offset;
  useEffect(() => {
    if (!props.connected) return;
    const watch = (): void => {
      socket.emit('watch', id, (r: { ok: boolean; data?: BoardDetail }) => (r.ok && r.data ? setDetail(r.data) : setFailed(true)));
    };
    watch();
    // The hub says when the centre changed; ask again, at most every half second.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const on = (changed: string): void => {
      if (changed !== id || timer) return;
      timer = setTimeout(() => {
        timer = null;
        watch();
      }, 500);
    };
    socket.on('detailChanged', on);
    return () => {
      socket.off('detailChanged', on);
      if (timer) clearTimeout(timer);
    };
  }, [socket, id, props.connected]);
  if (failed) return <p className="msg-error">{t('loadFailed')}</p>;
  if (!detail) return <p>{t('connecting')}</p>;
  const c = detail.centre;
  const off = isOffline(c, now);
  return (
    <>
      <p>
        <a href="#/">{t('back')}</a>
      </p>
      <h1 className="page-title">
        {c.nameVi} <span className="badge">{t('readOnly')}</span>
      </h1>
      <p data-testid="detail-status">{c.lastSeenAt === null ? t('neverSeen') : off ? t('offlineSince', { time: clock(c.lastSeenAt) }) : t('online')}</p>
      <section className="tiles">
        <Tile label={t('waiting')} value={c.waiting} id="detail-waiting" />
        <Tile label={t('openCounters')} value={c.openCounters} id="detail-open" />
        <Tile label={t('servedToday')} value={c.servedToday} id="detail-served" />
      </section>
      <div className="charts">
        <section className="card" aria-labelledby="counters-title">
          <h2 id="counters-title">{t('counters')}</h2>
          <table className="grid" data-testid="detail-counters">
            <thead>
              <tr>
                <th scope="col">{t('counter')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('inHand')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.counters.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name ?? (k.number === null ? k.id : String(k.number))}</th>
                  <td>{t(k.state === 'open' ? 'state_open' : k.state === 'paused' ? 'state_paused' : 'state_closed')}</td>
                  <td>{k.ticketNumber ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="services-title">
          <h2 id="services-title">{t('services')}</h2>
          {detail.services.length === 0 ? (
            <p>{t('nobodyWaits')}</p>
          ) : (
            <table className="grid" data-testid="detail-services">
              <thead>
                <tr>
                  <th scope="col">{t('service')}</th>
                  <th scope="col" className="num">{t('waiting')}</th>
                  <th scope="col" className="num">{t('longestWait')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.services.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.nameVi}</th>
                    <td className="num">{s.waiting}</td>
                    <td className="num">{s.oldestWaitingSince === null ? '—' : t('minutes', { n: Math.max(0, Math.floor((now - s.oldestWaitingSince) / 60_000)) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}

interface CodeIssued {
  centreId: string;
  code: string;
  expiresAt: number;
}

type ApiAnswer<D> = { ok: true; data: D } | { ok: false; error: { code: string; message: string } };

/**
 * The province admin's page: register a centre and read its one-time code, give a centre a new
 * code, revoke a centre's credential (two steps). The list is the board's live one.
 */
function Admin(props: { token: string; centres: BoardCentre[]; t: T }) {
  const { t } = props;
  const [id, setId] = useState('');
  const [nameVi, setNameVi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [issued, setIssued] = useState<(CodeIssued & { name: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const call = async <D,>(path: string, body?: unknown): Promise<D | null> => {
    setError(null);
    try {
      const r = await fetch(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${props.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const b = (await r.json()) as ApiAnswer<D>;
      if (b.ok) return b.data;
      setError(b.error.code === 'CONFLICT' ? t('err_CONFLICT') : b.error.code === 'VALIDATION' ? t('err_VALIDATION') : t('loadFailed'));
    } catch {
      setError(t('loadFailed'));
    }
    return null;
  };
  const rows = [...props.centres].sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi'));
  return (
    <>
      <h1 className="page-title">{t('tabAdmin')}</h1>
      {issued && (
        <section className="card code-card" aria-labelledby="code-title" data-testid="enrol-code">
          <h2 id="code-title">{t('codeFor', { name: issued.name })}</h2>
          <p className="code" data-testid="enrol-code-value">{issued.code}</p>
          <p>{t('codeHelp', { time: new Date(issued.expiresAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) })}</p>
          <button type="button" className="btn" onClick={() => setIssued(null)}>
            {t('codeDone')}
          </button>
        </section>
      )}
      {error && (
        <p className="msg-error" role="alert">
          {error}
        </p>
      )}
      <form
        className="card report-form"
        aria-labelledby="register-title"
        onSubmit={(e) => {
          e.preventDefault();
          const name = nameVi.trim();
          void call<CodeIssued>('/api/centres', { id: id.trim(), nameVi: name, nameEn: nameEn.trim() || name }).then((r) => {
            if (!r) return;
            setIssued({ ...r, name });
            setId('');
            setNameVi('');
            setNameEn('');
          });
        }}
      >
        <h2 id="register-title" className="form-title">{t('registerTitle')}</h2>
        <label>
          {t('centreId')}
          <input value={id} onChange={(e) => setId(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          {t('nameVi')}
          <input value={nameVi} onChange={(e) => setNameVi(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          {t('nameEn')}
          <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="btn btn-primary">
          {t('register')}
        </button>
      </form>
      <section className="card">
        <p>{t('revokeHelp')}</p>
        {rows.length === 0 ? (
          <p>{t('noCentres')}</p>
        ) : (
          <table className="grid" data-testid="admin-centres">
            <thead>
              <tr>
                <th scope="col">{t('centre')}</th>
                <th scope="col">{t('credential')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} data-admin-centre={c.id}>
                  <th scope="row">
                    {c.nameVi} <span className="muted">({c.id})</span>
                  </th>
                  <td data-col="link">{c.revoked ? t('revoked') : c.enrolled ? t('enrolled') : t('notEnrolled')}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="btn"
                      aria-label={`${t('newCode')}: ${c.nameVi}`}
                      onClick={() => void call<CodeIssued>(`/api/centres/${encodeURIComponent(c.id)}/code`).then((r) => r && setIssued({ ...r, name: c.nameVi }))}
                    >
                      {t('newCode')}
                    </button>
                    {!c.revoked && c.enrolled && confirming !== c.id && (
                      <button type="button" className="btn" aria-label={`${t('revoke')}: ${c.nameVi}`} onClick={() => setConfirming(c.id)}>
                        {t('revoke')}
                      </button>
                    )}
                    {confirming === c.id && (
                      <>
                        <button
                          type="button"
                          className="btn btn-danger"
                          onClick={() => void call<null>(`/api/centres/${encodeURIComponent(c.id)}/revoke`).then(() => setConfirming(null))}
                        >
                          {t('confirmRevoke', { name: c.nameVi })}
                        </button>
                        <button type="button" className="btn" onClick={() => setConfirming(null)}>
                          {t('cancel')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function monthStart(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01`;
}

const pct = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);

/** The province's targets: read by everyone, set by a province admin. */
function Targets(props: { token: string; t: T; isAdmin: boolean; onSaved: (t: ProvinceTargets) => void }) {
  const { t, onSaved } = props;
  const [targets, setTargets] = useState<ProvinceTargets | null>(null);
  const [minutes, setMinutes] = useState('');
  const [waitShare, setWaitShare] = useState('');
  const [satisfied, setSatisfied] = useState('');
  const [msg, setMsg] = useState<{ error: boolean; text: string } | null>(null);
  const show = useCallback((x: ProvinceTargets): void => {
    setTargets(x);
    setMinutes(String(x.waitMinutes));
    setWaitShare(x.waitShare === null ? '' : String(Math.round(x.waitShare * 100)));
    setSatisfied(x.satisfiedShare === null ? '' : String(Math.round(x.satisfiedShare * 100)));
  }, []);
  useEffect(() => {
    void fetch('/api/targets', { headers: { authorization: `Bearer ${props.token}` } })
      .then((r) => r.json() as Promise<{ ok: boolean; data: ProvinceTargets }>)
      .then((b) => {
        if (!b.ok) return;
        show(b.data);
        onSaved(b.data);
      })
      .catch(() => setMsg({ error: true, text: t('loadFailed') }));
  }, [props.token, show, t, onSaved]);
  if (!targets) return null;
  const text = t('targetsText', {
    n: targets.waitMinutes,
    share: targets.waitShare === null ? t('noTarget') : pct(targets.waitShare),
    sat: targets.satisfiedShare === null ? t('noTarget') : pct(targets.satisfiedShare),
  });
  const fraction = (v: string): number | null => (v.trim() === '' ? null : Number(v) / 100);
  return (
    <section className="card" aria-labelledby="targets-title">
      <h2 id="targets-title" className="form-title">{t('targetsTitle')}</h2>
      <p data-testid="targets">{text}</p>
      {props.isAdmin && (
        <form
          className="report-form"
          onSubmit={(e) => {
            e.preventDefault();
            setMsg(null);
            const body = { waitMinutes: Number(minutes), waitShare: fraction(waitShare), satisfiedShare: fraction(satisfied) };
            void fetch('/api/targets', { method: 'PUT', headers: { authorization: `Bearer ${props.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
              .then((r) => r.json() as Promise<{ ok: boolean; data: ProvinceTargets }>)
              .then((b) => {
                if (!b.ok) return setMsg({ error: true, text: t('err_VALIDATION_targets') });
                show(b.data);
                onSaved(b.data);
                setMsg({ error: false, text: t('targetsSaved') });
              })
              .catch(() => setMsg({ error: true, text: t('loadFailed') }));
          }}
        >
          <label>
            {t('targetMinutes')}
            <input type="number" min={1} max={180} required value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </label>
          <label>
            {t('targetWaitShare')}
            <input type="number" min={0} max={100} value={waitShare} onChange={(e) => setWaitShare(e.target.value)} />
          </label>
          <label>
            {t('targetSatisfied')}
            <input type="number" min={0} max={100} value={satisfied} onChange={(e) => setSatisfied(e.target.value)} />
          </label>
          <button type="submit" className="btn">
            {t('saveTargets')}
          </button>
        </form>
      )}
      {msg && (
        <p className={msg.error ? 'msg-error' : undefined} role={msg.error ? 'alert' : 'status'}>
          {msg.text}
        </p>
      )}
    </section>
  );
}

function Reports(props: { token: string; t: T; isAdmin: boolean }) {
  const { t } = props;
  const [targetMin, setTargetMin] = useState<number | null>(null);
  const onTargets = useCallback((x: ProvinceTargets) => setTargetMin(x.waitMinutes), []);
  const [from, setFrom] = useState(monthStart);
  const [to, setTo] = useState(() => new Date().toISOString().slice(0, 10));
  const [by, setBy] = useState<'centre' | 'service' | 'month'>('centre');
  const [rows, setRows] = useState<ProvinceReportRow[] | null>(null);
  const [failed, setFailed] = useState(false);
  const query = `from=${from}&to=${to}&by=${by}`;
  const auth = { authorization: `Bearer ${props.token}` };
  const load = (): void => {
    setFailed(false);
    void fetch(`/api/reports?${query}`, { headers: auth })
      .then((r) => r.json() as Promise<{ ok: boolean; data: ProvinceReportRow[] }>)
      .then((b) => (b.ok ? setRows(b.data) : setFailed(true)))
      .catch(() => setFailed(true));
  };
  const download = (): void => {
    void fetch(`/api/reports.csv?${query}`, { headers: auth })
      .then((r) => r.blob())
      .then((blob) => {
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = `layso-tinh-${by}-${from}_${to}.csv`;
        a.click();
        URL.revokeObjectURL(a.href);
      });
  };
  return (
    <>
      <h1 className="page-title">{t('tabReports')}</h1>
      <Targets token={props.token} t={t} isAdmin={props.isAdmin} onSaved={onTargets} />
      <form
        className="card report-form"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label>
          {t('from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('by')}
          <select value={by} onChange={(e) => setBy(e.target.value as 'centre' | 'service' | 'month')}>
            <option value="centre">{t('by_centre')}</option>
            <option value="service">{t('by_service')}</option>
            <option value="month">{t('by_month')}</option>
          </select>
        </label>
        <button type="submit" className="btn btn-primary">
          {t('show')}
        </button>
        <button type="button" className="btn" onClick={download}>
          {t('downloadCsv')}
        </button>
      </form>
      {failed && (
        <p className="msg-error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {rows && (
        <section className="card">
          {rows.length === 0 ? (
            <p>{t('noRows')}</p>
          ) : (
            <table className="grid" data-testid="report">
              <thead>
                <tr>
                  <th scope="col">{t(by === 'centre' ? 'by_centre' : by === 'service' ? 'by_service' : 'by_month')}</th>
                  <th scope="col" className="num">{t('issued')}</th>
                  <th scope="col" className="num">{t('served')}</th>
                  <th scope="col" className="num">{t('noShows')}</th>
                  <th scope="col" className="num">{t('avgWait')}</th>
                  <th scope="col" className="num">{t('p90Wait')}</th>
                  <th scope="col" className="num">{t('avgService')}</th>
                  <th scope="col" className="num">{t('within')}</th>
                  <th scope="col" className="num">{t('satisfiedShare')}</th>
                  <th scope="col" className="num">{t('underTarget', { n: targetMin ?? '…' })}</th>
                  {by === 'centre' && <th scope="col" className="num">{t('rank')}</th>}
                </tr>
              </thead>
              <tbody>
                {(by === 'centre' ? rows : [...rows].sort((a, b) => (b.withinThreshold ?? -1) - (a.withinThreshold ?? -1))).map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    <td className="num">{r.issued}</td>
                    <td className="num">{r.served}</td>
                    <td className="num">{r.noShows}</td>
                    <td className="num">{r.avgWaitMin ?? '—'}</td>
                    <td className="num">{r.p90WaitMin ?? '—'}</td>
                    <td className="num">{r.avgServiceMin ?? '—'}</td>
                    <td className="num">{r.withinThreshold === null ? '—' : `${Math.round(r.withinThreshold * 100)}%`}</td>
                    <td className="num" data-col="satisfied">
                      {shareText(r.satisfied, r.rated, t)}
                      {r.meetsSatisfied !== null && ` · ${t(r.meetsSatisfied ? 'met' : 'missed')}`}
                    </td>
                    <td className="num" data-col="under-target">
                      {pct(r.waitUnderTarget)}
                      {r.meetsWait !== null && ` · ${t(r.meetsWait ? 'met' : 'missed')}`}
                    </td>
                    {by === 'centre' && <td className="num" data-col="rank">{r.rank ?? '—'}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(<App />);
