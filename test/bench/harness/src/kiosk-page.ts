import { KioskServices } from '../../../../renderer/src/app/kiosk-services';
import { loadOrCreateDeviceKey } from '../../../../renderer/src/bridge/device-key-store';
import { KioskDb } from '../../../../renderer/src/db/kiosk-db';
import { openRepositories, type Repositories } from '../../../../renderer/src/repo/open-repositories';
import type { KioskApi, SetFieldSample, SyncOutcome } from './bench-api';
import { GENERATED_PROCEDURE, generatedEdits, type EditShape } from './edits';
import { fieldText } from './payload';
import { pouchPrepare, pouchSync } from './pouch';
import { openFreshRawDb, rawIdbPuts, strictPut } from './raw-idb';
import { withRelaxedWrites } from './relaxed-writes';

let services: KioskServices | null = null;
let syncDone: Promise<SyncOutcome> | null = null;

function enrolledRepos(): Repositories {
  const repos = services?.session.get().repos;
  if (!repos) throw new Error('enrollApp or openServices first');
  return repos;
}

async function setFieldRounds(
  rounds: number,
  perRound: number,
  warmup: number,
  prefilled: number,
): Promise<SetFieldSample> {
  const db = new KioskDb('bench-setfield');
  const repos = await openRepositories(db, await loadOrCreateDeviceKey(), 'bench-setfield');
  const draftId = await repos.drafts.createDraft(GENERATED_PROCEDURE);
  for (let i = 0; i < prefilled; i++) await repos.drafts.setField(draftId, `field${i}`, fieldText(30, i));
  // Every value differs from the last, so no edit is skipped as a no-op.
  let n = 0;
  const edit = (): Promise<void> => {
    n++;
    return repos.drafts.setField(draftId, 'fullName', fieldText(12 + (n % 30), n));
  };
  for (let i = 0; i < warmup; i++) await edit();

  // The baseline writes exactly what the repository wrote for one edit: the sealed draft and the sealed op.
  const draft = await db.drafts.get(draftId);
  const op = await db.outbox.orderBy('hlc').last();
  if (!draft || !op) throw new Error('the repository wrote no draft or outbox row');
  const record = { draft, op };
  const recordBytes =
    draft.ciphertext.byteLength + draft.iv.byteLength + op.ciphertext.byteLength + op.iv.byteLength;

  const raw = await openFreshRawDb('bench-raw-beside-kiosk');
  let key = 0;
  for (let i = 0; i < warmup; i++) await strictPut(raw, key++, record);
  const sample: SetFieldSample = { kiosk: [], raw: [], recordBytes };
  for (let r = 0; r < rounds; r++) {
    const kiosk: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < perRound; i++) {
      const t0 = performance.now();
      await edit();
      kiosk.push(performance.now() - t0);
      rawTimes.push(await strictPut(raw, key++, record));
    }
    sample.kiosk.push(kiosk);
    sample.raw.push(rawTimes);
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

async function openServices(): Promise<{ deviceId: string; outbox: number }> {
  services = await KioskServices.open();
  const deviceId = services.session.get().enrollment?.deviceId;
  if (!deviceId) throw new Error('this profile holds no enrollment');
  return { deviceId, outbox: await enrolledRepos().outbox.count() };
}

/**
 * The generated edits through the app's own DraftRepository, one draft after another, as a volunteer would
 * make them offline. Preparation, not timed: its transactions are relaxed to keep the run short.
 */
async function offlineEdits(shape: EditShape): Promise<{ outbox: number; ms: number }> {
  const repos = enrolledRepos();
  const t0 = performance.now();
  await withRelaxedWrites(async () => {
    const draftIds: string[] = [];
    for (const edit of generatedEdits(shape)) {
      draftIds[edit.draft] ??= await repos.drafts.createDraft(GENERATED_PROCEDURE);
      await repos.drafts.setField(draftIds[edit.draft] as string, edit.field, edit.value);
    }
    await repos.drafts.idle();
  });
  return { outbox: await repos.outbox.count(), ms: performance.now() - t0 };
}

/**
 * The app's own engine syncs on `online`. The stopwatch stops at the last moment the engine went idle with an
 * empty outbox, once it has stayed idle for `quietMs`: the pull after the push, and the cycles that pokes of
 * its own pushes start, are included.
 */
async function armSync(quietMs: number): Promise<void> {
  const repos = enrolledRepos();
  const engine = (services as KioskServices).sync;
  syncDone = new Promise((resolve) => {
    window.addEventListener(
      'online',
      () => {
        const t0 = performance.now();
        const errors: string[] = [];
        let cycles = 0;
        let phase = engine.status.get().phase;
        let quiet: ReturnType<typeof setTimeout> | undefined;
        const stop = engine.status.subscribe(() => {
          const s = engine.status.get();
          if (s.phase === phase) return;
          phase = s.phase;
          clearTimeout(quiet);
          if (s.phase === 'syncing') cycles++;
          if (s.phase === 'waiting' && s.error) errors.push(s.error);
          if (s.phase !== 'idle') return;
          const idleAt = performance.now();
          quiet = setTimeout(() => {
            void repos.outbox.count().then((left) => {
              if (left > 0 || engine.status.get().phase !== 'idle') return;
              stop();
              resolve({ ms: idleAt - t0, cycles, errors });
            });
          }, quietMs);
        });
      },
      { once: true },
    );
  });
}

const api: KioskApi = {
  rawIdbPuts,
  pouchPrepare,
  pouchSync,
  setFieldRounds,
  enrollApp,
  openServices,
  offlineEdits,
  armSync,
  syncOutcome() {
    if (!syncDone) throw new Error('armSync first');
    return syncDone;
  },
};
window.bench = api;
