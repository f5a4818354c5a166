import type { Kysely, Transaction } from 'kysely';
import type { BlobInfo } from '#shared/protocol/attachments';
import { UploadMetadata } from '#shared/protocol/attachments';
import type { Schema } from '../db/schema';

type Db = Kysely<Schema> | Transaction<Schema>;

/** The point's record of a verified blob, or undefined when the point has not uploaded it. */
export async function findBlob(db: Db, pointId: string, sha256: string): Promise<BlobInfo | undefined> {
  const row = await db
    .selectFrom('blobs')
    .select(['sha256', 'size', 'content_type'])
    .where('point_id', '=', pointId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row
    ? {
        sha256: row.sha256,
        size: row.size,
        contentType: UploadMetadata.shape.contentType.parse(row.content_type),
      }
    : undefined;
}

/** Records that the point has the blob; recording it again changes nothing. */
export async function recordBlob(db: Db, pointId: string, blob: BlobInfo, now: number): Promise<void> {
  await db
    .insertInto('blobs')
    .values({
      point_id: pointId,
      sha256: blob.sha256,
      size: blob.size,
      content_type: blob.contentType,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['point_id', 'sha256']).doNothing())
    .execute();
}

/** Which of `sha256s` the point does not have. */
export async function missingBlobs(db: Db, pointId: string, sha256s: readonly string[]): Promise<string[]> {
  if (!sha256s.length) return [];
  const have = await db
    .selectFrom('blobs')
    .select('sha256')
    .where('point_id', '=', pointId)
    .where('sha256', 'in', sha256s)
    .execute();
  const haveSet = new Set(have.map((r) => r.sha256));
  return sha256s.filter((s) => !haveSet.has(s));
}
