import type { Kysely } from 'kysely';

/**
 * Soft edit leases ("PC 2 is editing this draft"), in the database so every server process sees the same
 * holder. Keyed by draft alone: a draft id belongs to one point. A lease can exist before its draft is
 * pushed, hence no foreign key to drafts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('leases')
    .addColumn('draft_id', 'text', (c) => c.primaryKey())
    .addColumn('point_id', 'text', (c) => c.notNull().references('points.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leases_point_id').on('leases').column('point_id').execute();
  await db.schema.createIndex('leases_expires_at').on('leases').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('leases').execute();
}
