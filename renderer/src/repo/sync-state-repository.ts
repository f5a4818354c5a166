import type { KioskDb } from '../db/kiosk-db';
import { SYNC_KEYS } from './sync-keys';

/** Reads the pull cursor; it is written only together with the operations it covers (DraftRepository.applyRemote). */
export class SyncStateRepository {
  constructor(private readonly db: KioskDb) {}

  async cursor(): Promise<number> {
    const row = await this.db.syncState.get(SYNC_KEYS.cursor);
    return typeof row?.value === 'number' ? row.value : 0;
  }
}
