import { randomUUID } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { digestOf, EMPTY_DIGEST } from '#shared/digest/digest';
import { DigestResponse } from '#shared/digest/messages';
import { PullResponse, type PulledOperation } from '#shared/protocol/sync';
import { openDatabase } from '../db/database';
import { migrations } from '../db/migrations/index';
import type { TestEngine } from '../test-support/engines';
import type { TestDevice } from '../test-support/fixtures';
import { startTestServer, type TestServer } from '../test-support/test-server';

/** GET /api/v1/sync/digest against the shared digest of what a pull returns. */
export function digestSuite(makeEngine: () => TestEngine): void {
  let engine: TestEngine;
  let t: TestServer;

  beforeAll(async () => {
    engine = makeEngine();
    t = await startTestServer(engine);
  });
  afterAll(async () => {
    await t?.close();
    await engine?.dispose();
  });

  const digest = async (d: TestDevice, cursor: number | string) => {
    const res = await t.call('GET', `/api/v1/sync/digest?cursor=${cursor}`, { token: d.token });
    expect(res.status).toBe(200);
    return DigestResponse.parse(res.body);
  };
  const pullAll = async (d: TestDevice): Promise<PulledOperation[]> => {
    const ops: PulledOperation[] = [];
    for (let cursor = 0; ;) {
      const page = PullResponse.parse(
        (await t.call('GET', `/api/v1/sync/pull?cursor=${cursor}&limit=7`, { token: d.token })).body,
      );
      ops.push(...page.ops);
      cursor = page.cursor;
      if (!page.hasMore) return ops;
    }
  };

  it('equals the digest of the pulled op ids up to each cursor, status operations included', async () => {
    const { devices } = await t.point(2);
    const [pc1, pc2] = devices;
    if (!pc1 || !pc2) throw new Error('devices missing');
    expect(await digest(pc2, 0)).toEqual({ cursor: 0, ...EMPTY_DIGEST });
    expect(await digest(pc2, 10)).toEqual({ cursor: 0, ...EMPTY_DIGEST });

    const drafts = [randomUUID(), randomUUID()];
    for (const [i, d] of drafts.entries()) {
      const pc = i ? pc2 : pc1;
      await t.push(pc, [pc.ops.create(d), ...Array.from({ length: 6 }, (_, k) => pc.ops.set(d, `f${k}`, k))]);
    }
    for (const [next, expected] of [
      ['ready', 'draft'],
      ['submitted', 'ready'],
    ] as const) {
      const res = await t.call('POST', `/api/v1/drafts/${drafts[0]}/status`, {
        token: pc2.token,
        body: { draftId: drafts[0], expected, next, hlc: pc2.ops.clock.tick() },
      });
      expect(res.status).toBe(200);
    }
    await t.push(pc1, [pc1.ops.set(drafts[1] ?? '', 'late', 'x')]);

    const pulled = await pullAll(pc1);
    expect(pulled.filter((p) => p.op.type === 'dossier' && p.op.body.kind === 'status')).toHaveLength(2);
    const last = pulled.at(-1)?.seq ?? 0;
    expect(last).toBe(17);
    for (const cursor of [0, 1, 7, 8, 14, 15, 16, last]) {
      const ids = pulled.filter((p) => p.seq <= cursor).map((p) => p.op.hlc);
      expect(await digest(pc1, cursor)).toEqual({ cursor, ...digestOf(ids) });
    }
    // Past the end: clamped to the last seq.
    expect(await digest(pc1, last + 1000)).toEqual({
      cursor: last,
      ...digestOf(pulled.map((p) => p.op.hlc)),
    });

    const { devices: others } = await t.point(1);
    const stranger = others[0];
    if (!stranger) throw new Error('device missing');
    expect(await digest(stranger, last)).toEqual({ cursor: 0, ...EMPTY_DIGEST });
  });

  it('refuses a missing or malformed cursor with VALIDATION_FAILED', async () => {
    const { devices } = await t.point(1);
    for (const query of ['', '?cursor=-1', '?cursor=abc', '?cursor=1.5']) {
      const res = await t.call('GET', `/api/v1/sync/digest${query}`, { token: devices[0]?.token });
      expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
  });

  it('fills in the running digest of a log written before the digest columns existed', async () => {
    const old = makeEngine();
    const db = await openDatabase(old.options);
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
      const { error } = await migrator.migrateTo('0002_register_bookkeeping');
      expect(error).toBeUndefined();
      const ids: Record<string, string[]> = { p1: [], p2: [] };
      await sql`insert into points (id, name, ward_code, last_seq, created_at) values ('p1', 'A', null, 0, 0), ('p2', 'B', null, 0, 0)`.execute(
        db.kysely,
      );
      await sql`insert into devices (id, point_id, label, token_hash, revoked_at, created_at, last_seen_at) values ('d1', 'p1', null, 'h1', null, 0, null), ('d2', 'p2', null, 'h2', null, 0, null)`.execute(
        db.kysely,
      );
      for (let seq = 1; seq <= 5; seq++) {
        for (const [point, device] of [
          ['p1', 'd1'],
          ['p2', 'd2'],
        ] as const) {
          if (point === 'p2' && seq > 3) continue;
          const hlc = `17490000000${String(seq).padStart(2, '0')}:0000:${device}`;
          ids[point]?.push(hlc);
          const draftId = '00000000-0000-4000-8000-000000000001';
          const body = JSON.stringify({ kind: 'create', hlc, draftId, procedureId: 'khai-sinh' });
          await sql`insert into ops (point_id, seq, hlc, device_id, draft_id, kind, body_json, committed_at) values (${point}, ${seq}, ${hlc}, ${device}, ${draftId}, 'create', ${body}, 0)`.execute(
            db.kysely,
          );
        }
      }
      await db.migrate();
      const rows = await db.kysely
        .selectFrom('ops')
        .select(['point_id', 'seq', 'digest_count', 'digest_hash'])
        .orderBy('point_id')
        .orderBy('seq')
        .execute();
      expect(rows).toEqual(
        rows.map((r) => {
          const d = digestOf((ids[r.point_id] ?? []).slice(0, r.seq));
          return { point_id: r.point_id, seq: r.seq, digest_count: d.count, digest_hash: d.hash };
        }),
      );
      expect(rows).toHaveLength(8);
    } finally {
      await db.close();
      await old.dispose();
    }
  });
}
