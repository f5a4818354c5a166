import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { restoreReleaseDatabase } from '../../server/src/test-support/release-database';
import { sqliteEngine, type TestEngine } from '../../server/src/test-support/engines';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server';
import { KioskDb } from '../../renderer/src/db/kiosk-db';
import { openRepositories, type Repositories } from '../../renderer/src/repo/open-repositories';
import { Store } from '../../renderer/src/state/store';
import { ApiClient } from '../../renderer/src/sync/api-client';
import { SyncEngine } from '../../renderer/src/sync/sync-engine';
import { newSyncHealth } from '../../renderer/src/sync/sync-health';
import { UploadActivity } from '../../renderer/src/sync/upload-activity';

/**
 * A kiosk store and its server written by release 1a02d1f (the last before entity types) through their own
 * code: a synced dossier holding the other PC's writes, then offline edits, a second dossier and a status
 * change left waiting. How it was made: test/integration/fixtures/README.md.
 */
interface StoreShape {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/kiosk-release-1a02d1f.json', import.meta.url), 'utf8'),
) as {
  kiosk: {
    version: number;
    stores: StoreShape[];
    rows: Record<string, unknown[]>;
    key: string;
    deviceId: string;
    drafts: [string, string];
  };
  server: { tokens: Record<string, string>; tables: Record<string, Record<string, unknown>[]> };
};
const { kiosk } = fixture;
const [synced, offline] = kiosk.drafts;

/** Binary columns were written as `{ $bytes, $type }`. */
function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$bytes === 'string') {
      const bytes = new Uint8Array(Buffer.from(o.$bytes, 'base64'));
      return o.$type === 'ArrayBuffer' ? bytes.buffer : bytes;
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

/** Recreates the release's IndexedDB database as it was on disk: same version, stores, indexes and rows. */
async function restoreReleaseStore(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(name, kiosk.version);
    req.onupgradeneeded = () => {
      for (const s of kiosk.stores) {
        const store = req.result.createObjectStore(s.name, {
          keyPath: s.keyPath,
          autoIncrement: s.autoIncrement,
        });
        for (const ix of s.indexes)
          store.createIndex(ix.name, ix.keyPath, { unique: ix.unique, multiEntry: ix.multiEntry });
      }
    };
    req.onsuccess = () => {
      const tx = req.result.transaction(
        kiosk.stores.map((s) => s.name),
        'readwrite',
      );
      for (const [store, rows] of Object.entries(kiosk.rows))
        for (const row of rows) tx.objectStore(store).put(decode(row));
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });
}

let engine: TestEngine;
let t: TestServer;
let db: KioskDb;
let repos: Repositories;

beforeAll(async () => {
  engine = sqliteEngine();
  await restoreReleaseDatabase(engine, '0006_blobs', fixture.server.tables);
  t = await startTestServer(engine);
  await restoreReleaseStore('release-kiosk');
  db = new KioskDb('release-kiosk');
  await db.open();
  const key = await crypto.subtle.importKey('raw', Buffer.from(kiosk.key, 'base64'), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  repos = await openRepositories(db, key, kiosk.deviceId);
});
afterAll(async () => {
  db?.close();
  await t?.close();
  await engine?.dispose();
});

it('opens the release’s store: drafts, waiting operations, queued status change and pull position intact', async () => {
  expect(db.verno).toBe(4);
  expect((await repos.drafts.load(synced))?.values).toMatchObject({ phone: '0911222333' });
  expect((await repos.drafts.load(offline))?.values).toEqual({ fullName: 'Lê Văn Tám' });
  const waiting = await repos.outbox.peek(10);
  expect(waiting.map((op) => [op.type, op.id, op.type === 'dossier' && op.body.kind])).toEqual([
    ['dossier', synced, 'set'],
    ['dossier', offline, 'create'],
    ['dossier', offline, 'set'],
  ]);
  expect((await repos.statuses.pending()).map((c) => [c.draftId, c.next])).toEqual([[synced, 'ready']]);
  const legacy = kiosk.rows.syncState as { key: string; value: unknown }[];
  expect(await repos.syncState.position('point')).toEqual({
    cursor: legacy.find((r) => r.key === 'cursor')?.value,
    digest: legacy.find((r) => r.key === 'digest')?.value,
  });
});

it('syncs what the release left waiting with the migrated server, and both agree on the log', async () => {
  const api = new ApiClient({ baseUrl: t.server.url, token: fixture.server.tokens[kiosk.deviceId] ?? '' });
  const health = newSyncHealth();
  const engine = new SyncEngine({
    context: () => ({
      api,
      ...repos,
      deviceId: kiosk.deviceId,
      uploader: { upload: async () => undefined },
      uploadActivity: new UploadActivity(),
      health,
      now: () => Date.now(),
    }),
    count: () => repos.outbox.count(),
    network: new Store({ online: true }),
  });
  await engine.syncNow();
  expect(engine.status.get()).toMatchObject({ phase: 'idle', error: null, pending: 0 });
  expect((await repos.drafts.list()).find((d) => d.id === synced)?.status).toBe('ready');
  // The drift check of that cycle found the kiosk's digest (written by the release) equal to the server's.
  expect(health.heals).toBe(0);
  expect(health.digestCheckedAt.has('point')).toBe(true);
  const onServer = await api.pull('point', 0, 500);
  expect(await repos.syncState.position('point')).toMatchObject({ cursor: onServer.cursor });
  const snapshot = await t.call('GET', `/api/v1/drafts/${offline}`, {
    token: fixture.server.tokens[kiosk.deviceId],
  });
  expect(snapshot.body).toMatchObject({ fields: { fullName: { value: 'Lê Văn Tám' } } });
});
