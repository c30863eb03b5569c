// How an announcement sounds in the browser. The voice pack is played with the Web Audio API:
// every clip is fetched and decoded once, then a call's clips are scheduled back to back on the
// audio clock, so there is no gap or stutter between words. Where Web Audio is missing, plain
// <audio> elements play the clips one after another. Where the browser has a vi-VN voice, the
// phrase can be spoken by speech synthesis instead (after the chime).

import type { SoundSettings } from '../config.js';
import type { Announcement, AnnouncementPlayer } from '../announce/queue.js';
import { announcementClips, CHIME_CLIP, type VoiceManifest } from './clips.js';

/** Plays a list of clips (paths relative to the voice folder) in order, resolving at the end. */
export interface ClipPlayer {
  /** Whether the browser lets this page make a sound now (autoplay unlocked). */
  readonly unlocked: boolean;
  playSequence(clips: readonly string[], volume: number): Promise<void>;
  preload(clips: readonly string[]): Promise<void>;
  /** Try to unlock audio; call from a user gesture. */
  unlock(): Promise<boolean>;
  onUnlockChange(fn: () => void): void;
}

/** A short silence after the chime, so the words do not run into it. */
const AFTER_CHIME_S = 0.25;

export class WebAudioClipPlayer implements ClipPlayer {
  private readonly buffers = new Map<string, Promise<AudioBuffer>>();
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly ctx: AudioContext,
    private readonly baseUrl: string,
  ) {
    ctx.addEventListener('statechange', () => {
      for (const fn of this.listeners) fn();
    });
  }

  get unlocked(): boolean {
    return this.ctx.state === 'running';
  }

  onUnlockChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  async unlock(): Promise<boolean> {
    try {
      await this.ctx.resume();
    } catch {
      // Stays locked; the overlay stays up.
    }
    return this.unlocked;
  }

  private load(clip: string): Promise<AudioBuffer> {
    let buffer = this.buffers.get(clip);
    if (!buffer) {
      buffer = fetch(this.baseUrl + clip)
        .then((res) => {
          if (!res.ok) throw new Error(`${clip}: HTTP ${res.status}`);
          return res.arrayBuffer();
        })
        .then((bytes) => this.ctx.decodeAudioData(bytes));
      // A failed fetch (server restarting) is tried again next time.
      buffer.catch(() => this.buffers.delete(clip));
      this.buffers.set(clip, buffer);
    }
    return buffer;
  }

  async preload(clips: readonly string[]): Promise<void> {
    await Promise.allSettled(clips.map((c) => this.load(c)));
  }

  async playSequence(clips: readonly string[], volume: number): Promise<void> {
    if (clips.length === 0 || !this.unlocked) return;
    const buffers = await Promise.all(clips.map((c) => this.load(c)));
    const gain = this.ctx.createGain();
    gain.gain.value = volume;
    gain.connect(this.ctx.destination);
    let t = this.ctx.currentTime + 0.05;
    let last: AudioBufferSourceNode | null = null;
    for (const [i, buffer] of buffers.entries()) {
      const source = this.ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(gain);
      source.start(t);
      t += buffer.duration + (clips[i] === CHIME_CLIP ? AFTER_CHIME_S : 0);
      last = source;
    }
    const total = t - this.ctx.currentTime;
    await new Promise<void>((resolve) => {
      // 'ended' is the signal; the timer only covers an audio device that stopped mid-call.
      const timer = setTimeout(resolve, (total + 2) * 1000);
      last!.addEventListener('ended', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    gain.disconnect();
  }
}

/** The fallback without Web Audio: one <audio> element per clip, in turn. */
export class HtmlAudioClipPlayer implements ClipPlayer {
  private canPlay = true;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly baseUrl: string) {}

  get unlocked(): boolean {
    return this.canPlay;
  }

  onUnlockChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  private setUnlocked(v: boolean): void {
    if (v === this.canPlay) return;
    this.canPlay = v;
    for (const fn of this.listeners) fn();
  }

  async unlock(): Promise<boolean> {
    try {
      const a = new Audio(this.baseUrl + CHIME_CLIP);
      a.volume = 0;
      await a.play();
      this.setUnlocked(true);
    } catch {
      this.setUnlocked(false);
    }
    return this.canPlay;
  }

  async preload(clips: readonly string[]): Promise<void> {
    for (const c of clips) new Audio(this.baseUrl + c).preload = 'auto';
  }

  async playSequence(clips: readonly string[], volume: number): Promise<void> {
    for (const clip of clips) {
      const a = new Audio(this.baseUrl + clip);
      a.volume = volume;
      try {
        await new Promise<void>((resolve, reject) => {
          a.addEventListener('ended', () => resolve());
          a.addEventListener('error', () => reject(new Error(`cannot play ${clip}`)));
          a.play().catch(reject);
        });
      } catch (e) {
        if (e instanceof DOMException && e.name === 'NotAllowedError') {
          this.setUnlocked(false);
          return;
        }
      }
    }
  }
}

/** The vi-VN voice of the browser, when it has one. */
export function vietnameseVoice(synth: SpeechSynthesis | undefined): SpeechSynthesisVoice | null {
  if (!synth) return null;
  const voices = synth.getVoices();
  return voices.find((v) => v.lang.toLowerCase() === 'vi-vn') ?? voices.find((v) => v.lang.toLowerCase().startsWith('vi')) ?? null;
}

function speak(synth: SpeechSynthesis, voice: SpeechSynthesisVoice, text: string, volume: number): Promise<void> {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.volume = volume;
    u.rate = 0.9;
    u.addEventListener('end', () => resolve());
    u.addEventListener('error', () => resolve());
    synth.speak(u);
  });
}

export interface PlayerDeps {
  clips: ClipPlayer;
  /** The voice pack's manifest (a rejection means: the chime alone, and ask again next time). */
  manifest: () => Promise<VoiceManifest>;
  synth?: SpeechSynthesis;
  /** Told what was actually played, for the debug hook. */
  onPlayed?: (a: Announcement, what: string[]) => void;
}

/** The player for a sound setting. Never rejects: a call that cannot be said is still chimed. */
export function createAnnouncementPlayer(sound: SoundSettings, deps: PlayerDeps): AnnouncementPlayer {
  const { clips, synth, onPlayed } = deps;
  const chime = async (a: Announcement, why: string): Promise<void> => {
    onPlayed?.(a, [CHIME_CLIP, why]);
    await clips.playSequence([CHIME_CLIP], sound.volume);
  };
  return {
    async play(a) {
      try {
        switch (sound.voice) {
          case 'off':
            onPlayed?.(a, []);
            return;
          case 'chime':
            return await chime(a, 'chime only');
          case 'speech': {
            const voice = vietnameseVoice(synth);
            if (synth && voice && a.phraseVi) {
              onPlayed?.(a, [CHIME_CLIP, `speech:${voice.name}`]);
              await clips.playSequence([CHIME_CLIP], sound.volume);
              await speak(synth, voice, a.phraseVi, sound.volume);
              return;
            }
            break; // no Vietnamese voice here: the pack says it
          }
          case 'pack':
            break;
        }
        let list: string[];
        try {
          list = announcementClips(a.displayNumber, a.counterNumber, await deps.manifest());
        } catch (e) {
          return await chime(a, e instanceof Error ? e.message : 'no voice pack');
        }
        onPlayed?.(a, list);
        await clips.playSequence(list, sound.volume);
      } catch {
        // The sound failed; the call is still on screen and the queue goes on.
      }
    },
  };
}
