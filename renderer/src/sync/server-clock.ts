import { realTimers, type Timers } from './timers';

/**
 * An estimate of the server's clock from the server times seen in its answers. Lease expiry and retention
 * are server times; a kiosk whose own clock is a day off must still judge them right.
 */
export class ServerClock {
  /** serverTime − local time at the last answer (network delay neglected: seconds do not matter here). */
  private offset = 0;

  constructor(private readonly timers: Timers = realTimers) {}

  observe(serverTime: number): void {
    if (Number.isSafeInteger(serverTime) && serverTime > 0) this.offset = serverTime - this.timers.now();
  }

  now(): number {
    return this.timers.now() + this.offset;
  }
}
