import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '#shared/clock/hlc';
import { groupRowIds } from '#shared/merge/group-rows';
import type { Operation } from '#shared/protocol/operation';
import { KioskDb } from '../db/kiosk-db';
import { isQuotaError, StorageFullError } from '../db/storage-errors';
import { openRepositories } from './open-repositories';

const ID_NUMBER = '079195001234';
const opened: KioskDb[] = [];

function newDb(name = `test-${crypto.randomUUID()}`): KioskDb {
  const db = new KioskDb(name);
  opened.push(db);
  return db;
}

async function newKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('DraftRepository', () => {
  it('writes a field edit as an encrypted draft plus an encrypted outbox operation, with no ID number in clear', async () => {
    const db = newDb();
    const repos = await openRepositories(db, await newKey(), 'pc1');
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    await repos.drafts.setField(draftId, 'personalId', ID_NUMBER);

    const draft = await db.drafts.get(draftId);
    expect(draft).toMatchObject({ procedureId: 'ct01-tam-tru', status: 'draft' });
    expect((await repos.drafts.load(draftId))?.summary.syncState).toBe('pending');
    const outbox = await db.outbox.orderBy('hlc').toArray();
    expect(outbox.map((r) => r.draftId)).toEqual([draftId, draftId]);

    const plain = new TextEncoder().encode(ID_NUMBER);
    for (const row of [draft!, ...outbox]) {
      expect(row.iv.byteLength).toBe(12);
      expect(containsBytes(new Uint8Array(row.ciphertext), plain)).toBe(false);
      expect(JSON.stringify(Object.keys(row))).not.toContain('personalId');
    }
    expect(new Set([draft!, ...outbox].map((r) => Buffer.from(r.iv).toString('hex'))).size).toBe(3);

    const [, setOp] = await repos.outbox.peek(10);
    expect(setOp).toMatchObject({ kind: 'set', draftId, field: 'personalId', value: ID_NUMBER, prev: null });
  });

  it('keeps draft and outbox unchanged when the disk is full, and says so with StorageFullError', async () => {
    const db = newDb();
    const key = await newKey();
    const repos = await openRepositories(db, key, 'pc1');
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    await repos.drafts.setField(draftId, 'fullName', 'Trần Thị Hoà');

    db.outbox.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(repos.drafts.setField(draftId, 'fullName', 'Lê Văn B')).rejects.toBeInstanceOf(
      StorageFullError,
    );

    expect((await repos.drafts.load(draftId))?.values.fullName).toBe('Trần Thị Hoà');
    const reopened = await openRepositories(db, key, 'pc1');
    expect((await reopened.drafts.load(draftId))?.values.fullName).toBe('Trần Thị Hoà');
    expect(await db.outbox.count()).toBe(2);
  });

  it('decrypts the draft after the database is closed and reopened, and continues the clock', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const key = await newKey();
    const first = newDb(name);
    const repos = await openRepositories(first, key, 'pc1');
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    await repos.drafts.setField(draftId, 'personalId', ID_NUMBER);
    const lastHlc = (await first.outbox.orderBy('hlc').last())!.hlc;
    first.close();

    // A clock that reads far in the past: the restored HLC must still stamp later than before.
    const again = await openRepositories(newDb(name), key, 'pc1', () => 0);
    const loaded = await again.drafts.load(draftId);
    expect(loaded?.values).toEqual({ personalId: ID_NUMBER });
    expect(await again.drafts.list()).toMatchObject([{ id: draftId, syncState: 'pending' }]);

    await again.drafts.setField(draftId, 'phone', '0901234567');
    const newest = (await again.outbox.peek(10)).at(-1)!;
    expect(newest.hlc > lastHlc).toBe(true);
  });

  it('refuses to show drafts under another device key', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const db = newDb(name);
    const repos = await openRepositories(db, await newKey(), 'pc1');
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    const stranger = await openRepositories(db, await newKey(), 'pc1');
    await expect(stranger.drafts.load(draftId)).rejects.toThrow();
  });

  it('merges pulled operations: newer values win, a concurrent edit is kept and flagged, the cursor moves with them', async () => {
    const db = newDb();
    const repos = await openRepositories(db, await newKey(), 'pc1');
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    await repos.drafts.setField(draftId, 'fullName', 'Nguyễn Văn A');
    const localHlc = (await repos.outbox.peek(10)).at(-1)!.hlc;

    const far = Date.now() + 60_000;
    const pc2 = (ms: number) => encodeHlc({ physical: ms, counter: 0, deviceId: 'pc2' });
    const otherDraft = crypto.randomUUID();
    const remote: Operation[] = [
      // PC 2 had not seen PC 1's name: concurrent, so PC 1's value is kept as a conflict.
      { kind: 'set', hlc: pc2(far), draftId, field: 'fullName', value: 'Nguyễn Văn Á', prev: null },
      { kind: 'set', hlc: pc2(far + 1), draftId, field: 'phone', value: '0912345678', prev: null },
      { kind: 'create', hlc: pc2(far + 2), draftId: otherDraft, procedureId: 'ct01-tam-tru' },
    ];
    await repos.drafts.applyRemote(remote, { cursor: 42 });

    const loaded = await repos.drafts.load(draftId);
    expect(loaded?.values).toEqual({ fullName: 'Nguyễn Văn Á', phone: '0912345678' });
    expect(loaded?.state.fields.fullName?.conflicts).toEqual([{ value: 'Nguyễn Văn A', hlc: localHlc }]);
    expect(loaded?.summary.syncState).toBe('pending');
    expect(await repos.syncState.cursor()).toBe(42);
    expect((await repos.drafts.list()).map((d) => d.id).sort()).toEqual([draftId, otherDraft].sort());
    expect((await repos.drafts.list()).find((d) => d.id === otherDraft)?.syncState).toBe('synced');

    // Applying the same page again changes nothing.
    await repos.drafts.applyRemote(remote, { cursor: 42 });
    expect((await repos.drafts.load(draftId))?.state).toEqual(loaded?.state);

    // The next local edit stamps after the remote ones (the clock folded them in).
    await repos.drafts.setField(draftId, 'email', 'a@example.vn');
    expect((await repos.outbox.peek(10)).at(-1)!.hlc > pc2(far + 2)).toBe(true);
  });

  it('keeps a chosen value of a conflict with a write that has seen both', async () => {
    const db = newDb();
    const repos = await openRepositories(db, await newKey(), 'pc1');
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    await repos.drafts.setField(draftId, 'fullName', 'Nguyễn Văn A');
    const remoteHlc = encodeHlc({ physical: Date.now() + 60_000, counter: 0, deviceId: 'pc2' });
    await repos.drafts.applyRemote([
      { kind: 'set', hlc: remoteHlc, draftId, field: 'fullName', value: 'B', prev: null },
    ]);
    expect((await repos.drafts.load(draftId))?.state.fields.fullName?.conflicts).toHaveLength(1);

    await repos.drafts.resolveConflict(draftId, 'fullName', 'Nguyễn Văn A');
    const last = (await repos.outbox.peek(10)).at(-1)!;
    expect(last).toMatchObject({ kind: 'set', field: 'fullName', value: 'Nguyễn Văn A', prev: remoteHlc });
    const settled = await repos.drafts.load(draftId);
    expect(settled?.values.fullName).toBe('Nguyễn Văn A');
    expect(settled?.state.fields.fullName?.conflicts).toBeUndefined();
  });

  it('adds and removes rows of a repeating group', async () => {
    const db = newDb();
    const repos = await openRepositories(db, await newKey(), 'pc1');
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    const row1 = await repos.drafts.addRow(draftId, 'members');
    const row2 = await repos.drafts.addRow(draftId, 'members');
    await repos.drafts.setField(draftId, `members.${row1}.fullName`, 'Lý Văn C');
    await repos.drafts.setField(draftId, `members.${row2}.fullName`, 'Lý Thị D');
    expect(row1 < row2).toBe(true);
    await repos.drafts.deleteRow(draftId, 'members', row1);
    const values = (await repos.drafts.load(draftId))?.values ?? {};
    expect(values).toEqual({ [`members.${row2}.fullName`]: 'Lý Thị D', [`members.${row2}._deleted`]: false });
    expect(groupRowIds(values, 'members')).toEqual([row2]);
  });

  it("two tabs of one device: each edit keeps the other tab's, and no two edits share a stamp", async () => {
    const db = newDb();
    const key = await newKey();
    // A wall clock that stands still: only the persisted clock can keep the tabs' stamps apart.
    const now = () => Date.UTC(2026, 11, 3, 18, 0);
    const tabA = await openRepositories(db, key, 'pc1', now);
    const tabB = await openRepositories(db, key, 'pc1', now);
    const draftId = await tabA.drafts.createDraft('ct01-tam-tru');
    // Tab B reads the draft (and caches it) before tab A's next edit.
    expect((await tabB.drafts.load(draftId))?.values).toEqual({});
    await tabA.drafts.setField(draftId, 'fullName', 'Tô Minh Khang');
    await tabB.drafts.setField(draftId, 'phone', '+84901234567');
    await tabA.drafts.setField(draftId, 'email', 'khang@example.vn');
    for (const tab of [tabA, tabB]) {
      expect((await tab.drafts.load(draftId))?.values).toEqual({
        fullName: 'Tô Minh Khang',
        phone: '+84901234567',
        email: 'khang@example.vn',
      });
    }
    // A draft of its own in tab B: nothing in it tells tab B's clock what tab A stamped.
    const other = await tabB.drafts.createDraft('ct01-tam-tru');
    await tabB.drafts.setField(other, 'fullName', 'Quan Thị Mỹ');
    const stamps = (await db.outbox.toArray()).map((row) => row.hlc);
    expect(stamps).toHaveLength(6);
    expect(new Set(stamps).size).toBe(6);
  });

  it('removes only acknowledged operations, and marks a draft synced once none of its edits wait', async () => {
    const db = newDb();
    const repos = await openRepositories(db, await newKey(), 'pc1');
    const draftId = await repos.drafts.createDraft('ct01-tam-tru');
    await repos.drafts.setField(draftId, 'fullName', 'Nguyễn Văn A');
    const [create, set] = await repos.outbox.peek(10);

    expect(await repos.outbox.ack([create!.hlc, 'unknown'])).toBe(1);
    expect((await repos.drafts.load(draftId))?.summary.syncState).toBe('pending');
    expect(await repos.outbox.ack([set!.hlc], [draftId])).toBe(1);
    expect(await repos.outbox.count()).toBe(0);
    expect((await repos.drafts.load(draftId))?.summary.syncState).toBe('synced');
  });
});

describe('attachments in drafts', () => {
  it('names the stored photo in the field and in the operation, and the outbox can hold that operation back', async () => {
    const db = newDb();
    const repos = await openRepositories(db, await newKey(), 'pc1');
    const draftId = await repos.drafts.createDraft('dang-ky-tam-tru');
    const stored = await repos.attachments.store(draftId, new Uint8Array([1, 2, 3]).buffer, 'image/jpeg');
    expect(stored).toMatchObject({ draftIds: [draftId], size: 3, state: 'local' });
    await repos.drafts.setAttachment(draftId, 'residenceProof', stored.sha256);
    await repos.drafts.setField(draftId, 'fullName', 'Lý Thị D');

    expect((await repos.drafts.load(draftId))?.values.residenceProof).toBe(`blob:${stored.sha256}`);
    const [, photoOp] = await repos.outbox.peek(10);
    expect(photoOp).toMatchObject({ kind: 'set', field: 'residenceProof', blob: stored.sha256 });
    expect((await db.outbox.get(photoOp!.hlc))?.blob).toBe(stored.sha256);
    expect([...(await repos.outbox.referencedBlobs()).entries()]).toEqual([
      [stored.sha256, new Set([draftId])],
    ]);
    const sendable = await repos.outbox.peek(10, new Set([stored.sha256]));
    expect(sendable.map((op) => op.kind === 'set' && op.field)).toEqual([false, 'fullName']);
  });

  it('stores a photo used by two drafts once, and keeps it while one of them still uses it', async () => {
    const db = newDb();
    const repos = await openRepositories(db, await newKey(), 'pc1');
    const a = await repos.drafts.createDraft('dang-ky-tam-tru');
    const b = await repos.drafts.createDraft('dang-ky-tam-tru');
    const bytes = new Uint8Array([9, 9, 9]).buffer;
    const first = await repos.attachments.store(a, bytes, 'image/jpeg');
    const second = await repos.attachments.store(b, bytes, 'image/jpeg');
    expect(second).toMatchObject({ sha256: first.sha256, draftIds: [a, b] });
    expect(await db.attachments.count()).toBe(1);

    await repos.outbox.ack((await repos.outbox.peek(10)).map((op) => op.hlc));
    await repos.drafts.erase([a], Date.now());
    expect((await repos.attachments.info(first.sha256))?.draftIds).toEqual([b]);
    await repos.drafts.erase([b], Date.now());
    expect(await repos.attachments.info(first.sha256)).toBeUndefined();
  });
});

describe('isQuotaError', () => {
  it('recognises a quota error directly and as the inner error of a Dexie AbortError', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: null })).toBe(false);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });
});
