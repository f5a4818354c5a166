import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planHousekeeping, runHousekeeping } from '../../../renderer/src/housekeeping/housekeeping';
import { RealPoint, type TestKiosk } from './real-point';

let point: RealPoint;
let pc2: TestKiosk;
beforeEach(async () => {
  point = await RealPoint.start({ retentionDays: 30 });
  pc2 = await point.kiosk('PC 2');
  // Its clock then follows the server's (the test timers start in 1970), as the status stamps must.
  await pc2.engine.syncNow();
});
afterEach(async () => point.close());

const NEXT: Record<string, string> = { ready: 'draft', submitted: 'ready', received: 'submitted' };

const DAY = 86_400_000;
let photos = 0;

/** A CT01 draft with a photo, synced, then moved through `statuses` by the other PC. */
async function finalDraft(kiosk: TestKiosk, statuses: string[]) {
  const draftId = await kiosk.repos.drafts.createDraft('dang-ky-tam-tru');
  await kiosk.repos.drafts.setField(draftId, 'fullName', 'Quách Thị Hoà');
  const stored = await kiosk.repos.attachments.store(
    draftId,
    new Uint8Array(500).fill(++photos).buffer,
    'image/jpeg',
  );
  await kiosk.repos.drafts.setAttachment(draftId, 'residenceProof', stored.sha256);
  await kiosk.engine.syncNow();
  // The other PC moves it on.
  for (const s of statuses) await point.setStatus(pc2, draftId, NEXT[s] ?? '', s);
  await kiosk.engine.syncNow();
  return { draftId, sha256: stored.sha256 };
}

describe('housekeeping', () => {
  it('erases a synced, submitted draft past retention with its photo, and ignores its later operations', async () => {
    const pc1 = await point.kiosk('PC 1');
    const old = await finalDraft(pc1, ['ready', 'submitted']);
    const active = await finalDraft(pc1, ['ready']);
    const statusAt = (await pc1.repos.drafts.list()).find((d) => d.id === old.draftId)!.statusAt!;

    // 29 days on: kept. 31 days on: erased (on the server's clock, whatever this PC's says).
    expect((await runHousekeeping(pc1.repos, statusAt + 29 * DAY)).erase).toEqual([]);
    const plan = await runHousekeeping(pc1.repos, statusAt + 31 * DAY);
    expect(plan.erase).toEqual([old.draftId]);
    expect((await pc1.repos.drafts.list()).map((d) => d.id)).toEqual([active.draftId]);
    expect(await pc1.repos.attachments.info(old.sha256)).toBeUndefined();
    expect(await pc1.repos.attachments.info(active.sha256)).toBeDefined();

    // The other PC edits the erased dossier later, and a drift re-pull replays the whole log: nothing returns.
    await point.setStatus(pc2, old.draftId, 'submitted', 'received');
    await pc1.repos.syncState.resetPull();
    await pc1.engine.syncNow();
    expect((await pc1.repos.drafts.list()).map((d) => d.id)).toEqual([active.draftId]);
  });

  it('never erases a draft with edits or a status change still waiting, nor one still in preparation', () => {
    const now = 100 * DAY;
    const base = { procedureId: 'p', updatedAt: 0, conflicted: false, statusAt: 0 } as const;
    const drafts = [
      { ...base, id: 'synced-done', status: 'done', syncState: 'synced' },
      { ...base, id: 'unsynced-done', status: 'done', syncState: 'pending' },
      { ...base, id: 'queued-status', status: 'submitted', syncState: 'synced' },
      { ...base, id: 'needs-more', status: 'needs-more', syncState: 'synced' },
      { ...base, id: 'recent-received', status: 'received', syncState: 'synced', statusAt: now - DAY },
    ] as const;
    expect(planHousekeeping(drafts, new Set(['queued-status']), now, 30)).toEqual({
      erase: ['synced-done'],
      compact: ['recent-received'],
    });
    // Retention not known yet (never heard the server): nothing is erased.
    expect(planHousekeeping(drafts, new Set(), now, null).erase).toEqual([]);
  });

  it('compacts a final draft by dropping leftover upload records of its acknowledged photos only', async () => {
    const pc1 = await point.kiosk('PC 1');
    const done = await finalDraft(pc1, ['ready', 'submitted']);
    const open = await finalDraft(pc1, []);
    for (const sha of [done.sha256, open.sha256]) {
      await pc1.repos.uploadUrls.addUpload(`sha256:${sha}`, {
        size: 500,
        metadata: {},
        creationTime: new Date(0).toISOString(),
        uploadUrl: `/api/v1/uploads/${sha}`,
        parallelUploadUrls: null,
      });
    }
    const plan = await runHousekeeping(pc1.repos, Date.now());
    expect(plan.compact).toEqual([done.draftId]);
    expect((await pc1.repos.uploadUrls.findAllUploads()).map((u) => u.uploadUrl)).toEqual([
      `/api/v1/uploads/${open.sha256}`,
    ]);
    // The merge registers stay whole: the draft still reads the same.
    expect((await pc1.repos.drafts.load(done.draftId))?.values.fullName).toBe('Quách Thị Hoà');
  });
});
