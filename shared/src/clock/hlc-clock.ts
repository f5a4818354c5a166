import { decodeHlc, encodeHlc, MAX_COUNTER, MAX_PHYSICAL, type Hlc } from './hlc';

/**
 * A device's hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014).
 *
 * - `tick()` stamps a local edit: strictly after every stamp this clock issued or received.
 * - `receive(hlc)` folds in another device's stamp, so that a later edit sorts after what was seen.
 * - `receive(serverTime)` folds in the server's wall clock at each sync, and learns how far this
 *   device's clock runs ahead of the server's (see `offset`). It never refuses a time, however skewed.
 *
 * Only a clock that runs ahead is corrected by the offset: a correction upwards would turn into a
 * jump into the future the day the OS fixes its clock (NTP after a dead CMOS battery), and a stamp
 * in the future drags every clock of the point along for good. A clock that runs behind is lifted
 * by folding in the server's time instead, and stays monotonic in between.
 */
export class HlcClock {
  private last: Hlc;
  private skew: number;

  /**
   * @param now injected wall clock in ms (tests pass a fake one)
   * @param last a persisted `current`, so a restarted device never stamps backwards
   * @param offset a persisted `offset`
   */
  constructor(
    readonly deviceId: string,
    private readonly now: () => number = () => Date.now(),
    last?: string,
    offset = 0,
  ) {
    this.last = last ? { ...decodeHlc(last), deviceId } : { physical: 0, counter: 0, deviceId };
    this.skew = Number.isFinite(offset) ? Math.min(0, Math.trunc(offset)) : 0;
  }

  tick(): string {
    const physical = this.physicalNow();
    this.last =
      physical > this.last.physical
        ? { physical, counter: 0, deviceId: this.deviceId }
        : this.advance(this.last.physical, this.last.counter + 1);
    return encodeHlc(this.last);
  }

  /** Folds in a remote stamp (a string) or the server's wall-clock time in ms (a number). */
  receive(remote: string | number): void {
    if (typeof remote === 'number') {
      this.receiveServerTime(remote);
      return;
    }
    const r = decodeHlc(remote);
    if (
      r.physical > this.last.physical ||
      (r.physical === this.last.physical && r.counter > this.last.counter)
    ) {
      this.last = { physical: r.physical, counter: r.counter, deviceId: this.deviceId };
    }
  }

  /** The latest timestamp issued or seen, to persist so a restart never goes backwards. */
  get current(): string {
    return encodeHlc(this.last);
  }

  /** Learned correction (≤ 0 ms) applied to the wall clock; persist it beside `current`. */
  get offset(): number {
    return this.skew;
  }

  private receiveServerTime(serverTime: number): void {
    // A broken server time (not an integer, or beyond the encoding) is ignored rather than trusted.
    if (!Number.isSafeInteger(serverTime) || serverTime < 0 || serverTime > MAX_PHYSICAL) return;
    this.skew = Math.min(0, serverTime - this.wall());
    this.receive(encodeHlc({ physical: serverTime, counter: 0, deviceId: this.deviceId }));
  }

  private wall(): number {
    const t = this.now();
    return Number.isFinite(t) ? Math.floor(t) : 0;
  }

  private physicalNow(): number {
    return Math.min(MAX_PHYSICAL, Math.max(0, this.wall() + this.skew));
  }

  private advance(physical: number, counter: number): Hlc {
    if (counter <= MAX_COUNTER) return { physical, counter, deviceId: this.deviceId };
    // A counter overflow moves the clock one millisecond ahead rather than refusing to stamp.
    if (physical >= MAX_PHYSICAL) throw new RangeError('HLC exhausted: physical time beyond the encoding');
    return { physical: physical + 1, counter: 0, deviceId: this.deviceId };
  }
}
