// The display page: composition root. Reads its configuration, builds the audio, the announcement
// queue and the live store, and renders the wall or the counter screen.

import './no-eval.js';
import { createRoot } from 'react-dom/client';
import type { DisplayBridge, DisplayDeviceConfig } from '../main/bridge.js';
import { App } from './App.js';
import { AnnouncementQueue, type Timers } from './announce/queue.js';
import { SeenCalls, type KeyValueStorage } from './announce/seen.js';
import { announcedStorageKey, displayModeOf, parseDisplayConfig, persistedSound, soundStorageKey } from './config.js';
import { installDebugHook, type PlayedRecord } from './debug.js';
import { chooseDeviceToken, forgetRefusedToken, keepPairedToken } from './pairing/token.js';
import { DisplayStore, type AudioState } from './live/store.js';
import { allClips, MANIFEST_PATH, parseManifest, type VoiceManifest } from './voice/clips.js';
import { createAnnouncementPlayer, HtmlAudioClipPlayer, WebAudioClipPlayer, type ClipPlayer } from './voice/players.js';
import './styles.css';

declare global {
  interface Window {
    layso?: DisplayBridge;
  }
}

/** localStorage, or nothing when the browser refuses it (private mode, a locked-down TV). */
function safeStorage(): (KeyValueStorage & Pick<Storage, 'removeItem'>) | null {
  try {
    const s = window.localStorage;
    s.getItem('layso');
    return s;
  } catch {
    return null;
  }
}

async function deviceDefaults(): Promise<DisplayDeviceConfig> {
  try {
    return (await window.layso?.getConfig()) ?? {};
  } catch {
    return {};
  }
}

function createClipPlayer(voiceBase: string): ClipPlayer {
  const Ctx = window.AudioContext as typeof AudioContext | undefined;
  if (Ctx) {
    try {
      return new WebAudioClipPlayer(new Ctx({ latencyHint: 'playback' }), voiceBase);
    } catch {
      // Fall through to <audio>.
    }
  }
  return new HtmlAudioClipPlayer(voiceBase);
}

async function main(): Promise<void> {
  const device = await deviceDefaults();
  const storage = safeStorage();
  const mode = displayModeOf(location.search, device);
  const config = parseDisplayConfig(location.search, storage?.getItem(soundStorageKey(mode)) ?? null, device);
  try {
    storage?.setItem(soundStorageKey(mode), persistedSound(config));
  } catch {
    // Not remembered; the URL still says it.
  }

  // Audio: the voice pack sits beside the page (`/display/voice/…`).
  const voiceBase = new URL('voice/', document.baseURI).href;
  const clips = createClipPlayer(voiceBase);
  let manifest: Promise<VoiceManifest> | null = null;
  const loadManifest = (): Promise<VoiceManifest> => {
    manifest ??= fetch(voiceBase + MANIFEST_PATH)
      .then((r) => {
        if (!r.ok) throw new Error(`voice manifest: HTTP ${r.status}`);
        return r.json() as Promise<unknown>;
      })
      .then(parseManifest);
    manifest.catch(() => (manifest = null));
    return manifest;
  };
  const played: PlayedRecord[] = [];
  const player = createAnnouncementPlayer(config.sound, {
    clips,
    manifest: loadManifest,
    ...(window.speechSynthesis ? { synth: window.speechSynthesis } : {}),
    onPlayed: (a, what) => {
      played.push({ callId: a.callId, what });
      if (played.length > 200) played.shift();
    },
  });
  if (config.sound.voice !== 'off') {
    void loadManifest()
      .then((m) => clips.preload(allClips(m)))
      .catch(() => undefined);
  }

  const timers: Timers = {
    now: () => Date.now(),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
  };
  const seen = new SeenCalls(storage, announcedStorageKey(config));
  // The token a pairing on this screen gave, else display.json's (see pairing/token.ts).
  const deviceToken = chooseDeviceToken(storage, device.deviceToken);
  const store = new DisplayStore({
    url: '/display',
    config,
    queue: (onChange) => new AnnouncementQueue({ player, timers, seen, onChange }),
    timers,
    perfNow: () => performance.now(),
    wallNow: () => Date.now(),
    deviceToken,
    onTokenRefused: (token) => forgetRefusedToken(storage, token),
  });
  const onPaired = (token: string): void => {
    keepPairedToken(storage, token);
    store.paired(token);
  };

  const audioState = (): AudioState => (config.sound.voice === 'off' ? 'off' : clips.unlocked ? 'on' : 'locked');
  store.setAudio(audioState());
  clips.onUnlockChange(() => store.setAudio(audioState()));
  const unlock = (): void => {
    void clips.unlock().then(() => store.setAudio(audioState()));
  };

  installDebugHook(window, store, config.mode, played);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(<App store={store} config={config} onUnlock={unlock} onPaired={onPaired} />);
  store.start();
}

void main();
