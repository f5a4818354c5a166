import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeHlc } from '#shared/clock/hlc';
import { MAX_PUSH_BATCH } from '#shared/protocol/limits';
import { ApiClient } from './api-client';
import { backoffDelay } from './backoff';
import { onlineTrigger } from './sync-engine';
import { FakeSyncServer, json, SERVER_TIME } from './testing/fake-sync-server';
import { closeTestKiosks, testKiosk } from './testing/test-kiosk';

afterEach(closeTestKiosks);

describe('SyncEngine', () => {
  it('pushes the outbox, removes what was acknowledged, and shows the draft as synced', async () => {
    const server = new FakeSyncServer();
    const { repos, engine } = await testKiosk('pc1', server);
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    await repos.drafts.setField(draftId, 'fullName', 'Nguyễn Văn A');

    await engine.syncNow();

    expect(server.log.map((e) => e.op.kind)).toEqual(['create', 'set']);
    expect(await repos.outbox.count()).toBe(0);
    expect((await repos.drafts.list())[0]?.syncState).toBe('synced');
    expect(engine.status.get()).toMatchObject({ phase: 'idle', pending: 0, error: null });
  });

  it('keeps unacknowledged operations and resends them with the same ids after a lost answer', async () => {
    const server = new FakeSyncServer();
    const { repos, engine } = await testKiosk('pc1', server);
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    await repos.drafts.setField(draftId, 'personalId', '079195001234');

    server.loseNextAnswer = true;
    await engine.syncNow();
    expect(await repos.outbox.count()).toBe(2);
    expect(engine.status.get()).toMatchObject({ phase: 'waiting', error: 'NETWORK', pending: 2 });

    await engine.syncNow();
    expect(server.pushes[1]).toEqual(server.pushes[0]);
    expect(server.log).toHaveLength(2);
    expect(await repos.outbox.count()).toBe(0);
  });

  it('deletes only the acknowledged part of a batch and retries the rest later', async () => {
    const server = new FakeSyncServer();
    const { repos, engine } = await testKiosk('pc1', server);
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    await repos.drafts.setField(draftId, 'fullName', 'Nguyễn Văn A');
    await repos.drafts.setField(draftId, 'phone', '0901234567');

    server.ackLimit = 1;
    await engine.syncNow();
    expect(await repos.outbox.count()).toBe(2);
    expect((await repos.drafts.list())[0]?.syncState).toBe('pending');
    expect(engine.status.get().phase).toBe('waiting');

    server.ackLimit = Infinity;
    await engine.syncNow();
    expect(await repos.outbox.count()).toBe(0);
  });

  it(`sends a large outbox in batches of at most ${MAX_PUSH_BATCH}, and halves a batch the server finds too large`, async () => {
    const server = new FakeSyncServer();
    const { repos, engine } = await testKiosk('pc1', server);
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    const half = MAX_PUSH_BATCH / 2;
    const total = 4 * half + half / 2;
    for (let i = 1; i < total; i++) await repos.drafts.setField(draftId, 'note', `v${i}`);
    server.failures.push({ status: 413, body: { error: { code: 'BATCH_TOO_LARGE', message: 'too many' } } });

    await engine.syncNow();

    expect(server.pushes.map((p) => p.length)).toEqual([half, half, half, half, half / 2]);
    expect(server.pushes.flat()).toEqual([...server.pushes.flat()].sort());
    expect(await repos.outbox.count()).toBe(0);
  });

  it('backs off exponentially with jitter on failures, and retries at once when the network returns', async () => {
    const server = new FakeSyncServer();
    const { repos, engine, network, timers } = await testKiosk('pc1', server, () => 1);
    await repos.drafts.createDraft('ct01-tam-tru');
    engine.start([onlineTrigger(network)]);
    timers.delays = [];

    for (let i = 0; i < 3; i++) server.failures.push('network');
    server.failures.push({ status: 503, body: 'Service Unavailable' });
    for (let i = 0; i < 4; i++) await engine.syncNow();
    expect(timers.delays).toEqual([1, 2, 3, 4].map((n) => backoffDelay(n, () => 1)));
    expect(timers.delays[3]).toBeGreaterThan(timers.delays[0]!);
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
    const server = new FakeSyncServer();
    const { repos, engine, network } = await testKiosk('pc1', server);
    await repos.drafts.createDraft('ct01-tam-tru');
    server.failures.push({
      status: 401,
      body: { error: { code: 'CREDENTIAL_REVOKED', message: 'revoked' } },
    });
    await engine.syncNow();
    expect(engine.status.get().error).toBe('CREDENTIAL_REVOKED');

    network.set({ online: false });
    engine.request('manual');
    await engine.syncNow();
    expect(server.pushes).toHaveLength(0);
    expect(engine.status.get().pending).toBe(1);
  });

  it('pulls the other PC’s edits page by page, stores the cursor, and folds the server time into the clock', async () => {
    const server = new FakeSyncServer();
    const pc1 = await testKiosk('pc1', server);
    const pc2 = await testKiosk('pc2', server);
    const draftId = await pc1.repos.drafts.createDraft('ct01-tam-tru');
    await pc1.repos.drafts.setField(draftId, 'fullName', 'Trần Văn Bảy');
    await pc1.repos.drafts.setField(draftId, 'phone', '0901234567');
    await pc1.engine.syncNow();

    await pc2.engine.syncNow();

    expect((await pc2.repos.drafts.load(draftId))?.values).toEqual({
      fullName: 'Trần Văn Bảy',
      phone: '0901234567',
    });
    expect(await pc2.repos.syncState.cursor()).toBe(3);
    await pc2.repos.drafts.setField(draftId, 'phone', '0912345678');
    const [edit] = await pc2.repos.outbox.peek(1);
    expect(decodeHlc(edit!.hlc).physical).toBeGreaterThanOrEqual(SERVER_TIME);

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
