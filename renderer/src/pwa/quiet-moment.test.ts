import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenQuiet } from './quiet-moment';

describe('whenQuiet', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('waits until nobody has touched the kiosk for the whole quiet time', async () => {
    const target = new EventTarget();
    let settled: boolean | null = null;
    void whenQuiet(target, 60_000, new AbortController().signal).then((r) => (settled = r));
    await vi.advanceTimersByTimeAsync(50_000);
    target.dispatchEvent(new Event('keydown'));
    await vi.advanceTimersByTimeAsync(50_000);
    expect(settled).toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(settled).toBe(true);
  });

  it('gives up when the screen that allows an update is left', async () => {
    const target = new EventTarget();
    const controller = new AbortController();
    const result = whenQuiet(target, 60_000, controller.signal);
    controller.abort();
    await expect(result).resolves.toBe(false);
  });
});
