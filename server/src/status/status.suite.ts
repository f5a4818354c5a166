import { dossierOpOf } from '#shared/entities/dossier';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyOps, emptyDraft } from '#shared/merge/draft-state';
import { PullResponse } from '#shared/protocol/sync';
import { StatusChangeOk, StatusConflict, type StatusChangeRequest } from '#shared/status/messages';
import type { Status } from '#shared/status/status';
import type { Reply } from '../test-support/client';
import type { TestEngine } from '../test-support/engines';
import { nextPoke, openEvents } from '../test-support/event-reader';
import { snapshotDb, type TestDevice } from '../test-support/fixtures';
import { startTestServer, type TestServer } from '../test-support/test-server';

const codeOf = (res: Reply) => (res.body as { error?: { code: string } }).error?.code;

/** POST /api/v1/drafts/:draftId/status: compare-and-set, the StatusOps it logs, and its refusals. */
export function statusSuite(makeEngine: () => TestEngine): void {
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

  const request = (d: TestDevice, draftId: string, expected: Status, next: Status): StatusChangeRequest => ({
    draftId,
    expected,
    next,
    hlc: d.ops.clock.tick(),
  });
  const post = (d: TestDevice, body: unknown, draftId = (body as { draftId: string }).draftId) =>
    t.call('POST', `/api/v1/drafts/${draftId}/status`, { token: d.token, body });

  async function twoPcs() {
    const { devices } = await t.point(2);
    const [pc1, pc2] = devices;
    if (!pc1 || !pc2) throw new Error('devices missing');
    const draftId = randomUUID();
    expect((await t.push(pc1, [pc1.ops.create(draftId)])).status).toBe(200);
    return { pc1, pc2, draftId };
  }

  it('applies changes whose expected status holds; pulls carry them as StatusOps of rising version', async () => {
    const { pc1, pc2, draftId } = await twoPcs();
    const first = request(pc1, draftId, 'draft', 'ready');
    const res1 = await post(pc1, first);
    expect([res1.status, res1.body]).toEqual([200, { ok: true, status: 'ready', changed: true }]);
    const second = request(pc2, draftId, 'ready', 'submitted');
    const res2 = await post(pc2, second);
    expect([res2.status, StatusChangeOk.parse(res2.body)]).toEqual([
      200,
      { ok: true, status: 'submitted', changed: true },
    ]);

    const pulled = PullResponse.parse((await t.call('GET', '/api/v1/sync/pull', { token: pc2.token })).body);
    expect(pulled.ops.map((p) => p.op)).toEqual([
      expect.objectContaining({
        type: 'dossier',
        id: draftId,
        body: expect.objectContaining({ kind: 'create' }),
      }),
      { hlc: first.hlc, type: 'dossier', id: draftId, body: { kind: 'status', status: 'ready', version: 1 } },
      {
        hlc: second.hlc,
        type: 'dossier',
        id: draftId,
        body: { kind: 'status', status: 'submitted', version: 2 },
      },
    ]);
    expect(pulled.ops.map((p) => p.seq)).toEqual([1, 2, 3]);
    // Replicas converge by version whatever order they apply them in.
    const ops = pulled.ops.map((p) =>
      p.op.type === 'dossier' ? dossierOpOf(p.op) : expect.fail('not a dossier op'),
    );
    expect(applyOps(emptyDraft(draftId), ops).status).toEqual({ value: 'submitted', version: 2 });
    expect(applyOps(emptyDraft(draftId), [...ops].reverse()).status).toEqual({
      value: 'submitted',
      version: 2,
    });
    const row = await t.server.db.kysely
      .selectFrom('drafts')
      .select(['status', 'status_version'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'submitted', status_version: 2 });
  });

  it('refuses a change that assumed a stale status with 409 and the current one, changing nothing', async () => {
    const { pc1, pc2, draftId } = await twoPcs();
    await post(pc1, request(pc1, draftId, 'draft', 'ready'));
    await post(pc1, request(pc1, draftId, 'ready', 'submitted'));
    const before = await snapshotDb(t.server.db);
    // PC 2 still shows "ready" and wants to edit again.
    const res = await post(pc2, request(pc2, draftId, 'ready', 'draft'));
    expect(res.status).toBe(409);
    expect(StatusConflict.parse(res.body)).toEqual({
      ok: false,
      code: 'STATUS_CONFLICT',
      current: 'submitted',
      reason: 'expected status ready, but it is submitted',
    });
    expect(Object.keys(res.body as object).sort()).toEqual(['code', 'current', 'ok', 'reason']);
    expect(await snapshotDb(t.server.db)).toEqual(before);
  });

  it('answers a retry (same hlc) as the first time and logs the change once', async () => {
    const { pc1, pc2, draftId } = await twoPcs();
    const change = request(pc1, draftId, 'draft', 'ready');
    const first = await post(pc1, change);
    // Meanwhile PC 2 moves the dossier on; the lost answer's retry still gets the answer it missed.
    await post(pc2, request(pc2, draftId, 'ready', 'submitted'));
    const retry = await post(pc1, change);
    expect([retry.status, retry.body]).toEqual([first.status, first.body]);
    const logged = await t.server.db.kysely
      .selectFrom('ops')
      .select('seq')
      .where('hlc', '=', change.hlc)
      .execute();
    expect(logged).toHaveLength(1);

    // A new request for the status that already holds changes nothing and logs nothing.
    const before = await snapshotDb(t.server.db);
    const same = await post(pc1, request(pc1, draftId, 'ready', 'submitted'));
    expect([same.status, same.body]).toEqual([200, { ok: true, status: 'submitted', changed: false }]);
    expect(await snapshotDb(t.server.db)).toEqual(before);
  });

  it('serializes racing changes: of concurrent conflicting requests one wins, and one op is logged per change', async () => {
    const { pc1, pc2, draftId } = await twoPcs();
    const racing = await Promise.all([
      post(pc1, request(pc1, draftId, 'draft', 'ready')),
      post(pc2, request(pc2, draftId, 'draft', 'ready')),
      post(pc1, request(pc1, randomUUID(), 'draft', 'ready')),
    ]);
    const [a, b] = racing.map((r) => r.body as { changed?: boolean });
    expect([a?.changed, b?.changed].sort()).toEqual([false, true]);
    const logged = await t.server.db.kysely
      .selectFrom('ops')
      .select(['seq', 'body_json'])
      .where('entity_id', '=', draftId)
      .orderBy('seq')
      .execute();
    expect(logged.map((o) => (JSON.parse(o.body_json) as { body: { kind: string } }).body.kind)).toEqual([
      'create',
      'status',
    ]);
  });

  it('pokes the point when a change is logged', async () => {
    const { pc1, pc2, draftId } = await twoPcs();
    const stream = await openEvents(t.server.url, pc2.token);
    try {
      expect(await nextPoke(stream)).toEqual({ scope: 'point', seq: 1 });
      await post(pc1, request(pc1, draftId, 'draft', 'ready'));
      expect(await nextPoke(stream)).toEqual({ scope: 'point', seq: 2 });
    } finally {
      stream.close();
    }
  });

  it('refuses, changing nothing: an edge that does not exist, a body for another draft, a foreign device id', async () => {
    const { pc1, pc2, draftId } = await twoPcs();
    const before = await snapshotDb(t.server.db);
    const skip = await post(pc1, request(pc1, draftId, 'draft', 'submitted'));
    expect([skip.status, codeOf(skip)]).toEqual([400, 'VALIDATION_FAILED']);
    const elsewhere = await post(pc1, request(pc1, draftId, 'draft', 'ready'), randomUUID());
    expect([elsewhere.status, codeOf(elsewhere)]).toEqual([400, 'VALIDATION_FAILED']);
    const spoofed = await post(pc1, {
      ...request(pc1, draftId, 'draft', 'ready'),
      hlc: pc2.ops.clock.tick(),
    });
    expect([spoofed.status, codeOf(spoofed)]).toEqual([400, 'DEVICE_MISMATCH']);
    const junk = await post(pc1, { draftId, expected: 'draft', next: 'archived', hlc: pc1.ops.clock.tick() });
    expect([junk.status, codeOf(junk)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await snapshotDb(t.server.db)).toEqual(before);
  });

  it("answers 403 for another point's draft and 404 for an unknown one", async () => {
    const { draftId } = await twoPcs();
    const { devices } = await t.point(1);
    const stranger = devices[0];
    if (!stranger) throw new Error('device missing');
    const foreign = await post(stranger, request(stranger, draftId, 'draft', 'ready'));
    expect([foreign.status, codeOf(foreign)]).toEqual([403, 'FORBIDDEN']);
    const unknown = await post(stranger, request(stranger, randomUUID(), 'draft', 'ready'));
    expect([unknown.status, codeOf(unknown)]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses a status operation pushed by a kiosk: only the server writes them', async () => {
    const { pc1, draftId } = await twoPcs();
    const res = await t.push(pc1, [
      { kind: 'status', hlc: pc1.ops.clock.tick(), draftId, status: 'done', version: 99 } as never,
    ]);
    expect([res.status, codeOf(res)]).toEqual([400, 'VALIDATION_FAILED']);
  });
}
