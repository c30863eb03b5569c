/**
 * The rulebook pinned by a reference model: random command sequences from three officers, a
 * manager and two kiosks, with the clock moving, the day turning and requests retried, under
 * each priority policy and each no-show and cross-service rule, with slots booked and checked in
 * at the kiosk early, on time and late. After every step the rulebook
 * (over an in-memory state) and the model (reference-model.test-support.ts) agree on every
 * answer, every live ticket, every counter and every open counter's full call order.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_APPOINTMENT_POLICY, type Counter, type CounterId, type Service, type ServiceId, type Settings } from './model.js';
import { businessDateOf } from './numbering.js';
import { ReferenceQueue } from './reference-model.test-support.js';
import { arbCommands, arbPolicy, MemoryQueue, MODEL_SLOT_MIN, modelKioskArea, ModelRunner, RulebookSystem, type Catalog } from './model-run.test-support.js';

/** Check in from 15 minutes before the slot to 10 after; three places per 15-minute slot. */
const BOOKING = { earlyMin: 15, lateMin: 10, slotMin: MODEL_SLOT_MIN, capacityPerSlot: 3 };

/** 2026-03-10 08:00 in Hà Nội. */
const START = Date.UTC(2026, 2, 10, 1, 0, 0);

/** A range service, a prefix service numbered from H100, and one that takes no priority. */
const CATALOG: Catalog = {
  services: [
    { id: 'ho-tich', numbering: { kind: 'range', from: 1001, to: 1999 }, allowPriority: true },
    { id: 'cu-tru', numbering: { kind: 'prefix', prefix: 'H', digits: 3, start: 100 }, allowPriority: true },
    { id: 'dat-dai', numbering: { kind: 'range', from: 2001, to: 2999 }, allowPriority: false },
  ],
  counters: [
    { id: 'quay-1', serviceIds: ['ho-tich'] },
    { id: 'quay-2', serviceIds: ['ho-tich', 'cu-tru'] },
    { id: 'quay-3', serviceIds: ['dat-dai', 'ho-tich'] },
    { id: 'quay-4', serviceIds: ['cu-tru', 'dat-dai'] },
  ],
};

function settingsWith(queue: Settings['queue'], endOfDay: Settings['endOfDay'], rating: Settings['rating']): Settings {
  return {
    centreId: 'model-centre' as Settings['centreId'],
    centreNameVi: 'Trung tâm thử',
    centreNameEn: 'Test centre',
    timeZone: 'Asia/Ho_Chi_Minh',
    dayStartsAt: '00:00',
    endOfDay,
    queue,
    ticketHeader: '',
    ticketFooter: '',
    displayNotice: '',
    kioskRateLimitPerMin: 0,
    demo: false,
    appointments: { ...DEFAULT_APPOINTMENT_POLICY, ...BOOKING },
    rating,
  };
}

function services(): Service[] {
  return CATALOG.services.map((s, i) => ({
    id: s.id as ServiceId,
    nameVi: s.id,
    nameEn: s.id,
    numbering: s.numbering,
    hours: { open: '00:00', close: '24:00' },
    enabled: true,
    allowPriority: s.allowPriority,
    avgServiceSec: 300,
    waitThresholdMin: 30,
    sortOrder: i,
  }));
}

function counters(): Counter[] {
  return CATALOG.counters.map((c, i) => ({
    id: c.id as CounterId,
    number: i + 1,
    name: `Quầy ${i + 1}`,
    serviceIds: c.serviceIds as ServiceId[],
    state: 'closed',
    officerId: null,
    pauseReason: null,
    priorityStreak: 0,
  }));
}

/** `npm run test:model:long` (LAYSO_MODEL_LONG=1) runs long; LAYSO_MODEL_RUNS / _LENGTH set it by hand. */
const LONG = process.env.LAYSO_MODEL_LONG === '1';
const RUNS = Number(process.env.LAYSO_MODEL_RUNS ?? (LONG ? 5000 : 150));
const LENGTH = Number(process.env.LAYSO_MODEL_LENGTH ?? (LONG ? 100 : 60));

describe('the rulebook against the reference model', () => {
  it(`agrees on every answer and every queue order (${RUNS} runs × ${LENGTH} commands)`, async () => {
    await fc.assert(
      fc.asyncProperty(arbPolicy, arbCommands(CATALOG.services.length, CATALOG.counters.length, LENGTH, true), async (policy, commands) => {
        const settings = settingsWith(policy.queue, policy.endOfDay, policy.rating);
        const state = new MemoryQueue({ settings, today: businessDateOf(START, settings.timeZone), services: services(), counters: counters(), nextTie: 1 });
        const system = new RulebookSystem(state, START, (k) => modelKioskArea(CATALOG, k));
        const model = new ReferenceQueue({ ...CATALOG, policy: policy.queue, endOfDay: policy.endOfDay, rating: policy.rating, utcOffsetMin: 420, now: START, nextTie: 1, appointments: BOOKING });
        let n = 0;
        const runner = new ModelRunner(model, system, CATALOG, () => `request-${String(++n).padStart(6, '0')}`);
        for (const [i, cmd] of commands.entries()) await runner.step(cmd, i);
      }),
      { numRuns: RUNS },
    );
    if (process.env.LAYSO_MODEL_STATS) console.log([...ModelRunner.tally].sort().map(([k, v]) => `${k}: ${v}`).join('\n'));
  }, Math.max(600_000, RUNS * LENGTH * 10));
});
