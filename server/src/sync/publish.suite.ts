import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { digestOf } from '#shared/digest/digest';
import { DigestResponse } from '#shared/digest/messages';
import { EnrollResponse } from '#shared/protocol/enroll';
import { PullResponse } from '#shared/protocol/sync';
import { createAdmin } from '../admin/index';
import { adminUnitRecords } from '../publishing/admin-units';
import { catalogRecords } from '../publishing/catalog';
import type { TestEngine } from '../test-support/engines';
import { nextPoke, openEvents } from '../test-support/event-reader';
import type { TestDevice } from '../test-support/fixtures';
import { startTestServer, type TestServer } from '../test-support/test-server';

const ASSETS = new URL('../../../assets/', import.meta.url);

/** Published scopes: publishing, pull and digest per scope, pokes, and what enrollment carries. */
export function publishSuite(makeEngine: () => TestEngine): void {
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

  const pull = async (d: TestDevice, scope: string, cursor = 0) =>
    PullResponse.parse(
      (await t.call('GET', `/api/v1/sync/pull?scope=${scope}&cursor=${cursor}`, { token: d.token })).body,
    );

  it('publishes a record once per change, as its next version, in the scope’s own sequence and digest', async () => {
    const { devices } = await t.point(1);
    const [pc] = devices as [TestDevice];
    const catalog = await catalogRecords(new URL('catalog/', ASSETS).pathname);
    const first = await t.server.app.publish('catalog', null, catalog);
    expect(first).toMatchObject({ scope: 'catalog', published: catalog.length, unchanged: 0 });
    // The same content again writes nothing; a change is version 2.
    expect(await t.server.app.publish('catalog', null, catalog)).toMatchObject({
      published: 0,
      seq: first.seq,
    });
    const [entry] = catalog;
    if (!entry) throw new Error('the bundled catalog is empty');
    const changed = { ...entry, content: { ...entry.content, retired: true } };
    const second = await t.server.app.publish('catalog', null, [changed]);
    expect(second).toMatchObject({ published: 1, seq: first.seq + 1 });

    const page = await pull(pc, 'catalog');
    expect(page.scope).toBe('catalog');
    expect(
      page.ops.map((p) => [p.seq, p.op.type, p.op.id, (p.op.body as { version: number }).version]),
    ).toEqual([
      ...catalog.map((r, i) => [i + 1, 'catalogProcedure', r.id, 1]),
      [first.seq + 1, 'catalogProcedure', entry.id, 2],
    ]);
    const digest = DigestResponse.parse(
      (await t.call('GET', `/api/v1/sync/digest?scope=catalog&cursor=${second.seq}`, { token: pc.token }))
        .body,
    );
    expect(digest).toEqual({ cursor: second.seq, ...digestOf(page.ops.map((p) => p.op.hlc)) });
    // The point's own log is another sequence: still empty.
    expect((await pull(pc, 'point')).ops).toEqual([]);
  });

  it('keeps a roster per point, pokes only the kiosks that follow a scope, and refuses records of another scope', async () => {
    const a = await t.point(1);
    const b = await t.point(1);
    const [pa] = a.devices as [TestDevice];
    const [pb] = b.devices as [TestDevice];
    const onA = await openEvents(t.server.url, pa.token);
    const onB = await openEvents(t.server.url, pb.token);
    try {
      await nextPoke(onA, 'roster');
      await nextPoke(onB, 'roster');
      const staff = {
        type: 'staffMember',
        id: 'nv-01',
        content: { retired: false, name: 'Đặng Thu Hà', role: 'volunteer' },
      };
      const res = await t.server.app.publish('roster', a.pointId, [staff]);
      expect(await nextPoke(onA, 'roster')).toEqual({ scope: 'roster', seq: res.seq });
      expect((await pull(pa, 'roster')).ops.map((p) => p.op.id)).toEqual(['nv-01']);
      expect((await pull(pb, 'roster')).ops).toEqual([]);

      const guide = {
        type: 'guide',
        id: 'vneid-muc-2',
        content: {
          retired: false,
          titleVi: 'Tạo tài khoản VNeID mức 2',
          steps: [{ id: 'cai-dat', textVi: 'Cài ứng dụng VNeID' }],
        },
      };
      const g = await t.server.app.publish('guides', null, [guide]);
      // A scope published for all reaches every point's streams.
      expect(await nextPoke(onB, 'guides')).toEqual({ scope: 'guides', seq: g.seq });
      await expect(t.server.app.publish('guides', null, [staff])).rejects.toThrow(
        /does not belong to the guides scope/,
      );
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('hands a new kiosk every published scope whole in its enrollment answer', async () => {
    const units = adminUnitRecords(
      JSON.parse(await readFile(new URL('admin-units-2025/merges.json', ASSETS), 'utf8')),
    );
    expect(units).toHaveLength(34);
    const published = await t.server.app.publish('adminUnits', null, units);
    const hcm = units.find((u) => u.id === '79');
    expect(JSON.stringify(hcm)).toContain('Phường Cầu Kiệu');

    const admin = createAdmin(t.server.db.kysely);
    const point = await admin.createPoint(`Điểm ${randomUUID().slice(0, 8)}`);
    await t.server.app.publish('roster', point.id, [
      {
        type: 'scheduleDay',
        id: 'mon',
        content: { retired: false, sessions: [{ opens: '07:30', closes: '11:30', staffIds: [] }] },
      },
    ]);
    const [code] = await admin.issueEnrollmentCodes(point.id, 1);
    const enrolled = EnrollResponse.parse((await t.call('POST', '/api/v1/enroll', { body: { code } })).body);
    const byScope = Object.fromEntries(enrolled.published.map((s) => [s.scope, s]));
    expect(byScope.adminUnits?.cursor).toBe(published.seq);
    expect(byScope.adminUnits?.ops.map((p) => p.op.id)).toContain('79');
    expect(byScope.roster?.ops.map((p) => p.op.id)).toEqual(['mon']);
    expect(Object.keys(byScope).sort()).toEqual(['adminUnits', 'catalog', 'guides', 'roster']);
  });

  it('refuses a device’s push of a published record', async () => {
    const { devices } = await t.point(1);
    const [pc] = devices as [TestDevice];
    const forged = {
      hlc: pc.ops.clock.tick(),
      type: 'staffMember',
      id: 'nv-99',
      body: { version: 1, retired: false, name: 'Giả mạo', role: 'lead' },
    };
    const res = await t.call('POST', '/api/v1/sync/push', { token: pc.token, body: { ops: [forged] } });
    expect(res.status).toBe(400);
  });
}
