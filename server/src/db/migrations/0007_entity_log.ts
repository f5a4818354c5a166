import { sql, type Kysely } from 'kysely';
import { dossierEnvelope } from '#shared/entities/dossier';
import { DossierOp } from '#shared/protocol/operation';

/** The ops table as this migration sees it. */
interface OpsV7 {
  ops: { point_id: string; seq: number; body_json: string };
}

const PAGE = 1000;

/**
 * Entity-typed operations and published scopes.
 * - The point's log names each operation's entity (`entity_type`, `entity_id`, formerly `draft_id`) and
 *   stores the envelope; operations written before are dossier operations, rewritten in place with the same
 *   stamp and seq, so cursors and digests stay valid. The `kind` column goes: the body says it.
 * - `entities`: which point owns each record of the point logs (a push may not write another point's).
 * - `published_scopes` / `published_ops`: the logs the server publishes (catalog, guides, administrative
 *   units; a roster per point), each with its own sequence and running digest.
 * - `drafts.catalog_version`: the catalog a dossier was started on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ops').renameColumn('draft_id', 'entity_id').execute();
  await db.schema
    .alterTable('ops')
    .addColumn('entity_type', 'text', (c) => c.notNull().defaultTo('dossier'))
    .execute();
  await db.schema.alterTable('ops').dropColumn('kind').execute();

  const k = db as unknown as Kysely<OpsV7>;
  let after: { point: string; seq: number } | undefined;
  for (;;) {
    let q = k.selectFrom('ops').select(['point_id', 'seq', 'body_json']);
    if (after) {
      const { point, seq } = after;
      q = q.where((eb) =>
        eb.or([eb('point_id', '>', point), eb.and([eb('point_id', '=', point), eb('seq', '>', seq)])]),
      );
    }
    const rows = await q.orderBy('point_id').orderBy('seq').limit(PAGE).execute();
    for (const row of rows) {
      // Every stored op was validated on the way in; one that no longer parses is a broken log.
      const body = JSON.stringify(dossierEnvelope(DossierOp.parse(JSON.parse(row.body_json))));
      await k
        .updateTable('ops')
        .set({ body_json: body })
        .where('point_id', '=', row.point_id)
        .where('seq', '=', row.seq)
        .execute();
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = { point: last.point_id, seq: last.seq };
  }

  await db.schema
    .createTable('entities')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('point_id', 'text', (c) => c.notNull().references('points.id'))
    .addPrimaryKeyConstraint('entities_pk', ['type', 'id'])
    .execute();
  await sql`insert into entities (type, id, point_id) select 'dossier', id, point_id from drafts`.execute(db);

  await db.schema
    .createTable('published_scopes')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('published_ops')
    .addColumn('scope', 'text', (c) => c.notNull().references('published_scopes.scope'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull().unique())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'bigint', (c) => c.notNull())
    .addColumn('digest_count', 'bigint', (c) => c.notNull())
    .addColumn('digest_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('published_ops_pk', ['scope', 'seq'])
    .execute();
  await db.schema
    .createIndex('published_ops_entity')
    .on('published_ops')
    .columns(['scope', 'entity_type', 'entity_id'])
    .execute();

  await db.schema.alterTable('drafts').addColumn('catalog_version', 'text').execute();
}

/** Not reversible: the log then holds envelopes of entity types the code before it does not know. */
export async function down(): Promise<void> {
  throw new Error('0007_entity_log cannot be undone');
}
