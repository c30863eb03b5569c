import type { StaffUser } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { type Route, hrefOf, mayView } from '../lib/routes.js';
import { LangSwitch } from './LangSwitch.js';

export function TopBar(props: { me: StaffUser; route: Route; myCounterId: string | null; onSignOut: () => void }) {
  const { t, lang } = useWords();
  const { view } = useStaff();
  const { me, route } = props;
  const counterHref = hrefOf(props.myCounterId ? { page: 'counter', counterId: props.myCounterId } : { page: 'counters' });
  const links: { href: string; label: string; active: boolean; show: boolean }[] = [
    { href: counterHref, label: t('navCounter'), active: route.page === 'counter' || route.page === 'counters', show: true },
    { href: '#/book', label: t('navBook'), active: route.page === 'book', show: true },
    { href: '#/board', label: t('navBoard'), active: route.page === 'board', show: mayView(me.role, { page: 'board' }) },
    { href: '#/reports', label: t('navReports'), active: route.page === 'reports', show: mayView(me.role, { page: 'reports', section: null }) },
    { href: '#/admin', label: t('navAdmin'), active: route.page === 'admin', show: mayView(me.role, { page: 'admin', section: null }) },
  ];
  const centre = view.state?.centre;
  return (
    <header className="topbar">
      <div className="topbar-brand">
        <span className="brand">Layso</span>
        {centre && <span className="centre-name">{lang === 'vi' ? centre.nameVi : centre.nameEn}</span>}
      </div>
      <nav className="topbar-nav" aria-label="Chính / Main">
        {links
          .filter((l) => l.show)
          .map((l) => (
            <a key={l.href} href={l.href} className={l.active ? 'active' : ''} aria-current={l.active ? 'page' : undefined}>
              {l.label}
            </a>
          ))}
      </nav>
      <div className="topbar-right">
        <span className={`conn conn-${view.status}`} title={t(view.status === 'online' ? 'connected' : view.status === 'offline' ? 'connectionLost' : 'connecting')}>
          <span className="conn-dot" aria-hidden="true" />
          <span className="sr-only">{t(view.status === 'online' ? 'connected' : view.status === 'offline' ? 'connectionLost' : 'connecting')}</span>
        </span>
        <span className="who" data-testid="who">
          {me.displayName}
        </span>
        <LangSwitch />
        <button type="button" className="btn btn-quiet" onClick={props.onSignOut}>
          {t('signOut')}
        </button>
      </div>
    </header>
  );
}
