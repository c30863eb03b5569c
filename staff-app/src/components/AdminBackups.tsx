/**
 * Backups (issue 12): the daily schedule and how many copies are kept, every backup on the
 * server PC with its time, size and whether it passed its check, the last failure if any, and
 * "back up now" for the admin (audited). Managers see the same, without the button.
 */
import { useState } from 'react';
import type { BackupFile, BackupList } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import { useRemote } from '../hooks/useRemote.js';
import { formatBytes, formatDateTime } from '../lib/format.js';
import { ErrorNote } from './Form.js';

export function AdminBackups(props: { canEdit: boolean }) {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const list = useRemote<BackupList>('/api/admin/backups', { pollMs: 10_000 });
  const backUp = useAction();
  const [done, setDone] = useState<BackupFile | null>(null);
  const tz = view.state?.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const l = list.data;

  async function backUpNow(): Promise<void> {
    setDone(null);
    const r = await backUp.run('backupNow', () => conn.api<BackupFile>('POST', '/api/admin/backups'));
    if (r?.ok) setDone(r.data);
    await list.reload();
  }

  return (
    <section className="card admin-section" aria-labelledby="backups-title">
      <div className="section-head">
        <h2 id="backups-title">{t('backupsTitle')}</h2>
        <button type="button" className="btn btn-quiet" onClick={() => void list.reload()}>
          ↻ {t('refresh')}
        </button>
      </div>
      <p className="muted">{t('backupsIntro')}</p>
      <ErrorNote failure={list.error} onRetry={() => void list.reload()} />
      {l && (
        <dl className="facts" data-testid="backup-facts">
          <dt>{t('backupsSchedule')}</dt>
          <dd>{t('backupsScheduleText', { minutes: Math.round(l.checkEveryMs / 60_000) })}</dd>
          <dt>{t('backupsKeep')}</dt>
          <dd>{t('backupsKeepText', { keep: l.keep, keepNow: l.keepNow })}</dd>
          <dt>{t('backupsDir')}</dt>
          <dd className="mono">{l.dir}</dd>
          <dt>{t('backupsLastSuccess')}</dt>
          <dd>{l.lastSuccessAt === null ? t('backupsNotSinceStart') : formatDateTime(l.lastSuccessAt, tz)}</dd>
        </dl>
      )}
      {l?.lastFailure && (
        <p className="banner banner-warn" role="alert" data-testid="backup-failure">
          {t('backupsLastFailure', { at: formatDateTime(l.lastFailure.at, tz), message: l.lastFailure.message })}
        </p>
      )}
      {props.canEdit && (
        <div className="section-actions">
          <button type="button" className="btn btn-primary" disabled={backUp.pending || l?.running === true} onClick={() => void backUpNow()}>
            {backUp.pending || l?.running ? t('backupsRunning') : t('backupNow')}
          </button>
        </div>
      )}
      <ErrorNote failure={backUp.error} />
      {done && (
        <p className="banner banner-info" role="status" data-testid="backup-done">
          {t('backupDone', { name: done.name, size: formatBytes(done.bytes, lang) })}
        </p>
      )}
      {l && l.backups.length === 0 && <p className="page-message">{t('backupsNone')}</p>}
      {l && l.backups.length > 0 && (
        <table className="table admin-table" data-testid="backup-list">
          <caption className="sr-only">{t('backupsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('backupTime')}</th>
              <th scope="col">{t('backupKind')}</th>
              <th scope="col">{t('backupFile')}</th>
              <th scope="col" className="num">{t('backupSize')}</th>
              <th scope="col">{t('backupVerified')}</th>
            </tr>
          </thead>
          <tbody>
            {l.backups.map((b) => (
              <tr key={b.name}>
                <td>{formatDateTime(b.at, tz)}</td>
                <td>{t(`backupKind_${b.kind}`)}</td>
                <td className="mono">{b.name}</td>
                <td className="num">{formatBytes(b.bytes, lang)}</td>
                <td>{b.verified ? `✓ ${t('backupVerifiedYes')}` : t('backupVerifiedNo')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
