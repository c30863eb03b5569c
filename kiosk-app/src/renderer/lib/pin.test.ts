import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256.js';
import { DEFAULT_PIN, setPin, verifyPin, type KeyValueStore } from './pin.js';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('PIN', () => {
  it('hashes like node', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'y'.repeat(64), 'Tiếng Việt '.repeat(20)]) {
      const bytes = new TextEncoder().encode(text);
      expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
  it('is 1234 until changed, and stored only as a salted hash', () => {
    const store = memoryStore();
    expect(verifyPin(store, DEFAULT_PIN)).toBe(true);
    expect(verifyPin(store, '0000')).toBe(false);
    setPin(store, '975310', 'salt-1');
    expect(verifyPin(store, DEFAULT_PIN)).toBe(false);
    expect(verifyPin(store, '975310')).toBe(true);
    expect([...store.data.values()].join()).not.toContain('975310');
    expect(() => setPin(store, '12', 's')).toThrow();
  });
  it('falls back to the default PIN when the stored entry is damaged', () => {
    const store = memoryStore();
    store.setItem('layso.kiosk.pin', '{oops');
    expect(verifyPin(store, DEFAULT_PIN)).toBe(true);
  });
});
