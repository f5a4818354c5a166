import { describe, expect, it } from 'vitest';
import { WindowLimiter } from './rate-limit';

describe('WindowLimiter', () => {
  it('allows max attempts per key per window, then refuses until the window ends', () => {
    const l = new WindowLimiter(3, 1000);
    expect([1, 2, 3, 4].map(() => l.hit('a', 0))).toEqual([true, true, true, false]);
    expect(l.hit('b', 10)).toBe(true);
    expect(l.hit('a', 999)).toBe(false);
    expect(l.hit('a', 1000)).toBe(true);
  });
});
