/**
 * The province link (issue 15): enter the hub's address and the one-time enrolment code the
 * province admin gave, then watch the uplink (events sent of the log, state, last contact).
 * Managers see the state; only the admin enrols or unlinks.
 */
import { useState } from 'react';
import { UplinkEnrolBody, type UplinkStatus } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import { useRemote } from '../hooks/useRemote.js';
import { checkForm, type FieldErrors } from '../lib/form-check.js';
import { formatClock } from '../lib/format.js';
import { ConfirmDialog, ErrorNote, TextField } from './Form.js';

export function AdminProvince(props: { canEdit: boolean }) {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const status = useRemote<UplinkStatus>('/api/province/uplink', { pollMs: 5000 });
  const [hubUrl, setHubUrl] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [forgetting, setForgetting] = useState(false);
  const enrol = useAction();
  const forget = useAction();
  const tz = view.state?.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const s = status.data;

  async function submit(): Promise<void> {
    const checked = checkForm(UplinkEnrolBody, { hubUrl, code }, lang);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    const r = await enrol.run('provinceEnrol', () => conn.api<UplinkStatus>('POST', '/api/province/uplink/enrol', checked.data));
    if (r?.ok) {
      status.setData(r.data);
      setCode('');
    }
  }

  return (
    <section className="card admin-section" aria-labelledby="province-title">
      <div className="section-head">
        <h2 id="province-title">{t('provinceTitle')}</h2>
        <button type="button" className="btn btn-quiet" onClick={() => void status.reload()}>
          ↻ {t('refresh')}
        </button>
      </div>
      <p className="muted">{t('provinceIntro')}</p>
      <ErrorNote failure={status.error} onRetry={() => void status.reload()} />
      {s && !s.enrolled && <p data-testid="uplink-state">{t('provinceNotEnrolled')}</p>}
      {s && s.enrolled && (
        <dl className="facts" data-testid="uplink-facts">
          <dt>{t('provinceState')}</dt>
          <dd data-testid="uplink-state">{t(`uplink_${s.state}`)}</dd>
          <dt>{t('provinceHubUrl')}</dt>
          <dd>{s.hubUrl}</dd>
          <dt>{t('provinceCentreId')}</dt>
          <dd>{s.provinceCentreId}</dd>
          <dt>{t('provinceSent')}</dt>
          <dd data-testid="uplink-sent">{t('provinceSentOf', { acked: s.ackedSeq, last: s.lastSeq })}</dd>
          <dt>{t('provinceLastContact')}</dt>
          <dd>{s.lastContactAt === null ? t('provinceNever') : formatClock(s.lastContactAt, tz)}</dd>
          {s.pin && (
            <>
              <dt>{t('provincePin')}</dt>
              <dd className="mono">{s.pin}</dd>
            </>
          )}
        </dl>
      )}
      {props.canEdit && s && !s.enrolled && (
        <form
          className="province-form"
          noValidate
          onSubmit={(ev) => {
            ev.preventDefault();
            void submit();
          }}
        >
          <TextField label={t('provinceHubUrl')} value={hubUrl} onChange={setHubUrl} error={errors.hubUrl} placeholder="https://hub.example.gov.vn" name="hubUrl" size="full" />
          <TextField label={t('provinceCode')} value={code} onChange={setCode} error={errors.code} name="code" autoComplete="off" />
          <ErrorNote failure={enrol.error} />
          <button type="submit" className="btn btn-primary" disabled={enrol.pending}>
            {t('provinceEnrol')}
          </button>
        </form>
      )}
      {props.canEdit && s?.enrolled && (
        <button type="button" className="btn btn-small-danger btn-small" onClick={() => setForgetting(true)}>
          {t('provinceForget')}
        </button>
      )}
      {forgetting && (
        <ConfirmDialog
          title={t('provinceForget')}
          body={t('provinceForgetBody')}
          confirmLabel={t('provinceForget')}
          pending={forget.pending}
          error={forget.error}
          danger
          onConfirm={() =>
            void forget.run('load', () => conn.api<UplinkStatus>('DELETE', '/api/province/uplink')).then((r) => {
              if (r?.ok) {
                status.setData(r.data);
                setForgetting(false);
              }
            })
          }
          onClose={() => setForgetting(false)}
        />
      )}
    </section>
  );
}
