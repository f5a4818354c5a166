import { decodeHlc } from '#shared/clock/hlc';
import { applyOp, emptyDraft, isDeleted, visibleValues, type DraftState } from '#shared/merge/draft-state';
import { localSetOp, resolveConflictOps } from '#shared/merge/local-ops';
import type { FieldValue, LogOperation, Operation } from '#shared/protocol/operation';
import { openJson, sealJson, type Sealed } from '../crypto/record-cipher';
import type { DraftRecord, DraftSyncState, KioskDb, OutboxRecord } from '../db/kiosk-db';
import { guardQuota } from '../db/storage-errors';
import type { ChangeFeed } from './change-feed';
import type { ClockStore } from './clock-store';
import { draftContext, opContext } from './seal-contexts';
import { SYNC_KEYS } from './sync-keys';

export type DraftSummary = Omit<DraftRecord, 'iv' | 'ciphertext'>;

export interface LoadedDraft {
  readonly summary: DraftSummary;
  readonly state: DraftState;
  /** What a person sees: removed rows left out. */
  readonly values: Readonly<Record<string, FieldValue>>;
}

/** How many drafts one transaction of pulled operations rewrites; bounds the time an edit may wait. */
const REMOTE_BATCH_DRAFTS = 50;

/**
 * The only door to drafts. Every local edit becomes an operation, is applied to the draft's merge state,
 * and is written — draft and outbox entry, both encrypted — in one strict transaction before the promise
 * resolves. Writes run one at a time, so a read-modify-write never loses a concurrent edit.
 */
export class DraftRepository {
  private readonly states = new Map<string, DraftState>();
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
      await this.writeLocal(emptyDraft(draftId), [{ kind: 'create', hlc: this.clock.tick(), draftId, procedureId }]);
      return draftId;
    });
  }

  /** Sets one field (e.g. `fullName` or `members.<rowId>.fullName`). Writing the value it already has is a no-op. */
  setField(draftId: string, field: string, value: FieldValue): Promise<void> {
    return this.serial(async () => {
      const state = await this.requireState(draftId);
      const cur = state.fields[field];
      if (cur && cur.value === value && !cur.conflicts?.length) return;
      await this.writeLocal(state, [localSetOp(state, field, value, this.clock)]);
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

  /** Drafts of this point, newest first, without decrypting anything. */
  async list(): Promise<DraftSummary[]> {
    const records = await this.db.drafts.orderBy('updatedAt').reverse().toArray();
    return records.filter((r) => r.status !== 'deleted').map(summarize);
  }

  async load(draftId: string): Promise<LoadedDraft | null> {
    const record = await this.db.drafts.get(draftId);
    if (!record) return null;
    const state = this.states.get(draftId) ?? (await this.decrypt(record));
    this.states.set(draftId, state);
    return { summary: summarize(record), state, values: visibleValues(state) };
  }

  /**
   * Merges operations pulled from the server (including this device's own, which apply as no-ops).
   * `cursor`, if given, is stored in the same transaction as the last batch, so it never runs ahead of
   * what has been applied.
   */
  applyRemote(ops: readonly LogOperation[], opts: { cursor?: number } = {}): Promise<void> {
    return this.serial(async () => {
      const byDraft = new Map<string, LogOperation[]>();
      for (const op of ops) byDraft.set(op.draftId, [...(byDraft.get(op.draftId) ?? []), op]);
      const draftIds = [...byDraft.keys()];
      if (draftIds.length === 0 && opts.cursor !== undefined) await this.writeCursor(opts.cursor);
      for (let i = 0; i < draftIds.length; i += REMOTE_BATCH_DRAFTS) {
        const batch = draftIds.slice(i, i + REMOTE_BATCH_DRAFTS);
        const isLast = i + REMOTE_BATCH_DRAFTS >= draftIds.length;
        await this.applyRemoteBatch(batch, byDraft, isLast ? opts.cursor : undefined);
      }
    });
  }

  private async applyRemoteBatch(
    draftIds: readonly string[],
    byDraft: ReadonlyMap<string, LogOperation[]>,
    cursor: number | undefined,
  ): Promise<void> {
    const prepared: { state: DraftState; sealed: Sealed; touchedAt: number }[] = [];
    for (const draftId of draftIds) {
      let state = (await this.loadState(draftId)) ?? emptyDraft(draftId);
      let touchedAt = 0;
      for (const op of byDraft.get(draftId) ?? []) {
        state = applyOp(state, op);
        this.clock.receive(op.hlc);
        touchedAt = Math.max(touchedAt, decodeHlc(op.hlc).physical);
      }
      // Encrypt now: WebCrypto awaited inside the transaction would let IndexedDB commit it early.
      prepared.push({ state, sealed: await sealJson(this.key, draftContext(draftId), state), touchedAt });
    }
    await guardQuota(() =>
      this.db.transaction('rw', [this.db.drafts, this.db.syncState], async () => {
        for (const { state, sealed, touchedAt } of prepared) {
          const existing = await this.db.drafts.get(state.draftId);
          await this.db.drafts.put(
            this.record(state, sealed, existing?.syncState ?? 'synced', Math.max(existing?.updatedAt ?? 0, touchedAt)),
          );
        }
        await this.db.syncState.put(this.clock.record());
        if (cursor !== undefined) await this.db.syncState.put({ key: SYNC_KEYS.cursor, value: cursor });
      }),
    );
    for (const { state } of prepared) this.states.set(state.draftId, state);
    this.changes.emit(draftIds, 'remote');
  }

  private async writeCursor(cursor: number): Promise<void> {
    await guardQuota(() => this.db.syncState.put({ key: SYNC_KEYS.cursor, value: cursor }));
  }

  /** Applies local operations and makes draft + outbox entries + clock durable together. */
  private async writeLocal(state: DraftState, ops: readonly Operation[]): Promise<void> {
    const next = ops.reduce(applyOp, state);
    const [sealedDraft, ...sealedOps] = await Promise.all([
      sealJson(this.key, draftContext(next.draftId), next),
      ...ops.map((op) => sealJson(this.key, opContext(op.hlc), op)),
    ]);
    const outboxRows: OutboxRecord[] = ops.map((op, i) => ({ hlc: op.hlc, draftId: op.draftId, ...sealedOps[i]! }));
    await guardQuota(() =>
      this.db.transaction('rw', [this.db.drafts, this.db.outbox, this.db.syncState], async () => {
        await this.db.drafts.put(this.record(next, sealedDraft!, 'pending', this.now()));
        await this.db.outbox.bulkPut(outboxRows);
        await this.db.syncState.put(this.clock.record());
      }),
    );
    this.states.set(next.draftId, next);
    this.changes.emit([next.draftId], 'local');
  }

  private record(state: DraftState, sealed: Sealed, syncState: DraftSyncState, updatedAt: number): DraftRecord {
    return {
      id: state.draftId,
      procedureId: state.procedureId ?? '',
      status: isDeleted(state) ? 'deleted' : (state.status?.value ?? 'draft'),
      syncState,
      updatedAt,
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
    const cached = this.states.get(draftId);
    if (cached) return cached;
    const record = await this.db.drafts.get(draftId);
    return record ? this.decrypt(record) : null;
  }

  private async decrypt(record: DraftRecord): Promise<DraftState> {
    return (await openJson(this.key, draftContext(record.id), record)) as DraftState;
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job);
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

function summarize(record: DraftRecord): DraftSummary {
  return {
    id: record.id,
    procedureId: record.procedureId,
    status: record.status,
    syncState: record.syncState,
    updatedAt: record.updatedAt,
  };
}
