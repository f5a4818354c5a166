import type { Kysely } from 'kysely';
import type { PulledOperation } from '#shared/protocol/sync';
import type { Schema } from '../db/schema';

export interface PullPage {
  ops: PulledOperation[];
  cursor: number;
  hasMore: boolean;
}

/** One page of a point's log after `cursor`, in seq order. */
export async function pullOps(
  db: Kysely<Schema>,
  pointId: string,
  cursor: number,
  limit: number,
): Promise<PullPage> {
  const rows = await db
    .selectFrom('ops')
    .select(['seq', 'body_json'])
    .where('point_id', '=', pointId)
    .where('seq', '>', cursor)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    // Stored ops were validated with the shared schema on the way in.
    ops: page.map((r) => ({ seq: r.seq, op: JSON.parse(r.body_json) as PulledOperation['op'] })),
    cursor: page.at(-1)?.seq ?? cursor,
    hasMore: rows.length > limit,
  };
}
