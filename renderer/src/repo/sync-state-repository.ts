import { addToDigest, EMPTY_DIGEST, type Digest } from '#shared/digest/digest';
import { DigestResponse } from '#shared/digest/messages';
import type { Scope } from '#shared/entities/scopes';
import { ServerConfig } from '#shared/protocol/server-config';
import type { KioskDb } from '../db/kiosk-db';
import { guardQuota } from '../db/storage-errors';
import { positionKeys, SYNC_KEYS } from './sync-keys';

const StoredDigest = DigestResponse.pick({ count: true, hash: true });

/** A scope's pull position: the cursor and the digest of the operation ids up to it. */
export interface Position {
  readonly cursor: number;
  readonly digest: Digest;
}

/** Operations of this device the server placed at seqs `first`…`last` of the point's log. */
export interface OwnRange {
  readonly first: number;
  readonly last: number;
  readonly hlcs: readonly string[];
}

/**
 * The pull position of each scope and what is known about the server. A cursor and its digest are written
 * together with the operations they cover (the repositories' `applyRemote`), or moved together here.
 */
export class SyncStateRepository {
  constructor(private readonly db: KioskDb) {}

  /** Cursor and digest of a scope as one consistent pair. */
  async position(scope: Scope = 'point'): Promise<Position> {
    const keys = positionKeys(scope);
    return this.db.transaction('r', this.db.syncState, async () => {
      const [cursor, digest] = await Promise.all([
        this.db.syncState.get(keys.cursor),
        this.db.syncState.get(keys.digest),
      ]);
      const parsed = StoredDigest.safeParse(digest?.value);
      return {
        cursor: typeof cursor?.value === 'number' ? cursor.value : 0,
        digest: parsed.success ? parsed.data : EMPTY_DIGEST,
      };
    });
  }

  async cursor(scope: Scope = 'point'): Promise<number> {
    return (await this.position(scope)).cursor;
  }

  /** Starts a scope's pull over from the beginning (drift was detected); merging again is harmless. */
  async resetPull(scope: Scope = 'point'): Promise<void> {
    await this.write(scope, { cursor: 0, digest: EMPTY_DIGEST });
  }

  /**
   * Moves the point's cursor over this device's own operations the server just logged, without pulling them
   * back: only across ranges that follow the cursor with no gap (nothing of another device unseen between).
   * Returns the new position.
   */
  async advanceOverOwn(ranges: readonly OwnRange[]): Promise<Position> {
    return guardQuota(() =>
      this.db.transaction('rw', this.db.syncState, async () => {
        let { cursor, digest } = await this.position('point');
        for (const range of [...ranges].sort((a, b) => a.first - b.first)) {
          if (range.first !== cursor + 1 || range.hlcs.length !== range.last - range.first + 1) continue;
          for (const hlc of range.hlcs) digest = addToDigest(digest, hlc);
          cursor = range.last;
        }
        await this.put('point', { cursor, digest });
        return { cursor, digest };
      }),
    );
  }

  /** Writes a scope's position (inside the caller's transaction when there is one). */
  async put(scope: Scope, { cursor, digest }: Position): Promise<void> {
    const keys = positionKeys(scope);
    await this.db.syncState.put({ key: keys.cursor, value: cursor });
    await this.db.syncState.put({ key: keys.digest, value: digest });
  }

  private async write(scope: Scope, position: Position): Promise<void> {
    await guardQuota(() => this.db.transaction('rw', this.db.syncState, () => this.put(scope, position)));
  }

  async serverConfig(): Promise<ServerConfig | null> {
    const parsed = ServerConfig.safeParse((await this.db.syncState.get(SYNC_KEYS.serverConfig))?.value);
    return parsed.success ? parsed.data : null;
  }

  async saveServerConfig(config: ServerConfig): Promise<void> {
    await guardQuota(() => this.db.syncState.put({ key: SYNC_KEYS.serverConfig, value: config }));
  }
}
