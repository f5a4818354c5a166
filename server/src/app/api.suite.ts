import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOps, emptyDraft } from '#shared/merge/draft-state';
import type { ErrorResponse } from '#shared/protocol/errors';
import { MAX_PULL_PAGE, MAX_PUSH_BATCH } from '#shared/protocol/limits';
import type { Operation } from '#shared/protocol/operation';
import { DraftSnapshot, PullResponse, PushResponse, type PulledOperation } from '#shared/protocol/sync';
import { EnrollResponse } from '#shared/protocol/enroll';
import { createAdmin } from '../admin/index';
import { hashSecret } from '../auth/secrets';
import type { Database } from '../db/database';
import { loadDraftStates } from '../sync/draft-store';
import { injectClient, type Client, type Reply } from '../test-support/client';
import type { TestEngine } from '../test-support/engines';
import { OpMaker, pointWithDevices, snapshotDb, type TestDevice } from '../test-support/fixtures';
import { createApp } from './create-app';
import { createLogger } from './logger';
import type { ZodApp } from './types';

function errorCode(res: Reply): string | undefined {
  return (res.body as Partial<ErrorResponse>).error?.code;
}

/** The whole HTTP API through app.inject, on the engine `makeEngine` gives. */
export function apiSuite(makeEngine: () => TestEngine): void {
  let engine: TestEngine;
  let db: Database;
  let app: ZodApp;
  let call: Client;
  const logLines: string[] = [];
  const staticDir = mkdtempSync(join(tmpdir(), 'dvc-static-'));

  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(staticDir, 'app.js'), 'console.log(1);');
    engine = makeEngine();
    db = await engine.open();
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => void logLines.push(line) },
    });
    // Many enrollments from one test address: the limit has its own test below.
    app = await createApp({
      db,
      logger,
      staticDir,
      allowedOrigins: ['https://kiosk.example'],
      enrollLimit: { max: 10_000, windowMs: 60_000 },
    });
    call = injectClient(app);
  });

  afterAll(async () => {
    await app?.close();
    await engine?.dispose();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const push = (device: TestDevice, ops: Operation[]) =>
    call('POST', '/api/v1/sync/push', { token: device.token, body: { ops } });
  const pull = (device: TestDevice, query = '') =>
    call('GET', `/api/v1/sync/pull${query}`, { token: device.token });

  /** Runs `act` and checks it was refused with `status`/`code` and left every table as it was. */
  async function refusedWithoutChange(
    act: () => Promise<Reply>,
    status: number,
    code: string,
  ): Promise<void> {
    const before = await snapshotDb(db);
    const res = await act();
    expect(res.status).toBe(status);
    expect(errorCode(res)).toBe(code);
    expect(typeof (res.body as ErrorResponse).error.message).toBe('string');
    expect(await snapshotDb(db)).toEqual(before);
  }

  describe('POST /api/v1/enroll', () => {
    it('trades a one-time code for a device id and token, storing only hashes', async () => {
      const admin = createAdmin(db.kysely);
      const point = await admin.createPoint('Điểm Phường 8');
      const [code] = await admin.issueEnrollmentCodes(point.id, 1);
      const res = await call('POST', '/api/v1/enroll', {
        body: { code: ` ${code?.toLowerCase()} `, deviceLabel: 'PC 1' },
      });
      expect(res.status).toBe(200);
      const body = res.body as {
        deviceId: string;
        token: string;
        point: { id: string; name: string };
        serverTime: number;
      };
      expect(body.deviceId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(body.token.length).toBeGreaterThanOrEqual(32);
      expect(body.point).toEqual({ id: point.id, name: 'Điểm Phường 8' });
      expect(Number.isInteger(body.serverTime)).toBe(true);

      const device = await db.kysely
        .selectFrom('devices')
        .selectAll()
        .where('id', '=', body.deviceId)
        .executeTakeFirstOrThrow();
      expect(device).toMatchObject({
        point_id: point.id,
        label: 'PC 1',
        token_hash: hashSecret(body.token),
        revoked_at: null,
      });
      const stored = JSON.stringify(await snapshotDb(db));
      expect(stored).not.toContain(body.token);
      expect(stored).not.toContain(code);
      const codeRow = await db.kysely
        .selectFrom('enrollment_codes')
        .selectAll()
        .where('point_id', '=', point.id)
        .executeTakeFirstOrThrow();
      expect(codeRow.device_id).toBe(body.deviceId);
      expect(codeRow.used_at).not.toBeNull();
    });

    it('refuses a code that was already used, and changes nothing', async () => {
      const { devices } = await pointWithDevices(db, call, 1);
      const codeRow = await db.kysely
        .selectFrom('enrollment_codes')
        .select('code_hash')
        .where('device_id', '=', devices[0]?.deviceId ?? '')
        .executeTakeFirstOrThrow();
      expect(codeRow.code_hash).toMatch(/^[0-9a-f]{64}$/);
      const admin = createAdmin(db.kysely);
      const point = await admin.createPoint('Điểm dùng lại mã');
      const [code] = await admin.issueEnrollmentCodes(point.id, 1);
      expect((await call('POST', '/api/v1/enroll', { body: { code } })).status).toBe(200);
      await refusedWithoutChange(
        () => call('POST', '/api/v1/enroll', { body: { code } }),
        401,
        'ENROLLMENT_CODE_INVALID',
      );
    });

    it('answers a repeated enrollment (lost or duplicated answer) again: same device, same credential', async () => {
      const admin = createAdmin(db.kysely);
      const point = await admin.createPoint('Điểm mạng chập chờn');
      const [code] = await admin.issueEnrollmentCodes(point.id, 1);
      const credential = 'k1osk-made-credential-0123456789abcdef-ABCDEFGH';
      const first = await call('POST', '/api/v1/enroll', { body: { code, credential } });
      expect(first.status).toBe(200);
      const lost = EnrollResponse.parse(first.body);
      expect(lost.token).toBe(credential);
      const again = await call('POST', '/api/v1/enroll', { body: { code, credential } });
      expect(again.status).toBe(200);
      expect(EnrollResponse.parse(again.body).deviceId).toBe(lost.deviceId);
      const pull = await call('GET', '/api/v1/sync/pull?cursor=0', {
        headers: { authorization: `Bearer ${credential}` },
      });
      expect(pull.status).toBe(200);
      const devices = await db.kysely
        .selectFrom('devices')
        .select('id')
        .where('point_id', '=', point.id)
        .execute();
      expect(devices).toHaveLength(1);
      await refusedWithoutChange(
        () =>
          call('POST', '/api/v1/enroll', {
            body: { code, credential: 'someone-else-guessing-0123456789abcdef-ABCDEFGH' },
          }),
        401,
        'ENROLLMENT_CODE_INVALID',
      );
    });

    it('refuses unknown and expired codes', async () => {
      await refusedWithoutChange(
        () => call('POST', '/api/v1/enroll', { body: { code: 'ZZZZ-2222' } }),
        401,
        'ENROLLMENT_CODE_INVALID',
      );
      const admin = createAdmin(db.kysely);
      const point = await admin.createPoint('Điểm mã hết hạn');
      const [code] = await admin.issueEnrollmentCodes(point.id, 1);
      await db.kysely
        .updateTable('enrollment_codes')
        .set({ expires_at: Date.now() - 1 })
        .where('point_id', '=', point.id)
        .execute();
      await refusedWithoutChange(
        () => call('POST', '/api/v1/enroll', { body: { code } }),
        401,
        'ENROLLMENT_CODE_INVALID',
      );
    });

    it('refuses a badly formed code or body with VALIDATION_FAILED', async () => {
      await refusedWithoutChange(
        () => call('POST', '/api/v1/enroll', { body: { code: 'ABCD-1234' } }),
        400,
        'VALIDATION_FAILED',
      );
      await refusedWithoutChange(
        () => call('POST', '/api/v1/enroll', { body: {} }),
        400,
        'VALIDATION_FAILED',
      );
      await refusedWithoutChange(
        () => call('POST', '/api/v1/enroll', { body: '{"code":' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('refuses a body over the size limit with PAYLOAD_TOO_LARGE, and a non-JSON body', async () => {
      const huge = { code: 'ABCD-2345', deviceLabel: 'x'.repeat(2 * 1024 * 1024) };
      await refusedWithoutChange(
        () => call('POST', '/api/v1/enroll', { body: huge }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      await refusedWithoutChange(
        () =>
          call('POST', '/api/v1/enroll', {
            body: '<code>ABCD-2345</code>',
            headers: { 'content-type': 'application/xml' },
          }),
        415,
        'VALIDATION_FAILED',
      );
    });

    it('limits enrollment attempts per address', async () => {
      const limited = await createApp({ db, logLevel: 'silent', enrollLimit: { max: 3, windowMs: 60_000 } });
      try {
        const c = injectClient(limited);
        for (let i = 0; i < 3; i++)
          expect((await c('POST', '/api/v1/enroll', { body: { code: 'ZZZZ-2222' } })).status).toBe(401);
        const res = await c('POST', '/api/v1/enroll', { body: { code: 'ZZZZ-2222' } });
        expect(res.status).toBe(429);
        expect(errorCode(res)).toBe('RATE_LIMITED');
      } finally {
        await limited.close();
      }
    });
  });

  describe('authentication', () => {
    it('refuses a missing or unknown token with UNAUTHENTICATED', async () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer not-a-real-token-at-all' },
        { authorization: 'Basic abc' },
      ];
      for (const headers of attempts) {
        const res = await call('GET', '/api/v1/sync/pull', { headers });
        expect(res.status).toBe(401);
        expect(errorCode(res)).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses a revoked device with CREDENTIAL_REVOKED, on every route', async () => {
      const { devices } = await pointWithDevices(db, call, 1);
      const [d] = devices as [TestDevice];
      expect((await pull(d)).status).toBe(200);
      expect(await createAdmin(db.kysely).revokeDevice(d.deviceId)).toBe(true);
      const draftId = randomUUID();
      await refusedWithoutChange(() => push(d, [d.ops.create(draftId)]), 401, 'CREDENTIAL_REVOKED');
      await refusedWithoutChange(() => pull(d), 401, 'CREDENTIAL_REVOKED');
      await refusedWithoutChange(
        () => call('GET', `/api/v1/drafts/${draftId}`, { token: d.token }),
        401,
        'CREDENTIAL_REVOKED',
      );
    });

    it('records when a device was last seen', async () => {
      const { devices } = await pointWithDevices(db, call, 1);
      const [d] = devices as [TestDevice];
      await db.kysely
        .updateTable('devices')
        .set({ last_seen_at: null })
        .where('id', '=', d.deviceId)
        .execute();
      expect((await pull(d)).status).toBe(200);
      const row = await db.kysely
        .selectFrom('devices')
        .select('last_seen_at')
        .where('id', '=', d.deviceId)
        .executeTakeFirstOrThrow();
      expect(row.last_seen_at).not.toBeNull();
    });
  });

  describe('POST /api/v1/sync/push', () => {
    it('is idempotent: the same batch twice is stored once and acknowledged both times', async () => {
      const { pointId, devices } = await pointWithDevices(db, call, 1);
      const [d] = devices as [TestDevice];
      const draftId = randomUUID();
      const ops = [
        d.ops.create(draftId),
        d.ops.set(draftId, 'fullName', 'Nguyễn Văn A'),
        d.ops.set(draftId, 'phone', '0903123456'),
      ];
      const first = await push(d, ops);
      const second = await push(d, ops);
      for (const res of [first, second]) {
        expect(res.status).toBe(200);
        const body = PushResponse.parse(res.body);
        expect(body.acked).toEqual(ops.map((o) => o.hlc));
      }
      const rows = await db.kysely
        .selectFrom('ops')
        .select(['seq', 'hlc'])
        .where('point_id', '=', pointId)
        .orderBy('seq')
        .execute();
      expect(rows).toEqual(ops.map((o, i) => ({ seq: i + 1, hlc: o.hlc })));
      const point = await db.kysely
        .selectFrom('points')
        .select('last_seq')
        .where('id', '=', pointId)
        .executeTakeFirstOrThrow();
      expect(point.last_seq).toBe(3);
    });

    it('stores an operation repeated inside one batch once', async () => {
      const { pointId, devices } = await pointWithDevices(db, call, 1);
      const [d] = devices as [TestDevice];
      const op = d.ops.create(randomUUID());
      const res = await push(d, [op, op]);
      expect(PushResponse.parse(res.body).acked).toEqual([op.hlc]);
      const count = await db.kysely
        .selectFrom('ops')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('point_id', '=', pointId)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it('refuses the whole batch with DEVICE_MISMATCH when an op carries another device id', async () => {
      const { devices } = await pointWithDevices(db, call, 2);
      const [d1, d2] = devices as [TestDevice, TestDevice];
      const draftId = randomUUID();
      await refusedWithoutChange(
        () => push(d1, [d1.ops.create(draftId), d2.ops.set(draftId, 'fullName', 'x')]),
        400,
        'DEVICE_MISMATCH',
      );
    });

    it("refuses with FORBIDDEN a batch touching another point's draft, writing nothing of it", async () => {
      const a = await pointWithDevices(db, call, 1, 'Điểm A');
      const b = await pointWithDevices(db, call, 1, 'Điểm B');
      const [da] = a.devices as [TestDevice];
      const [db1] = b.devices as [TestDevice];
      const draftA = randomUUID();
      expect(
        (await push(da, [da.ops.create(draftA), da.ops.set(draftA, 'fullName', 'Trần Thị B')])).status,
      ).toBe(200);
      const ownDraft = randomUUID();
      await refusedWithoutChange(
        () => push(db1, [db1.ops.create(ownDraft), db1.ops.set(draftA, 'fullName', 'ghi đè')]),
        403,
        'FORBIDDEN',
      );
      const snap = await call('GET', `/api/v1/drafts/${draftA}`, { token: da.token });
      expect(DraftSnapshot.parse(snap.body).fields.fullName?.value).toBe('Trần Thị B');
    });

    it('refuses malformed operations with VALIDATION_FAILED and changes nothing', async () => {
      const { devices } = await pointWithDevices(db, call, 1);
      const [d] = devices as [TestDevice];
      const draftId = randomUUID();
      const good = d.ops.create(draftId);
      const bad = [
        { ops: [] },
        { ops: [good, { ...d.ops.set(draftId, 'fullName', 'x'), hlc: 'yesterday' }] },
        { ops: [good, { kind: 'rename', hlc: d.ops.clock.tick(), draftId }] },
        { ops: [good, d.ops.set(draftId, 'bad field!', 'x')] },
        { ops: [{ ...good, draftId: 'not-a-uuid' }] },
        { ops: 'everything' },
        [],
      ];
      for (const body of bad)
        await refusedWithoutChange(
          () => call('POST', '/api/v1/sync/push', { token: d.token, body }),
          400,
          'VALIDATION_FAILED',
        );
    });

    it('refuses a batch over the limit with BATCH_TOO_LARGE', async () => {
      const { devices } = await pointWithDevices(db, call, 1);
      const [d] = devices as [TestDevice];
      const ops = Array.from({ length: MAX_PUSH_BATCH + 1 }, () => d.ops.create(randomUUID()));
      await refusedWithoutChange(() => push(d, ops), 413, 'BATCH_TOO_LARGE');
    });
  });

  describe('GET /api/v1/sync/pull', () => {
    it('pages through the point log in seq order with a cursor', async () => {
      const { devices } = await pointWithDevices(db, call, 2);
      const [d1, d2] = devices as [TestDevice, TestDevice];
      const draftId = randomUUID();
      const ops = [
        d1.ops.create(draftId),
        ...['a', 'b', 'c', 'd', 'e', 'f'].map((v) => d1.ops.set(draftId, 'note', v)),
      ];
      expect((await push(d1, ops.slice(0, 4))).status).toBe(200);
      expect((await push(d1, ops.slice(4))).status).toBe(200);

      const seen: PulledOperation['op'][] = [];
      const pages: { n: number; cursor: number; hasMore: boolean }[] = [];
      let cursor = 0;
      for (let i = 0; i < 10; i++) {
        const res = await pull(d2, `?cursor=${cursor}&limit=3`);
        expect(res.status).toBe(200);
        const page = PullResponse.parse(res.body);
        pages.push({ n: page.ops.length, cursor: page.cursor, hasMore: page.hasMore });
        expect(page.ops.map((o) => o.seq)).toEqual(page.ops.map((_, j) => cursor + j + 1));
        seen.push(...page.ops.map((o) => o.op));
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      expect(pages).toEqual([
        { n: 3, cursor: 3, hasMore: true },
        { n: 3, cursor: 6, hasMore: true },
        { n: 1, cursor: 7, hasMore: false },
      ]);
      expect(seen).toEqual(ops);
      const after = PullResponse.parse((await pull(d2, '?cursor=7')).body);
      expect(after).toMatchObject({ ops: [], cursor: 7, hasMore: false });
      const all = PullResponse.parse((await pull(d1)).body);
      expect(all.ops).toHaveLength(7);
    });

    it('refuses a bad cursor or limit with VALIDATION_FAILED', async () => {
      const { devices } = await pointWithDevices(db, call, 1);
      const [d] = devices as [TestDevice];
      for (const q of ['?cursor=-1', '?cursor=abc', `?limit=${MAX_PULL_PAGE + 1}`, '?limit=0']) {
        const res = await pull(d, q);
        expect(res.status).toBe(400);
        expect(errorCode(res)).toBe('VALIDATION_FAILED');
      }
    });

    it("never shows one point's operations to another point", async () => {
      const a = await pointWithDevices(db, call, 1, 'Điểm A');
      const b = await pointWithDevices(db, call, 1, 'Điểm B');
      const [da] = a.devices as [TestDevice];
      const [dbb] = b.devices as [TestDevice];
      const draftA = randomUUID();
      const draftB = randomUUID();
      expect(
        (await push(da, [da.ops.create(draftA), da.ops.set(draftA, 'fullName', 'Lê Văn C')])).status,
      ).toBe(200);
      expect((await push(dbb, [dbb.ops.create(draftB)])).status).toBe(200);
      const pageB = PullResponse.parse((await pull(dbb)).body);
      expect(pageB.ops.map((o) => o.op.draftId)).toEqual([draftB]);
      expect(pageB.ops[0]?.seq).toBe(1);
      expect(JSON.stringify(pageB)).not.toContain('Lê Văn C');
    });
  });

  describe('GET /api/v1/drafts/:draftId', () => {
    it('materializes last-writer-wins by HLC whatever the arrival order, keeping concurrent losers', async () => {
      const { devices } = await pointWithDevices(db, call, 2);
      const [d1, d2] = devices as [TestDevice, TestDevice];
      const draftId = randomUUID();
      const create = d1.ops.create(draftId, 'dang-ky-ket-hon');
      const first = d1.ops.set(draftId, 'fullName', 'Phạm Thị D');
      // d2 saw d1's value: a plain overwrite, no conflict, even though d1's write reaches the server last.
      d2.ops.clock.receive(first.hlc);
      const seen = d2.ops.set(draftId, 'fullName', 'Phạm Thị Dung', first.hlc);
      // Both edit `address` without seeing each other: concurrent; the later HLC wins, the other is kept.
      const addr1 = d1.ops.set(draftId, 'address', '12 Phan Xích Long');
      d2.ops.clock.receive(addr1.hlc);
      const addr2 = d2.ops.set(draftId, 'address', '14 Phan Xích Long');
      // Pushed newest first, to show order does not matter.
      expect((await push(d2, [seen, addr2])).status).toBe(200);
      expect((await push(d1, [addr1, first, create])).status).toBe(200);

      const res = await call('GET', `/api/v1/drafts/${draftId}`, { token: d1.token });
      expect(res.status).toBe(200);
      expect(DraftSnapshot.parse(res.body)).toEqual({
        draftId,
        procedureId: 'dang-ky-ket-hon',
        deleted: false,
        fields: {
          fullName: { value: 'Phạm Thị Dung', hlc: seen.hlc },
          address: { value: '14 Phan Xích Long', hlc: addr2.hlc },
        },
        rows: {},
      });
      const rows = await db.kysely
        .selectFrom('draft_fields')
        .selectAll()
        .where('draft_id', '=', draftId)
        .orderBy('field')
        .execute();
      const conflicts = rows.map((r) => [
        r.field,
        r.conflicts_json === null ? null : (JSON.parse(r.conflicts_json) as unknown),
      ]);
      expect(conflicts).toEqual([
        ['address', [{ value: '12 Phan Xích Long', hlc: addr1.hlc }]],
        ['fullName', null],
      ]);
      // The server holds exactly the state the shared merge gives, in whatever order a kiosk applies the ops.
      const stored = (await loadDraftStates(db.kysely, [draftId])).get(draftId);
      const { pointId: _pointId, ...serverState } = stored ?? { pointId: '' };
      expect(serverState).toEqual(applyOps(emptyDraft(draftId), [create, first, addr1, seen, addr2]));
    });

    it('lists the rows of repeating groups by the rule the form and the check use', async () => {
      const { devices } = await pointWithDevices(db, call, 1);
      const [d1] = devices as [TestDevice];
      const draftId = randomUUID();
      // r1 was just added (only its marker), r2 has a value, r3 was removed after its last edit.
      const ops = [
        d1.ops.create(draftId),
        d1.ops.set(draftId, 'members.r1._deleted', false),
        d1.ops.set(draftId, 'members.r2._deleted', false),
        d1.ops.set(draftId, 'members.r2.fullName', 'Lê Văn Tám'),
        d1.ops.set(draftId, 'members.r3.fullName', 'Xóa Rồi'),
      ];
      ops.push(d1.ops.set(draftId, 'members.r3._deleted', true));
      expect((await push(d1, ops)).status).toBe(200);
      const snap = DraftSnapshot.parse(
        (await call('GET', `/api/v1/drafts/${draftId}`, { token: d1.token })).body,
      );
      expect(snap.rows).toEqual({ members: ['r1', 'r2'] });
    });

    it('shows a deleted draft as deleted with no values, until a device that missed the delete writes again', async () => {
      const { devices } = await pointWithDevices(db, call, 2);
      const [d1, d2] = devices as [TestDevice, TestDevice];
      const draftId = randomUUID();
      const create = d1.ops.create(draftId);
      d2.ops.clock.receive(create.hlc);
      const late = d2.ops.set(draftId, 'phone', '0903000111');
      d1.ops.clock.receive(late.hlc);
      expect(
        (await push(d1, [create, d1.ops.set(draftId, 'fullName', 'Võ Văn E'), d1.ops.del(draftId)])).status,
      ).toBe(200);
      const gone = DraftSnapshot.parse(
        (await call('GET', `/api/v1/drafts/${draftId}`, { token: d1.token })).body,
      );
      expect(gone).toMatchObject({ deleted: true, fields: {} });
      // d2 wrote before the delete: still deleted. A write d2 makes after (without having seen it) revives it whole.
      expect((await push(d2, [late])).status).toBe(200);
      expect(
        DraftSnapshot.parse((await call('GET', `/api/v1/drafts/${draftId}`, { token: d1.token })).body)
          .deleted,
      ).toBe(true);
      d2.ops.clock.receive(Date.now() + 1000);
      const revive = d2.ops.set(draftId, 'phone', '0903000222', late.hlc);
      expect((await push(d2, [revive])).status).toBe(200);
      const back = DraftSnapshot.parse(
        (await call('GET', `/api/v1/drafts/${draftId}`, { token: d1.token })).body,
      );
      expect(back).toMatchObject({
        deleted: false,
        fields: { fullName: { value: 'Võ Văn E' }, phone: { value: '0903000222' } },
      });
    });

    it('answers 403 for a draft of another point, 404 for an unknown one, 400 for a bad id', async () => {
      const a = await pointWithDevices(db, call, 1, 'Điểm A');
      const b = await pointWithDevices(db, call, 1, 'Điểm B');
      const [da] = a.devices as [TestDevice];
      const [dbb] = b.devices as [TestDevice];
      const draftA = randomUUID();
      expect(
        (await push(da, [da.ops.create(draftA), da.ops.set(draftA, 'idNumber', '079201001234')])).status,
      ).toBe(200);
      const forbidden = await call('GET', `/api/v1/drafts/${draftA}`, { token: dbb.token });
      expect([forbidden.status, errorCode(forbidden)]).toEqual([403, 'FORBIDDEN']);
      expect(forbidden.text).not.toContain('079201001234');
      const unknown = await call('GET', `/api/v1/drafts/${randomUUID()}`, { token: dbb.token });
      expect([unknown.status, errorCode(unknown)]).toEqual([404, 'NOT_FOUND']);
      const bad = await call('GET', '/api/v1/drafts/not-a-uuid', { token: dbb.token });
      expect([bad.status, errorCode(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });

  describe('GET /healthz', () => {
    it('answers ok with the engine after a query', async () => {
      const res = await call('GET', '/healthz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, db: engine.name });
    });

    it('answers 503 when the database does not answer', async () => {
      const broken = await engine.open();
      const sick = await createApp({ db: broken, logLevel: 'silent' });
      try {
        await broken.close();
        const res = await injectClient(sick)('GET', '/healthz');
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ ok: false, db: engine.name });
      } finally {
        await sick.close();
      }
    });
  });

  describe('unknown routes, CORS and the static kiosk', () => {
    it('answers unknown API routes with a JSON NOT_FOUND, never the app page', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/nothing'],
        ['POST', '/api/v1/nothing'],
        ['POST', '/somewhere'],
      ] as const) {
        const res = await call(method, url);
        expect([res.status, errorCode(res)]).toEqual([404, 'NOT_FOUND']);
      }
    });

    it('allows the shell origin and configured origins on /api only', async () => {
      const preflight = (origin: string, url = '/api/v1/sync/push') =>
        call('OPTIONS', url, {
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type',
          },
        });
      for (const origin of ['app://kiosk', 'https://kiosk.example']) {
        const res = await preflight(origin);
        expect(res.status).toBeLessThan(300);
        expect(res.headers['access-control-allow-origin']).toBe(origin);
        expect(res.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
      }
      expect(
        (await preflight('https://evil.example')).headers['access-control-allow-origin'],
      ).toBeUndefined();
      const health = await call('GET', '/healthz', { headers: { origin: 'app://kiosk' } });
      expect(health.headers['access-control-allow-origin']).toBeUndefined();
      const page = await call('GET', '/', { headers: { origin: 'app://kiosk' } });
      expect(page.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('serves the kiosk with a strict CSP, revalidated entry files and an SPA fallback', async () => {
      for (const url of ['/', '/index.html', '/drafts/123/edit']) {
        const res = await call('GET', url);
        expect(res.status).toBe(200);
        expect(res.text).toContain('<title>kiosk</title>');
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.headers['content-security-policy']).toBe(
          "default-src 'self'; connect-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; worker-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
        );
      }
      const sw = await call('GET', '/sw.js');
      expect([sw.status, sw.headers['cache-control']]).toEqual([200, 'no-cache']);
      const js = await call('GET', '/app.js');
      expect(js.status).toBe(200);
      expect(js.headers['content-security-policy']).toBeUndefined();
      const missing = await call('GET', '/missing.js');
      expect([missing.status, errorCode(missing)]).toEqual([404, 'NOT_FOUND']);
    });

    it('marks API answers as not cacheable', async () => {
      const res = await call('POST', '/api/v1/enroll', { body: { code: 'ZZZZ-3333' } });
      expect(res.headers['cache-control']).toBe('no-store');
    });
  });

  describe('logs', () => {
    it('carry route, status, device and op counts, and no personal data, token or code', async () => {
      const admin = createAdmin(db.kysely);
      const point = await admin.createPoint('Điểm log');
      const [code] = await admin.issueEnrollmentCodes(point.id, 1);
      logLines.length = 0;
      const enrolled = await call('POST', '/api/v1/enroll', { body: { code } });
      const d = enrolled.body as { deviceId: string; token: string };
      const ops = new OpMaker(d.deviceId);
      const draftId = randomUUID();
      const idNumber = '079188004321';
      const name = 'Hoàng Thị Thu';
      const pushed = await call('POST', '/api/v1/sync/push', {
        token: d.token,
        body: {
          ops: [
            ops.create(draftId),
            ops.set(draftId, 'idNumber', idNumber),
            ops.set(draftId, 'fullName', name),
          ],
        },
      });
      expect(pushed.status).toBe(200);
      // Refused requests must not leak either: a value that fails validation, a value in a query string.
      await call('POST', '/api/v1/sync/push', {
        token: d.token,
        body: { ops: [{ ...ops.set(draftId, 'idNumber', idNumber), hlc: idNumber }] },
      });
      await call('GET', `/api/v1/sync/pull?cursor=0&idNumber=${idNumber}`, { token: d.token });
      await call('GET', `/api/v1/drafts/${draftId}`, { token: d.token });

      const out = logLines.join('');
      for (const secret of [idNumber, name, d.token, code ?? '']) expect(out).not.toContain(secret);
      const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const pushLine = lines.find((l) => l.route === '/api/v1/sync/push' && l.status === 200);
      expect(pushLine).toMatchObject({
        method: 'POST',
        deviceId: d.deviceId,
        pointId: point.id,
        opsReceived: 3,
        opsApplied: 3,
      });
      expect(typeof pushLine?.reqId).toBe('string');
      expect(typeof pushLine?.durationMs).toBe('number');
      expect(lines.find((l) => l.status === 400)).toMatchObject({ errorCode: 'VALIDATION_FAILED' });
    });
  });
}
