/**
 * The shell: sign-in, the connection for the signed-in session, the top bar and the pages.
 */
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Lang } from '../i18n/words.js';
import { LangContext, initialLang, rememberLang, useWords } from '../hooks/useLang.js';
import { StaffContext, useStaff } from '../hooks/useStaff.js';
import { navigate, useRoute } from '../hooks/useRoute.js';
import { type Session, StaffConnection, loadSession, saveSession, signOut } from '../lib/staff-client.js';
import { homeRoute, mayView } from '../lib/routes.js';
import { counterOfOfficer } from '../lib/queue-view.js';
import { SignIn } from './SignIn.js';
import { TopBar } from './TopBar.js';
import { CounterList } from './CounterList.js';
import { Console } from './Console.js';
import { Board } from './Board.js';
import { StaffBooking } from './StaffBooking.js';
import { Admin } from './Admin.js';
import { Reports } from './Reports.js';

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    rememberLang(l);
    setLangState(l);
  }, []);
  useEffect(() => rememberLang(lang), [lang]);
  const langValue = useMemo(() => ({ lang, setLang }), [lang, setLang]);

  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<'sessionEnded' | null>(null);

  const endSession = useCallback((why: 'signOut' | 'unauthenticated') => {
    saveSession(null);
    setSession(null);
    setNotice(why === 'unauthenticated' ? 'sessionEnded' : null);
  }, []);

  return (
    <LangContext.Provider value={langValue}>
      {session ? (
        <SignedIn
          key={session.token}
          session={session}
          onSignOut={() => {
            void signOut(session.token);
            endSession('signOut');
          }}
          onUnauthenticated={() => endSession('unauthenticated')}
        />
      ) : (
        <SignIn
          notice={notice}
          onSignedIn={(s) => {
            saveSession(s);
            setNotice(null);
            setSession(s);
          }}
        />
      )}
    </LangContext.Provider>
  );
}

function SignedIn(props: { session: Session; onSignOut: () => void; onUnauthenticated: () => void }) {
  const [conn, setConn] = useState<StaffConnection | null>(null);
  // One connection per session token: re-rendering (a language switch) must not reconnect.
  const onUnauthenticated = useRef(props.onUnauthenticated);
  onUnauthenticated.current = props.onUnauthenticated;
  useEffect(() => {
    const c = new StaffConnection(props.session.token, () => onUnauthenticated.current());
    setConn(c);
    return () => c.close();
  }, [props.session.token]);
  if (!conn) return null;
  return (
    <StaffContext.Provider value={conn}>
      <Shell session={props.session} onSignOut={props.onSignOut} />
    </StaffContext.Provider>
  );
}

function Shell(props: { session: Session; onSignOut: () => void }) {
  const { view } = useStaff();
  const { t } = useWords();
  const route = useRoute();
  const me = view.me ?? props.session.user;
  const myCounter = view.state ? counterOfOfficer(view.state.counters, me.id) : null;

  // "Home" leads somewhere useful once the state is known.
  useEffect(() => {
    if (route.page === 'home' && view.state) navigate(homeRoute(me.role, myCounter?.id ?? null), { replace: true });
  }, [route.page, view.state, me.role, myCounter?.id]);

  let page: ReactNode;
  if (!view.state) {
    page = <p className="loading">{t('connecting')}</p>;
  } else if (!mayView(me.role, route)) {
    page = <p className="page-message">{t('managersOnly')}</p>;
  } else {
    switch (route.page) {
      case 'home':
      case 'counters':
        page = <CounterList />;
        break;
      case 'counter':
        page = <Console key={route.counterId} counterId={route.counterId} />;
        break;
      case 'board':
        page = <Board />;
        break;
      case 'book':
        page = <StaffBooking />;
        break;
      case 'admin':
        page = <Admin section={route.section} role={me.role} />;
        break;
      case 'reports':
        page = <Reports />;
        break;
      case 'notFound':
        page = <p className="page-message">{t('notFound')}</p>;
        break;
    }
  }

  return (
    <div className="shell">
      <TopBar me={me} route={route} myCounterId={myCounter?.id ?? null} onSignOut={props.onSignOut} />
      {view.status === 'offline' && (
        <div className="banner banner-offline" role="alert">
          ⚠ {t('connectionLost')}
        </div>
      )}
      <main className="page">{page}</main>
    </div>
  );
}
