import { dossierEnvelope } from '#shared/entities/dossier';
import { Operation } from '#shared/entities/registry';
import { DraftOp } from '#shared/protocol/operation';
import { openJson } from '../crypto/record-cipher';
import type { KioskDb } from '../db/kiosk-db';
import type { ChangeFeed } from './change-feed';
import { opContext } from './seal-contexts';

const NO_BLOBS: ReadonlySet<string> = new Set();

/** Operations waiting for the server, oldest first; removed only when the server says it committed them. */
export class OutboxRepository {
  constructor(
    private readonly db: KioskDb,
    private readonly key: CryptoKey,
    private readonly changes: ChangeFeed,
  ) {}

  count(): Promise<number> {
    return this.db.outbox.count();
  }

  /**
   * The oldest `limit` operations (after `after`, when given), decrypted and checked against the protocol
   * schema, leaving out those that reference a blob in `held` (not yet safe on the server): they stay in
   * the outbox, later ones may go. A row from before entity types holds a bare draft op: it is wrapped in
   * the dossier envelope here.
   */
  async peek(limit: number, held: ReadonlySet<string> = NO_BLOBS, after?: string): Promise<Operation[]> {
    const range =
      after === undefined ? this.db.outbox.orderBy('hlc') : this.db.outbox.where('hlc').above(after);
    // Without held blobs there is nothing to filter, and IndexedDB can hand the batch over in one getAll.
    const rows = await (
      held.size === 0 ? range : range.filter((row) => row.blob === undefined || !held.has(row.blob))
    )
      .limit(limit)
      .toArray();
    return Promise.all(
      rows.map(async (row) => {
        const plain = await openJson(this.key, opContext(row.hlc), row);
        return row.legacy ? Operation.parse(dossierEnvelope(DraftOp.parse(plain))) : Operation.parse(plain);
      }),
    );
  }

  /** The blobs that operations waiting here reference, each with the drafts whose operations name it. */
  async referencedBlobs(): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    await this.db.outbox
      .where('blob')
      .above('')
      .each((row) => {
        if (row.blob) out.set(row.blob, (out.get(row.blob) ?? new Set()).add(row.draftId ?? row.entityId));
      });
    return out;
  }

  /**
   * Drops the acknowledged operations. A draft whose outbox is then empty reads as synced (see
   * DraftRepository.list). A caller that knows which drafts the operations belong to passes them, and the
   * rows are not read back just to tell the screens which drafts changed. Returns how many left the outbox.
   */
  async ack(hlcs: readonly string[], draftIds?: Iterable<string>): Promise<number> {
    if (hlcs.length === 0) return 0;
    const affected = new Set<string>(draftIds ?? []);
    const removed = await this.db.transaction('rw', this.db.outbox, async () => {
      if (draftIds === undefined) {
        const rows = (await this.db.outbox.bulkGet([...hlcs])).filter((r) => r !== undefined);
        for (const row of rows) if (row.draftId) affected.add(row.draftId);
        await this.db.outbox.bulkDelete(rows.map((r) => r.hlc));
        return rows.length;
      }
      const before = await this.db.outbox.count();
      await this.db.outbox.bulkDelete([...hlcs]);
      return before - (await this.db.outbox.count());
    });
    this.changes.emit([...affected], 'ack');
    return removed;
  }
}
