import { Migrator, sql } from 'kysely';
import { openDatabase } from '../db/database';
import { migrations } from '../db/migrations/index';
import type { TestEngine } from './engines';

/** Parents before children, as the foreign keys want. */
const TABLES = ['points', 'devices', 'enrollment_codes', 'ops', 'drafts', 'draft_fields', 'leases', 'blobs'];

/**
 * Writes the tables of a database made by an earlier release into the test engine's location, migrated to
 * that release's last migration first, then migrates to the latest: the upgrade a deployment goes through.
 */
export async function restoreReleaseDatabase(
  engine: TestEngine,
  releaseMigration: string,
  tables: Record<string, Record<string, unknown>[]>,
): Promise<void> {
  const db = await openDatabase(engine.options);
  try {
    const schema =
      db.engine === 'postgres'
        ? (await sql<{ name: string }>`select current_schema() as name`.execute(db.kysely)).rows[0]?.name
        : undefined;
    const migrator = new Migrator({
      db: db.kysely,
      provider: { getMigrations: async () => migrations },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await migrator.migrateTo(releaseMigration);
    if (error) throw error instanceof Error ? error : new Error(String(error));
    for (const table of TABLES) {
      const rows = tables[table] ?? [];
      // The rows are the release's own, for the release's schema, which the typed schema no longer describes.
      if (rows.length)
        await db.kysely
          .insertInto(table as never)
          .values(rows as never)
          .execute();
    }
    await db.migrate();
  } finally {
    await db.close();
  }
}
