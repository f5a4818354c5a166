import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { HlcClock } from '#shared/clock/hlc-clock';
import { entityType, Operation, type EntityTypeName } from '#shared/entities/registry';
import type { PublishedScope } from '#shared/entities/scopes';
import type { Schema } from '../db/schema';
import { appendToLog, lastSeq, lockLog } from './op-log';
import { publishedKey } from './scope-logs';

/** One record to publish: its type and id, and its content without `version` (the server counts them). */
export const PublishedRecord = z.object({
  type: z.string(),
  id: z.string(),
  content: z.record(z.string(), z.unknown()),
});
export type PublishedRecord = z.infer<typeof PublishedRecord>;

export interface PublishResult {
  /** The scope's log key (`catalog`, `roster:<pointId>`, ...). */
  scope: string;
  /** Records whose content changed (written as their next version). */
  published: number;
  /** Records left alone: the same content is already the latest version. */
  unchanged: number;
  /** The scope's last seq after publishing. */
  seq: number;
}

/** Stamps of this process's publications: its own device id, so two server processes never make the same. */
const clock = new HlcClock(`srv-${randomBytes(6).toString('hex')}`);

/**
 * Publishes records to a published scope, one transaction under the scope's lock: each record whose content
 * differs from its latest version becomes its next version (an operation of the record's type, checked by
 * the shared schema); the rest are left alone, so publishing the same file twice writes nothing.
 */
export async function publishRecords(
  db: Kysely<Schema>,
  scope: PublishedScope,
  pointId: string | null,
  records: readonly PublishedRecord[],
  now: number = Date.now(),
): Promise<PublishResult> {
  const key = publishedKey(scope, pointId);
  return db.transaction().execute(async (trx) => {
    await lockLog(trx, { published: key });
    const latest = await trx
      .selectFrom('published_ops')
      .select(['hlc', 'entity_type', 'entity_id', 'body_json'])
      .where('scope', '=', key)
      .orderBy('seq')
      .execute();
    const current = new Map<string, { version: number; json: string }>();
    let newest = '';
    for (const row of latest) {
      const { version, ...content } = Operation.parse(JSON.parse(row.body_json)).body as { version: number };
      current.set(`${row.entity_type}/${row.entity_id}`, { version, json: JSON.stringify(content) });
      if (row.hlc > newest) newest = row.hlc;
    }
    if (newest) clock.receive(newest);

    const ops: Operation[] = [];
    for (const record of records) {
      const type = record.type as EntityTypeName;
      if (entityType(type).scope !== scope)
        throw new Error(`a ${record.type} record does not belong to the ${scope} scope`);
      const before = current.get(`${record.type}/${record.id}`);
      const version = (before?.version ?? 0) + 1;
      const op = Operation.parse({
        hlc: clock.tick(),
        type,
        id: record.id,
        body: { ...record.content, version },
      });
      const { version: _v, ...content } = op.body as { version: number };
      // Compared as parsed, so the order of keys in the file does not matter.
      const json = JSON.stringify(content);
      if (before?.json === json) continue;
      ops.push(op);
      current.set(`${record.type}/${record.id}`, { version, json });
    }
    const seq = ops.length
      ? (
          await appendToLog(
            trx,
            { published: key },
            ops.map((op) => ({ op })),
            now,
          )
        ).last
      : await lastSeq(trx, { published: key });
    return { scope: key, published: ops.length, unchanged: records.length - ops.length, seq };
  });
}
