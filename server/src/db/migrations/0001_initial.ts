import type { Kysely } from 'kysely';

// Migrations see the database as it was then, not as `Schema` says now: hence Kysely<unknown>.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ward_code', 'text')
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('point_id', 'text', (c) => c.notNull().references('points.id'))
    .addColumn('label', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('revoked_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint')
    .execute();
  await db.schema.createIndex('devices_point_id').on('devices').column('point_id').execute();

  await db.schema
    .createTable('enrollment_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('point_id', 'text', (c) => c.notNull().references('points.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('device_id', 'text', (c) => c.references('devices.id'))
    .execute();
  await db.schema
    .createIndex('enrollment_codes_point_id')
    .on('enrollment_codes')
    .column('point_id')
    .execute();

  await db.schema
    .createTable('ops')
    .addColumn('point_id', 'text', (c) => c.notNull().references('points.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull().unique())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('draft_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ops_pk', ['point_id', 'seq'])
    .execute();
  await db.schema.createIndex('ops_draft_id').on('ops').column('draft_id').execute();

  await db.schema
    .createTable('drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('point_id', 'text', (c) => c.notNull().references('points.id'))
    .addColumn('procedure_id', 'text')
    .addColumn('deleted_hlc', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('drafts_point_id').on('drafts').column('point_id').execute();

  await db.schema
    .createTable('draft_fields')
    .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('prev', 'text')
    .addColumn('conflicts_json', 'text')
    .addPrimaryKeyConstraint('draft_fields_pk', ['draft_id', 'field'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['draft_fields', 'drafts', 'ops', 'enrollment_codes', 'devices', 'points']) {
    await db.schema.dropTable(table).execute();
  }
}
