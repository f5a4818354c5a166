import type { Kysely, Transaction } from 'kysely';
import { decodeHlc } from '#shared/clock/hlc';
import { authorOf, blobOf, entityKey, scopeOf, type Operation } from '#shared/entities/registry';
import { missingBlobs } from '../attachments/blob-records';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import { appendToLog, lockLog } from './op-log';
import { projectOps } from './projections';

export interface DeviceScope {
  deviceId: string;
  pointId: string;
}

export interface PushResult {
  /** Every HLC of the batch, once each, in the order sent: new and already-stored ones alike. */
  acked: string[];
  /** The acked HLCs that were stored before this call. */
  known: string[];
  /** Where the new operations went in the point's log (absent when nothing was new). */
  log?: { first: number; last: number };
}

/**
 * Commits a batch of one device's operations to its point's log, all or nothing, whatever their entity
 * types: checked against the type's declaration (a device may push only what devices write, only to the
 * point's log), the entities claimed for the point, appended, then folded into the server's projections.
 * An operation already stored (same HLC) is acknowledged again, never re-applied.
 */
export async function commitPush(
  db: Kysely<Schema>,
  device: DeviceScope,
  ops: readonly Operation[],
  now: number = Date.now(),
): Promise<PushResult> {
  for (const op of ops) {
    if (decodeHlc(op.hlc).deviceId !== device.deviceId)
      throw new ApiError(
        400,
        'DEVICE_MISMATCH',
        'an operation carries another device id than the credential',
      );
    if (authorOf(op) !== 'device' || scopeOf(op) !== 'point')
      throw new ApiError(400, 'VALIDATION_FAILED', `a device cannot write this ${op.type} operation`);
  }
  const batch = [...new Map(ops.map((op) => [op.hlc, op])).values()];
  const acked = batch.map((op) => op.hlc);

  const committed = await db.transaction().execute(async (trx) => {
    await lockLog(trx, { point: device.pointId });

    const stored = await trx.selectFrom('ops').select('hlc').where('hlc', 'in', acked).execute();
    const storedSet = new Set(stored.map((r) => r.hlc));
    const fresh = batch.filter((op) => !storedSet.has(op.hlc));
    const known = acked.filter((hlc) => storedSet.has(hlc));
    if (!fresh.length) return { known };

    // Attachments go first: an op naming a blob the point has not uploaded would point at nothing.
    const blobs = [...new Set(fresh.flatMap((op) => blobOf(op) ?? []))];
    const missing = await missingBlobs(trx, device.pointId, blobs);
    if (missing.length)
      throw new ApiError(409, 'BLOB_MISSING', `upload these attachments first: ${missing.join(', ')}`);

    await claimEntities(trx, device.pointId, fresh);
    const log = await appendToLog(
      trx,
      { point: device.pointId },
      fresh.map((op) => ({ op, deviceId: device.deviceId })),
      now,
    );
    await projectOps(trx, device.pointId, fresh, now);
    return { known, log };
  });
  return { acked, ...committed };
}

/**
 * Records the point as owner of every entity the operations name (the first point to write an entity owns
 * it) and refuses the batch if another point owns one. Sorted, so two transactions claiming the same new
 * entities take their locks in the same order.
 */
export async function claimEntities(
  trx: Transaction<Schema>,
  pointId: string,
  ops: readonly Pick<Operation, 'type' | 'id'>[],
): Promise<void> {
  const entities = [...new Map(ops.map((op) => [entityKey(op), { type: op.type, id: op.id }])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, e]) => e);
  for (let i = 0; i < entities.length; i += 500) {
    const part = entities.slice(i, i + 500);
    await trx
      .insertInto('entities')
      .values(part.map((e) => ({ ...e, point_id: pointId })))
      .onConflict((oc) => oc.columns(['type', 'id']).doNothing())
      .execute();
    const foreign = await trx
      .selectFrom('entities')
      .select('id')
      .where((eb) => eb.or(part.map((e) => eb.and([eb('type', '=', e.type), eb('id', '=', e.id)]))))
      .where('point_id', '!=', pointId)
      .limit(1)
      .execute();
    if (foreign.length)
      throw new ApiError(403, 'FORBIDDEN', 'an entity in the batch belongs to another point');
  }
}
