import { useLayoutEffect, useSyncExternalStore } from 'react';
import type { DisplayConfig } from './config.js';
import type { DisplayStore } from './live/store.js';
import { ConnectionBanner, SoundOverlay } from './components/Common.js';
import { CounterScreen } from './components/CounterScreen.js';
import { WallScreen } from './components/WallScreen.js';

export function App({ store, config, onUnlock }: { store: DisplayStore; config: DisplayConfig; onUnlock: () => void }) {
  const view = useSyncExternalStore(store.subscribe, store.getView);

  // Paint latency: once React has committed, the next animation frame is when it paints.
  useLayoutEffect(() => {
    if (store.paintPending.size === 0) return;
    const frame = requestAnimationFrame(() => {
      store.notePainted((id) => document.querySelector(`[data-call-id="${id}"]`) !== null, performance.now());
    });
    return () => cancelAnimationFrame(frame);
  }, [store, view.version]);

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
