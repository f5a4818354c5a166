import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHlc, HLC_PATTERN } from '#shared/clock/hlc';
import { HlcClock } from '#shared/clock/hlc-clock';
import { DEVICES, HOUR, skewsArb, T0 } from './sim';

type Event =
  | { t: 'tick'; c: number }
  | { t: 'send'; from: number; to: number; pick: number }
  | { t: 'sync'; c: number }
  | { t: 'time'; ms: number }
  | { t: 'jump'; c: number; ms: number }
  | { t: 'restart'; c: number };

const c = fc.nat(DEVICES.length - 1);
const eventArb: fc.Arbitrary<Event> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('tick' as const), c }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('send' as const), from: c, to: c, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('sync' as const), c }) },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 120_000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('jump' as const),
      c,
      ms: fc.integer({ min: -2 * HOUR, max: 2 * HOUR }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('restart' as const), c }) },
);

describe('hybrid logical clocks under ±24 h of skew (properties)', () => {
  it('stay monotonic, stamp after everything they received, and track the server once synced', () => {
    fc.assert(
      fc.property(skewsArb, fc.array(eventArb, { minLength: 20, maxLength: 150 }), (skews, events) => {
        let trueNow = T0;
        const wall = [...skews];
        const make = (i: number, last?: HlcClock) =>
          new HlcClock(DEVICES[i]!, () => trueNow + wall[i]!, last?.current, last?.offset);
        const clocks = DEVICES.map((_, i) => make(i));
        const stamps: string[][] = DEVICES.map(() => []);
        const synced = DEVICES.map(() => false);
        const lastCurrent = clocks.map((k) => k.current);

        for (const e of events) {
          if (e.t === 'tick') {
            const k = clocks[e.c]!;
            const before = decodeHlc(k.current).physical;
            const s = k.tick();
            expect(s).toMatch(HLC_PATTERN);
            expect(s > k.current || s === k.current).toBe(true);
            expect(s > (stamps[e.c]!.at(-1) ?? '')).toBe(true);
            const physical = decodeHlc(s).physical;
            // A clock never invents a time beyond both its own wall and what it has seen...
            expect(physical).toBeLessThanOrEqual(Math.max(trueNow + wall[e.c]!, before + 1));
            // ...and once synced, a clock running ahead no longer stamps in the future on its own.
            if (synced[e.c]) expect(physical).toBeLessThanOrEqual(Math.max(trueNow, before + 1));
            stamps[e.c]!.push(s);
          } else if (e.t === 'send') {
            const sent = stamps[e.from]!;
            if (!sent.length) continue;
            const msg = sent[e.pick % sent.length]!;
            clocks[e.to]!.receive(msg);
            expect(clocks[e.to]!.tick() > msg).toBe(true);
          } else if (e.t === 'sync') {
            clocks[e.c]!.receive(trueNow);
            expect(decodeHlc(clocks[e.c]!.current).physical).toBeGreaterThanOrEqual(trueNow);
            synced[e.c] = true;
          } else if (e.t === 'time') {
            trueNow += e.ms;
          } else if (e.t === 'jump') {
            wall[e.c] = Math.max(-24 * HOUR, Math.min(24 * HOUR, wall[e.c]! + e.ms));
            synced[e.c] = false;
          } else {
            clocks[e.c] = make(e.c, clocks[e.c]);
          }
          clocks.forEach((k, i) => {
            expect(k.current >= lastCurrent[i]!).toBe(true);
            lastCurrent[i] = k.current;
          });
        }
      }),
      { numRuns: 500 },
    );
  });
});
