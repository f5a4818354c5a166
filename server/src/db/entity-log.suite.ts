import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { digestOf } from '#shared/digest/digest';
import { DigestResponse } from '#shared/digest/messages';
import { dossierEnvelope } from '#shared/entities/dossier';
import { DossierOp } from '#shared/protocol/operation';
import { DraftSnapshot, PullResponse, PushResponse } from '#shared/protocol/sync';
import { OpMaker } from '../test-support/fixtures';
import type { TestEngine } from '../test-support/engines';
import { restoreReleaseDatabase } from '../test-support/release-database';
import { startTestServer, type TestServer } from '../test-support/test-server';

interface Fixture {
  tokens: Record<string, string>;
  tables: Record<string, Record<string, unknown>[]>;
}

const fixture = JSON.parse(
  readFileSync(new URL('./migrations/fixtures/server-release-1a02d1f.json', import.meta.url), 'utf8'),
) as Fixture;
const rows = (table: string) => fixture.tables[table] ?? [];

/** Migration 0007 from a database written by the release before entity types. */
export function entityLogMigrationSuite(makeEngine: () => TestEngine): void {
  let engine: TestEngine;
  let t: TestServer;
  const oldOps = rows('ops').map((r) => ({
    point: String(r.point_id),
    seq: Number(r.seq),
    op: DossierOp.parse(JSON.parse(String(r.body_json))),
  }));
  const devices = rows('devices').map((r) => ({ id: String(r.id), point: String(r.point_id) }));
  const point1 = oldOps[0]?.point ?? '';
  const [pc1, pc2] = devices.filter((d) => d.point === point1);
  const far = devices.find((d) => d.point !== point1);
  const token = (d: { id: string } | undefined) => fixture.tokens[d?.id ?? ''] ?? '';

  beforeAll(async () => {
    engine = makeEngine();
    await restoreReleaseDatabase(engine, '0006_blobs', fixture.tables);
    t = await startTestServer(engine);
  });
  afterAll(async () => {
    await t?.close();
    await engine?.dispose();
  });

  it('serves the old log as dossier envelopes with the same seqs, stamps and digests', async () => {
    const res = await t.call('GET', '/api/v1/sync/pull?cursor=0&limit=500', { token: token(pc2) });
    const page = PullResponse.parse(res.body);
    const mine = oldOps.filter((o) => o.point === point1);
    expect(page.ops).toEqual(mine.map((o) => ({ seq: o.seq, op: dossierEnvelope(o.op) })));
    expect(mine.some((o) => o.op.kind === 'status')).toBe(true);
    for (const cursor of [1, 5, mine.length]) {
      const digest = DigestResponse.parse(
        (await t.call('GET', `/api/v1/sync/digest?cursor=${cursor}`, { token: token(pc1) })).body,
      );
      expect(digest).toEqual({ cursor, ...digestOf(mine.slice(0, cursor).map((o) => o.op.hlc)) });
    }
  });

  it('keeps the merged drafts, and the old dossiers take new edits, status changes and no foreign writes', async () => {
    const draftId = oldOps[0]?.op.draftId ?? '';
    const before = DraftSnapshot.parse(
      (await t.call('GET', `/api/v1/drafts/${draftId}`, { token: token(pc1) })).body,
    );
    expect(before.fields.fullName?.value).toBe('Nguyễn Thị Lan Anh');
    expect(before.fields['members.r1.fullName']?.value).toBe('Trần Văn Hùng');

    const maker = new OpMaker(pc2?.id ?? '');
    const edit = maker.set(draftId, 'phone', '0911222333', before.fields.phone?.hlc ?? null);
    const pushed = PushResponse.parse(
      (await t.call('POST', '/api/v1/sync/push', { token: token(pc2), body: { ops: [edit] } })).body,
    );
    const last = oldOps.filter((o) => o.point === point1).length;
    expect(pushed).toMatchObject({ acked: [edit.hlc], log: { first: last + 1, last: last + 1 } });
    const after = DraftSnapshot.parse(
      (await t.call('GET', `/api/v1/drafts/${draftId}`, { token: token(pc1) })).body,
    );
    expect(after.fields.phone?.value).toBe('0911222333');

    const status = await t.call('POST', `/api/v1/drafts/${draftId}/status`, {
      token: token(pc1),
      body: { draftId, expected: 'ready', next: 'submitted', hlc: new OpMaker(pc1?.id ?? '').clock.tick() },
    });
    expect([status.status, status.body]).toEqual([200, { ok: true, status: 'submitted', changed: true }]);

    const foreign = new OpMaker(far?.id ?? '').set(draftId, 'fullName', 'x');
    expect(
      (await t.call('POST', '/api/v1/sync/push', { token: token(far), body: { ops: [foreign] } })).status,
    ).toBe(403);
  });
}
