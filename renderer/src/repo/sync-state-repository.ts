import { EMPTY_DIGEST, type Digest } from '#shared/digest/digest';
import { DigestResponse } from '#shared/digest/messages';
import { ServerConfig } from '#shared/protocol/server-config';
import type { KioskDb } from '../db/kiosk-db';
import { guardQuota } from '../db/storage-errors';
import { SYNC_KEYS } from './sync-keys';

const StoredDigest = DigestResponse.pick({ count: true, hash: true });

/**
 * The pull position and what is known about the server. The cursor and digest are written together with the
 * operations they cover (DraftRepository.applyRemote), or reset together here.
 */
export class SyncStateRepository {
  constructor(private readonly db: KioskDb) {}

  async cursor(): Promise<number> {
    const row = await this.db.syncState.get(SYNC_KEYS.cursor);
    return typeof row?.value === 'number' ? row.value : 0;
  }

  async digest(): Promise<Digest> {
    const parsed = StoredDigest.safeParse((await this.db.syncState.get(SYNC_KEYS.digest))?.value);
    return parsed.success ? parsed.data : EMPTY_DIGEST;
  }

  /** Cursor and digest as one consistent pair. */
  async position(): Promise<{ cursor: number; digest: Digest }> {
    return this.db.transaction('r', this.db.syncState, async () => ({
      cursor: await this.cursor(),
      digest: await this.digest(),
    }));
  }

  /** Starts the pull over from the beginning of the point's log (drift was detected); merging again is harmless. */
  async resetPull(): Promise<void> {
    await guardQuota(() =>
      this.db.transaction('rw', this.db.syncState, async () => {
        await this.db.syncState.put({ key: SYNC_KEYS.cursor, value: 0 });
        await this.db.syncState.put({ key: SYNC_KEYS.digest, value: EMPTY_DIGEST });
      }),
    );
  }

  async serverConfig(): Promise<ServerConfig | null> {
    const parsed = ServerConfig.safeParse((await this.db.syncState.get(SYNC_KEYS.serverConfig))?.value);
    return parsed.success ? parsed.data : null;
  }

  async saveServerConfig(config: ServerConfig): Promise<void> {
    await guardQuota(() => this.db.syncState.put({ key: SYNC_KEYS.serverConfig, value: config }));
  }
}
