/**
 * The kiosk's settings, behind a hidden gesture and a PIN. In the Electron shell: the server
 * address, the printer (none, network host:port, USB), the paper width, a test print, the PIN.
 * In a plain browser the printer belongs to the server (the kiosk can only ask it to print), so
 * the only printing setting is "print via server" on or off.
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { KioskBridge, PrintResult, PrinterSetting, ShellSettings } from '../../contract/bridge.js';
import { PIN_PATTERN, setPin, verifyPin } from '../lib/pin.js';
import { newRequestId } from '../lib/request-id.js';
import type { KioskView } from '../lib/connection.js';

export const PRINT_VIA_SERVER_KEY = 'layso.kiosk.printViaServer';

/** Whether a browser kiosk asks the server to print its tickets (on unless turned off). */
export function printViaServer(store: Pick<Storage, 'getItem'>): boolean {
  return store.getItem(PRINT_VIA_SERVER_KEY) !== 'off';
}

const MAX_TRIES = 5;
const LOCK_MS = 60_000;

interface Props {
  bridge: KioskBridge | undefined;
  view: KioskView;
  onClose: () => void;
}

export function AdminScreen({ bridge, view, onClose }: Props): ReactElement {
  const [pin, setPinText] = useState<string | null>(null);
  return (
    <div className="admin" data-screen="admin">
      <div className="screen">
        {pin === null ? (
          <PinStage bridge={bridge} onOk={setPinText} onClose={onClose} />
        ) : bridge ? (
          <ElectronSettings bridge={bridge} pin={pin} view={view} onClose={onClose} />
        ) : (
          <BrowserSettings view={view} onClose={onClose} />
        )}
      </div>
    </div>
  );
}

// --------------------------------------------------------------------------- PIN

let wrongTries = 0;
let lockedUntil = 0;

function PinStage({ bridge, onOk, onClose }: { bridge: KioskBridge | undefined; onOk: (pin: string) => void; onClose: () => void }): ReactElement {
  const [digits, setDigits] = useState('');
  const [message, setMessage] = useState('');
  const submit = async (): Promise<void> => {
    if (Date.now() < lockedUntil) return setMessage('Tạm khoá 1 phút / Locked for a minute');
    const ok = bridge ? await bridge.verifyPin(digits) : verifyPin(localStorage, digits);
    if (ok) {
      wrongTries = 0;
      return onOk(digits);
    }
    wrongTries++;
    if (wrongTries >= MAX_TRIES) {
      wrongTries = 0;
      lockedUntil = Date.now() + LOCK_MS;
    }
    setDigits('');
    setMessage('Sai mã PIN / Wrong PIN');
  };
  return (
    <>
      <h1>Cài đặt máy lấy số · Kiosk settings</h1>
      <div className="message">Nhập mã PIN / Enter the PIN</div>
      <PinDots count={digits.length} />
      <div className="message" role="alert">
        {message}
      </div>
      <Keypad
        keys={['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0', 'OK']}
        onKey={(k) => {
          if (k === '⌫') setDigits((d) => d.slice(0, -1));
          else if (k === 'OK') void submit();
          else setDigits((d) => (d.length < 8 ? d + k : d));
        }}
      />
      <div className="actions">
        <button type="button" className="btn btn-outline action" data-action="close-admin" onClick={onClose}>
          Đóng · Close
        </button>
      </div>
    </>
  );
}

function PinDots({ count }: { count: number }): ReactElement {
  return (
    <div className="pin-dots" aria-label={`${count} digits`}>
      {Array.from({ length: Math.max(4, count) }, (_, i) => (
        <span key={i} className={i < count ? 'on' : ''} />
      ))}
    </div>
  );
}

function Keypad({ keys, onKey, small }: { keys: string[]; onKey: (k: string) => void; small?: boolean }): ReactElement {
  return (
    <div className={small ? 'keypad small' : 'keypad'}>
      {keys.map((k) => (
        <button key={k} type="button" className="btn btn-outline" data-key={k} onClick={() => onKey(k)}>
          {k}
        </button>
      ))}
    </div>
  );
}

/** Change the PIN: the new one twice. */
function ChangePin({ onSave, onCancel }: { onSave: (pin: string) => Promise<string>; onCancel: () => void }): ReactElement {
  const [first, setFirst] = useState<string | null>(null);
  const [digits, setDigits] = useState('');
  const [message, setMessage] = useState('');
  const ok = async (): Promise<void> => {
    if (!PIN_PATTERN.test(digits)) return setMessage('Mã PIN gồm 4–8 chữ số / 4–8 digits');
    if (first === null) {
      setFirst(digits);
      setDigits('');
      return setMessage('Nhập lại mã mới / Enter the new PIN again');
    }
    if (first !== digits) {
      setFirst(null);
      setDigits('');
      return setMessage('Hai lần nhập không khớp / The two entries differ');
    }
    setMessage(await onSave(digits));
  };
  return (
    <>
      <h2>Đổi mã PIN · Change PIN</h2>
      <PinDots count={digits.length} />
      <div className="message" role="status">
        {message}
      </div>
      <Keypad
        small
        keys={['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0', 'OK']}
        onKey={(k) => {
          if (k === '⌫') setDigits((d) => d.slice(0, -1));
          else if (k === 'OK') void ok();
          else setDigits((d) => (d.length < 8 ? d + k : d));
        }}
      />
      <div className="actions">
        <button type="button" className="btn btn-outline action" onClick={onCancel}>
          Quay lại · Back
        </button>
      </div>
    </>
  );
}

function ConnectionRows({ view }: { view: KioskView }): ReactElement {
  const status =
    view.status === 'connected' ? 'Đã kết nối · Connected' : view.status === 'unpaired' ? 'Chưa ghép nối · Not paired' : 'Mất kết nối · Offline';
  return (
    <>
      <div className="row">
        <span>Máy chủ · Server</span>
        <span className="value">{location.origin}</span>
      </div>
      <div className="row">
        <span>Kết nối · Connection</span>
        <span className="value" data-testid="admin-connection">
          {status}
        </span>
      </div>
      <div className="row">
        <span>Giới hạn cấp số · Rate limit</span>
        <span className="value">{view.rateLimitPerMin > 0 ? `${view.rateLimitPerMin} / phút` : '—'}</span>
      </div>
    </>
  );
}

// --------------------------------------------------------------------------- browser

function BrowserSettings({ view, onClose }: { view: KioskView; onClose: () => void }): ReactElement {
  const [viaServer, setViaServer] = useState(() => printViaServer(localStorage));
  const [changing, setChanging] = useState(false);
  if (changing) {
    return (
      <ChangePin
        onCancel={() => setChanging(false)}
        onSave={async (pin) => {
          setPin(localStorage, pin, newRequestId());
          setChanging(false);
          return 'Đã đổi mã PIN / PIN changed';
        }}
      />
    );
  }
  const choose = (on: boolean): void => {
    localStorage.setItem(PRINT_VIA_SERVER_KEY, on ? 'on' : 'off');
    setViaServer(on);
  };
  return (
    <>
      <h1>Cài đặt máy lấy số · Kiosk settings</h1>
      <ConnectionRows view={view} />
      <div className="row">
        <span>In vé qua máy chủ · Print via server</span>
        <span className="choices">
          <button type="button" className="btn btn-outline" aria-pressed={viaServer} data-action="print-server-on" onClick={() => choose(true)}>
            Bật · On
          </button>
          <button type="button" className="btn btn-outline" aria-pressed={!viaServer} data-action="print-server-off" onClick={() => choose(false)}>
            Tắt · Off
          </button>
        </span>
      </div>
      <p className="note">
        Trên trình duyệt, máy in vé là máy in mạng do máy chủ điều khiển; máy in, khổ giấy và in thử được cài trong phần quản trị
        của máy chủ (cấu hình thiết bị). Khi tắt, máy lấy số chỉ hiện số và mã QR.
        <br />
        In a browser the ticket printer is a network printer the server drives; the printer, paper width and test print are set
        in the server's admin (device config). When off, the kiosk only shows the number and the QR code.
      </p>
      <div className="actions">
        <button type="button" className="btn btn-outline action" onClick={() => setChanging(true)}>
          Đổi mã PIN · Change PIN
        </button>
        <button type="button" className="btn btn-outline action" onClick={() => location.reload()}>
          Tải lại · Reload
        </button>
        <button type="button" className="btn btn-primary action" data-action="close-admin" onClick={onClose}>
          Đóng · Close
        </button>
      </div>
    </>
  );
}

// --------------------------------------------------------------------------- Electron

type Field = 'server' | 'printerHost' | null;

function hostPortOf(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

function printResultText(r: PrintResult): string {
  if (r.status === 'printed') return 'Đã in thử / Test ticket printed';
  if (r.status === 'none') return 'Chưa chọn máy in / No printer set';
  return `Lỗi máy in / Printer error: ${r.code} ${r.message}`;
}

function ElectronSettings({ bridge, pin, view, onClose }: { bridge: KioskBridge; pin: string; view: KioskView; onClose: () => void }): ReactElement {
  const [s, setS] = useState<ShellSettings | null>(null);
  const [field, setField] = useState<Field>(null);
  const [server, setServer] = useState('');
  const [printerHost, setPrinterHost] = useState('');
  const [message, setMessage] = useState('');
  const [changing, setChanging] = useState(false);

  useEffect(() => {
    void bridge.getSettings().then((got) => {
      setS(got);
      setServer(hostPortOf(got.serverUrl));
      setPrinterHost(got.printer.kind === 'network' ? `${got.printer.host}:${got.printer.port}` : '');
    });
  }, [bridge]);

  if (!s) return <h1>…</h1>;
  if (changing) {
    return (
      <ChangePin
        onCancel={() => setChanging(false)}
        onSave={async (next) => {
          const r = await bridge.changePin(pin, next);
          setChanging(false);
          return r.ok ? 'Đã đổi mã PIN / PIN changed' : 'Không đổi được / Not changed';
        }}
      />
    );
  }

  const setPrinter = (printer: PrinterSetting): void => setS({ ...s, printer });
  const build = (): ShellSettings | string => {
    if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(server)) return 'Địa chỉ máy chủ không hợp lệ / Invalid server address';
    let printer = s.printer;
    if (printer.kind === 'network') {
      const m = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(printerHost);
      if (!m?.[1]) return 'Địa chỉ máy in không hợp lệ / Invalid printer address';
      printer = { kind: 'network', host: m[1], port: Number(m[2] ?? 9100) };
    }
    return { ...s, serverUrl: `http://${server}`, printer };
  };
  const save = async (): Promise<void> => {
    const next = build();
    if (typeof next === 'string') return setMessage(next);
    const r = await bridge.saveSettings(pin, next);
    setMessage(r.ok ? 'Đã lưu / Saved' : 'Không lưu được / Not saved');
  };
  const testPrint = async (): Promise<void> => {
    setMessage('Đang in thử… / Printing a test ticket…');
    const next = build();
    if (typeof next === 'string') return setMessage(next);
    const saved = await bridge.saveSettings(pin, next);
    if (!saved.ok) return setMessage('Không lưu được / Not saved');
    setMessage(printResultText(await bridge.testPrint(pin)));
  };
  const edit = (k: string): void => {
    const apply = (v: string): string => (k === '⌫' ? v.slice(0, -1) : v.length < 60 ? v + k : v);
    if (field === 'server') setServer(apply);
    if (field === 'printerHost') setPrinterHost(apply);
  };

  return (
    <>
      <h1>Cài đặt máy lấy số · Kiosk settings</h1>
      <ConnectionRows view={view} />
      <div className="row">
        <span>Máy chủ · Server</span>
        <button type="button" className="field" aria-pressed={field === 'server'} onClick={() => setField('server')}>
          http://{server}
        </button>
      </div>
      <div className="row">
        <span>Máy in · Printer</span>
        <span className="choices">
          <button type="button" className="btn btn-outline" aria-pressed={s.printer.kind === 'none'} onClick={() => setPrinter({ kind: 'none' })}>
            Không · None
          </button>
          <button
            type="button"
            className="btn btn-outline"
            aria-pressed={s.printer.kind === 'network'}
            onClick={() => {
              setPrinter({ kind: 'network', host: '0.0.0.0', port: 9100 });
              setField('printerHost');
            }}
          >
            Mạng · Network
          </button>
          <button type="button" className="btn btn-outline" aria-pressed={s.printer.kind === 'usb'} onClick={() => setPrinter({ kind: 'usb' })}>
            USB
          </button>
        </span>
      </div>
      {s.printer.kind === 'network' ? (
        <div className="row">
          <span>Địa chỉ máy in · Printer address</span>
          <button type="button" className="field" aria-pressed={field === 'printerHost'} onClick={() => setField('printerHost')}>
            {printerHost || '192.168.1.50:9100'}
          </button>
        </div>
      ) : null}
      <div className="row">
        <span>Khổ giấy · Paper</span>
        <span className="choices">
          {([58, 80] as const).map((w) => (
            <button key={w} type="button" className="btn btn-outline" aria-pressed={s.paperWidth === w} onClick={() => setS({ ...s, paperWidth: w })}>
              {w} mm
            </button>
          ))}
        </span>
      </div>
      {field ? <Keypad small keys={['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', ':', '⌫']} onKey={edit} /> : null}
      <div className="message" role="status">
        {message}
      </div>
      <div className="actions">
        <button type="button" className="btn btn-outline action" onClick={() => void testPrint()}>
          In thử · Test print
        </button>
        <button type="button" className="btn btn-outline action" onClick={() => setChanging(true)}>
          Đổi mã PIN · Change PIN
        </button>
        <button type="button" className="btn btn-primary action" onClick={() => void save()}>
          Lưu · Save
        </button>
        <button type="button" className="btn btn-outline action" data-action="close-admin" onClick={onClose}>
          Đóng · Close
        </button>
      </div>
    </>
  );
}
