import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentFieldValue } from '#shared/protocol/attachments';
import { UploadError } from '../../../renderer/src/sync/blob-uploader';
import { loadSyncFacts } from '../../../renderer/src/sync/draft-sync-view';
import { RealPoint, type TestKiosk } from './real-point';

let point: RealPoint;
beforeEach(async () => {
  point = await RealPoint.start({ maxUploadBytes: 1_500 });
});
afterEach(async () => point.close());

/** The point log's `set` operations that name a blob, as the server holds them. */
const blobSets = async () =>
  (await point.log()).flatMap((op) =>
    op.type === 'dossier' && op.body.kind === 'set' && op.body.blob ? [op.body.blob] : [],
  );

/** Bytes standing in for a JPEG of a document. */
const photo = (size: number, fill = 7) => new Uint8Array(size).fill(fill).buffer;

async function draftWithPhoto(kiosk: TestKiosk, bytes: ArrayBuffer) {
  const draftId = await kiosk.repos.drafts.createDraft('dang-ky-tam-tru');
  await kiosk.repos.drafts.setField(draftId, 'fullName', 'Trần Thị Thuỷ');
  const stored = await kiosk.repos.attachments.store(draftId, bytes, 'image/jpeg');
  await kiosk.repos.drafts.setAttachment(draftId, 'residenceProof', stored.sha256);
  return { draftId, sha256: stored.sha256 };
}

describe('attachments before the operations that reference them', () => {
  it('holds an operation back until its blob is uploaded, and lets the draft’s other edits go', async () => {
    const pc1 = await point.kiosk('PC 1');
    const { draftId, sha256 } = await draftWithPhoto(pc1, photo(1_200));
    const row = await pc1.db.attachments.get(sha256);
    // Stored encrypted: the photo's bytes are not what the table holds.
    expect(new Uint8Array(row!.ciphertext)).not.toEqual(new Uint8Array(photo(1_200)));

    // The upload fails (network): the create and the name go, the photo's operation stays.
    pc1.uploader.failWith = new UploadError('retry', 'connection reset');
    await pc1.engine.syncNow();
    expect((await point.log()).map((op) => op.type === 'dossier' && op.body.kind)).toEqual(['create', 'set']);
    expect(pc1.faults.pushes.flat()).toHaveLength(2);
    expect(await pc1.repos.outbox.count()).toBe(1);
    expect((await pc1.repos.drafts.list())[0]?.syncState).toBe('pending');
    expect((await loadSyncFacts(pc1.repos)).get(draftId)?.attachments).toBe('pending');
    expect(pc1.engine.status.get().phase).toBe('waiting');

    // Next time the upload succeeds, and only then does the operation naming the blob reach the server.
    pc1.uploader.failWith = null;
    await pc1.engine.syncNow();
    expect(pc1.uploader.uploads).toEqual([sha256, sha256]);
    const pushed = (await point.log()).at(-1);
    expect(pushed?.body).toMatchObject({
      kind: 'set',
      field: 'residenceProof',
      value: attachmentFieldValue(sha256),
      blob: sha256,
    });
    expect(await pc1.repos.outbox.count()).toBe(0);
    expect((await pc1.repos.drafts.list())[0]?.syncState).toBe('synced');
    expect((await loadSyncFacts(pc1.repos)).get(draftId)).toBeUndefined();
  });

  it('does not upload a blob the server already holds', async () => {
    const pc2 = await point.kiosk('PC 2');
    await draftWithPhoto(pc2, photo(1_000));
    await pc2.engine.syncNow();
    const pc1 = await point.kiosk('PC 1');
    await draftWithPhoto(pc1, photo(1_000));
    await pc1.engine.syncNow();
    expect(pc1.uploader.uploads).toEqual([]);
    expect(await pc1.repos.outbox.count()).toBe(0);
  });

  it('refuses a photo over the server’s stated limit without sending it, and a retake replaces it', async () => {
    const pc1 = await point.kiosk('PC 1');
    const { draftId, sha256 } = await draftWithPhoto(pc1, photo(2_000));
    await pc1.engine.syncNow();
    expect(pc1.uploader.uploads).toEqual([]);
    expect((await pc1.repos.attachments.info(sha256))?.state).toBe('too-large');
    expect((await loadSyncFacts(pc1.repos)).get(draftId)?.attachments).toBe('refused');
    expect(await blobSets()).toEqual([]);

    // A smaller retake: the refused photo's operation leaves the outbox, the new one is uploaded and pushed.
    const retake = await pc1.repos.attachments.store(draftId, photo(1_000, 9), 'image/jpeg');
    await pc1.repos.drafts.setAttachment(draftId, 'residenceProof', retake.sha256);
    await pc1.engine.syncNow();
    expect(pc1.uploader.uploads).toEqual([retake.sha256]);
    expect(await pc1.repos.outbox.count()).toBe(0);
    expect(await blobSets()).toEqual([retake.sha256]);
  });

  it('treats the server’s 413 like the stated limit', async () => {
    const pc1 = await point.kiosk('PC 1');
    const { draftId, sha256 } = await draftWithPhoto(pc1, photo(1_000));
    pc1.uploader.failWith = new UploadError('too-large', 'HTTP 413', 413);
    await pc1.engine.syncNow();
    expect((await pc1.repos.attachments.info(sha256))?.state).toBe('too-large');
    expect((await loadSyncFacts(pc1.repos)).get(draftId)?.attachments).toBe('refused');
    // Nothing a retry could fix: the cycle does not back off over it.
    expect(pc1.engine.status.get().error).toBeNull();
  });

  it('uploads again a blob the server turns out to lack (BLOB_MISSING)', async () => {
    const pc1 = await point.kiosk('PC 1');
    const { sha256 } = await draftWithPhoto(pc1, photo(1_000));
    await pc1.repos.attachments.setState(sha256, 'uploaded'); // believed safe, but the server lost it
    await pc1.engine.syncNow();
    expect((await pc1.repos.attachments.info(sha256))?.state).toBe('local');
    await pc1.engine.syncNow();
    expect(pc1.uploader.uploads).toEqual([sha256]);
    expect(await pc1.repos.outbox.count()).toBe(0);
  });

  it('lets the other PC see the photo’s reference and cache its bytes encrypted', async () => {
    const pc1 = await point.kiosk('PC 1');
    const pc2 = await point.kiosk('PC 2');
    const bytes = photo(1_200, 3);
    const { draftId, sha256 } = await draftWithPhoto(pc1, bytes);
    await pc1.engine.syncNow();
    await pc2.engine.syncNow();
    expect((await pc2.repos.drafts.load(draftId))?.values.residenceProof).toBe(attachmentFieldValue(sha256));
    await pc2.repos.attachments.cacheRemote(draftId, sha256, bytes, 'image/jpeg');
    const opened = await pc2.repos.attachments.open(sha256);
    expect(new Uint8Array(await opened!.arrayBuffer())).toEqual(new Uint8Array(bytes));
    await expect(
      pc2.repos.attachments.cacheRemote(draftId, sha256, photo(1_200, 4), 'image/jpeg'),
    ).rejects.toThrow();
  });
});

describe('drift digest', () => {
  it('finds an operation a pull skipped, re-pulls from the start by itself, and converges', async () => {
    const pc1 = await point.kiosk('PC 1');
    const pc2 = await point.kiosk('PC 2');
    const draftId = await pc1.repos.drafts.createDraft('dang-ky-tam-tru');
    await pc1.repos.drafts.setField(draftId, 'fullName', 'Lâm Văn Phúc');
    await pc1.repos.drafts.setField(draftId, 'phone', '+84901234567');
    await pc1.engine.syncNow();

    pc2.faults.skipInPull.add(2); // a pull loses the name; the cursor still moves past it
    await pc2.engine.syncNow();
    expect(pc2.health.heals).toBe(1);
    expect((await pc2.repos.drafts.load(draftId))?.values).toEqual({
      fullName: 'Lâm Văn Phúc',
      phone: '+84901234567',
    });
    expect(pc2.engine.status.get().error).toBeNull();

    // Healthy from then on: no further re-pull.
    pc2.faults.skipInPull.clear();
    pc2.timers.clock += 120_000;
    await pc2.engine.syncNow();
    expect(pc2.health.heals).toBe(1);
    const { cursor, digest } = await pc2.repos.syncState.position();
    expect({ cursor, count: digest.count }).toEqual({ cursor: 3, count: 3 });
  });

  it('checks the digest on schedule, at most once a minute, and never because a pull brought something', async () => {
    const pc1 = await point.kiosk('PC 1');
    const pc2 = await point.kiosk('PC 2');
    const draftId = await pc1.repos.drafts.createDraft('dang-ky-tam-tru');
    await pc1.engine.syncNow();
    await pc1.engine.syncNow();
    const pointDigests = () => pc1.faults.digests.filter((scope) => scope === 'point');
    expect(pointDigests()).toHaveLength(1);

    // PC 2's edit arrives by a poke: PC 1 pulls it and checks nothing.
    await pc2.engine.syncNow();
    await pc2.repos.drafts.setField(draftId, 'fullName', 'Hồ Thị Mai');
    await pc2.engine.syncNow('edit');
    const seq = (await point.log()).length;
    pc1.engine.poke('point', seq);
    await pc1.engine.syncNow('edit');
    expect((await pc1.repos.drafts.load(draftId))?.values.fullName).toBe('Hồ Thị Mai');
    expect(pointDigests()).toHaveLength(1);

    pc1.timers.clock += 61_000;
    await pc1.engine.syncNow();
    expect(pointDigests()).toHaveLength(2);
  });
});

describe('status changes', () => {
  it('queues a change made offline and sends it when online; the pulled status operation confirms it', async () => {
    const pc1 = await point.kiosk('PC 1');
    const draftId = await pc1.repos.drafts.createDraft('dang-ky-tam-tru');
    pc1.network.set({ online: false });
    await pc1.repos.statuses.request(draftId, 'draft', 'ready');
    await pc1.engine.syncNow();
    expect(pc1.faults.statusRequests).toHaveLength(0);
    expect((await pc1.repos.statuses.forDraft(draftId)).map((c) => c.state)).toEqual(['pending']);

    pc1.network.set({ online: true });
    await pc1.engine.syncNow();
    expect(pc1.faults.statusRequests).toMatchObject([{ draftId, expected: 'draft', next: 'ready' }]);
    expect((await pc1.repos.drafts.list())[0]?.status).toBe('ready');
    expect(await pc1.repos.statuses.forDraft(draftId)).toEqual([]);
  });

  it('re-bases a stale change: retried when it still moves forward, dropped when it already holds', async () => {
    const pc1 = await point.kiosk('PC 1');
    const pc2 = await point.kiosk('PC 2');
    const draftId = await pc1.repos.drafts.createDraft('dang-ky-tam-tru');
    await pc1.engine.syncNow();
    await point.setStatus(pc2, draftId, 'draft', 'ready');
    await point.setStatus(pc2, draftId, 'ready', 'submitted');
    await point.setStatus(pc2, draftId, 'submitted', 'needs-more');
    await point.setStatus(pc2, draftId, 'needs-more', 'ready'); // the other PC prepared the extra papers
    // This PC, not yet aware, files it straight from needs-more: the server says "ready" → retry from ready.
    await pc1.repos.statuses.request(draftId, 'needs-more' as never, 'submitted');
    await pc1.engine.syncNow();
    expect(pc1.faults.statusRequests.map((r) => r.expected)).toEqual(['needs-more', 'ready']);
    expect((await pc1.repos.drafts.list())[0]?.status).toBe('submitted');

    // Asking for a status that already holds is dropped quietly.
    await pc1.repos.statuses.request(draftId, 'ready', 'submitted');
    await pc1.engine.syncNow();
    expect(await pc1.repos.statuses.forDraft(draftId)).toEqual([]);
  });

  it('asks a person when the change would undo what another device recorded, showing both statuses', async () => {
    const pc1 = await point.kiosk('PC 1');
    const pc2 = await point.kiosk('PC 2');
    const draftId = await pc1.repos.drafts.createDraft('dang-ky-tam-tru');
    await pc1.engine.syncNow();
    await point.setStatus(pc2, draftId, 'draft', 'ready');
    await pc1.engine.syncNow();
    await point.setStatus(pc2, draftId, 'ready', 'submitted'); // filed on the other PC
    await pc1.repos.statuses.request(draftId, 'ready', 'draft'); // "edit again" here
    await pc1.engine.syncNow();
    const [ask] = await pc1.repos.statuses.forDraft(draftId);
    expect(ask).toMatchObject({ state: 'ask', next: 'draft', server: 'submitted' });
    expect((await loadSyncFacts(pc1.repos)).get(draftId)?.statusChanges).toHaveLength(1);

    await pc1.repos.statuses.choose(ask!, 'keep-server');
    expect(await pc1.repos.statuses.forDraft(draftId)).toEqual([]);
    expect((await pc1.repos.drafts.list())[0]?.status).toBe('submitted');
  });
});
