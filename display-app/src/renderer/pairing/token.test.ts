import { describe, expect, it } from 'vitest';
import { memoryStorage as memory } from '../../../../live-client/src/memory-storage.test-support.js';
import { chooseDeviceToken, DEVICE_TOKEN_KEY, forgetRefusedToken, keepPairedToken, REFUSED_TOKEN_KEY } from './token.js';


describe('the display’s device token', () => {
  it('uses display.json’s token when the page has none (the shell as before)', () => {
    expect(chooseDeviceToken(memory(), 'from-json')).toBe('from-json');
    expect(chooseDeviceToken(memory(), undefined)).toBeNull();
    expect(chooseDeviceToken(null, 'from-json')).toBe('from-json');
  });

  it('prefers a pairing made on this screen', () => {
    const s = memory();
    keepPairedToken(s, 'paired-here');
    expect(chooseDeviceToken(s, 'from-json')).toBe('paired-here');
    expect(chooseDeviceToken(s, undefined)).toBe('paired-here');
  });

  it('never tries a refused token again: its own is removed, display.json’s is remembered as refused', () => {
    const s = memory({ [DEVICE_TOKEN_KEY]: 'paired-here' });
    forgetRefusedToken(s, 'paired-here');
    expect(s.data.has(DEVICE_TOKEN_KEY)).toBe(false);
    expect(chooseDeviceToken(s, undefined)).toBeNull();

    forgetRefusedToken(s, 'from-json');
    expect(s.data.get(REFUSED_TOKEN_KEY)).toBe('from-json');
    expect(chooseDeviceToken(s, 'from-json')).toBeNull();
    // Whoever installs the PC writes a new token into display.json: that one is used.
    expect(chooseDeviceToken(s, 'new-in-json')).toBe('new-in-json');
  });
});
