import { decodeHlc } from '#shared/clock/hlc';
import type { Digest } from '#shared/digest/digest';
import {
  applyOp,
  emptyDraft,
  hasConflicts,
  isDeleted,
  registerOf,
  visibleValues,
  type DraftState,
} from '#shared/merge/draft-state';
import { localSetOp, resolveConflictOps, type LocalSetOptions } from '#shared/merge/local-ops';
import { attachmentFieldValue } from '#shared/protocol/attachments';
import type { FieldValue, LogOperation, Operation } from '#shared/protocol/operation';
import { openJson, sealJson, type Sealed } from '../crypto/record-cipher';
import type { DraftRecord, DraftSyncState, KioskDb, OutboxRecord } from '../db/kiosk-db';
import { guardQuota } from '../db/storage-errors';
import { blobOfValue, uploadFingerprint } from './blob-refs';
import type { ChangeFeed } from './change-feed';
import type { ClockStore } from './clock-store';
import { deviceWriteLock, withDeviceLock } from './device-lock';
import { draftContext, opContext } from './seal-contexts';
import { SYNC_KEYS } from './sync-keys';

export type DraftSummary = Omit<DraftRecord, 'iv' | 'ciphertext' | 'conflicted'> & {
  readonly conflicted: boolean;
  readonly syncState: DraftSyncState;
};

export interface LoadedDraft {
  readonly summary: DraftSummary;
  readonly state: DraftState;
  /** What a person sees: removed rows left out. */
  readonly values: Readonly<Record<string, FieldValue>>;
}

/** How many drafts one transaction of pulled operations rewrites; bounds the time an edit may wait. */
const REMOTE_BATCH_DRAFTS = 50;

/** A decrypted draft, with the IV of the record it was read from or written as: a new IV means another tab wrote. */
interface CachedState {
  readonly state: DraftState;
  readonly iv: Uint8Array;
}

/**
 * The only door to drafts. Every local edit becomes an operation, is applied to the draft's merge state,
 * and is written — draft and outbox entry, both encrypted — in one strict transaction before the promise
 * resolves. Writes run one at a time, in this tab and across the browser's tabs (the device's write lock),
 * so a read-modify-write never loses a concurrent edit and no two edits share a stamp.
 */
export class DraftRepository {
  private readonly states = new Map<string, CachedState>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: KioskDb,
    private readonly key: CryptoKey,
    private readonly clock: ClockStore,
    private readonly changes: ChangeFeed,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Resolves once every write queued so far has committed (or failed). */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  createDraft(procedureId: string): Promise<string> {
    return this.serial(async () => {
      const draftId = crypto.randomUUID();
      await this.writeLocal(emptyDraft(draftId), [
        { kind: 'create', hlc: this.clock.tick(), draftId, procedureId },
      ]);
      return draftId;
    });
  }

  /**
   * Sets one field (e.g. `fullName` or `members.<rowId>.fullName`). Writing the value it already has is a
   * no-op. `seen` is the field as the person saw it when they started typing (see LocalSetOptions).
   */
  setField(
    draftId: string,
    field: string,
    value: FieldValue,
    opts: Pick<LocalSetOptions, 'seen'> = {},
  ): Promise<void> {
    return this.serial(async () => {
      const state = await this.requireState(draftId);
      const cur = registerOf(state, field);
      if (cur && cur.value === value && !cur.conflicts?.length) return;
      await this.writeLocal(state, [localSetOp(state, field, value, this.clock, opts)]);
    });
  }

  /**
   * Points an attachment field at a stored blob (AttachmentRepository.store first). The operation names the
   * blob, so the push holds it back until the server has the blob. An earlier photo of this field that the
   * server can never take (too large, refused) is replaced outright: its held operations leave the outbox,
   * as no other device has seen them.
   */
  setAttachment(draftId: string, field: string, sha256: string): Promise<void> {
    return this.serial(async () => {
      const state = await this.requireState(draftId);
      const value = attachmentFieldValue(sha256);
      const cur = registerOf(state, field);
      if (cur && cur.value === value && !cur.conflicts?.length) return;
      const previous = blobOfValue(cur?.value);
      await this.writeLocal(state, [localSetOp(state, field, value, this.clock, { blob: sha256 })], {
        dropUnsendable: previous && previous !== sha256 ? previous : undefined,
      });
    });
  }

  /**
   * Keeps one of a field's conflicting values (or a new one): the writes it records overwrite every value
   * that was on screen, so the conflict is settled on every device once they sync.
   */
  resolveConflict(draftId: string, field: string, value: FieldValue): Promise<void> {
    return this.serial(async () => {
      const state = await this.requireState(draftId);
      await this.writeLocal(state, resolveConflictOps(state, field, value, this.clock));
    });
  }

  /** Adds a row to a repeating group; returns the row id used in its field paths. */
  addRow(draftId: string, groupId: string): Promise<string> {
    return this.serial(async () => {
      const state = await this.requireState(draftId);
      const rowId = rowIdAt(this.clock.tick());
      await this.writeLocal(state, [localSetOp(state, `${groupId}.${rowId}._deleted`, false, this.clock)]);
      return rowId;
    });
  }

  /** Removes a row; its fields stay in the merge state so a concurrent edit on another PC cannot revive half a row. */
  deleteRow(draftId: string, groupId: string, rowId: string): Promise<void> {
    return this.setField(draftId, `${groupId}.${rowId}._deleted`, true);
  }

  /**
   * Erases drafts from this device (retention), with their status requests and the attachments no other
   * draft uses; later operations for them are ignored (see docs/kiosk-sync.md). Only for synced drafts.
   */
  erase(draftIds: readonly string[], erasedAt: number): Promise<void> {
    if (draftIds.length === 0) return Promise.resolve();
    return this.serial(async () => {
      const db = this.db;
      await guardQuota(() =>
        db.transaction(
          'rw',
          [db.drafts, db.outbox, db.statusChanges, db.erased, db.attachments, db.uploads],
          async () => {
            for (const draftId of draftIds) {
              if ((await db.outbox.where('draftId').equals(draftId).count()) > 0) continue;
              await db.drafts.delete(draftId);
              await db.statusChanges.where('draftId').equals(draftId).delete();
              await db.erased.put({ draftId, erasedAt });
              for (const att of await db.attachments.where('draftIds').equals(draftId).toArray()) {
                const rest = att.draftIds.filter((id) => id !== draftId);
                if (rest.length > 0) await db.attachments.update(att.sha256, { draftIds: rest });
                else {
                  await db.attachments.delete(att.sha256);
                  await db.uploads.where('fingerprint').equals(uploadFingerprint(att.sha256)).delete();
                }
              }
            }
          },
        ),
      );
      for (const draftId of draftIds) this.states.delete(draftId);
      this.changes.emit(draftIds, 'remote');
    });
  }

  /** Forgets the decrypted state of drafts nobody is editing (a final, synced dossier need not sit in memory). */
  forget(draftIds: readonly string[]): void {
    for (const draftId of draftIds) this.states.delete(draftId);
  }

  /** Drafts of this point, newest first, without decrypting anything. */
  async list(): Promise<DraftSummary[]> {
    const [records, waiting] = await this.db.transaction('r', [this.db.drafts, this.db.outbox], () =>
      Promise.all([
        this.db.drafts.orderBy('updatedAt').reverse().toArray(),
        this.db.outbox.orderBy('draftId').uniqueKeys(),
      ]),
    );
    const pending = new Set(waiting.map(String));
    return records.filter((r) => r.status !== 'deleted').map((r) => summarize(r, pending.has(r.id)));
  }

  async load(draftId: string): Promise<LoadedDraft | null> {
    const [record, waiting] = await this.db.transaction('r', [this.db.drafts, this.db.outbox], () =>
      Promise.all([this.db.drafts.get(draftId), this.db.outbox.where('draftId').equals(draftId).count()]),
    );
    if (!record) return null;
    const state = await this.stateOf(record);
    return { summary: summarize(record, waiting > 0), state, values: visibleValues(state) };
  }

  /**
   * Merges operations pulled from the server (including this device's own, which apply as no-ops).
   * `cursor` and `digest`, if given, are stored in the same transaction as the last batch, so they never run
   * ahead of what has been applied. Operations of drafts erased here are skipped (they still count in the
   * digest: they were pulled).
   */
  applyRemote(ops: readonly LogOperation[], opts: { cursor?: number; digest?: Digest } = {}): Promise<void> {
    return this.serial(async () => {
      const ids = [...new Set(ops.map((op) => op.draftId))];
      const erased = new Set((await this.db.erased.bulkGet(ids)).flatMap((e) => (e ? [e.draftId] : [])));
      const byDraft = new Map<string, LogOperation[]>();
      for (const op of ops) {
        if (!erased.has(op.draftId)) byDraft.set(op.draftId, [...(byDraft.get(op.draftId) ?? []), op]);
      }
      const draftIds = [...byDraft.keys()];
      const position = { cursor: opts.cursor, digest: opts.digest };
      if (draftIds.length === 0) await this.writePosition(position);
      for (let i = 0; i < draftIds.length; i += REMOTE_BATCH_DRAFTS) {
        const batch = draftIds.slice(i, i + REMOTE_BATCH_DRAFTS);
        const isLast = i + REMOTE_BATCH_DRAFTS >= draftIds.length;
        await this.applyRemoteBatch(batch, byDraft, isLast ? position : {});
      }
    });
  }

  private async applyRemoteBatch(
    draftIds: readonly string[],
    byDraft: ReadonlyMap<string, LogOperation[]>,
    position: PullPosition,
  ): Promise<void> {
    const prepared: { state: DraftState; sealed: Sealed; touchedAt: number; statusAt: number | null }[] = [];
    for (const draftId of draftIds) {
      let state = (await this.loadState(draftId)) ?? emptyDraft(draftId);
      let touchedAt = 0;
      let statusAt: number | null = null;
      for (const op of byDraft.get(draftId) ?? []) {
        const before = state;
        state = applyOp(state, op);
        this.clock.receive(op.hlc);
        const at = decodeHlc(op.hlc).physical;
        touchedAt = Math.max(touchedAt, at);
        if (op.kind === 'status' && state !== before) statusAt = at;
      }
      // Encrypt now: WebCrypto awaited inside the transaction would let IndexedDB commit it early.
      const sealed = await sealJson(this.key, draftContext(draftId), state);
      prepared.push({ state, sealed, touchedAt, statusAt });
    }
    const db = this.db;
    await guardQuota(() =>
      db.transaction('rw', [db.drafts, db.syncState, db.statusChanges], async () => {
        for (const { state, sealed, touchedAt, statusAt } of prepared) {
          const existing = await db.drafts.get(state.draftId);
          const updatedAt = Math.max(existing?.updatedAt ?? 0, touchedAt);
          await db.drafts.put(this.record(state, sealed, updatedAt, statusAt ?? existing?.statusAt));
          // The server's own status operation has arrived: a change it accepted no longer needs showing apart.
          if (statusAt !== null) {
            await db.statusChanges
              .where('draftId')
              .equals(state.draftId)
              .and((c) => c.state === 'accepted')
              .delete();
          }
        }
        await db.syncState.put(this.clock.record());
        await this.putPosition(position);
      }),
    );
    for (const { state, sealed } of prepared) this.states.set(state.draftId, { state, iv: sealed.iv });
    this.changes.emit(draftIds, 'remote');
  }

  private async writePosition(position: PullPosition): Promise<void> {
    await guardQuota(() => this.db.transaction('rw', this.db.syncState, () => this.putPosition(position)));
  }

  private async putPosition({ cursor, digest }: PullPosition): Promise<void> {
    if (cursor !== undefined) await this.db.syncState.put({ key: SYNC_KEYS.cursor, value: cursor });
    if (digest !== undefined) await this.db.syncState.put({ key: SYNC_KEYS.digest, value: digest });
  }

  /**
   * Applies local operations and makes draft + outbox entries + clock durable together. `dropUnsendable`
   * names a blob whose held operations of this draft leave the outbox if the server can never take it.
   */
  private async writeLocal(
    state: DraftState,
    ops: readonly Operation[],
    opts: { dropUnsendable?: string | undefined } = {},
  ): Promise<void> {
    const next = ops.reduce(applyOp, state);
    const [sealedDraft, ...sealedOps] = await Promise.all([
      sealJson(this.key, draftContext(next.draftId), next),
      ...ops.map((op) => sealJson(this.key, opContext(op.hlc), op)),
    ]);
    const outboxRows: OutboxRecord[] = ops.map((op, i) => ({
      hlc: op.hlc,
      draftId: op.draftId,
      ...(op.kind === 'set' && op.blob ? { blob: op.blob } : {}),
      ...sealedOps[i]!,
    }));
    const db = this.db;
    await guardQuota(() =>
      db.transaction('rw', [db.drafts, db.outbox, db.syncState, db.attachments], async () => {
        const existing = await db.drafts.get(next.draftId);
        await db.drafts.put(this.record(next, sealedDraft!, this.now(), existing?.statusAt));
        if (opts.dropUnsendable) await this.dropUnsendable(next.draftId, opts.dropUnsendable);
        await db.outbox.bulkPut(outboxRows);
        await db.syncState.put(this.clock.record());
      }),
    );
    this.states.set(next.draftId, { state: next, iv: sealedDraft!.iv });
    this.changes.emit([next.draftId], 'local');
  }

  private async dropUnsendable(draftId: string, sha256: string): Promise<void> {
    const state = (await this.db.attachments.get(sha256))?.state;
    if (state !== 'too-large' && state !== 'failed') return;
    await this.db.outbox
      .where('blob')
      .equals(sha256)
      .and((row) => row.draftId === draftId)
      .delete();
  }

  private record(
    state: DraftState,
    sealed: Sealed,
    updatedAt: number,
    statusAt: number | undefined,
  ): DraftRecord {
    return {
      id: state.draftId,
      procedureId: state.procedureId ?? '',
      status: isDeleted(state) ? 'deleted' : (state.status?.value ?? 'draft'),
      updatedAt,
      conflicted: hasConflicts(state),
      ...(statusAt === undefined ? {} : { statusAt }),
      iv: sealed.iv,
      ciphertext: sealed.ciphertext,
    };
  }

  private async requireState(draftId: string): Promise<DraftState> {
    const state = await this.loadState(draftId);
    if (!state) throw new Error(`no draft ${draftId}`);
    return state;
  }

  private async loadState(draftId: string): Promise<DraftState | null> {
    const record = await this.db.drafts.get(draftId);
    return record ? this.stateOf(record) : null;
  }

  /** The record's state: the cached one while the record is the one it was cached from, else decrypted anew. */
  private async stateOf(record: DraftRecord): Promise<DraftState> {
    const cached = this.states.get(record.id);
    if (cached && sameBytes(cached.iv, record.iv)) return cached.state;
    const state = await this.decrypt(record);
    // A write of this tab may have cached a newer state while this one was being decrypted: keep that.
    const now = this.states.get(record.id);
    if (now && now !== cached) return now.state;
    this.states.set(record.id, { state, iv: record.iv });
    return state;
  }

  private async decrypt(record: DraftRecord): Promise<DraftState> {
    return (await openJson(this.key, draftContext(record.id), record)) as DraftState;
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() =>
      withDeviceLock(deviceWriteLock(this.clock.deviceId), async () => {
        await this.clock.catchUp();
        return job();
      }),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * A row id that sorts by creation time (base-36 ms, then the HLC counter) with random bits against the other
 * PC adding a row in the same millisecond, so rows list in the order they were added on every device.
 */
function rowIdAt(hlc: string): string {
  const { physical, counter } = decodeHlc(hlc);
  const random = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).padStart(7, '0');
  return `${physical.toString(36).padStart(9, '0')}${counter.toString(36).padStart(4, '0')}${random}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** `waiting`: some of the draft's operations are still in the outbox. */
function summarize(record: DraftRecord, waiting: boolean): DraftSummary {
  return {
    id: record.id,
    procedureId: record.procedureId,
    status: record.status,
    syncState: waiting ? 'pending' : 'synced',
    updatedAt: record.updatedAt,
    conflicted: record.conflicted ?? false,
    ...(record.statusAt === undefined ? {} : { statusAt: record.statusAt }),
  };
}

interface PullPosition {
  readonly cursor?: number | undefined;
  readonly digest?: Digest | undefined;
}
