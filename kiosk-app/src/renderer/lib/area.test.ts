import { describe, expect, it } from 'vitest';
import { kioskArea } from './area.js';

function memory(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

describe('kioskArea', () => {
  it('takes the area from the address once and remembers it', () => {
    const s = memory();
    expect(kioskArea('', s)).toBeNull();
    expect(kioskArea('?services=ho-tich,%20cu-tru', s)).toEqual(['ho-tich', 'cu-tru']);
    expect(kioskArea('', s)).toEqual(['ho-tich', 'cu-tru']);
    expect(kioskArea('?services=', s)).toBeNull();
    expect(kioskArea('', s)).toBeNull();
  });
});
