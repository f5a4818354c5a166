import type { Kysely } from 'kysely';
import { decodeHlc } from '#shared/clock/hlc';
import { dossierEnvelope } from '#shared/entities/dossier';
import { Operation } from '#shared/entities/registry';
import type { StatusOp } from '#shared/protocol/operation';
import { decideStatusChange } from '#shared/status/compare-and-set';
import type { StatusChangeRequest, StatusChangeResponse } from '#shared/status/messages';
import { Status } from '#shared/status/status';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import { appendToLog, lockLog } from '../sync/op-log';
import type { DeviceScope } from '../sync/push';

export interface StatusChangeResult {
  response: StatusChangeResponse;
  /** The point's last seq when this call wrote a status operation. */
  seq?: number;
}

/**
 * Compare-and-set of a dossier's status, in one transaction under the point's log lock. An accepted change
 * bumps the draft's status version and appends a StatusOp (stamped with the request's hlc) to the point's
 * log, so pulls carry it. A retry with the same hlc gets the same answer and writes nothing.
 */
export async function changeStatus(
  db: Kysely<Schema>,
  scope: DeviceScope,
  req: StatusChangeRequest,
  now: number = Date.now(),
): Promise<StatusChangeResult> {
  if (decodeHlc(req.hlc).deviceId !== scope.deviceId)
    throw new ApiError(400, 'DEVICE_MISMATCH', 'the change carries another device id than the credential');

  return db.transaction().execute(async (trx) => {
    await lockLog(trx, { point: scope.pointId });
    const draft = await trx
      .selectFrom('drafts')
      .select(['point_id', 'status', 'status_version'])
      .where('id', '=', req.draftId)
      .executeTakeFirst();
    if (!draft) throw new ApiError(404, 'NOT_FOUND', 'no such draft');
    if (draft.point_id !== scope.pointId)
      throw new ApiError(403, 'FORBIDDEN', 'the draft belongs to another point');

    const earlier = await trx
      .selectFrom('ops')
      .select('body_json')
      .where('hlc', '=', req.hlc)
      .executeTakeFirst();
    if (earlier) {
      const op = Operation.parse(JSON.parse(earlier.body_json));
      if (op.type !== 'dossier' || op.body.kind !== 'status' || op.id !== req.draftId)
        throw new ApiError(400, 'VALIDATION_FAILED', 'hlc already names another operation');
      // The answer the change got when it was accepted.
      return { response: { ok: true, status: op.body.status, changed: true } };
    }

    const response = decideStatusChange(Status.parse(draft.status), req);
    if (!response.ok || !response.changed) return { response };

    const version = draft.status_version + 1;
    const op: StatusOp = {
      kind: 'status',
      hlc: req.hlc,
      draftId: req.draftId,
      status: response.status,
      version,
    };
    const { last: seq } = await appendToLog(
      trx,
      { point: scope.pointId },
      [{ op: dossierEnvelope(op), deviceId: scope.deviceId }],
      now,
    );
    const { numUpdatedRows } = await trx
      .updateTable('drafts')
      .set({ status: op.status, status_version: version, updated_at: now })
      .where('id', '=', req.draftId)
      .where('status_version', '=', draft.status_version)
      .executeTakeFirstOrThrow();
    // The point lock makes this impossible; if it ever happens, roll back rather than fork the version.
    if (Number(numUpdatedRows) !== 1)
      throw new Error(`status of draft ${req.draftId} changed under the point lock`);
    return { response, seq };
  });
}
