import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierEnvelope } from '#shared/entities/dossier';
import { startServer } from '../../server/src/main';
import { EditingDevice } from '../support/ops';
import { mulberry32 } from '../support/prng';
import { enroll, SyncClient, TransportError } from '../support/protocol-client';
import { HEALED, startFaultProxy, type FaultKind } from './fault-proxy';

const only = (kind: FaultKind) => ({ ...HEALED, pass: 0, [kind]: 1 });

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
}

describe('fault proxy in front of the real server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let dataDir: string;
  let n = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvc-proxy-'));
    // Every PC here enrolls from 127.0.0.1: lift the per-address enrollment limit.
    server = await startServer({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      enrollLimit: { max: 1_000_000, windowMs: 60_000 },
    });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh point with one enrolled PC, whose pushes go through a proxy stuck on one fault. */
  async function setup(kind: FaultKind) {
    const point = await server.admin.createPoint(`proxy ${++n}`);
    const [code] = await server.admin.issueEnrollmentCodes(point.id, 1);
    const device = await enroll(server.url, { code: code! });
    const proxy = await startFaultProxy({ upstream: server.url, seed: n, weights: only(kind) });
    const pc = new EditingDevice(device.deviceId);
    const draftId = mulberry32(n).uuid();
    const ops = [pc.create(draftId, 'birth-registration'), pc.set(draftId, 'fullName', 'Lê Thị Hoa')].map(
      dossierEnvelope,
    );
    const direct = new SyncClient(server.url, device.token);
    return { proxy, ops, via: direct.via(proxy.url), direct };
  }

  const hlcsOnServer = async (direct: SyncClient) => (await direct.pull(0, 500)).ops.map((r) => r.op.hlc);

  it.each(['refuse', 'cutRequest'] as const)(
    '%s: the client sees a failure and the server commits nothing',
    async (kind) => {
      const { proxy, ops, via, direct } = await setup(kind);
      try {
        await expect(via.push(ops)).rejects.toBeInstanceOf(TransportError);
        expect(await hlcsOnServer(direct)).toEqual([]);
        expect(proxy.counts[kind]).toBe(1);
      } finally {
        await proxy.close();
      }
    },
  );

  it.each(['lostAnswer', 'cutResponse', 'truncate'] as const)(
    '%s: the server commits, the client sees a failure, and a retry is acked without a second copy',
    async (kind) => {
      const { proxy, ops, via, direct } = await setup(kind);
      try {
        await expect(via.push(ops)).rejects.toBeInstanceOf(TransportError);
        expect(await hlcsOnServer(direct)).toEqual(ops.map((op) => op.hlc));
        proxy.heal();
        expect((await via.push(ops)).acked).toEqual(ops.map((op) => op.hlc));
        expect(await hlcsOnServer(direct)).toEqual(ops.map((op) => op.hlc));
        expect(proxy.counts).toMatchObject({ [kind]: 1, pass: 1 });
      } finally {
        await proxy.close();
      }
    },
  );

  it.each(['pass', 'delay', 'duplicate'] as const)(
    '%s: the push is acked and committed once',
    async (kind) => {
      const { proxy, ops, via, direct } = await setup(kind);
      try {
        expect((await via.push(ops)).acked).toEqual(ops.map((op) => op.hlc));
        expect(await hlcsOnServer(direct)).toEqual(ops.map((op) => op.hlc));
        expect(proxy.counts[kind]).toBe(1);
      } finally {
        await proxy.close();
      }
    },
  );

  it('draws the same faults for the same seed and request order', async () => {
    const weights = { ...HEALED, pass: 1, refuse: 1, delay: 1, duplicate: 1 };
    const run = async () => {
      const { proxy, via } = await setup('pass');
      const p2 = await startFaultProxy({ upstream: server.url, seed: 42, weights });
      const pc = via.via(p2.url);
      const seen: string[] = [];
      try {
        for (let i = 0; i < 12; i++)
          seen.push(
            await pc.pull(0).then(
              () => 'ok',
              () => 'failed',
            ),
          );
        return { seen, counts: { ...p2.counts } };
      } finally {
        await p2.close();
        await proxy.close();
      }
    };
    const [a, b] = [await run(), await run()];
    expect(b).toEqual(a);
    expect(a.seen).toContain('failed');
    expect(a.seen).toContain('ok');
  });

  it('closes without leaving a socket or timer behind, even with requests in flight', async () => {
    const before = tcpHandles();
    const { proxy, direct } = await setup('pass');
    await proxy.close();
    // Long delays, so the requests are surely still inside the proxy when it closes.
    const slow = await startFaultProxy({
      upstream: server.url,
      seed: 1,
      weights: only('delay'),
      maxDelayMs: 60_000,
    });
    const via = direct.via(slow.url);
    const inFlight = Promise.allSettled(Array.from({ length: 5 }, () => via.pull(0)));
    for (let i = 0; i < 250 && slow.counts.delay < 5; i++) await sleep(20);
    expect(slow.counts.delay).toBe(5);
    await slow.close();
    const outcomes = await inFlight;
    expect(outcomes.map((o) => o.status === 'rejected' && o.reason instanceof TransportError)).toEqual(
      Array(5).fill(true),
    );
    for (let i = 0; i < 100 && tcpHandles() > before; i++) await sleep(20);
    expect(tcpHandles()).toBeLessThanOrEqual(before);
  });
});
