#!/usr/bin/env node
// Generates the default Vietnamese voice pack of the display app with espeak-ng:
//   display-app/public/voice/vi/<slug>.wav   one short clip per token of VOICE_TOKENS_VI
//   display-app/public/voice/vi/manifest.json token → file name
//   display-app/public/voice/chime.wav        the two-tone chime played before every call
//
// Usage: node scripts/voice-pack.mjs
//
// The clips are committed, so a build never needs espeak-ng; rerun this only when the token
// list or the voice settings change. Installs espeak-ng and sox with apt-get when missing.
// Idempotent: espeak-ng and sox are deterministic here (no dither), and a file is rewritten
// only when its bytes change, so a second run reports nothing new.

import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The token list lives in shared (TypeScript), so the pack can never miss a word the call uses.
register();
const { VOICE_TOKENS_VI, voiceClipSlug } = await import('../shared/src/voice/index.ts');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const voiceDir = join(root, 'display-app', 'public', 'voice');
const clipDir = join(voiceDir, 'vi');

/** 16 kHz mono 16-bit PCM: plenty for espeak's formant voice, and the pack stays small. */
const SAMPLE_RATE = 16_000;

/**
 * espeak-ng settings: a little slower than its default 175 words a minute, for a hall, and
 * quieter than its default amplitude 100, which clips on open vowels ("ba", "ca"); sox
 * normalises every clip afterwards.
 */
const ESPEAK_ARGS = ['-v', 'vi', '-s', '150', '-a', '70'];

/**
 * What espeak-ng is given where a token's spelling misleads it: it reads the letter name "gi"
 * as a bare consonant, while "di" is the same syllable [zi] in the northern accent it speaks.
 */
const SPOKEN_AS = { gi: 'di' };

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const stderr = result.stderr?.toString().trim() ?? '';
    const detail = stderr ? `: ${stderr}` : '';
    throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status}${detail}`);
  }
  return result;
}

function hasCommand(cmd) {
  const result = spawnSync(cmd, ['--version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

function aptGet(args) {
  const asRoot = process.getuid?.() === 0;
  const [cmd, fullArgs] = asRoot ? ['apt-get', args] : ['sudo', ['apt-get', ...args]];
  const result = spawnSync(cmd, fullArgs, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return !result.error && result.status === 0;
}

function ensureTools() {
  const missing = [
    ['espeak-ng', 'espeak-ng'],
    ['sox', 'sox'],
  ].filter(([cmd]) => !hasCommand(cmd));
  if (missing.length === 0) return;
  const packages = missing.map(([, pkg]) => pkg);
  console.log(`installing ${packages.join(', ')} with apt-get`);
  const install = ['install', '-y', '--no-install-recommends', ...packages];
  // A fresh container has empty package lists: update once and retry.
  if (!aptGet(install) && !(aptGet(['update']) && aptGet(install))) {
    throw new Error(`could not install ${packages.join(', ')}; install them and rerun`);
  }
}

/** Synthesises one token: espeak-ng, then sox to mono 16 kHz, silence trimmed, normalised. */
function synthesise(token, workDir) {
  const raw = join(workDir, 'raw.wav');
  const out = join(workDir, 'clip.wav');
  // Hyphens join the syllables of a letter name ("e-lờ"); espeak should just say them.
  const text = (SPOKEN_AS[token] ?? token).replaceAll('-', ' ');
  run('espeak-ng', [...ESPEAK_ARGS, '--stdin', '-w', raw], { input: text });
  run('sox', [
    '-D', // no dither: keeps the output byte-identical between runs
    raw,
    '-c', '1', '-r', String(SAMPLE_RATE), '-b', '16', '-e', 'signed-integer',
    out,
    // Trim silence and fade in at the start, then the same reversed at the end (sox cannot
    // fade out a stream of unknown length); the player spaces the clips.
    'silence', '1', '0.01', '0.5%', 'fade', 't', '0.005',
    'reverse', 'silence', '1', '0.01', '0.5%', 'fade', 't', '0.01', 'reverse',
    'gain', '-n', '-1',
  ]);
  return readFileSync(out);
}

/** A 16-bit mono PCM WAV file. */
function wavFile(samples, sampleRate) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => {
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32767), i * 2);
  });
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * A soft "ding-dong": E5 then C5, each a struck tone (fundamental, a quiet octave and a faint
 * fourth harmonic that dies away first) with a quick attack and a long exponential decay.
 */
function chime() {
  const notes = [
    { frequency: 659.25, start: 0 },
    { frequency: 523.25, start: 0.5 },
  ];
  const noteLength = 1.1;
  const total = notes[notes.length - 1].start + noteLength;
  const samples = new Float64Array(Math.ceil(total * SAMPLE_RATE));
  for (const { frequency, start } of notes) {
    const offset = Math.round(start * SAMPLE_RATE);
    const length = Math.round(noteLength * SAMPLE_RATE);
    for (let i = 0; i < length && offset + i < samples.length; i++) {
      const t = i / SAMPLE_RATE;
      const attack = Math.min(1, t / 0.006);
      const release = Math.min(1, (noteLength - t) / 0.05); // no click at the cut
      const tone =
        Math.exp(-t / 0.38) * Math.sin(2 * Math.PI * frequency * t) +
        0.3 * Math.exp(-t / 0.2) * Math.sin(2 * Math.PI * 2 * frequency * t) +
        0.08 * Math.exp(-t / 0.08) * Math.sin(2 * Math.PI * 4 * frequency * t);
      samples[offset + i] += attack * release * tone;
    }
  }
  const peak = samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
  return wavFile(Array.from(samples, (s) => (s / peak) * 0.7), SAMPLE_RATE);
}

/** Writes a file only when its bytes differ; returns whether it did. */
function writeIfChanged(file, bytes) {
  if (existsSync(file) && readFileSync(file).equals(bytes)) return false;
  writeFileSync(file, bytes);
  return true;
}

function main() {
  ensureTools();
  mkdirSync(clipDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'layso-voice-'));
  const manifest = {};
  const written = [];
  try {
    for (const token of VOICE_TOKENS_VI) {
      const file = `${voiceClipSlug(token)}.wav`;
      if (Object.values(manifest).includes(file)) throw new Error(`two tokens map to ${file}`);
      manifest[token] = file;
      if (writeIfChanged(join(clipDir, file), synthesise(token, workDir))) written.push(file);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const manifestJson = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  if (writeIfChanged(join(clipDir, 'manifest.json'), manifestJson)) written.push('manifest.json');
  if (writeIfChanged(join(voiceDir, 'chime.wav'), chime())) written.push('../chime.wav');

  const known = new Set([...Object.values(manifest), 'manifest.json']);
  const stray = readdirSync(clipDir).filter((f) => !known.has(f));
  if (stray.length > 0) console.warn(`not part of the pack (remove if stale): ${stray.join(', ')}`);
  console.log(
    `voice pack: ${VOICE_TOKENS_VI.length} clips in ${clipDir}; ` +
      (written.length > 0 ? `wrote ${written.join(', ')}` : 'already up to date'),
  );
}

main();
