import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LeaseState } from '#shared/protocol/live';
import { ServerConfig } from '#shared/protocol/server-config';
import type { TestEngine } from '../test-support/engines';
import { openEvents, type EventReader } from '../test-support/event-reader';
import type { TestDevice } from '../test-support/fixtures';
import { startTestServer, type TestServer } from '../test-support/test-server';

const TTL = 45_000;

/** GET /api/v1/config and the soft leases (PUT/DELETE /api/v1/leases/:draftId, `lease` events). */
export function leasesSuite(makeEngine: () => TestEngine): void {
  let engine: TestEngine;
  let t: TestServer;
  const readers: EventReader[] = [];

  beforeAll(async () => {
    engine = makeEngine();
    t = await startTestServer(engine, { leaseTtlMs: TTL, maxUploadBytes: 123_456, retentionDays: 7 });
  });
  afterAll(async () => {
    for (const r of readers) r.close();
    await t?.close();
    await engine?.dispose();
  });

  const put = async (d: TestDevice, draftId: string) => {
    const res = await t.call('PUT', `/api/v1/leases/${draftId}`, { token: d.token });
    expect(res.status).toBe(200);
    return LeaseState.parse(res.body);
  };
  const del = async (d: TestDevice, draftId: string) => {
    const res = await t.call('DELETE', `/api/v1/leases/${draftId}`, { token: d.token });
    expect(res.status).toBe(200);
    return LeaseState.parse(res.body);
  };
  const stream = async (d: TestDevice) => {
    const r = await openEvents(t.server.url, d.token);
    readers.push(r);
    return r;
  };
  const nextLease = async (r: EventReader) => LeaseState.parse((await r.nextEvent('lease')).data);

  async function twoPcs() {
    const { devices } = await t.point(2);
    const [pc1, pc2] = devices;
    if (!pc1 || !pc2) throw new Error('devices missing');
    const draftId = randomUUID();
    expect((await t.push(pc1, [pc1.ops.create(draftId)])).status).toBe(200);
    return { pc1, pc2, draftId };
  }

  it('states the upload limit, retention and lease time it was started with', async () => {
    const { devices } = await t.point(1);
    const before = Date.now();
    const res = await t.call('GET', '/api/v1/config', { token: devices[0]?.token });
    expect(res.status).toBe(200);
    const config = ServerConfig.parse(res.body);
    expect(config).toEqual({
      maxUploadBytes: 123_456,
      retentionDays: 7,
      leaseTtlMs: TTL,
      serverTime: expect.any(Number) as number,
    });
    expect(config.serverTime).toBeGreaterThanOrEqual(before);
    expect((await t.call('GET', '/api/v1/config')).status).toBe(401);
  });

  it('takes, shows to the other PC, renews and releases a lease; only its holder releases it', async () => {
    const { pc1, pc2, draftId } = await twoPcs();
    const watch = await stream(pc2);

    const before = Date.now();
    const taken = await put(pc1, draftId);
    expect(taken).toEqual({
      draftId,
      holder: { deviceId: pc1.deviceId, label: 'PC 1' },
      expiresAt: expect.any(Number) as number,
    });
    expect(taken.expiresAt).toBeGreaterThanOrEqual(before + TTL);
    expect(await nextLease(watch)).toEqual(taken);

    // PC 2 asks too: a soft lease is not taken over, PC 2 learns who is editing.
    expect(await put(pc2, draftId)).toEqual(taken);
    const renewed = await put(pc1, draftId);
    expect(renewed.holder).toEqual(taken.holder);
    expect(renewed.expiresAt).toBeGreaterThanOrEqual(taken.expiresAt ?? Infinity);
    expect(await nextLease(watch)).toEqual(renewed);

    expect(await del(pc2, draftId)).toEqual(renewed);
    const free = { draftId, holder: null, expiresAt: null };
    expect(await del(pc1, draftId)).toEqual(free);
    expect(await nextLease(watch)).toEqual(free);
    expect((await put(pc2, draftId)).holder?.deviceId).toBe(pc2.deviceId);
  });

  it('tells a PC that connects later who holds which draft', async () => {
    const { pc1, pc2, draftId } = await twoPcs();
    const taken = await put(pc1, draftId);
    const late = await stream(pc2);
    expect(await nextLease(late)).toEqual(taken);
  });

  it('never blocks a push to a leased draft', async () => {
    const { pc1, pc2, draftId } = await twoPcs();
    await put(pc1, draftId);
    expect((await t.push(pc2, [pc2.ops.set(draftId, 'fullName', 'Lê Văn Tám')])).status).toBe(200);
  });

  it('lets an expired lease go: another PC may take it, and housekeeping announces it free', async () => {
    const { pc1, pc2, draftId } = await twoPcs();
    const watch = await stream(pc2);
    await put(pc1, draftId);
    await nextLease(watch);
    // The lease time passes (moved in the database rather than waited for).
    const expire = () =>
      t.server.db.kysely
        .updateTable('leases')
        .set({ expires_at: Date.now() - 1 })
        .where('draft_id', '=', draftId)
        .execute();
    await expire();
    expect((await put(pc2, draftId)).holder?.deviceId).toBe(pc2.deviceId);
    expect((await nextLease(watch)).holder?.deviceId).toBe(pc2.deviceId);

    await expire();
    const swept = await t.server.housekeeping();
    expect(swept.leasesExpired).toBeGreaterThanOrEqual(1);
    expect(await nextLease(watch)).toEqual({ draftId, holder: null, expiresAt: null });
    expect(
      await t.server.db.kysely.selectFrom('leases').selectAll().where('draft_id', '=', draftId).execute(),
    ).toEqual([]);
  });

  it("refuses another point's draft with FORBIDDEN, even one only leased so far", async () => {
    const { pc1, draftId } = await twoPcs();
    const { devices } = await t.point(1);
    const stranger = devices[0];
    if (!stranger) throw new Error('device missing');
    for (const method of ['PUT', 'DELETE'] as const) {
      const res = await t.call(method, `/api/v1/leases/${draftId}`, { token: stranger.token });
      expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([403, 'FORBIDDEN']);
    }
    // A draft not pushed yet can be leased by its point; then it is that point's.
    const unpushed = randomUUID();
    expect((await put(pc1, unpushed)).holder?.deviceId).toBe(pc1.deviceId);
    expect((await t.call('PUT', `/api/v1/leases/${unpushed}`, { token: stranger.token })).status).toBe(403);
  });

  it('refuses a malformed draft id with VALIDATION_FAILED', async () => {
    const { devices } = await t.point(1);
    const res = await t.call('PUT', '/api/v1/leases/not-a-uuid', { token: devices[0]?.token });
    expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
  });
}
