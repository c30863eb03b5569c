import type { ServiceId } from '@layso/shared';
import { describe, expect, it } from 'vitest';
import { announcedStorageKey, displayModeOf, parseDisplayConfig, parseStoredSound, persistedSound } from './config.js';
import { callInArea, counterInArea, serviceInArea, WHOLE_CENTRE } from './live/area.js';

describe('parseDisplayConfig', () => {
  it('is a wall for the whole centre that calls aloud by default', () => {
    const c = parseDisplayConfig('', null);
    expect(c).toMatchObject({ mode: 'wall', counterNumber: null, services: null, counters: null });
    expect(c.sound).toEqual({ voice: 'pack', volume: 1 });
  });

  it('is the screen of one counter (by number), silent unless told', () => {
    const c = parseDisplayConfig('?counter=5', null);
    expect(c.mode).toBe('counter');
    expect(c.counterNumber).toBe(5);
    expect([...c.counters!]).toEqual([5]);
    expect(c.sound.voice).toBe('off');
    expect(parseDisplayConfig('?counter=5&voice=chime', null).sound.voice).toBe('chime');
  });

  it('reads area filters and ignores what does not parse', () => {
    const c = parseDisplayConfig('?services=ho-tich,%20cu-tru,&counters=1,2,x,0,3', null);
    expect([...c.services!]).toEqual(['ho-tich', 'cu-tru']);
    expect([...c.counters!]).toEqual([1, 2, 3]);
    expect(parseDisplayConfig('?counter=abc', null).mode).toBe('wall');
  });

  it('takes the URL over remembered settings over the device, and clamps the volume', () => {
    const stored = persistedSound(parseDisplayConfig('?voice=speech&volume=0.4', null));
    expect(parseDisplayConfig('', stored).sound).toEqual({ voice: 'speech', volume: 0.4 });
    expect(parseDisplayConfig('?voice=chime&volume=7', stored).sound).toEqual({ voice: 'chime', volume: 1 });
    expect(parseDisplayConfig('?voice=loud&volume=x', stored).sound).toEqual({ voice: 'speech', volume: 0.4 });
    expect(parseDisplayConfig('', null, { counter: 3, voice: 'pack', volume: 0.5 })).toMatchObject({
      mode: 'counter',
      counterNumber: 3,
      sound: { voice: 'pack', volume: 0.5 },
    });
    expect(displayModeOf('', { counter: 3 })).toBe('counter');
    expect(parseStoredSound('not json')).toEqual({});
  });

  it('remembers announced calls per area', () => {
    expect(announcedStorageKey(parseDisplayConfig('?services=b,a', null))).toBe('layso.display.announced.a,b.*');
    expect(announcedStorageKey(parseDisplayConfig('?counter=5', null))).toBe('layso.display.announced.*.5');
  });
});

describe('area filters', () => {
  const hoTich = 'ho-tich' as ServiceId;
  const cuTru = 'cu-tru' as ServiceId;
  const datDai = 'dat-dai' as ServiceId;
  const counters = [
    { number: 1, serviceIds: [hoTich] },
    { number: 2, serviceIds: [hoTich, cuTru] },
    { number: 3, serviceIds: [datDai] },
  ];

  it('shows everything for the whole centre', () => {
    expect(callInArea(WHOLE_CENTRE, { serviceId: datDai, counterNumber: 3 })).toBe(true);
    expect(counters.every((c) => counterInArea(WHOLE_CENTRE, c))).toBe(true);
  });

  it('limits calls, counters and services to the area', () => {
    const area = { services: new Set(['ho-tich', 'cu-tru']), counters: null };
    expect(callInArea(area, { serviceId: cuTru, counterNumber: 2 })).toBe(true);
    expect(callInArea(area, { serviceId: datDai, counterNumber: 3 })).toBe(false);
    expect(counters.filter((c) => counterInArea(area, c)).map((c) => c.number)).toEqual([1, 2]);
    const byCounter = { services: null, counters: new Set([1]) };
    expect(callInArea(byCounter, { serviceId: hoTich, counterNumber: 2 })).toBe(false);
    expect(serviceInArea(byCounter, { id: hoTich }, counters)).toBe(true);
    expect(serviceInArea(byCounter, { id: cuTru }, counters)).toBe(false);
  });
});
