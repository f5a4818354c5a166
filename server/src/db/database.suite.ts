import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestEngine } from '../test-support/engines';
import type { Database } from './database';

/** The schema and migrations, on the engine `makeEngine` gives. */
export function databaseSuite(makeEngine: () => TestEngine): void {
  let engine: TestEngine;
  let db: Database;

  beforeAll(async () => {
    engine = makeEngine();
    db = await engine.open();
  });
  afterAll(async () => engine?.dispose());

  it('creates every table, and migrating again changes nothing', async () => {
    await db.migrate();
    await db.migrate();
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      db.kysely,
    );
    expect(applied.rows.map((r) => r.name)).toEqual([
      '0001_initial',
      '0002_register_bookkeeping',
      '0003_op_digest',
      '0004_draft_status',
      '0005_leases',
      '0006_blobs',
      '0007_entity_log',
    ]);
    for (const table of [
      'points',
      'devices',
      'enrollment_codes',
      'ops',
      'drafts',
      'draft_fields',
      'leases',
      'blobs',
      'entities',
      'published_scopes',
      'published_ops',
    ] as const) {
      await expect(db.kysely.selectFrom(table).selectAll().execute()).resolves.toEqual([]);
    }
  });

  it('migrates two databases side by side without mixing them up', async () => {
    const [a, b] = [makeEngine(), makeEngine()];
    try {
      const [dbA, dbB] = await Promise.all([a.open(), b.open()]);
      await dbA.kysely
        .insertInto('points')
        .values({ id: 'only-a', name: 'A', ward_code: null, last_seq: 0, created_at: 1 })
        .execute();
      expect(await dbB.kysely.selectFrom('points').selectAll().execute()).toEqual([]);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });

  it('reads big sequence numbers and times back as numbers', async () => {
    const big = 2 ** 40 + 7;
    await db.kysely
      .insertInto('points')
      .values({ id: 'big', name: 'n', ward_code: null, last_seq: big, created_at: Date.now() })
      .execute();
    const row = await db.kysely
      .updateTable('points')
      .set((eb) => ({ last_seq: eb(eb.ref('last_seq'), '+', 1) }))
      .where('id', '=', 'big')
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    expect(row.last_seq).toBe(big + 1);
  });

  it('enforces foreign keys, one op per hlc and one op per (point, seq)', async () => {
    const now = Date.now();
    await expect(
      db.kysely
        .insertInto('devices')
        .values({
          id: 'd',
          point_id: 'nowhere',
          label: null,
          token_hash: 'h',
          revoked_at: null,
          created_at: now,
          last_seen_at: null,
        })
        .execute(),
    ).rejects.toThrow();
    await db.kysely
      .insertInto('points')
      .values({ id: 'p', name: 'n', ward_code: null, last_seq: 0, created_at: now })
      .execute();
    await db.kysely
      .insertInto('devices')
      .values({
        id: 'd',
        point_id: 'p',
        label: null,
        token_hash: 'h',
        revoked_at: null,
        created_at: now,
        last_seen_at: null,
      })
      .execute();
    const op = {
      point_id: 'p',
      seq: 1,
      hlc: '1700000000000:0000:d',
      device_id: 'd',
      entity_type: 'dossier',
      entity_id: 'x',
      body_json: '{}',
      committed_at: now,
      digest_count: 1,
      digest_hash: '0000000000000001',
    };
    await db.kysely.insertInto('ops').values(op).execute();
    await expect(
      db.kysely
        .insertInto('ops')
        .values({ ...op, seq: 2 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db.kysely
        .insertInto('ops')
        .values({ ...op, hlc: '1700000000000:0001:d' })
        .execute(),
    ).rejects.toThrow();
  });
}
