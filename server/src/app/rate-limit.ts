/** Counts attempts per key in fixed windows; in memory, which suits one process guarding enrollment. */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Records an attempt; false when the key has used up its window. */
  hit(key: string, now: number = Date.now()): boolean {
    this.prune(now);
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    w.count += 1;
    return w.count <= this.max;
  }

  private prune(now: number): void {
    // Bounded memory: drop finished windows once the map grows.
    if (this.windows.size < 10_000) return;
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
