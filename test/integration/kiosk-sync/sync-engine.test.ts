import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeHlc } from '#shared/clock/hlc';
import { MAX_PUSH_BATCH } from '#shared/protocol/limits';
import { ApiClient } from '../../../renderer/src/sync/api-client';
import { backoffDelay } from '../../../renderer/src/sync/backoff';
import { onlineTrigger } from '../../../renderer/src/sync/sync-engine';
import { json, RealPoint } from './real-point';

let point: RealPoint;
beforeEach(async () => {
  point = await RealPoint.start();
});
afterEach(async () => point.close());

const kinds = async () => (await point.log()).map((op) => (op.type === 'dossier' ? op.body.kind : op.type));

describe('SyncEngine against the real server', () => {
  it('pushes the outbox, removes what was acknowledged, and shows the draft as synced', async () => {
    const { repos, engine } = await point.kiosk('PC 1');
    const draftId = await repos.drafts.createDraft('dang-ky-tam-tru');
    await repos.drafts.setField(draftId, 'fullName', 'Nguyễn Văn A');

    await engine.syncNow();

    expect(await kinds()).toEqual(['create', 'set']);
    expect(await repos.outbox.count()).toBe(0);
    expect((await repos.drafts.list())[0]?.syncState).toBe('synced');
    expect(engine.status.get()).toMatchObject({ phase: 'idle', pending: 0, error: null });
  });

  it('keeps unacknowledged operations and resends them with the same ids after a lost answer', async () => {
    const { repos, engine, faults } = await point.kiosk('PC 1');
    const draftId = await repos.drafts.createDraft('dang-ky-tam-tru');
    await repos.drafts.setField(draftId, 'personalId', '079195001234');

    faults.loseNextAnswer = true;
    await engine.syncNow();
    expect(await repos.outbox.count()).toBe(2);
    expect(engine.status.get()).toMatchObject({ phase: 'waiting', error: 'NETWORK', pending: 2 });

    await engine.syncNow();
    expect(faults.pushes[1]).toEqual(faults.pushes[0]);
    expect(await point.log()).toHaveLength(2);
    expect(await repos.outbox.count()).toBe(0);
    // The retry's operations were already in the log: the cursor learns them from the pull, as own ids.
    expect(await repos.syncState.position()).toMatchObject({ cursor: 2, digest: { count: 2 } });
  });

  it('deletes only the acknowledged part of a batch and retries the rest later', async () => {
    const { repos, engine, faults } = await point.kiosk('PC 1');
    const draftId = await repos.drafts.createDraft('dang-ky-tam-tru');
    await repos.drafts.setField(draftId, 'fullName', 'Nguyễn Văn A');
    await repos.drafts.setField(draftId, 'phone', '0901234567');

    faults.ackLimit = 1;
    await engine.syncNow();
    expect(await repos.outbox.count()).toBe(2);
    expect((await repos.drafts.list())[0]?.syncState).toBe('pending');
    expect(engine.status.get().phase).toBe('waiting');

    faults.ackLimit = Infinity;
    await engine.syncNow();
    expect(await repos.outbox.count()).toBe(0);
  });

  it(`sends a large outbox in batches of at most ${MAX_PUSH_BATCH}, and halves a batch the server finds too large`, async () => {
    const { repos, engine, faults } = await point.kiosk('PC 1');
    const draftId = await repos.drafts.createDraft('dang-ky-tam-tru');
    const half = MAX_PUSH_BATCH / 2;
    const total = 4 * half + half / 2;
    for (let i = 1; i < total; i++) await repos.drafts.setField(draftId, 'note', `v${i}`);
    faults.failures.push({ status: 413, body: { error: { code: 'BATCH_TOO_LARGE', message: 'too many' } } });

    await engine.syncNow();

    expect(faults.pushes.slice(1).map((p) => p.length)).toEqual([half, half, half, half, half / 2]);
    expect(faults.pushes.slice(1).flat()).toEqual([...faults.pushes.slice(1).flat()].sort());
    expect(await repos.outbox.count()).toBe(0);
    expect(await point.log()).toHaveLength(total);
    // Its own operations are not pulled back: the cursor moved over them with the push answers, and the one
    // pull of the cycle found nothing after them.
    expect(faults.pulls.filter((scope) => scope === 'point')).toHaveLength(1);
    expect(await repos.syncState.position()).toMatchObject({ cursor: total, digest: { count: total } });
  });

  it('backs off exponentially with jitter on failures, and retries at once when the network returns', async () => {
    const { repos, engine, network, timers, faults } = await point.kiosk('PC 1', () => 1);
    await repos.drafts.createDraft('dang-ky-tam-tru');
    engine.start([onlineTrigger(network)]);
    await engine.syncNow();
    timers.delays = [];

    await repos.drafts.createDraft('dang-ky-tam-tru');
    for (let i = 0; i < 3; i++) faults.failures.push('network');
    faults.failures.push({ status: 503, body: 'Service Unavailable' });
    for (let i = 0; i < 4; i++) await engine.syncNow();
    expect(timers.delays).toEqual([1, 2, 3, 4].map((n) => backoffDelay(n, () => 1)));
    expect(engine.status.get()).toMatchObject({ phase: 'waiting', error: 'INTERNAL' });

    // An edit while backing off does not hammer the server …
    engine.request('edit');
    expect(timers.delays).toHaveLength(4);
    // … but coming back online retries immediately.
    network.set({ online: false });
    network.set({ online: true });
    expect(timers.delays.at(-1)).toBe(0);
    await engine.syncNow();
    expect(engine.status.get()).toMatchObject({ phase: 'idle', error: null });
    engine.stop();
  });

  it('keeps jittered delays within half and all of the capped exponential step', () => {
    expect(backoffDelay(1, () => 0)).toBe(1_000);
    expect(backoffDelay(1, () => 1)).toBe(2_000);
    expect(backoffDelay(3, () => 0.5)).toBe(6_000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
  });

  it('maps the server error code of a refused request, and does nothing while offline', async () => {
    const pc1 = await point.kiosk('PC 1');
    await pc1.repos.drafts.createDraft('dang-ky-tam-tru');
    await point.t.server.admin.revokeDevice(pc1.enrolled.deviceId);
    await pc1.engine.syncNow();
    expect(pc1.engine.status.get().error).toBe('CREDENTIAL_REVOKED');

    const pc2 = await point.kiosk('PC 2');
    await pc2.repos.drafts.createDraft('dang-ky-tam-tru');
    pc2.network.set({ online: false });
    await pc2.engine.syncNow();
    expect(pc2.faults.requests).toEqual([]);
    expect(pc2.engine.status.get().pending).toBe(1);
  });

  it('pulls the other PC’s edits page by page, stores the cursor, and folds the server time into the clock', async () => {
    const pc1 = await point.kiosk('PC 1');
    const pc2 = await point.kiosk('PC 2');
    const draftId = await pc1.repos.drafts.createDraft('dang-ky-tam-tru');
    await pc1.repos.drafts.setField(draftId, 'fullName', 'Trần Văn Bảy');
    await pc1.repos.drafts.setField(draftId, 'phone', '0901234567');
    await pc1.engine.syncNow();

    await pc2.engine.syncNow();

    expect((await pc2.repos.drafts.load(draftId))?.values).toEqual({
      fullName: 'Trần Văn Bảy',
      phone: '0901234567',
    });
    expect(await pc2.repos.syncState.cursor()).toBe(3);
    const before = Date.now();
    await pc2.repos.drafts.setField(draftId, 'phone', '0912345678');
    const [edit] = await pc2.repos.outbox.peek(1);
    // The kiosk's test clock is far behind (1970); its stamps follow the server's time.
    expect(decodeHlc(edit!.hlc).physical).toBeGreaterThanOrEqual(before - 60_000);

    // PC 2's edit saw PC 1's phone, so after both sync there is one value and no conflict.
    await pc2.engine.syncNow();
    await pc1.engine.syncNow();
    const onPc1 = await pc1.repos.drafts.load(draftId);
    expect(onPc1?.values.phone).toBe('0912345678');
    expect(onPc1?.state.fields.phone?.conflicts).toBeUndefined();
  });

  it('rejects an answer that does not match the protocol instead of trusting it', async () => {
    const api = new ApiClient({
      baseUrl: 'http://sync.test',
      fetch: async () => json(200, { acked: 'all' }),
    });
    await expect(api.push([])).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});
