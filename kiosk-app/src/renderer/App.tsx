/**
 * The kiosk: live state from the server, the citizen's flow (a pure reducer), issuing with one
 * request in flight, printing through the Electron bridge or the server, and the hidden settings.
 */
import { useCallback, useEffect, useEffectEvent, useMemo, useReducer, useRef, useState, useSyncExternalStore, type ReactElement } from 'react';
import { AppointmentWindow, CheckedIn, DEFAULT_ELDERLY_AGE, ResultsTicket, printerFaultWords, type CheckInCmd, type PriorityCategory, type RequestId, type ResultsCheckInCmd, type TicketPrinted } from '@layso/shared';
import type { KioskBridge } from '../contract/bridge.js';
import { KioskConnection } from './lib/connection.js';
import { flowReducer, initialFlow, nextDeadline, TAP_GUARD_MS, type FlowEvent, type PrintRoute } from './lib/flow.js';
import { Issuer } from './lib/issuer.js';
import { newRequestId } from './lib/request-id.js';
import { serviceTiles, type ServiceTile } from './lib/services.js';
import { publicOrigin, trackingUrl } from './lib/tracking.js';
import { ticketPrintData } from './lib/print-data.js';
import { cornerTap } from './lib/admin-gesture.js';
import { problemOfError, WORDS, type Lang } from './lib/words.js';
import { useSettling } from './hooks/useSettling.js';
import { usePrinterProblem } from './hooks/usePrinterProblem.js';
import { TopBar } from './components/TopBar.js';
import { HomeScreen, MoreScreen } from './components/HomeScreen.js';
import { PriorityScreen } from './components/PriorityScreen.js';
import { ConfirmScreen } from './components/ConfirmScreen.js';
import { IssuingScreen, PausedScreen, ProblemScreen } from './components/StatusScreens.js';
import { AdminScreen, printViaServer } from './components/AdminScreen.js';
import { PairingScreen } from './components/PairingScreen.js';
import { CheckInScreen, EarlyScreen } from './components/CheckInScreens.js';
import { ScanDetector } from './lib/scanner.js';
import { centreDate, classifyCode } from './lib/codes.js';

declare global {
  interface Window {
    /** Present only inside the Electron shell (see src/preload). */
    layso?: KioskBridge;
  }
}

/** How long the settings stay open without a touch. */
const ADMIN_IDLE_MS = 60_000;

interface AppProps {
  connection: KioskConnection;
  bridge: KioskBridge | undefined;
  /** Keep the token a pairing gave (localStorage, and the shell's config in Electron). */
  storeToken: (deviceToken: string) => Promise<void>;
}

export function App({ connection, bridge, storeToken }: AppProps): ReactElement {
  const view = useSyncExternalStore(connection.subscribe, connection.view);
  const [flow, dispatch] = useReducer(flowReducer, Date.now(), initialFlow);
  const [admin, setAdmin] = useState(false);
  const adminTouch = useRef(Date.now());
  const corner = useRef<number[]>([]);
  const printer = usePrinterProblem();

  const issuer = useMemo(
    () =>
      new Issuer({
        send: (cmd, ms) => connection.sendIssue(cmd, ms),
        connected: () => connection.connected(),
        waitConnected: (ms) => connection.waitConnected(ms),
      }),
    [connection],
  );
  // Check-ins go one at a time too, and a retry after a timeout reuses the request id.
  const bookingSender = useMemo(
    () =>
      new Issuer<CheckInCmd>({
        send: (cmd, ms) => connection.sendCheckIn(cmd, ms),
        connected: () => connection.connected(),
        waitConnected: (ms) => connection.waitConnected(ms),
      }),
    [connection],
  );
  const resultsSender = useMemo(
    () =>
      new Issuer<ResultsCheckInCmd>({
        send: (cmd, ms) => connection.sendResultsCheckIn(cmd, ms),
        connected: () => connection.connected(),
        waitConnected: (ms) => connection.waitConnected(ms),
      }),
    [connection],
  );

  const live = view.live;
  // A kiosk of one reception area offers that area's services only (a device setting the
  // server enforces too).
  const area = view.area;
  const offered = useMemo(() => (area ? live.services.filter((s) => area.includes(s.id)) : live.services), [area, live.services]);
  const resultsServiceId = live.centre?.resultsServiceId ?? null;
  const tiles = useMemo(() => serviceTiles(offered, live.stats, resultsServiceId), [offered, live.stats, resultsServiceId]);
  const serviceById = useCallback((id: string) => live.services.find((s) => s.id === id), [live.services]);
  const origin = publicOrigin(location, view.lanAddresses, view.publicUrl);
  const route: PrintRoute = bridge ? 'bridge' : printViaServer(localStorage) ? 'server' : 'none';
  const serverOffset = view.serverOffset;

  // ---------------------------------------------------------------- timers
  useEffect(() => {
    const deadline = nextDeadline(flow);
    if (deadline === null) return;
    const t = setTimeout(() => dispatch({ type: 'tick', now: Date.now() }), Math.max(0, deadline - Date.now()) + 20);
    return () => clearTimeout(t);
  }, [flow]);

  useEffect(() => {
    if (!admin) return;
    const t = setInterval(() => {
      if (Date.now() - adminTouch.current > ADMIN_IDLE_MS) setAdmin(false);
    }, 5000);
    return () => clearInterval(t);
  }, [admin]);

  // ---------------------------------------------------------------- issuing
  const sc = flow.screen;
  const issuingId = sc.kind === 'issuing' ? sc.requestId : null;
  const sent = useRef<string | null>(null);
  // Only a new request id starts a request (the effect event reads the screen as it is then).
  const sendIssue = useEffectEvent((): void => {
    if (sc.kind !== 'issuing' || sent.current === sc.requestId) return;
    sent.current = sc.requestId;
    const { requestId, serviceId, priority } = sc;
    void issuer
      .issue({ requestId: requestId as RequestId, serviceId, priority, print: route === 'server', language: flow.lang })
      .then((out) => {
        const now = Date.now();
        if (out.kind === 'issued') {
          dispatch({ type: 'issued', requestId, issued: out.issued, route, now });
          // The server's print may have ended before this answer was read.
          const done = connection.printedOf(out.issued.ticket.id);
          if (done) dispatch(printedEvent(done, now));
        } else if (out.kind === 'refused') dispatch({ type: 'issueFailed', requestId, problem: problemOfError(out.code), now });
        else if (out.kind === 'unanswered') dispatch({ type: 'issueFailed', requestId, problem: 'offline', now });
        // 'busy' cannot happen: the reducer starts one issue at a time and this effect sends it once.
      });
  });
  useEffect(() => {
    if (issuingId !== null) sendIssue();
  }, [issuingId]);
  // ---------------------------------------------------------------- check-in (booking, results)
  const checkInId = sc.kind === 'checkingIn' ? sc.requestId : null;
  const checkInSent = useRef<string | null>(null);
  const sendCheckIn = useEffectEvent((): void => {
    if (sc.kind !== 'checkingIn' || checkInSent.current === sc.requestId) return;
    checkInSent.current = sc.requestId;
    const { requestId, target, walkInIfEarly } = sc;
    const priority = flow.card?.category ?? null;
    const common = { requestId: requestId as RequestId, code: target.code, priority, print: route === 'server', language: flow.lang };
    const sent = target.kind === 'booking' ? bookingSender.issue({ ...common, walkInIfEarly }) : resultsSender.issue(common);
    void sent.then((out) => {
      const now = Date.now();
      if (out.kind === 'issued') {
        const note =
          target.kind === 'booking'
            ? (() => {
                const c = CheckedIn.safeParse(out.data);
                return c.success ? { kind: c.data.outcome, slotAt: c.data.slotAt } : null;
              })()
            : (() => {
                const r = ResultsTicket.safeParse(out.data);
                return r.success ? { kind: 'results' as const, ready: r.data.ready } : null;
              })();
        if (!note) return dispatch({ type: 'issueFailed', requestId, problem: 'failed', now });
        dispatch({ type: 'checkedIn', requestId, issued: out.issued, note, route, now });
        const done = connection.printedOf(out.issued.ticket.id);
        if (done) dispatch(printedEvent(done, now));
      } else if (out.kind === 'refused' && out.code === 'APPOINTMENT_TOO_EARLY' && target.kind === 'booking') {
        dispatch({ type: 'tooEarly', requestId, now });
        void connection.findAppointment(target.code).then((w) => {
          const parsed = AppointmentWindow.safeParse(w);
          if (parsed.success) dispatch({ type: 'earlyWindow', code: target.code, window: parsed.data, now: Date.now() });
        });
      } else if (out.kind === 'refused') dispatch({ type: 'issueFailed', requestId, problem: problemOfError(out.code), now });
      else dispatch({ type: 'issueFailed', requestId, problem: 'offline', now });
    });
  });
  useEffect(() => {
    if (checkInId !== null) sendCheckIn();
  }, [checkInId]);

  // A scanner types on every screen: a booking or dossier code checks in, a card fills priority.
  const centre = live.centre;
  const handleCode = (text: string): void => {
    if (!centre || admin) return;
    const now = Date.now();
    const today = centreDate(now + serverOffset, centre.timeZone);
    const c = classifyCode(text, { today, elderlyAge: centre.elderlyAge ?? DEFAULT_ELDERLY_AGE });
    if (c.kind === 'card') dispatch({ type: 'card', category: c.category, now });
    else if (c.kind === 'booking' || c.kind === 'dossier') {
      if (c.kind === 'dossier' && !centre.resultsServiceId) return dispatch({ type: 'badCode', now });
      dispatch({ type: 'code', target: c, requestId: newRequestId(), now });
    } else if (sc.kind === 'checkin') dispatch({ type: 'badCode', now });
  };
  const onScannedText = useEffectEvent((text: string): void => handleCode(text));
  useEffect(() => {
    const detector = new ScanDetector();
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      // The settings' PIN and fields are typed by a person: not a scan.
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      const text = detector.key(e.key, e.timeStamp);
      if (text !== null) onScannedText(text);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The server answers once the ticket is on disk; how its printing ended comes as its own message.
  useEffect(() => connection.onPrinted((r) => dispatch(printedEvent(r, Date.now()))), [connection]);

  // ---------------------------------------------------------------- printing
  const confirmTicketId = sc.kind === 'confirm' ? sc.issued.ticket.id : null;
  const confirmPrint = sc.kind === 'confirm' ? sc.print : null;
  const printedFor = useRef<string | null>(null);
  const printOrReport = useEffectEvent((): void => {
    if (sc.kind !== 'confirm') return;
    const ticketId = sc.issued.ticket.id;
    if (sc.print === 'printing' && bridge && printedFor.current !== ticketId) {
      printedFor.current = ticketId;
      const data = ticketPrintData(sc.issued, serviceById(sc.issued.ticket.serviceId), live.centre, trackingUrl(origin, sc.issued.trackingPath));
      bridge
        .print(data)
        .then((r) => r, (e: unknown) => ({ status: 'failed' as const, code: 'PRINTER_OFFLINE', message: String(e) }))
        .then((r) => {
          if (r.status === 'failed') reportFailure(r.code, r.message);
          else if (r.status === 'printed') reportRecovery();
          dispatch({
            type: 'printed',
            ticketId,
            ok: r.status !== 'failed',
            none: r.status === 'none',
            ...(r.status === 'failed' ? { code: r.code } : {}),
            now: Date.now(),
          });
        });
    }
    if (printedFor.current !== ticketId && (sc.print === 'failed' || sc.print === 'printed')) {
      // The server printed (or failed to): tell the manager's board about a fault or a recovery.
      printedFor.current = ticketId;
      if (sc.print === 'failed') reportFailure(sc.printErrorCode ?? 'PRINTER_OFFLINE', 'server print failed');
      else reportRecovery();
    }
  });
  useEffect(() => {
    if (confirmTicketId !== null) printOrReport();
  }, [confirmTicketId, confirmPrint]);

  function reportFailure(code: string, message: string): void {
    printer.failed(code);
    connection.reportPrinter({ ok: false, code, message: `${printerMessage(code)} (${message})`.slice(0, 300) });
  }
  function reportRecovery(): void {
    if (!printer.problem) return;
    printer.recovered();
    connection.reportPrinter({ ok: true });
  }

  // ---------------------------------------------------------------- taps
  const onService = (t: ServiceTile): void =>
    dispatch({
      type: 'tapService',
      service: { id: t.service.id, allowPriority: t.service.allowPriority, issuing: t.issuing },
      requestId: newRequestId(),
      now: Date.now(),
    });
  const onPriority = (p: PriorityCategory | null): void =>
    dispatch({ type: 'choosePriority', priority: p, requestId: newRequestId(), now: Date.now() });
  const onBack = (): void => dispatch({ type: 'back', now: Date.now() });
  const onLang = (lang: Lang): void => dispatch({ type: 'setLang', lang, now: Date.now() });
  const onDismiss = (): void => dispatch({ type: 'dismiss', now: Date.now() });

  const onPointerDown = (): void => {
    dispatch({ type: 'touch', now: Date.now() });
    adminTouch.current = Date.now();
  };
  const onCorner = (): void => {
    const r = cornerTap(corner.current, Date.now());
    corner.current = r.history;
    if (r.open) setAdmin(true);
  };

  // ---------------------------------------------------------------- screens
  const online = view.status === 'connected' && live.centre !== null;
  // Refused by the server (not paired, or revoked): nothing else can work, whatever the screen.
  const showPairing = view.status === 'unpaired';
  const showPaused = showPairing || (!online && (sc.kind === 'home' || sc.kind === 'more' || sc.kind === 'priority' || sc.kind === 'checkin'));
  const screenKey = showPairing ? 'pairing' : showPaused ? 'paused' : `${sc.kind}:${sc.since}`;
  useEffect(() => {
    if (showPairing) dispatch({ type: 'refused', now: Date.now() });
  }, [showPairing]);
  const onPaired = (token: string): void => {
    void storeToken(token).then(() => connection.paired(token));
  };

  let body: ReactElement;
  let screenName: string = sc.kind;
  if (showPairing) {
    screenName = 'pairing';
    body = <PairingScreen origin={location.origin} revoked={view.revoked} onPaired={onPaired} />;
  } else if (showPaused) {
    screenName = view.status === 'connecting' && !live.centre ? 'connecting' : 'paused';
    body = <PausedScreen />;
  } else {
    body = screenBody();
  }

  function screenBody(): ReactElement {
    switch (sc.kind) {
      case 'home':
        return (
          <HomeScreen
            tiles={tiles}
            lang={flow.lang}
            onService={onService}
            onMore={() => dispatch({ type: 'openMore', now: Date.now() })}
            onLang={onLang}
            printerProblem={route === 'none' ? null : (printer.problem?.code ?? null)}
            onCheckIn={live.centre?.appointments || live.centre?.resultsServiceId ? () => dispatch({ type: 'openCheckIn', now: Date.now() }) : null}
            card={flow.card ?? null}
          />
        );
      case 'more':
        return (
          <MoreScreen
            tiles={tiles}
            page={sc.page}
            lang={flow.lang}
            onService={onService}
            onPage={(page) => dispatch({ type: 'page', page, now: Date.now() })}
            onBack={onBack}
            onLang={onLang}
          />
        );
      case 'priority': {
        const service = serviceById(sc.serviceId);
        if (!service) return <HomeScreen tiles={tiles} lang={flow.lang} onService={onService} onMore={() => undefined} onLang={onLang} />;
        return <PriorityScreen service={service} lang={flow.lang} onChoose={onPriority} onBack={onBack} onLang={onLang} fromCard={flow.card?.category ?? null} />;
      }
      case 'issuing':
        return <IssuingScreen lang={flow.lang} />;
      case 'checkingIn':
        return <IssuingScreen lang={flow.lang} words={WORDS.checkingIn} />;
      case 'checkin':
        return <CheckInScreen lang={flow.lang} onCode={handleCode} onBack={onBack} onLang={onLang} />;
      case 'early':
        return (
          <EarlyScreen
            window={sc.window}
            timeZone={live.centre?.timeZone ?? 'Asia/Ho_Chi_Minh'}
            lang={flow.lang}
            onWait={onBack}
            onWalkIn={() => dispatch({ type: 'walkInNow', requestId: newRequestId(), now: Date.now() })}
          />
        );
      case 'confirm':
        return (
          <ConfirmScreen
            issued={sc.issued}
            service={serviceById(sc.issued.ticket.serviceId)}
            print={sc.print}
            printErrorCode={sc.printErrorCode}
            trackingUrl={trackingUrl(origin, sc.issued.trackingPath)}
            lang={flow.lang}
            onDone={onDismiss}
            note={sc.note ?? null}
          />
        );
      case 'problem':
        return <ProblemScreen problem={sc.problem} lang={flow.lang} onBack={onBack} />;
    }
  }

  return (
    <div className="kiosk" data-screen={screenName} data-lang={flow.lang} data-connection={view.status} onPointerDown={onPointerDown}>
      <Screen
        key={screenKey}
        spread={!showPaused && sc.kind === 'confirm'}
        onClick={!showPaused && (sc.kind === 'confirm' || sc.kind === 'problem') ? onDismiss : undefined}
        topBar={<TopBar centre={live.centre} lang={showPaused ? 'vi' : flow.lang} serverOffset={serverOffset} />}
      >
        {body}
      </Screen>
      {sc.kind === 'home' || showPaused ? <div className="admin-corner" aria-hidden="true" onClick={onCorner} /> : null}
      {admin ? <AdminScreen bridge={bridge} view={view} onClose={() => setAdmin(false)} /> : null}
    </div>
  );
}

/** One screen: ignores taps for its first moments (see TAP_GUARD_MS). */
function Screen(props: { children: ReactElement; topBar: ReactElement; onClick: (() => void) | undefined; spread: boolean }): ReactElement {
  const { children, topBar, onClick, spread } = props;
  const settling = useSettling(TAP_GUARD_MS + 50);
  const className = ['screen', spread ? 'spread' : '', settling ? 'settling' : ''].filter(Boolean).join(' ');
  return (
    <main className={className} onClick={onClick} data-settling={settling}>
      {topBar}
      {children}
    </main>
  );
}

function printerMessage(code: string): string {
  return `Máy in ${printerFaultWords(code).vi}`;
}

/** The server's `ticket:printed` as the flow's event. */
function printedEvent(r: TicketPrinted, now: number): FlowEvent {
  return { type: 'printed', ticketId: r.ticketId, ok: r.status !== 'failed', none: r.status === 'none', ...(r.errorCode ? { code: r.errorCode } : {}), now };
}
