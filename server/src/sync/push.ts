import type { Kysely } from 'kysely';
import { decodeHlc } from '#shared/clock/hlc';
import { applyOps } from '#shared/merge/draft-state';
import type { Operation } from '#shared/protocol/operation';
import { missingBlobs } from '../attachments/blob-records';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import { loadDraftStates, saveDraftStates, type DraftWrite } from './draft-store';
import { appendToLog, lockPointLog } from './op-log';

export interface DeviceScope {
  deviceId: string;
  pointId: string;
}

export interface PushResult {
  /** Every HLC of the batch, once each, in the order sent: new and already-stored ones alike. */
  acked: string[];
  /** How many were new (committed by this call). */
  applied: number;
  /** The point's last seq after this call's commit; undefined when nothing was new. */
  seq?: number;
}

/**
 * Commits a batch of one device's operations to its point's log, all or nothing, and folds them into the
 * materialized drafts. An operation already stored (same HLC) is acknowledged again, never re-applied.
 */
export async function commitPush(
  db: Kysely<Schema>,
  scope: DeviceScope,
  ops: readonly Operation[],
  now: number = Date.now(),
): Promise<PushResult> {
  for (const op of ops) {
    if (decodeHlc(op.hlc).deviceId !== scope.deviceId) {
      throw new ApiError(
        400,
        'DEVICE_MISMATCH',
        'an operation carries another device id than the credential',
      );
    }
  }
  const batch = [...new Map(ops.map((op) => [op.hlc, op])).values()];
  const acked = batch.map((op) => op.hlc);

  const committed = await db.transaction().execute(async (trx) => {
    await lockPointLog(trx, scope.pointId);

    const stored = await trx.selectFrom('ops').select('hlc').where('hlc', 'in', acked).execute();
    const storedSet = new Set(stored.map((r) => r.hlc));
    const fresh = batch.filter((op) => !storedSet.has(op.hlc));
    if (!fresh.length) return { applied: 0 };

    // Attachments go first: an op naming a blob the point has not uploaded would point at nothing.
    const blobs = [...new Set(fresh.flatMap((op) => (op.kind === 'set' && op.blob ? [op.blob] : [])))];
    const missing = await missingBlobs(trx, scope.pointId, blobs);
    if (missing.length)
      throw new ApiError(409, 'BLOB_MISSING', `upload these attachments first: ${missing.join(', ')}`);

    // Sorted, so two transactions claiming the same new drafts take their locks in the same order.
    const draftIds = [...new Set(fresh.map((op) => op.draftId))].sort();
    await trx
      .insertInto('drafts')
      .values(
        draftIds.map((id) => ({
          id,
          point_id: scope.pointId,
          procedure_id: null,
          created_hlc: null,
          deleted_hlc: null,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const fields = [...new Set(fresh.flatMap((op) => (op.kind === 'set' ? [op.field] : [])))];
    const states = await loadDraftStates(trx, draftIds, fields);
    for (const state of states.values()) {
      if (state.pointId !== scope.pointId)
        throw new ApiError(403, 'FORBIDDEN', 'a draft in the batch belongs to another point');
    }

    const lastSeq = await appendToLog(
      trx,
      scope.pointId,
      fresh.map((op) => ({ op, deviceId: scope.deviceId })),
      now,
    );

    const byDraft = new Map<string, Operation[]>();
    for (const op of fresh) byDraft.set(op.draftId, [...(byDraft.get(op.draftId) ?? []), op]);
    const writes: DraftWrite[] = draftIds.map((draftId) => {
      const before = states.get(draftId);
      if (!before) throw new Error(`draft ${draftId} vanished inside its transaction`);
      const mine = byDraft.get(draftId) ?? [];
      const after = { ...applyOps(before, mine), pointId: before.pointId };
      // applyOp returns the same register when a write changes nothing: only changed fields are written.
      const fields = [...new Set(mine.flatMap((op) => (op.kind === 'set' ? [op.field] : [])))].filter(
        (f) => after.fields[f] !== before.fields[f],
      );
      return { state: after, fields };
    });
    await saveDraftStates(trx, writes, now);
    return { applied: fresh.length, seq: lastSeq };
  });
  return { acked, ...committed };
}
