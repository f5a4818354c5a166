import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, HLC_PATTERN, MAX_COUNTER } from '#shared/clock/hlc';
import { HlcClock } from '#shared/clock/hlc-clock';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 5, 3, 17, 30);

function fakeWall(start: number) {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v), add: (ms: number) => (t += ms) };
}

describe('HlcClock', () => {
  it('stamps strictly increase, also when the wall clock stands still or goes back', () => {
    const wall = fakeWall(T0);
    const clock = new HlcClock('pc1', wall.now);
    const stamps = [clock.tick(), clock.tick()];
    wall.add(-HOUR);
    stamps.push(clock.tick());
    wall.add(2 * HOUR);
    stamps.push(clock.tick(), clock.tick());
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(decodeHlc(stamps[3]!)).toEqual({ physical: T0 + HOUR, counter: 0, deviceId: 'pc1' });
  });

  it('moves one millisecond ahead when the counter overflows, and keeps increasing', () => {
    const clock = new HlcClock('pc1', () => T0);
    let last = clock.tick();
    let increasing = true;
    for (let i = 0; i < MAX_COUNTER + 5; i++) {
      const next = clock.tick();
      increasing &&= next > last;
      last = next;
    }
    expect(increasing).toBe(true);
    expect(decodeHlc(last)).toEqual({ physical: T0 + 1, counter: 4, deviceId: 'pc1' });
    expect(last).toMatch(HLC_PATTERN);
  });

  it('stamps after a received remote stamp, even one a day ahead', () => {
    const clock = new HlcClock('pc1', () => T0);
    const remote = encodeHlc({ physical: T0 + 24 * HOUR, counter: 7, deviceId: 'pc2' });
    clock.receive(remote);
    const next = clock.tick();
    expect(next > remote).toBe(true);
    expect(decodeHlc(next)).toEqual({ physical: T0 + 24 * HOUR, counter: 8, deviceId: 'pc1' });
  });

  it('a clock a day ahead stamps near the server time after one sync', () => {
    const wall = fakeWall(T0 + 24 * HOUR);
    const clock = new HlcClock('pc1', wall.now);
    clock.receive(T0);
    expect(clock.offset).toBe(-24 * HOUR);
    wall.add(60_000);
    expect(decodeHlc(clock.tick()).physical).toBe(T0 + 60_000);
  });

  it('a clock a day behind stamps at least the server time and never jumps ahead when the OS fixes it', () => {
    const wall = fakeWall(T0 - 24 * HOUR);
    const clock = new HlcClock('pc1', wall.now);
    clock.receive(T0);
    expect(clock.offset).toBe(0);
    const a = clock.tick();
    expect(decodeHlc(a).physical).toBe(T0);
    wall.set(T0 + 5 * 60_000); // NTP corrects the clock
    expect(decodeHlc(clock.tick()).physical).toBe(T0 + 5 * 60_000);
  });

  it('resumes after a restart from the persisted current stamp and offset', () => {
    const wall = fakeWall(T0 + 2 * HOUR);
    const first = new HlcClock('pc1', wall.now);
    first.receive(T0);
    const lastStamp = first.tick();
    wall.add(-3 * HOUR); // rebooted with a wrong clock
    const restarted = new HlcClock('pc1', wall.now, first.current, first.offset);
    expect(restarted.tick() > lastStamp).toBe(true);
    expect(restarted.offset).toBe(-2 * HOUR);
  });

  it('adopts its own device id when restored from another stamp', () => {
    const clock = new HlcClock('pc2', () => 0, encodeHlc({ physical: T0, counter: 3, deviceId: 'pc1' }));
    expect(clock.current).toBe(encodeHlc({ physical: T0, counter: 3, deviceId: 'pc2' }));
  });

  it('ignores a broken server time instead of failing the sync', () => {
    const clock = new HlcClock('pc1', () => T0);
    const before = clock.current;
    for (const bad of [Number.NaN, -1, 1.5, 1e13, Number.POSITIVE_INFINITY]) clock.receive(bad);
    expect(clock.current).toBe(before);
    expect(clock.offset).toBe(0);
  });

  it('keeps working when the injected wall clock returns garbage', () => {
    const clock = new HlcClock(
      'pc1',
      () => Number.NaN,
      encodeHlc({ physical: T0, counter: 0, deviceId: 'pc1' }),
    );
    const a = clock.tick();
    const b = clock.tick();
    expect(b > a).toBe(true);
    expect(decodeHlc(b).physical).toBe(T0);
  });
});
