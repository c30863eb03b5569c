/** The audit log: every administrative change, newest first, with who and when; older pages on demand. */
import { useState } from 'react';
import type { AuditEntry, AuditPage, DeviceView } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import { useRemote } from '../hooks/useRemote.js';
import { AUDIT_WORD, auditDiff, auditSummary, isAuditType } from '../lib/audit-view.js';
import { formatClock } from '../lib/format.js';
import { formatDate, todayIn } from '../lib/date-range.js';
import { ErrorNote } from './Form.js';

const PAGE = 50;

export function AuditLog() {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const first = useRemote<AuditPage>(`/api/admin/audit?limit=${PAGE}`);
  // Device events may name only the device's id.
  const devices = useRemote<DeviceView[]>('/api/admin/devices');
  const deviceName = (id: string): string | null => devices.data?.find((d) => d.id === id)?.name ?? null;
  const [older, setOlder] = useState<{ entries: AuditEntry[]; nextBefore: number | null } | null>(null);
  const more = useAction();
  const tz = view.state?.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const entries = [...(first.data?.entries ?? []), ...(older?.entries ?? [])];
  const nextBefore = older ? older.nextBefore : (first.data?.nextBefore ?? null);

  async function loadMore(): Promise<void> {
    if (nextBefore === null) return;
    const r = await more.run('load', () => conn.api<AuditPage>('GET', `/api/admin/audit?limit=${PAGE}&before=${nextBefore}`));
    if (r?.ok) setOlder((o) => ({ entries: [...(o?.entries ?? []), ...r.data.entries], nextBefore: r.data.nextBefore }));
  }

  const who = (e: AuditEntry): string => {
    if (e.actorName) return e.actorName;
    if (!e.actor || e.actor === 'system') return t('actorSystem');
    return e.actor;
  };

  return (
    <section className="card admin-section" aria-labelledby="audit-title">
      <div className="section-head">
        <h2 id="audit-title">{t('auditTitle')}</h2>
        <button
          type="button"
          className="btn btn-quiet"
          onClick={() => {
            setOlder(null);
            void first.reload();
          }}
        >
          ↻ {t('refresh')}
        </button>
      </div>
      <ErrorNote failure={first.error ?? more.error} onRetry={() => void first.reload()} />
      {first.data && entries.length === 0 && <p className="muted">{t('noAudit')}</p>}
      {!first.data && !first.error && <p className="muted">{t('loadingData')}</p>}
      {entries.length > 0 && (
        <table className="table admin-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('colWhen')}</th>
              <th scope="col">{t('colWho')}</th>
              <th scope="col">{t('colWhat')}</th>
              <th scope="col">{t('colDetail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={e.seq} data-type={e.type}>
                <td className="mono nowrap">
                  {formatDate(todayIn(e.at, tz), lang)} {formatClock(e.at, tz, true)}
                </td>
                <td>{who(e)}</td>
                <td className="strong">{isAuditType(e.type) ? t(AUDIT_WORD[e.type]) : e.type}</td>
                <td>
                  {auditSummary(e, lang, {
                    deviceName,
                    ...(e.type === 'settings.updated' ? previousSettings(entries, i) : {}),
                  })}
                  {auditDiff(e, lang).map((line) => (
                    <div key={line} className="audit-diff">
                      {line}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore !== null && entries.length > 0 && (
        <button type="button" className="btn btn-secondary" disabled={more.pending} onClick={() => void loadMore()}>
          {more.pending ? t('loadingData') : t('loadMore')}
        </button>
      )}
    </section>
  );
}

/** The settings before entry `i`: the data of the next older `settings.updated` entry, if loaded. */
function previousSettings(entries: readonly AuditEntry[], i: number): { previousSettings?: unknown } {
  const older = entries.slice(i + 1).find((x) => x.type === 'settings.updated');
  return older ? { previousSettings: older.data } : {};
}
