import { decodeHlc, encodeHlc, MAX_COUNTER, type Hlc } from './hlc';

/**
 * A device's hybrid logical clock. `tick()` stamps a local edit; `receive()` folds in a timestamp seen
 * from elsewhere (another device's operation, or the server's time) so later local stamps sort after it.
 */
export class HlcClock {
  private last: Hlc;

  constructor(
    readonly deviceId: string,
    private readonly now: () => number = () => Date.now(),
    last?: string,
  ) {
    this.last = last ? { ...decodeHlc(last), deviceId } : { physical: 0, counter: 0, deviceId };
  }

  tick(): string {
    const wall = this.now();
    if (wall > this.last.physical) this.last = { physical: wall, counter: 0, deviceId: this.deviceId };
    else this.last = this.bump(this.last.physical, this.last.counter + 1);
    return encodeHlc(this.last);
  }

  receive(remote: string | number): void {
    const r = typeof remote === 'number' ? { physical: remote, counter: 0 } : decodeHlc(remote);
    const wall = this.now();
    const physical = Math.max(wall, this.last.physical, r.physical);
    let counter = 0;
    if (physical === this.last.physical && physical === r.physical) counter = Math.max(this.last.counter, r.counter) + 1;
    else if (physical === this.last.physical) counter = this.last.counter + 1;
    else if (physical === r.physical) counter = r.counter + 1;
    this.last = this.bump(physical, counter);
  }

  /** The latest timestamp issued or seen, to persist so a restart never goes backwards. */
  get current(): string {
    return encodeHlc(this.last);
  }

  private bump(physical: number, counter: number): Hlc {
    // A counter overflow moves the clock one millisecond ahead rather than refusing to stamp.
    if (counter > MAX_COUNTER) return { physical: physical + 1, counter: 0, deviceId: this.deviceId };
    return { physical, counter, deviceId: this.deviceId };
  }
}
