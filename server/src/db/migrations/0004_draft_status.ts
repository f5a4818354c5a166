import type { Kysely } from 'kysely';

/**
 * A dossier's status and how many compare-and-set changes it has had; `status_version` is the `version` of
 * the status operation written with each change, so replicas keep the highest.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('drafts')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .execute();
  await db.schema
    .alterTable('drafts')
    .addColumn('status_version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('drafts').dropColumn('status_version').execute();
  await db.schema.alterTable('drafts').dropColumn('status').execute();
}
