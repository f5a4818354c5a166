import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc } from '#shared/clock/hlc';

describe('HLC encoding', () => {
  it('round-trips and orders by physical, then counter, then device', () => {
    const a = encodeHlc({ physical: 1000, counter: 2, deviceId: 'pc1' });
    expect(decodeHlc(a)).toEqual({ physical: 1000, counter: 2, deviceId: 'pc1' });
    expect(compareHlc(a, encodeHlc({ physical: 999, counter: 9, deviceId: 'pc9' }))).toBe(1);
    expect(compareHlc(a, encodeHlc({ physical: 1000, counter: 3, deviceId: 'pc0' }))).toBe(-1);
    expect(compareHlc(a, encodeHlc({ physical: 1000, counter: 2, deviceId: 'pc2' }))).toBe(-1);
  });
});
