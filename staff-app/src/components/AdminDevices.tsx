/**
 * Paired devices: make a one-time pairing code (shown big, with its expiry counting down in
 * server time), the list of kiosks and displays with their live connection and last fault, the
 * network printer of a browser kiosk, the counter of a rating tablet, and revoking. The server pushes no device changes, so the
 * list is read again every few seconds while the page is open.
 */
import { useState, type ReactNode } from 'react';
import { DeviceUpdateBody, type DeviceView, type PairingCode, PairingCodeBody } from '@layso/shared';
import { useWords } from '../hooks/useLang.js';
import { useStaff } from '../hooks/useStaff.js';
import { useAction } from '../hooks/useAction.js';
import { useRemote } from '../hooks/useRemote.js';
import { useNow } from '@layso/ui-react';
import { type PrinterDraft, deviceConfigOf, printerDraftOf } from '../lib/admin-forms.js';
import { type FieldErrors, checkForm } from '../lib/form-check.js';
import { formatClock, formatDuration } from '../lib/format.js';
import { CheckField, ConfirmDialog, ErrorNote, RadioGroup, TextField } from './Form.js';
import { Dialog } from './Dialog.js';
import { DeviceTable } from './DeviceTable.js';

export const DEVICE_POLL_MS = 5000;

export function AdminDevices(props: { canEdit: boolean }) {
  const { t } = useWords();
  const devices = useRemote<DeviceView[]>('/api/admin/devices', { pollMs: DEVICE_POLL_MS });
  const [printerOf, setPrinterOf] = useState<DeviceView | null>(null);
  const [counterOf, setCounterOf] = useState<DeviceView | null>(null);
  const [areaOf, setAreaOf] = useState<DeviceView | null>(null);
  const [revoking, setRevoking] = useState<DeviceView | null>(null);

  return (
    <div className="admin-devices">
      {props.canEdit && <PairingCard devices={devices.data ?? []} onMade={() => void devices.reload()} />}
      <section className="card admin-section" aria-labelledby="devices-admin-title">
        <div className="section-head">
          <h2 id="devices-admin-title">{t('devicesAdminTitle')}</h2>
          <button type="button" className="btn btn-quiet" onClick={() => void devices.reload()}>
            ↻ {t('refresh')}
          </button>
        </div>
        <ErrorNote failure={devices.error} onRetry={() => void devices.reload()} />
        {devices.data ? (
          <DeviceTable
            devices={devices.data}
            actions={
              props.canEdit
                ? (d) =>
                    d.paired && d.revokedAt === null ? (
                      <>
                        {d.kind === 'kiosk' && (
                          <>
                            <button type="button" className="btn btn-small" onClick={() => setPrinterOf(d)}>
                              {t('setPrinter')}
                            </button>
                            <button type="button" className="btn btn-small" onClick={() => setAreaOf(d)}>
                              {t('setArea')}
                            </button>
                          </>
                        )}
                        {d.kind === 'rating' && (
                          <button type="button" className="btn btn-small" onClick={() => setCounterOf(d)}>
                            {t('setTabletCounter')}
                          </button>
                        )}
                        <button type="button" className="btn btn-small btn-small-danger" onClick={() => setRevoking(d)}>
                          {t('revoke')}
                        </button>
                      </>
                    ) : null
                : undefined
            }
          />
        ) : (
          !devices.error && <p className="muted">{t('loadingData')}</p>
        )}
      </section>
      {printerOf && (
        <PrinterDialog
          device={printerOf}
          onClose={(changed) => {
            setPrinterOf(null);
            if (changed) void devices.reload();
          }}
        />
      )}
      {counterOf && (
        <TabletCounterDialog
          device={counterOf}
          onClose={(changed) => {
            setCounterOf(null);
            if (changed) void devices.reload();
          }}
        />
      )}
      {areaOf && (
        <AreaDialog
          device={areaOf}
          onClose={(changed) => {
            setAreaOf(null);
            if (changed) void devices.reload();
          }}
        />
      )}
      {revoking && (
        <RevokeDialog
          device={revoking}
          onClose={(changed) => {
            setRevoking(null);
            if (changed) void devices.reload();
          }}
        />
      )}
    </div>
  );
}

/** The device a pairing code paired: same kind and name, created while the code was valid. */
export function pairedWith(code: PairingCode, devices: readonly DeviceView[], ttlMs = 10 * 60_000): DeviceView | null {
  return (
    devices.find(
      (d) => d.paired && d.kind === code.kind && d.name === code.name && d.createdAt !== null && d.createdAt >= code.expiresAt - ttlMs && d.createdAt <= code.expiresAt,
    ) ?? null
  );
}

function PairingCard(props: { devices: readonly DeviceView[]; onMade: () => void }) {
  const { t, lang } = useWords();
  const { conn, view } = useStaff();
  const [kind, setKind] = useState<'kiosk' | 'display' | 'rating'>('kiosk');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [code, setCode] = useState<PairingCode | null>(null);
  const make = useAction();
  const now = useNow(1000) + view.clockOffset;
  const tz = view.state?.centre?.timeZone ?? 'Asia/Ho_Chi_Minh';

  async function submit(): Promise<void> {
    const checked = checkForm(PairingCodeBody, { kind, name }, lang);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    const r = await make.run('pairing', () => conn.api<PairingCode>('POST', '/api/admin/pairing-codes', checked.data));
    if (r?.ok) {
      setCode(r.data);
      setName('');
      props.onMade();
    }
  }

  const left = code ? code.expiresAt - now : 0;
  const used = code ? pairedWith(code, props.devices) : null;
  const expired = code !== null && left <= 0 && !used;
  return (
    <section className="card admin-section pairing" aria-labelledby="pairing-title">
      <form
        className="pairing-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="pairing-title">{t('pairTitle')}</h2>
        <p className="field-hint">{t('pairHint')}</p>
        <RadioGroup
          legend={t('fieldDeviceKind')}
          name="deviceKind"
          value={kind}
          onChange={setKind}
          options={[
            { value: 'kiosk', label: t('kind_kiosk') },
            { value: 'display', label: t('kind_display') },
            { value: 'rating', label: t('kind_rating') },
          ]}
        />
        <TextField label={t('fieldDeviceName')} value={name} onChange={setName} error={errors.name} name="deviceName" placeholder={t('deviceNamePlaceholder')} maxLength={100} />
        <ErrorNote failure={make.error} />
        <button type="submit" className="btn btn-primary" disabled={make.pending} data-testid="make-code">
          {make.pending ? t('makingCode') : t('makeCode')}
        </button>
      </form>
      <div className={`pairing-code${code ? '' : ' empty'}${expired ? ' expired' : ''}${used ? ' used' : ''}`} aria-live="polite">
        {code ? (
          <>
            <span className="pairing-caption">
              {t('pairingCode')} {t('codeFor', { kind: t(`kind_${code.kind}`).toLowerCase(), name: code.name })}
            </span>
            <span className="pairing-digits" data-testid="pairing-code" aria-label={code.code.split('').join(' ')}>
              {code.code.slice(0, 3)}
              <span className="pairing-gap" aria-hidden="true" />
              {code.code.slice(3)}
            </span>
            <span className="pairing-expiry" data-testid="pairing-expiry">
              {used
                ? `✓ ${t('codeUsed', { name: used.name, time: formatClock(used.createdAt ?? now, tz) })}`
                : expired
                  ? `⚠ ${t('codeExpired')}`
                  : t('codeExpiresAt', { time: formatClock(code.expiresAt, tz), left: formatDuration(left) })}
            </span>
          </>
        ) : (
          <span className="muted">{t('pairingCode')}: —</span>
        )}
      </div>
    </section>
  );
}

function PrinterDialog(props: { device: DeviceView; onClose: (changed: boolean) => void }) {
  const { t } = useWords();
  const [draft, setDraft] = useState<PrinterDraft>(() => printerDraftOf(props.device.config));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof PrinterDraft>(k: K, v: PrinterDraft[K]): void => setDraft((d) => ({ ...d, [k]: v }));

  return (
    <DeviceConfigDialog device={props.device} title={t('printerTitle', { name: props.device.name })} config={() => deviceConfigOf(props.device.config, draft)} onErrors={setErrors} onClose={props.onClose}>
      <p className="field-hint">{t('printerHint')}</p>
      <RadioGroup
        legend={t('colPrinter')}
        name="printerKind"
        value={draft.kind}
        onChange={(v) => set('kind', v)}
        options={[
          { value: 'none', label: t('printerNone') },
          { value: 'tcp', label: t('printerTcp') },
        ]}
      />
      {draft.kind === 'tcp' && (
        <>
          <div className="form-row">
            <TextField label={t('fieldPrinterHost')} value={draft.host} onChange={(v) => set('host', v)} error={errors['config.printer.host']} name="host" size="mid" placeholder="192.168.1.50" />
            <TextField label={t('fieldPrinterPort')} value={draft.port} onChange={(v) => set('port', v)} error={errors['config.printer.port']} name="port" size="short" inputMode="numeric" />
          </div>
          <RadioGroup
            legend={t('fieldPaperWidth')}
            name="paperWidth"
            value={draft.paperWidth}
            onChange={(v) => set('paperWidth', v)}
            options={[
              { value: '80', label: t('paper80') },
              { value: '58', label: t('paper58') },
            ]}
            error={errors['config.printer.paperWidth']}
          />
        </>
      )}
    </DeviceConfigDialog>
  );
}

/** A rating tablet's counter: the tablet rates the tickets that counter serves. */
function TabletCounterDialog(props: { device: DeviceView; onClose: (changed: boolean) => void }) {
  const { t } = useWords();
  const { view } = useStaff();
  const counters = [...(view.state?.counters ?? [])].sort((a, b) => a.number - b.number);
  const current = typeof props.device.config.counterId === 'string' ? props.device.config.counterId : '';
  const [counterId, setCounterId] = useState<string>(current);
  const [errors, setErrors] = useState<FieldErrors>({});

  return (
    <DeviceConfigDialog
      device={props.device}
      title={t('tabletCounterTitle', { name: props.device.name })}
      config={() => ({ ...props.device.config, counterId: counterId === '' ? null : counterId })}
      onErrors={setErrors}
      onClose={props.onClose}
    >
      <p className="field-hint">{t('tabletCounterHint')}</p>
      <div className={`field field-full${errors['config.counterId'] ? ' field-bad' : ''}`}>
        <label htmlFor="tablet-counter">{t('fieldTabletCounter')}</label>
        <select id="tablet-counter" name="tabletCounter" className="text" value={counterId} onChange={(e) => setCounterId(e.target.value)}>
          <option value="">{t('tabletNoCounter')}</option>
          {counters.map((c) => (
            <option key={c.id} value={c.id}>
              {t('counterN', { n: String(c.number) })} — {c.name}
            </option>
          ))}
        </select>
        {errors['config.counterId'] && (
          <span className="field-error" data-field-error>
            ⚠ {errors['config.counterId']}
          </span>
        )}
      </div>
    </DeviceConfigDialog>
  );
}

/** A dialog that saves one device's configuration: checked in the form, then sent to the server. */
function DeviceConfigDialog(props: {
  device: DeviceView;
  title: string;
  /** The device's whole configuration as the dialog would save it. */
  config: () => Record<string, unknown>;
  onErrors?: (errors: FieldErrors) => void;
  onClose: (changed: boolean) => void;
  children: ReactNode;
}) {
  const { t, lang } = useWords();
  const { conn } = useStaff();
  const save = useAction();

  async function submit(): Promise<void> {
    const checked = checkForm(DeviceUpdateBody, { config: props.config() }, lang);
    props.onErrors?.(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const r = await save.run('saveDevice', () => conn.api<DeviceView>('PATCH', `/api/admin/devices/${encodeURIComponent(props.device.id)}`, checked.data));
    if (r?.ok) props.onClose(true);
  }

  return (
    <Dialog title={props.title} onClose={() => props.onClose(false)} onSubmit={() => void submit()} submitLabel={save.pending ? t('saving') : t('save')} submitDisabled={save.pending} error={save.error}>
      {props.children}
    </Dialog>
  );
}

/** A kiosk's reception area: the services it offers; none ticked is every service. */
function AreaDialog(props: { device: DeviceView; onClose: (changed: boolean) => void }) {
  const { t, lang } = useWords();
  const { view } = useStaff();
  const services = (view.state?.services ?? []).filter((s) => s.enabled);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(areaOfConfig(props.device.config)));
  const config = (): Record<string, unknown> => {
    const serviceIds = services.filter((s) => chosen.has(s.id)).map((s) => s.id);
    return { ...props.device.config, serviceIds: serviceIds.length > 0 ? serviceIds : null };
  };

  return (
    <DeviceConfigDialog device={props.device} title={t('areaTitle', { name: props.device.name })} config={config} onClose={props.onClose}>
      <p className="field-hint">{t('areaHint')}</p>
      <fieldset className="check-list" data-testid="area-services">
        <legend>{t('colArea')}</legend>
        {services.map((s) => (
          <CheckField
            key={s.id}
            name={`area-${s.id}`}
            label={lang === 'en' ? s.nameEn : s.nameVi}
            checked={chosen.has(s.id)}
            onChange={(on) =>
              setChosen((c) => {
                const next = new Set(c);
                if (on) next.add(s.id);
                else next.delete(s.id);
                return next;
              })
            }
          />
        ))}
      </fieldset>
      <p className="muted" aria-live="polite">
        {chosen.size === 0 ? t('areaAll') : t('areaSome', { n: String(chosen.size) })}
      </p>
    </DeviceConfigDialog>
  );
}

function areaOfConfig(config: Record<string, unknown>): string[] {
  const ids = config.serviceIds;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

function RevokeDialog(props: { device: DeviceView; onClose: (changed: boolean) => void }) {
  const { t } = useWords();
  const { conn } = useStaff();
  const save = useAction();
  async function confirm(): Promise<void> {
    const r = await save.run('revokeDevice', () => conn.api<DeviceView>('POST', `/api/admin/devices/${encodeURIComponent(props.device.id)}/revoke`));
    if (r?.ok) props.onClose(true);
  }
  return (
    <ConfirmDialog
      title={t('revokeTitle', { name: props.device.name })}
      body={t('revokeBody')}
      confirmLabel={t('revoke')}
      pending={save.pending}
      error={save.error}
      onConfirm={() => void confirm()}
      onClose={() => props.onClose(false)}
    />
  );
}
