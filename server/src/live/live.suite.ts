import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LivePoke } from '#shared/protocol/live';
import type { TestEngine } from '../test-support/engines';
import { openEvents, within, type EventReader } from '../test-support/event-reader';
import { startTestServer, type TestServer } from '../test-support/test-server';

/** GET /api/v1/events over real loopback HTTP, read with fetch as the kiosk does. */
export function liveSuite(makeEngine: () => TestEngine): void {
  let engine: TestEngine;
  let t: TestServer;
  const readers: EventReader[] = [];
  const open = async (token: string) => {
    const r = await openEvents(t.server.url, token);
    readers.push(r);
    return r;
  };
  /** The next poke of `scope` (the stream opens with one per scope), as `{ seq }`. */
  const poke = async (r: EventReader, scope = 'point') => {
    const item = await r.next(
      (i) => 'event' in i && i.event === 'poke' && LivePoke.parse(i.data).scope === scope,
    );
    return { seq: LivePoke.parse((item as { data: unknown }).data).seq };
  };

  beforeAll(async () => {
    engine = makeEngine();
    t = await startTestServer(engine, { liveKeepAliveMs: 100 });
  });
  afterAll(async () => {
    for (const r of readers) r.close();
    await t?.close();
    await engine?.dispose();
  });

  it("opens with the point's last seq, then pokes PC 2 when PC 1 pushes, and never pokes another point", async () => {
    const a = await t.point(2);
    const b = await t.point(1);
    const [pc1, pc2] = a.devices;
    const [other] = b.devices;
    if (!pc1 || !pc2 || !other) throw new Error('devices missing');
    const draft = randomUUID();
    expect((await t.push(pc1, [pc1.ops.create(draft)])).status).toBe(200);

    const onPc2 = await open(pc2.token);
    const onOther = await open(other.token);
    expect(onPc2.status).toBe(200);
    expect(onPc2.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(onPc2.headers.get('cache-control')).toBe('no-store');
    expect(await poke(onPc2)).toEqual({ seq: 1 });
    expect(await poke(onOther)).toEqual({ seq: 0 });

    const edits = [
      pc1.ops.set(draft, 'fullName', 'Trần Thị Bích'),
      pc1.ops.set(draft, 'phone', '0901234567'),
    ];
    expect((await t.push(pc1, edits)).status).toBe(200);
    expect(await poke(onPc2)).toEqual({ seq: 3 });

    // The other point's first poke after its own push is its own: point A's poke never reached it.
    expect((await t.push(other, [other.ops.create(randomUUID())])).status).toBe(200);
    expect(await poke(onOther)).toEqual({ seq: 1 });
  });

  it('does not poke for a push that only repeats stored operations', async () => {
    const { devices } = await t.point(2);
    const [pc1, pc2] = devices;
    if (!pc1 || !pc2) throw new Error('devices missing');
    const ops = [pc1.ops.create(randomUUID())];
    await t.push(pc1, ops);
    const stream = await open(pc2.token);
    expect(await poke(stream)).toEqual({ seq: 1 });
    await t.push(pc1, ops);
    await t.push(pc1, [pc1.ops.create(randomUUID())]);
    expect(await poke(stream)).toEqual({ seq: 2 });
  });

  it('sends keep-alive comments on a quiet stream', async () => {
    const { devices } = await t.point(1);
    const stream = await open(devices[0]?.token ?? '');
    expect(await stream.next((i) => 'comment' in i && i.comment === 'keep-alive')).toEqual({
      comment: 'keep-alive',
    });
  });

  it("ends a device's oldest stream when it opens more than three", async () => {
    const { devices } = await t.point(1);
    const token = devices[0]?.token ?? '';
    const first = await open(token);
    await poke(first);
    for (let i = 0; i < 3; i++) await poke(await open(token));
    await within(first.ended, 'oldest stream ended');
  });

  it("ends a revoked device's stream at its next keep-alive", async () => {
    const { devices } = await t.point(1);
    const device = devices[0];
    if (!device) throw new Error('device missing');
    const stream = await open(device.token);
    await poke(stream);
    await t.server.admin.revokeDevice(device.deviceId);
    await within(stream.ended, 'revoked stream ended');
  });

  it('refuses a missing or unknown token with UNAUTHENTICATED', async () => {
    const res = await t.call('GET', '/api/v1/events');
    expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    const unknown = await t.call('GET', '/api/v1/events', { token: 'x'.repeat(43) });
    expect(unknown.status).toBe(401);
  });

  it('ends open streams when the server closes, so shutdown does not wait for kiosks', async () => {
    const own = await startTestServer(engine, {});
    const { devices } = await own.point(1);
    const stream = await openEvents(own.server.url, devices[0]?.token ?? '');
    readers.push(stream);
    await poke(stream);
    await within(own.close(), 'server closed');
    await within(stream.ended, 'stream ended');
  });
}
