import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierEnvelope } from '#shared/entities/dossier';
import type { DraftOp } from '#shared/protocol/operation';
import type { PulledOperation } from '#shared/protocol/sync';
import { startServer } from '../../server/src/main';
import { EditingDevice } from '../support/ops';
import { mulberry32, type Rng } from '../support/prng';
import { enroll, SyncClient, TransportError } from '../support/protocol-client';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process';
import { createTempDatabase, type TempDatabase } from '../support/temp-database';

const CYCLES = 3;
const OPS_PER_DEVICE_PER_CYCLE = 300;
const FIELDS = ['fullName', 'phone', 'note', 'address'];

interface Kiosk {
  editor: EditingDevice;
  client: SyncClient;
  outbox: DraftOp[];
  made: DraftOp[];
}

interface Target {
  dataDir: string;
  databaseUrl?: string;
}

/** What a cycle saw, for the summary line. */
interface CycleReport {
  ackedBeforeKill: number;
  inFlightAtKill: number;
  /** Ops the server had committed without the client ever hearing so. */
  committedUnacked: number;
}

async function pullAll(client: SyncClient): Promise<PulledOperation[]> {
  const log: PulledOperation[] = [];
  let cursor = 0;
  for (let page = 0; page < 1_000; page++) {
    const res = await client.pull(cursor, 500);
    log.push(...res.ops);
    cursor = res.cursor;
    if (!res.hasMore) return log;
  }
  throw new Error('log did not end within 1000 pages');
}

/** The log holds each op once, in a gapless sequence, and only ops the kiosks made. */
function expectCleanLog(log: readonly PulledOperation[], made: ReadonlyMap<string, DraftOp>): void {
  expect(log.map((r) => r.seq)).toEqual(log.map((_, i) => i + 1));
  const hlcs = log.map((r) => r.op.hlc);
  expect(new Set(hlcs).size, 'an op is in the log twice').toBe(hlcs.length);
  for (const { op } of log) expect(op).toEqual(dossierEnvelope(made.get(op.hlc)!));
}

function addWork(k: Kiosk, rng: Rng, draftIds: readonly string[]): void {
  for (let i = 0; i < OPS_PER_DEVICE_PER_CYCLE; i++) {
    const draftId = rng.pick(draftIds);
    const op = k.editor.drafts.has(draftId)
      ? k.editor.set(draftId, rng.pick(FIELDS), `value ${rng.int(0, 999)}`)
      : k.editor.create(draftId, 'birth-registration');
    k.outbox.push(op);
    k.made.push(op);
  }
}

/** Pushes until the outbox is empty, retrying what fails (the server is up and the network is fine). */
async function drain(k: Kiosk): Promise<void> {
  for (let attempt = 0; k.outbox.length && attempt < 200; attempt++) {
    try {
      const res = await k.client.push(k.outbox.slice(0, 100).map(dossierEnvelope));
      const acked = new Set(res.acked);
      k.outbox = k.outbox.filter((op) => !acked.has(op.hlc));
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      await sleep(20);
    }
  }
  expect(k.outbox, 'the outbox drains once the server is back').toEqual([]);
}

/**
 * Pushes from every kiosk at once and SIGKILLs the server a few ms after the `killAt`-th request left,
 * while requests are in flight. Records every ack that arrived before the process died.
 */
async function pushUntilKilled(
  kiosks: readonly Kiosk[],
  server: ServerProcess,
  rng: Rng,
  acked: Set<string>,
): Promise<{ inFlightAtKill: number }> {
  const killAt = rng.int(2, 16);
  let sent = 0;
  let inFlight = 0;
  let inFlightAtKill = 0;
  let killing: Promise<void> | undefined;
  const pusher = async (k: Kiosk): Promise<void> => {
    while (k.outbox.length && !killing) {
      const batch = k.outbox.slice(0, rng.int(5, 40));
      if (++sent === killAt) {
        killing = sleep(rng.int(0, 4)).then(() => {
          inFlightAtKill = inFlight;
          return server.kill();
        });
      }
      inFlight++;
      try {
        const res = await k.client.push(batch.map(dossierEnvelope));
        for (const h of res.acked) acked.add(h);
        const done = new Set(res.acked);
        k.outbox = k.outbox.filter((op) => !done.has(op.hlc));
      } catch (err) {
        // Only the kill may cut a request short.
        if (!(err instanceof TransportError) || !killing) throw err;
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all(kiosks.map(pusher));
  // Every batch went through before the chosen request: crash now, between requests.
  await (killing ?? server.kill());
  return { inFlightAtKill };
}

/** Creates a point and codes with the server in-process, then runs kill/restart cycles on a child process. */
async function crashCycles(target: Target, seed: number): Promise<CycleReport[]> {
  const rng = mulberry32(seed);
  const setup = await startServer({ ...target, host: '127.0.0.1', port: 0, logLevel: 'silent' });
  const point = await setup.admin.createPoint('crash test');
  const codes = await setup.admin.issueEnrollmentCodes(point.id, 2);
  await setup.close();

  const port = await freePort();
  const start = () => startServerProcess({ port, ...target });
  let server = await start();
  const reports: CycleReport[] = [];
  try {
    const kiosks: Kiosk[] = [];
    for (const code of codes) {
      const e = await enroll(server.url, { code });
      kiosks.push({
        editor: new EditingDevice(e.deviceId),
        client: new SyncClient(server.url, e.token),
        outbox: [],
        made: [],
      });
    }
    const direct = kiosks[0]!.client;
    const draftIds = Array.from({ length: 4 }, () => rng.uuid());

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      for (const k of kiosks) addWork(k, rng, draftIds);
      const acked = new Set<string>();
      const { inFlightAtKill } = await pushUntilKilled(kiosks, server, rng, acked);

      server = await start();
      const made = new Map(kiosks.flatMap((k) => k.made.map((op) => [op.hlc, op] as const)));
      const afterRestart = await pullAll(direct);
      expectCleanLog(afterRestart, made);
      const onServer = new Set(afterRestart.map((r) => r.op.hlc));
      const lost = [...acked].filter((h) => !onServer.has(h));
      expect(lost, 'acknowledged before the kill, missing after the restart').toEqual([]);
      const pending = new Set(kiosks.flatMap((k) => k.outbox.map((op) => op.hlc)));
      reports.push({
        ackedBeforeKill: acked.size,
        inFlightAtKill,
        committedUnacked: [...onServer].filter((h) => pending.has(h)).length,
      });

      for (const k of kiosks) await drain(k);
      const final = await pullAll(direct);
      expectCleanLog(final, made);
      expect(final.length, 'every op made so far is on the server once').toBe(made.size);
    }
  } catch (err) {
    if (err instanceof Error) err.message += `\n--- server output ---\n${server.output()}`;
    throw err;
  } finally {
    await server.stop();
  }
  return reports;
}

function summary(engine: string, reports: readonly CycleReport[]): string {
  const parts = reports.map(
    (r) =>
      `acked ${r.ackedBeforeKill}, in flight ${r.inFlightAtKill}, committed unacked ${r.committedUnacked}`,
  );
  return `crash recovery (${engine}): ${reports.length} kills — ${parts.join('; ')}`;
}

describe('server killed with SIGKILL mid-push', () => {
  it('SQLite: every acknowledged op survives the restart, none twice, and the rest can be pushed', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvc-crash-'));
    try {
      const reports = await crashCycles({ dataDir }, 7);
      console.log(summary('SQLite', reports));
      expect(reports).toHaveLength(CYCLES);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

const PG_URL = process.env.DVC_TEST_PG_URL;

describe.runIf(PG_URL)('server on PostgreSQL killed with SIGKILL mid-push', () => {
  let db: TempDatabase;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvc-crash-pg-'));
    // Fails the suite when DVC_TEST_PG_URL is set but the server cannot be reached.
    db = await createTempDatabase(PG_URL!, 'dvc_crash');
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every acknowledged op survives the restart, none twice, and the rest can be pushed', async () => {
    const reports = await crashCycles({ dataDir, databaseUrl: db.url }, 11);
    console.log(summary('PostgreSQL', reports));
    expect(reports).toHaveLength(CYCLES);
  }, 120_000);
});
