import type { Kysely } from 'kysely';

/** Remembers which enrollment attempt spent a code, so its retry after a lost answer can be recognised. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('enrollment_codes').addColumn('attempt_hash', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('enrollment_codes').dropColumn('attempt_hash').execute();
}
