import { digestOf, type Digest } from '#shared/digest/digest';
import { applyEntityOp, type EntityTypeName, type Operation } from '#shared/entities/registry';
import type { PublishedScope } from '#shared/entities/scopes';
import type { RecordState } from '#shared/merge/server-record';
import type { PulledOperation } from '#shared/protocol/sync';
import type { KioskDb, PublishedRecordRow } from '../db/kiosk-db';
import { guardQuota } from '../db/storage-errors';
import type { SyncStateRepository } from './sync-state-repository';

type Published = { version: number; retired: boolean };

/**
 * What the server publishes for every kiosk (catalog, guides, roster, administrative units), kept offline:
 * the latest version of each record, in clear (nothing in it is about a resident). A page is applied with
 * its scope's cursor and digest in one transaction.
 */
export class PublishedRepository {
  private catalogCursor = 0;

  constructor(
    private readonly db: KioskDb,
    private readonly syncState: SyncStateRepository,
    private readonly bundledCatalogVersion: string,
  ) {}

  /** Reads what is needed synchronously later (the catalog version new dossiers record). */
  async load(): Promise<void> {
    this.catalogCursor = await this.syncState.cursor('catalog');
  }

  /** The catalog a dossier started now is started on: the pulled catalog's position, or the bundled one. */
  catalogVersion(): string {
    return this.catalogCursor > 0 ? `catalog:${this.catalogCursor}` : this.bundledCatalogVersion;
  }

  /** The current, not retired records of a type in a scope. */
  async list<B>(scope: PublishedScope, type: EntityTypeName): Promise<{ id: string; body: B }[]> {
    const rows = await this.db.published.where('[scope+type]').equals([scope, type]).toArray();
    return rows.filter((r) => !r.retired).map((r) => ({ id: r.id, body: r.body as B }));
  }

  /** Merges a pulled page and moves the scope's position to `cursor` / `digest` in the same transaction. */
  async applyPulled(
    scope: PublishedScope,
    ops: readonly Operation[],
    position: { cursor: number; digest: Digest },
  ) {
    const db = this.db;
    await guardQuota(() =>
      db.transaction('rw', [db.published, db.syncState], async () => {
        for (const op of ops) {
          const row = await db.published.get([scope, op.type, op.id]);
          const before: RecordState<Published> = {
            id: op.id,
            latest: row ? { hlc: row.hlc, body: row.body as Published } : null,
          };
          const after = applyEntityOp(before, op) as RecordState<Published>;
          if (after === before || !after.latest) continue;
          const next: PublishedRecordRow = {
            scope,
            type: op.type,
            id: op.id,
            hlc: after.latest.hlc,
            version: after.latest.body.version,
            retired: after.latest.body.retired,
            body: after.latest.body,
          };
          await db.published.put(next);
        }
        await this.syncState.put(scope, position);
      }),
    );
    if (scope === 'catalog') this.catalogCursor = position.cursor;
  }

  /** Keeps what enrollment handed over, as if pulled: every published scope from 0 to its cursor. */
  async applySnapshot(
    snapshot: readonly { scope: PublishedScope; cursor: number; ops: readonly PulledOperation[] }[],
  ) {
    for (const { scope, cursor, ops } of snapshot) {
      // A scope this device has already pulled is not rewound to an older copy.
      if ((await this.syncState.cursor(scope)) !== 0) continue;
      const digest = digestOf(ops.map((p) => p.op.hlc));
      await this.applyPulled(
        scope,
        ops.map((p) => p.op),
        { cursor, digest },
      );
    }
  }
}
