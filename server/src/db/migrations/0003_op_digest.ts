import type { Kysely } from 'kysely';
import { addToDigest, EMPTY_DIGEST, type Digest } from '#shared/digest/digest';

/** The ops table as this migration sees it. */
interface OpsV3 {
  ops: { point_id: string; seq: number; hlc: string; digest_count: number; digest_hash: string };
}

const PAGE = 1000;

/**
 * The running digest (shared/src/digest) of a point's log up to and including each row, written when the row
 * is inserted, so the digest at any cursor is one indexed read. Existing rows are filled in here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('ops')
    .addColumn('digest_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('ops')
    .addColumn('digest_hash', 'text', (c) => c.notNull().defaultTo(EMPTY_DIGEST.hash))
    .execute();

  const k = db as unknown as Kysely<OpsV3>;
  let after: { point: string; seq: number } | undefined;
  let point: string | undefined;
  let digest: Digest = EMPTY_DIGEST;
  for (;;) {
    let q = k.selectFrom('ops').select(['point_id', 'seq', 'hlc']);
    if (after) {
      const { point: p, seq } = after;
      q = q.where((eb) =>
        eb.or([eb('point_id', '>', p), eb.and([eb('point_id', '=', p), eb('seq', '>', seq)])]),
      );
    }
    const rows = await q.orderBy('point_id').orderBy('seq').limit(PAGE).execute();
    for (const row of rows) {
      if (row.point_id !== point) [point, digest] = [row.point_id, EMPTY_DIGEST];
      digest = addToDigest(digest, row.hlc);
      await k
        .updateTable('ops')
        .set({ digest_count: digest.count, digest_hash: digest.hash })
        .where('point_id', '=', row.point_id)
        .where('seq', '=', row.seq)
        .execute();
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = { point: last.point_id, seq: last.seq };
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ops').dropColumn('digest_hash').execute();
  await db.schema.alterTable('ops').dropColumn('digest_count').execute();
}
