import type { Kysely } from 'kysely';

/**
 * The shared merge keeps more than value and conflicts per field (agreeing heads, overwritten and
 * awaited stamps) and the stamp of a draft's create; the server must keep them too, or a write that
 * arrives after the one that overwrote it would come back as a false conflict.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('drafts').addColumn('created_hlc', 'text').execute();
  await db.schema.alterTable('draft_fields').addColumn('merge_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('draft_fields').dropColumn('merge_json').execute();
  await db.schema.alterTable('drafts').dropColumn('created_hlc').execute();
}
