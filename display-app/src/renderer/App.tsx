import { useLayoutEffect, useSyncExternalStore } from 'react';
import type { DisplayConfig } from './config.js';
import type { DisplayStore } from './live/store.js';
import { ConnectionBanner, SoundOverlay } from './components/Common.js';
import { CounterScreen } from './components/CounterScreen.js';
import { WallScreen } from './components/WallScreen.js';
import { PairingScreen } from './components/PairingScreen.js';

interface AppProps {
  store: DisplayStore;
  config: DisplayConfig;
  onUnlock: () => void;
  /** A pairing gave a token: keep it and connect with it. */
  onPaired: (deviceToken: string) => void;
}

export function App({ store, config, onUnlock, onPaired }: AppProps) {
  const view = useSyncExternalStore(store.subscribe, store.getView);

  // Paint latency: once React has committed, the next animation frame is when it paints.
  useLayoutEffect(() => {
    if (store.paintPending.size === 0) return;
    const frame = requestAnimationFrame(() => {
      store.notePainted((id) => document.querySelector(`[data-call-id="${id}"]`) !== null, performance.now());
    });
    return () => cancelAnimationFrame(frame);
  }, [store, view.version]);

  // Refused by the server (not paired, or revoked): nothing else can be shown.
  if (view.connection === 'unpaired') {
    return <PairingScreen origin={location.origin} revoked={view.revoked} serverOffsetMs={view.serverOffsetMs} timeZone={view.live.centre?.timeZone} onPaired={onPaired} />;
  }

  return (
    <>
      {config.mode === 'counter' && config.counterNumber !== null ? (
        <CounterScreen view={view} counterNumber={config.counterNumber} />
      ) : (
        <WallScreen view={view} />
      )}
      <ConnectionBanner state={view.connection} />
      {view.audio === 'locked' && <SoundOverlay onUnlock={onUnlock} />}
    </>
  );
}
