import type { Timers } from '../timers';

/** Timers that only record what was scheduled: the tests run cycles themselves and never wait. */
export class RecordingTimers implements Timers {
  delays: number[] = [];
  private pending: { fn: () => void; at: number }[] = [];
  constructor(public clock = 1_000_000) {}
  setTimeout(fn: () => void, ms: number): unknown {
    this.delays.push(ms);
    const entry = { fn, at: this.clock + ms };
    this.pending.push(entry);
    return entry;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((entry) => entry !== handle);
  }
  now(): number {
    return this.clock;
  }
  /** Moves the clock `ms` on and runs the timers then due, in order (including ones they set that fall due). */
  advance(ms: number): void {
    const until = this.clock + ms;
    for (;;) {
      const next = this.pending.filter((e) => e.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.pending = this.pending.filter((e) => e !== next);
      this.clock = next.at;
      next.fn();
    }
    this.clock = until;
  }
}
