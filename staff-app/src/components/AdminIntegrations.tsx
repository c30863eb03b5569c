/**
 * Integrations (`#/admin/integrations`): API keys of the one-stop software (made, shown once,
 * revoked), outgoing webhooks (address, events, on/off, shown secret once) and the delivery log
 * (state, tries, last error, next try; a given-up delivery can be sent again). A manager reads,
 * the admin changes. The log is read again every few seconds while the page is open.
 */
import { useState } from 'react';
import {
  API_SCOPES,
  ApiKeyCreateBody,
  type ApiKeyCreated,
  type ApiKeyView,
  type ApiScope,
  type DeliveryView,
  WEBHOOK_EVENTS,
  WebhookCreateBody,
  type WebhookCreated,
  type WebhookEvent,
  type WebhookView,
} from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import { useRemote } from '../hooks/useRemote.js';
import { type FieldErrors, checkForm } from '../lib/form-check.js';
import { formatClock } from '../lib/format.js';
import { formatDate, todayIn } from '../lib/date-range.js';
import { CheckField, ConfirmDialog, ErrorNote, TextField } from './Form.js';

export const DELIVERY_POLL_MS = 5000;

function useWhen(): (at: number | null) => string {
  const { lang } = useWords();
  const { view } = useStaff();
  const tz = view.state?.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';
  const today = view.state?.centre?.businessDate ?? null;
  return (at) => {
    if (at === null) return '—';
    const day = todayIn(at, tz);
    return day === today ? formatClock(at, tz, true) : `${formatClock(at, tz)} ${formatDate(day, lang)}`;
  };
}

export function AdminIntegrations(props: { canEdit: boolean }) {
  return (
    <div className="admin-integrations">
      <ApiKeys canEdit={props.canEdit} />
      <Webhooks canEdit={props.canEdit} />
      <Deliveries canEdit={props.canEdit} />
    </div>
  );
}

function Secret(props: { title: string; value: string; testId: string }) {
  return (
    <div className="msg msg-ok secret-once" role="status">
      <strong>{props.title}</strong>
      <code className="secret" data-testid={props.testId}>
        {props.value}
      </code>
    </div>
  );
}

function ApiKeys(props: { canEdit: boolean }) {
  const { t, lang } = useWords();
  const { conn } = useStaff();
  const when = useWhen();
  const keys = useRemote<ApiKeyView[]>('/api/admin/api-keys');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>(['appointments:write']);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [made, setMade] = useState<ApiKeyCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const make = useAction();
  const revoke = useAction();

  async function submit(): Promise<void> {
    const checked = checkForm(ApiKeyCreateBody, { name, scopes }, lang);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    const r = await make.run('apiKey', () => conn.api<ApiKeyCreated>('POST', '/api/admin/api-keys', checked.data));
    if (r?.ok) {
      setMade(r.data);
      setName('');
      void keys.reload();
    }
  }

  return (
    <section className="card admin-section" aria-labelledby="api-keys-title">
      <div className="section-head">
        <h2 id="api-keys-title">{t('apiKeysTitle')}</h2>
      </div>
      <p className="field-hint">{t('apiKeysHint')}</p>
      {props.canEdit && (
        <form
          className="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <TextField label={t('fieldKeyName')} value={name} onChange={setName} error={errors.name} name="keyName" placeholder={t('keyNamePlaceholder')} maxLength={100} />
          <fieldset className="checks">
            <legend>{t('fieldScopes')}</legend>
            {API_SCOPES.map((s) => (
              <CheckField
                key={s}
                name={`scope-${s}`}
                label={`${t(`scope_${s}`)} (${s})`}
                checked={scopes.includes(s)}
                onChange={(on) => setScopes((cur) => (on ? [...cur, s] : cur.filter((x) => x !== s)))}
              />
            ))}
            {errors.scopes && (
              <span className="field-error" data-field-error>
                ⚠ {errors.scopes}
              </span>
            )}
          </fieldset>
          <ErrorNote failure={make.error} />
          <button type="submit" className="btn btn-primary" disabled={make.pending} data-testid="make-key">
            {make.pending ? t('makingKey') : t('makeKey')}
          </button>
        </form>
      )}
      {made && <Secret title={t('newKeyTitle')} value={made.key} testId="new-key" />}
      <ErrorNote failure={keys.error} onRetry={() => void keys.reload()} />
      {keys.data && keys.data.length === 0 && <p className="muted">{t('noKeys')}</p>}
      {keys.data && keys.data.length > 0 && (
        <table className="table admin-table" data-testid="keys-table">
          <thead>
            <tr>
              <th scope="col">{t('colKeyName')}</th>
              <th scope="col">{t('colKeyPrefix')}</th>
              <th scope="col">{t('colScopes')}</th>
              <th scope="col">{t('colCreated')}</th>
              <th scope="col">{t('colLastUsed')}</th>
              <th scope="col">{t('colKeyState')}</th>
              {props.canEdit && <th scope="col">{t('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {keys.data.map((k) => (
              <tr key={k.id} className={k.revokedAt !== null ? 'muted' : undefined}>
                <td className="strong">{k.name}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{k.scopes.join(', ')}</td>
                <td>{when(k.createdAt)}</td>
                <td>{when(k.lastUsedAt)}</td>
                <td>{k.revokedAt !== null ? `${t('keyRevoked')} ${when(k.revokedAt)}` : t('keyActive')}</td>
                {props.canEdit && (
                  <td className="row-actions">
                    {k.revokedAt === null && (
                      <button type="button" className="btn btn-small btn-small-danger" onClick={() => setRevoking(k)}>
                        {t('revoke')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoking && (
        <ConfirmDialog
          title={t('revokeKeyTitle', { name: revoking.name })}
          body={t('revokeKeyBody')}
          confirmLabel={t('revoke')}
          pending={revoke.pending}
          error={revoke.error}
          onConfirm={() =>
            void revoke.run('apiKey', () => conn.api<ApiKeyView>('POST', `/api/admin/api-keys/${encodeURIComponent(revoking.id)}/revoke`)).then((r) => {
              if (r?.ok) {
                setRevoking(null);
                void keys.reload();
              }
            })
          }
          onClose={() => setRevoking(null)}
        />
      )}
    </section>
  );
}

function Webhooks(props: { canEdit: boolean }) {
  const { t, lang } = useWords();
  const { conn } = useStaff();
  const when = useWhen();
  const hooks = useRemote<WebhookView[]>('/api/admin/webhooks', { pollMs: DELIVERY_POLL_MS });
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [made, setMade] = useState<WebhookCreated | null>(null);
  const [deleting, setDeleting] = useState<WebhookView | null>(null);
  const add = useAction();
  const change = useAction();

  async function submit(): Promise<void> {
    const checked = checkForm(WebhookCreateBody, { name, url, events, ...(secret !== '' ? { secret } : {}) }, lang);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    const r = await add.run('webhook', () => conn.api<WebhookCreated>('POST', '/api/admin/webhooks', checked.data));
    if (r?.ok) {
      setMade(r.data);
      setName('');
      setUrl('');
      setSecret('');
      void hooks.reload();
    }
  }

  const toggle = (h: WebhookView): void =>
    void change.run('webhook', () => conn.api<WebhookView>('PATCH', `/api/admin/webhooks/${encodeURIComponent(h.id)}`, { enabled: !h.enabled })).then((r) => {
      if (r?.ok) void hooks.reload();
    });

  return (
    <section className="card admin-section" aria-labelledby="webhooks-title">
      <div className="section-head">
        <h2 id="webhooks-title">{t('webhooksTitle')}</h2>
      </div>
      <p className="field-hint">{t('webhooksHint')}</p>
      {props.canEdit && (
        <form
          className="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="form-row">
            <TextField label={t('fieldHookName')} value={name} onChange={setName} error={errors.name} name="hookName" size="mid" maxLength={100} />
            <TextField label={t('fieldHookUrl')} value={url} onChange={setUrl} error={errors.url} name="hookUrl" placeholder="https://motcua.example.gov.vn/layso" maxLength={500} />
          </div>
          <fieldset className="checks">
            <legend>{t('fieldHookEvents')}</legend>
            {WEBHOOK_EVENTS.map((ev) => (
              <CheckField
                key={ev}
                name={`event-${ev}`}
                label={t(`event_${ev}`)}
                checked={events.includes(ev)}
                onChange={(on) => setEvents((cur) => (on ? [...cur, ev] : cur.filter((x) => x !== ev)))}
              />
            ))}
            {errors.events && (
              <span className="field-error" data-field-error>
                ⚠ {errors.events}
              </span>
            )}
          </fieldset>
          <TextField label={t('fieldHookSecret')} value={secret} onChange={setSecret} error={errors.secret} name="hookSecret" size="mid" maxLength={200} />
          <ErrorNote failure={add.error} />
          <button type="submit" className="btn btn-primary" disabled={add.pending} data-testid="add-hook">
            {t('addHook')}
          </button>
        </form>
      )}
      {made && <Secret title={t('newSecretTitle')} value={made.secret} testId="new-secret" />}
      <ErrorNote failure={hooks.error ?? change.error} onRetry={() => void hooks.reload()} />
      {hooks.data && hooks.data.length === 0 && <p className="muted">{t('noHooks')}</p>}
      {hooks.data && hooks.data.length > 0 && (
        <table className="table admin-table" data-testid="hooks-table">
          <thead>
            <tr>
              <th scope="col">{t('fieldHookName')}</th>
              <th scope="col">{t('colHookUrl')}</th>
              <th scope="col">{t('colHookEvents')}</th>
              <th scope="col">{t('colKeyState')}</th>
              <th scope="col">{t('colHookQueue')}</th>
              <th scope="col">{t('colLastUsed')}</th>
              {props.canEdit && <th scope="col">{t('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {hooks.data.map((h) => (
              <tr key={h.id}>
                <td className="strong">{h.name}</td>
                <td>
                  <code>{h.url}</code>
                </td>
                <td>{h.events.map((e) => t(`event_${e}`)).join(', ')}</td>
                <td>{h.enabled ? t('hookOn') : t('hookOff')}</td>
                <td>
                  {h.pending} / {h.failed} / {h.delivered}
                </td>
                <td>{when(h.lastDeliveredAt)}</td>
                {props.canEdit && (
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" disabled={change.pending} onClick={() => toggle(h)}>
                      {h.enabled ? t('turnOff') : t('turnOn')}
                    </button>
                    <button type="button" className="btn btn-small btn-small-danger" onClick={() => setDeleting(h)}>
                      {t('delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('deleteHookTitle', { name: deleting.name })}
          body={t('deleteHookBody')}
          confirmLabel={t('delete')}
          pending={change.pending}
          error={change.error}
          onConfirm={() =>
            void change.run('webhook', () => conn.api<null>('DELETE', `/api/admin/webhooks/${encodeURIComponent(deleting.id)}`)).then((r) => {
              if (r?.ok) {
                setDeleting(null);
                void hooks.reload();
              }
            })
          }
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

function Deliveries(props: { canEdit: boolean }) {
  const { t } = useWords();
  const { conn } = useStaff();
  const when = useWhen();
  const log = useRemote<{ deliveries: DeliveryView[] }>('/api/admin/webhooks/deliveries?limit=50', { pollMs: DELIVERY_POLL_MS });
  const retry = useAction();
  return (
    <section className="card admin-section" aria-labelledby="deliveries-title">
      <div className="section-head">
        <h2 id="deliveries-title">{t('deliveriesTitle')}</h2>
        <button type="button" className="btn btn-quiet" onClick={() => void log.reload()}>
          ↻ {t('refresh')}
        </button>
      </div>
      <ErrorNote failure={log.error ?? retry.error} onRetry={() => void log.reload()} />
      {log.data && log.data.deliveries.length === 0 && <p className="muted">{t('noDeliveries')}</p>}
      {log.data && log.data.deliveries.length > 0 && (
        <table className="table admin-table" data-testid="deliveries-table">
          <thead>
            <tr>
              <th scope="col">{t('colDeliveryAt')}</th>
              <th scope="col">{t('colHook')}</th>
              <th scope="col">{t('colEvent')}</th>
              <th scope="col">{t('colDeliveryState')}</th>
              <th scope="col">{t('colAttempts')}</th>
              <th scope="col">{t('colHookError')}</th>
              <th scope="col">{t('colNextTry')}</th>
              {props.canEdit && <th scope="col">{t('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {log.data.deliveries.map((d) => (
              <tr key={d.id} data-state={d.state}>
                <td>{when(d.createdAt)}</td>
                <td>{d.endpointName ?? d.endpointId}</td>
                <td>{t(`event_${d.event}`)}</td>
                <td className={d.state === 'failed' ? 'strong bad' : undefined}>{t(`delivery_${d.state}`)}</td>
                <td>{d.attempts}</td>
                <td>{d.lastError ?? '—'}</td>
                <td>{d.state === 'pending' ? when(d.nextAttemptAt) : '—'}</td>
                {props.canEdit && (
                  <td className="row-actions">
                    {d.state === 'failed' && (
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={retry.pending}
                        onClick={() =>
                          void retry.run('webhook', () => conn.api<DeliveryView>('POST', `/api/admin/webhooks/deliveries/${d.id}/retry`)).then((r) => {
                            if (r?.ok) void log.reload();
                          })
                        }
                      >
                        {t('retryDelivery')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
