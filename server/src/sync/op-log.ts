import type { Kysely, Transaction } from 'kysely';
import { addToDigest, EMPTY_DIGEST, type Digest } from '#shared/digest/digest';
import type { DigestResponse } from '#shared/digest/messages';
import type { LogOperation } from '#shared/protocol/operation';
import type { Schema } from '../db/schema';

/** One operation to append to a point's log, with the device that caused it. */
export interface LogEntry {
  op: LogOperation;
  deviceId: string;
}

/**
 * Takes the point's row lock (a no-op update) for the rest of the transaction: writers of one point's log
 * then run one after another, so a retry racing its original sees it as stored, and (on PostgreSQL) seq
 * order is commit order.
 */
export async function lockPointLog(trx: Transaction<Schema>, pointId: string): Promise<void> {
  await trx
    .updateTable('points')
    .set((eb) => ({ last_seq: eb.ref('last_seq') }))
    .where('id', '=', pointId)
    .execute();
}

/**
 * Appends operations to the point's log with the next sequence numbers and the running digest; call after
 * `lockPointLog` in the same transaction. Returns the last seq written.
 */
export async function appendToLog(
  trx: Transaction<Schema>,
  pointId: string,
  entries: readonly LogEntry[],
  now: number,
): Promise<number> {
  const { last_seq: lastSeq } = await trx
    .updateTable('points')
    .set((eb) => ({ last_seq: eb(eb.ref('last_seq'), '+', entries.length) }))
    .where('id', '=', pointId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const firstSeq = lastSeq - entries.length + 1;
  let digest = firstSeq > 1 ? await digestAt(trx, pointId, firstSeq - 1) : EMPTY_DIGEST;
  const rows = entries.map(({ op, deviceId }, i) => {
    digest = addToDigest(digest, op.hlc);
    return {
      point_id: pointId,
      seq: firstSeq + i,
      hlc: op.hlc,
      device_id: deviceId,
      draft_id: op.draftId,
      kind: op.kind,
      body_json: JSON.stringify(op),
      committed_at: now,
      digest_count: digest.count,
      digest_hash: digest.hash,
    };
  });
  if (rows.length) await trx.insertInto('ops').values(rows).execute();
  return lastSeq;
}

async function digestAt(trx: Transaction<Schema>, pointId: string, seq: number): Promise<Digest> {
  const row = await trx
    .selectFrom('ops')
    .select(['digest_count', 'digest_hash'])
    .where('point_id', '=', pointId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  // The log is gap-free and never compacted (see docs/sync.md, "Server"); a hole is a broken invariant.
  if (!row) throw new Error(`op log of point ${pointId} has no row at seq ${seq}`);
  return { count: row.digest_count, hash: row.digest_hash };
}

/**
 * The digest of the point's operations with seq ≤ `cursor`; a cursor past the end is clamped to the last seq.
 * One read on the (point_id, seq) primary key.
 */
export async function readDigest(
  db: Kysely<Schema>,
  pointId: string,
  cursor: number,
): Promise<DigestResponse> {
  const row = await db
    .selectFrom('ops')
    .select(['seq', 'digest_count', 'digest_hash'])
    .where('point_id', '=', pointId)
    .where('seq', '<=', cursor)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { cursor: row.seq, count: row.digest_count, hash: row.digest_hash }
    : { cursor: 0, ...EMPTY_DIGEST };
}
