import { KioskServices } from '../../../../renderer/src/app/kiosk-services';
import { loadOrCreateDeviceKey } from '../../../../renderer/src/bridge/device-key-store';
import { KioskDb } from '../../../../renderer/src/db/kiosk-db';
import { openRepositories, type Repositories } from '../../../../renderer/src/repo/open-repositories';
import type { KioskApi, KeystrokeSample, SyncOutcome } from './bench-api';
import { fieldText } from './payload';
import { pouchPrepare, pouchReplicate } from './pouch';
import { openFreshRawDb, rawIdbPuts, strictPut } from './raw-idb';

let services: KioskServices | null = null;
let syncDone: Promise<SyncOutcome> | null = null;

function enrolledRepos(): Repositories {
  const repos = services?.session.get().repos;
  if (!repos) throw new Error('enrollApp first');
  return repos;
}

async function keystrokes(n: number, warmup: number, prefilled: number): Promise<KeystrokeSample> {
  const db = new KioskDb('bench-keystroke');
  const repos = await openRepositories(db, await loadOrCreateDeviceKey(), 'bench-keystroke');
  const draftId = await repos.drafts.createDraft('ct01');
  for (let i = 0; i < prefilled; i++) await repos.drafts.setField(draftId, `field${i}`, fieldText(30, i));
  // Every value differs from the last, so no edit is skipped as a no-op.
  const edit = (i: number): Promise<void> =>
    repos.drafts.setField(draftId, 'fullName', fieldText(12 + (i % 30), i));
  for (let i = 0; i < warmup; i++) await edit(i);

  // The baseline writes exactly what the repository wrote for one edit: the sealed draft and the sealed op.
  const draft = await db.drafts.get(draftId);
  const op = await db.outbox.orderBy('hlc').last();
  if (!draft || !op) throw new Error('the repository wrote no draft or outbox row');
  const record = { draft, op };
  const recordBytes =
    draft.ciphertext.byteLength + draft.iv.byteLength + op.ciphertext.byteLength + op.iv.byteLength;

  const raw = await openFreshRawDb('bench-raw-beside-kiosk');
  const sample: KeystrokeSample = { kiosk: [], raw: [], recordBytes };
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await edit(warmup + i);
    sample.kiosk.push(performance.now() - t0);
    sample.raw.push(await strictPut(raw, i, record));
  }
  raw.close();
  db.close();
  return sample;
}

async function enrollApp(code: string): Promise<{ deviceId: string }> {
  services = await KioskServices.open();
  await services.enroll(location.origin, code, 'bench');
  const deviceId = services.session.get().enrollment?.deviceId;
  if (!deviceId) throw new Error('enrolled, but the app has no device id');
  return { deviceId };
}

async function offlineEdits(
  drafts: number,
  fieldsPerDraft: number,
  bytes: number,
): Promise<{ outbox: number; ms: number }> {
  const repos = enrolledRepos();
  const t0 = performance.now();
  for (let d = 0; d < drafts; d++) {
    const draftId = await repos.drafts.createDraft('ct01');
    for (let f = 0; f < fieldsPerDraft; f++) {
      await repos.drafts.setField(draftId, `f${f}`, fieldText(bytes, d * fieldsPerDraft + f));
    }
  }
  return { outbox: await repos.outbox.count(), ms: performance.now() - t0 };
}

/** The app's own engine syncs on `online`; the outbox empties only as the server acknowledges what it committed. */
async function armSync(): Promise<void> {
  const repos = enrolledRepos();
  const engine = (services as KioskServices).sync;
  syncDone = new Promise((resolve) => {
    window.addEventListener(
      'online',
      () => {
        const t0 = performance.now();
        const errors: string[] = [];
        const stopErrors = engine.status.subscribe(() => {
          const s = engine.status.get();
          if (s.phase === 'waiting' && s.error) errors.push(s.error);
        });
        const stopAcks = repos.changes.subscribe((_ids, source) => {
          if (source !== 'ack') return;
          void repos.outbox.count().then((left) => {
            if (left > 0) return;
            const ms = performance.now() - t0;
            stopAcks();
            stopErrors();
            resolve({ ms, errors });
          });
        });
      },
      { once: true },
    );
  });
}

const api: KioskApi = {
  rawIdbPuts,
  pouchPrepare,
  pouchReplicate,
  keystrokes,
  enrollApp,
  offlineEdits,
  armSync,
  syncOutcome() {
    if (!syncDone) throw new Error('armSync first');
    return syncDone;
  },
};
window.bench = api;
