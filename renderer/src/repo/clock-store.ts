import { HlcClock } from '#shared/clock/hlc-clock';
import type { StampClock } from '#shared/merge/local-ops';
import type { KeyValueRecord, KioskDb } from '../db/kiosk-db';
import { SYNC_KEYS } from './sync-keys';

interface SavedClock {
  readonly hlc: string;
  readonly offset: number;
}

function isSavedClock(value: unknown): value is SavedClock {
  const v = value as Partial<SavedClock> | null;
  return typeof v?.hlc === 'string' && typeof v.offset === 'number';
}

/**
 * The device's HLC, restored from `syncState` and written back inside the transactions that use it,
 * with the learned offset from the server's time, so a restart never stamps backwards.
 */
export class ClockStore implements StampClock {
  private constructor(
    private readonly clock: HlcClock,
    private readonly db: KioskDb,
  ) {}

  static async load(db: KioskDb, deviceId: string, now?: () => number): Promise<ClockStore> {
    const saved = (await db.syncState.get(SYNC_KEYS.clock))?.value;
    return new ClockStore(
      isSavedClock(saved)
        ? new HlcClock(deviceId, now, saved.hlc, saved.offset)
        : new HlcClock(deviceId, now),
      db,
    );
  }

  /**
   * Folds in the clock as another tab of this browser last saved it, so a stamp issued next sorts after every
   * stamp any tab issued. Call it under the device's write lock, before stamping.
   */
  async catchUp(): Promise<void> {
    const saved = (await this.db.syncState.get(SYNC_KEYS.clock))?.value;
    if (isSavedClock(saved)) this.clock.receive(saved.hlc);
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
    const value: SavedClock = { hlc: this.clock.current, offset: this.clock.offset };
    return { key: SYNC_KEYS.clock, value };
  }
}
