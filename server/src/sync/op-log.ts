import type { Kysely, Transaction } from 'kysely';
import { addToDigest, EMPTY_DIGEST, type Digest } from '#shared/digest/digest';
import type { DigestResponse } from '#shared/digest/messages';
import type { Operation } from '#shared/entities/registry';
import type { PulledOperation } from '#shared/protocol/sync';
import type { Schema } from '../db/schema';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * A log with its own sequence and running digest: a point's own log (table `ops`, head `points.last_seq`),
 * or a published scope (table `published_ops`, head `published_scopes.last_seq`) keyed `catalog`, `guides`,
 * `adminUnits` or `roster:<pointId>`.
 */
export type LogRef = { readonly point: string } | { readonly published: string };

/** One operation to append, with the device that caused it (absent for published operations). */
export interface LogEntry {
  op: Operation;
  deviceId?: string;
}

/**
 * Takes the log's head row lock (a no-op update) for the rest of the transaction: writers of one log then run
 * one after another, so a retry racing its original sees it stored, and (on PostgreSQL) seq order is commit
 * order. A published scope's head row is made on first use.
 */
export async function lockLog(trx: Transaction<Schema>, log: LogRef): Promise<void> {
  if ('point' in log) {
    await trx
      .updateTable('points')
      .set((eb) => ({ last_seq: eb.ref('last_seq') }))
      .where('id', '=', log.point)
      .execute();
    return;
  }
  await trx
    .insertInto('published_scopes')
    .values({ scope: log.published, last_seq: 0 })
    .onConflict((oc) =>
      oc.column('scope').doUpdateSet((eb) => ({ last_seq: eb.ref('published_scopes.last_seq') })),
    )
    .execute();
}

/** Moves the head on by `n` and returns the new last seq. */
async function advanceHead(trx: Transaction<Schema>, log: LogRef, n: number): Promise<number> {
  if ('point' in log) {
    const row = await trx
      .updateTable('points')
      .set((eb) => ({ last_seq: eb(eb.ref('last_seq'), '+', n) }))
      .where('id', '=', log.point)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return row.last_seq;
  }
  const row = await trx
    .updateTable('published_scopes')
    .set((eb) => ({ last_seq: eb(eb.ref('last_seq'), '+', n) }))
    .where('scope', '=', log.published)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

/**
 * Appends operations with the next sequence numbers and the running digest; call after `lockLog` in the same
 * transaction. Returns the first and last seq written.
 */
export async function appendToLog(
  trx: Transaction<Schema>,
  log: LogRef,
  entries: readonly LogEntry[],
  now: number,
): Promise<{ first: number; last: number }> {
  const last = await advanceHead(trx, log, entries.length);
  const first = last - entries.length + 1;
  let digest = first > 1 ? await digestAt(trx, log, first - 1) : EMPTY_DIGEST;
  const rows = entries.map(({ op }, i) => {
    digest = addToDigest(digest, op.hlc);
    return {
      seq: first + i,
      hlc: op.hlc,
      entity_type: op.type,
      entity_id: op.id,
      body_json: JSON.stringify(op),
      committed_at: now,
      digest_count: digest.count,
      digest_hash: digest.hash,
    };
  });
  if (!rows.length) return { first, last };
  if ('point' in log) {
    await trx
      .insertInto('ops')
      .values(
        rows.map((r, i) => {
          const deviceId = entries[i]?.deviceId;
          if (deviceId === undefined) throw new Error('an operation of a point log needs its device');
          return { ...r, point_id: log.point, device_id: deviceId };
        }),
      )
      .execute();
  } else {
    await trx
      .insertInto('published_ops')
      .values(rows.map((r) => ({ ...r, scope: log.published })))
      .execute();
  }
  return { first, last };
}

async function digestAt(db: Db, log: LogRef, seq: number): Promise<Digest> {
  const row =
    'point' in log
      ? await db
          .selectFrom('ops')
          .select(['digest_count', 'digest_hash'])
          .where('point_id', '=', log.point)
          .where('seq', '=', seq)
          .executeTakeFirst()
      : await db
          .selectFrom('published_ops')
          .select(['digest_count', 'digest_hash'])
          .where('scope', '=', log.published)
          .where('seq', '=', seq)
          .executeTakeFirst();
  // Logs are gap-free and never compacted (see docs/sync.md, "Server"); a hole is a broken invariant.
  if (!row) throw new Error(`log ${JSON.stringify(log)} has no row at seq ${seq}`);
  return { count: row.digest_count, hash: row.digest_hash };
}

/**
 * The digest of the log's operations with seq ≤ `cursor`; a cursor past the end is clamped to the last seq.
 * One read on the log's primary key.
 */
export async function readDigest(db: Db, log: LogRef, cursor: number): Promise<DigestResponse> {
  const row =
    'point' in log
      ? await db
          .selectFrom('ops')
          .select(['seq', 'digest_count', 'digest_hash'])
          .where('point_id', '=', log.point)
          .where('seq', '<=', cursor)
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst()
      : await db
          .selectFrom('published_ops')
          .select(['seq', 'digest_count', 'digest_hash'])
          .where('scope', '=', log.published)
          .where('seq', '<=', cursor)
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
  return row
    ? { cursor: row.seq, count: row.digest_count, hash: row.digest_hash }
    : { cursor: 0, ...EMPTY_DIGEST };
}

export interface PullPage {
  ops: PulledOperation[];
  cursor: number;
  hasMore: boolean;
}

/** One page of a log after `cursor`, in seq order. */
export async function readLog(db: Db, log: LogRef, cursor: number, limit: number): Promise<PullPage> {
  const rows =
    'point' in log
      ? await db
          .selectFrom('ops')
          .select(['seq', 'body_json'])
          .where('point_id', '=', log.point)
          .where('seq', '>', cursor)
          .orderBy('seq')
          .limit(limit + 1)
          .execute()
      : await db
          .selectFrom('published_ops')
          .select(['seq', 'body_json'])
          .where('scope', '=', log.published)
          .where('seq', '>', cursor)
          .orderBy('seq')
          .limit(limit + 1)
          .execute();
  const page = rows.slice(0, limit);
  return {
    // Stored ops were validated with the shared schema on the way in.
    ops: page.map((r) => ({ seq: r.seq, op: JSON.parse(r.body_json) as Operation })),
    cursor: page.at(-1)?.seq ?? cursor,
    hasMore: rows.length > limit,
  };
}

/** The log's last seq (0 when empty). */
export async function lastSeq(db: Db, log: LogRef): Promise<number> {
  const row =
    'point' in log
      ? await db.selectFrom('points').select('last_seq').where('id', '=', log.point).executeTakeFirst()
      : await db
          .selectFrom('published_scopes')
          .select('last_seq')
          .where('scope', '=', log.published)
          .executeTakeFirst();
  return row?.last_seq ?? 0;
}
