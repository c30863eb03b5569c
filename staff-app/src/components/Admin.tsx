/**
 * Administration (`#/admin/<section>`): services, counters, staff, devices, centre settings, the
 * province link, backups and the change log. The admin changes; a manager reads the same pages (the server allows managers
 * to read and refuses their writes), without the buttons that change anything.
 */
import type { Role } from '@layso/shared';
import type { WordKey } from '../i18n/words.js';
import { useWords } from '../hooks/useLang.js';
import { hrefOf } from '../lib/routes.js';
import { AdminServices } from './AdminServices.js';
import { AdminCounters } from './AdminCounters.js';
import { AdminUsers } from './AdminUsers.js';
import { AdminDevices } from './AdminDevices.js';
import { AdminSettings } from './AdminSettings.js';
import { AuditLog } from './AuditLog.js';
import { AdminProvince } from './AdminProvince.js';
import { AdminBackups } from './AdminBackups.js';
import { AdminIntegrations } from './AdminIntegrations.js';

export const ADMIN_SECTIONS = ['services', 'counters', 'users', 'devices', 'settings', 'province', 'integrations', 'backups', 'audit'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

const TAB_WORD: Record<AdminSection, WordKey> = {
  services: 'tab_services',
  counters: 'tab_counters',
  users: 'tab_users',
  devices: 'tab_devices',
  settings: 'tab_settings',
  province: 'tab_province',
  backups: 'tab_backups',
  integrations: 'tab_integrations',
  audit: 'tab_audit',
};

export function sectionOf(s: string | null): AdminSection | null {
  if (s === null) return 'services';
  return (ADMIN_SECTIONS as readonly string[]).includes(s) ? (s as AdminSection) : null;
}

export function Admin(props: { section: string | null; role: Role }) {
  const { t } = useWords();
  const section = sectionOf(props.section);
  const canEdit = props.role === 'admin';
  return (
    <div className="admin">
      <div className="page-head">
        <h1>{t('adminTitle')}</h1>
        {!canEdit && <span className="badge badge-readonly">{t('readOnly')}</span>}
      </div>
      <nav className="tabs" aria-label={t('adminTitle')}>
        {ADMIN_SECTIONS.map((s) => (
          <a
            key={s}
            href={hrefOf({ page: 'admin', section: s })}
            className={s === section ? 'tab active' : 'tab'}
            aria-current={s === section ? 'page' : undefined}
          >
            {t(TAB_WORD[s])}
          </a>
        ))}
      </nav>
      {!canEdit && <p className="banner banner-info">{t('readOnlyBanner')}</p>}
      {section === 'services' && <AdminServices canEdit={canEdit} />}
      {section === 'counters' && <AdminCounters canEdit={canEdit} />}
      {section === 'users' && <AdminUsers canEdit={canEdit} />}
      {section === 'devices' && <AdminDevices canEdit={canEdit} />}
      {section === 'settings' && <AdminSettings canEdit={canEdit} />}
      {section === 'province' && <AdminProvince canEdit={canEdit} />}
      {section === 'backups' && <AdminBackups canEdit={canEdit} />}
      {section === 'integrations' && <AdminIntegrations canEdit={canEdit} />}
      {section === 'audit' && <AuditLog />}
      {section === null && <p className="page-message">{t('notFound')}</p>}
    </div>
  );
}
