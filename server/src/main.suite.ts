import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EnrollResponse } from '#shared/protocol/enroll';
import type { Operation } from '#shared/entities/registry';
import { PullResponse, PushResponse } from '#shared/protocol/sync';
import { httpClient, type Client } from './test-support/client';
import type { TestEngine } from './test-support/engines';
import { OpMaker } from './test-support/fixtures';
import { startServer, type RunningServer } from './main';

const PUSHERS = 4;
const BATCHES = 20;
const OPS_PER_BATCH = 5;

/** startServer over real loopback HTTP, on the engine `makeEngine` gives. */
export function serverSuite(makeEngine: () => TestEngine): void {
  let engine: TestEngine;
  let server: RunningServer;
  let call: Client;

  beforeAll(async () => {
    engine = makeEngine();
    // Every enrollment here comes from 127.0.0.1; the limit itself is tested in the API suite.
    server = await startServer({
      ...engine.options,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      enrollLimit: { max: 1000, windowMs: 60_000 },
    });
    call = httpClient(server.url);
  });
  afterAll(async () => {
    await server?.close();
    await engine?.dispose();
  });

  async function enrollAll(n: number): Promise<(EnrollResponse & { ops: OpMaker })[]> {
    const point = await server.admin.createPoint(`Điểm ${randomUUID().slice(0, 6)}`);
    const codes = await server.admin.issueEnrollmentCodes(point.id, n);
    return Promise.all(
      codes.map(async (code) => {
        const res = await call('POST', '/api/v1/enroll', { body: { code } });
        expect(res.status).toBe(200);
        const enrolled = res.body as EnrollResponse;
        return { ...enrolled, ops: new OpMaker(enrolled.deviceId) };
      }),
    );
  }

  it('listens on the loopback port it reports and answers health checks', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await call('GET', '/healthz');
    expect([res.status, res.body]).toEqual([200, { ok: true, db: engine.name }]);
  });

  it('keeps a point log gap-free while several devices push and another pulls', async () => {
    const devices = await enrollAll(PUSHERS + 1);
    const puller = devices.pop();
    if (!puller) throw new Error('no puller');
    const pushed = new Set<string>();
    let pushing = true;

    const pushers = devices.map(async (d) => {
      for (let b = 0; b < BATCHES; b++) {
        const draftId = randomUUID();
        const ops: Operation[] = [d.ops.create(draftId)];
        while (ops.length < OPS_PER_BATCH)
          ops.push(d.ops.set(draftId, `field${ops.length}`, `${b}-${ops.length}`));
        const res = await call('POST', '/api/v1/sync/push', { token: d.token, body: { ops } });
        expect(res.status).toBe(200);
        expect(PushResponse.parse(res.body).acked).toEqual(ops.map((o) => o.hlc));
        for (const op of ops) pushed.add(op.hlc);
      }
    });
    const done = Promise.all(pushers).finally(() => {
      pushing = false;
    });

    const seen: { seq: number; hlc: string }[] = [];
    let cursor = 0;
    for (let round = 0; ; round++) {
      if (round > 50_000) throw new Error('puller did not finish');
      const wasPushing = pushing;
      const res = await call('GET', `/api/v1/sync/pull?cursor=${cursor}&limit=37`, { token: puller.token });
      expect(res.status).toBe(200);
      const page = PullResponse.parse(res.body);
      seen.push(...page.ops.map((o) => ({ seq: o.seq, hlc: o.op.hlc })));
      cursor = page.cursor;
      if (!wasPushing && !page.hasMore) break;
      if (!page.ops.length) await new Promise((r) => setTimeout(r, 2));
    }
    await done;

    const total = PUSHERS * BATCHES * OPS_PER_BATCH;
    expect(seen.map((s) => s.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(seen.map((s) => s.hlc))).toEqual(pushed);
    expect(pushed.size).toBe(total);
  });

  it('stores a batch once when a retry races the original', async () => {
    const [d, reader] = await enrollAll(2);
    if (!d || !reader) throw new Error('enrollment failed');
    const batches = Array.from({ length: 10 }, () => {
      const draftId = randomUUID();
      return [d.ops.create(draftId), d.ops.set(draftId, 'fullName', 'Đỗ Văn F')];
    });
    const results = await Promise.all(
      batches
        .flatMap((ops) => [ops, ops])
        .map((ops) => call('POST', '/api/v1/sync/push', { token: d.token, body: { ops } })),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const page = PullResponse.parse(
      (await call('GET', '/api/v1/sync/pull?limit=100', { token: reader.token })).body,
    );
    expect(page.ops.map((o) => o.op.hlc).sort()).toEqual(
      batches
        .flat()
        .map((o) => o.hlc)
        .sort(),
    );
    expect(page.ops.map((o) => o.seq)).toEqual(page.ops.map((_, i) => i + 1));
  });

  it('lets only one of several racing enrollments spend a code', async () => {
    const point = await server.admin.createPoint('Điểm đua mã');
    const [code] = await server.admin.issueEnrollmentCodes(point.id, 1);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => call('POST', '/api/v1/enroll', { body: { code } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
    expect((await server.admin.listPoints()).find((p) => p.id === point.id)?.activeDevices).toBe(1);
  });

  it('stops listening when closed', async () => {
    const other = await startServer({ ...engine.options, port: 0, logLevel: 'silent' });
    expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
    await other.close();
    await other.close();
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
  });
}
