// From a call to the list of voice-pack clips that say it: the chime, then one clip per token of
// `callTokensVi` ("mời số", "một", "nghìn", …, "đến quầy số", "năm"). Pure.

import { callTokensVi } from '@layso/shared';

/** Token → file name in `voice/vi/`, as written by scripts/voice-pack.mjs. */
export type VoiceManifest = Readonly<Record<string, string>>;

/** Paths are relative to the voice folder (`/display/voice/`). */
export const CHIME_CLIP = 'chime.wav';
export const MANIFEST_PATH = 'vi/manifest.json';

const CLIP_FILE = /^[a-z0-9]+(-[a-z0-9]+)*\.wav$/;

/** Parse a manifest fetched from the server; entries that are not plain `.wav` names are left out. */
export function parseManifest(raw: unknown): VoiceManifest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error('voice manifest is not an object of token → file name');
  }
  const out: Record<string, string> = {};
  for (const [token, file] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof file === 'string' && CLIP_FILE.test(file)) out[token] = file;
  }
  return out;
}

export class MissingClipError extends Error {
  constructor(readonly tokens: readonly string[]) {
    super(`the voice pack has no clip for ${tokens.map((t) => JSON.stringify(t)).join(', ')}`);
    this.name = 'MissingClipError';
  }
}

/**
 * The clips of the Vietnamese call, without the chime: `["vi/mowif-soos.wav", "vi/mootj.wav",
 * …]`. Throws a MissingClipError naming every token the pack lacks, or a RangeError for a number
 * that cannot be read aloud; the caller then plays the chime alone.
 */
export function callClips(displayNumber: string, counterNumber: number, manifest: VoiceManifest): string[] {
  const tokens = callTokensVi(displayNumber, counterNumber);
  const missing = tokens.filter((t) => !Object.hasOwn(manifest, t));
  if (missing.length > 0) throw new MissingClipError([...new Set(missing)]);
  return tokens.map((t) => `vi/${manifest[t]!}`);
}

/** Everything a pack announcement plays, in order: the chime, then the call. */
export function announcementClips(displayNumber: string, counterNumber: number, manifest: VoiceManifest): string[] {
  return [CHIME_CLIP, ...callClips(displayNumber, counterNumber, manifest)];
}

/** Every clip the pack has, to load once at start so the first call plays without delay. */
export function allClips(manifest: VoiceManifest): string[] {
  return [CHIME_CLIP, ...new Set(Object.values(manifest).map((f) => `vi/${f}`))];
}
