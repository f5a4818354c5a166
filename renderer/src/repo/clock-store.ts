import { HlcClock } from '#shared/clock/hlc-clock';
import type { KeyValueRecord, KioskDb } from '../db/kiosk-db';
import { SYNC_KEYS } from './sync-keys';

/** The device's HLC, restored from and written back to `syncState` inside the transactions that use it. */
export class ClockStore {
  private constructor(private readonly clock: HlcClock) {}

  static async load(db: KioskDb, deviceId: string, now?: () => number): Promise<ClockStore> {
    const saved = await db.syncState.get(SYNC_KEYS.clock);
    const last = typeof saved?.value === 'string' ? saved.value : undefined;
    return new ClockStore(new HlcClock(deviceId, now, last));
  }

  get deviceId(): string {
    return this.clock.deviceId;
  }

  tick(): string {
    return this.clock.tick();
  }

  /** Folds in another device's stamp or the server's wall time (ms). */
  receive(remote: string | number): void {
    this.clock.receive(remote);
  }

  record(): KeyValueRecord {
    return { key: SYNC_KEYS.clock, value: this.clock.current };
  }
}
