import type { Kysely } from 'kysely';
import type { EnrollRequest, EnrollResponse } from '#shared/protocol/enroll';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import { hashSecret, newDeviceId, newToken } from './secrets';

const invalid = () =>
  new ApiError(401, 'ENROLLMENT_CODE_INVALID', 'unknown, used or expired enrollment code');

/** How long after spending a code the same attempt may retry it (its answer was lost on the way). */
export const ENROLL_RETRY_WINDOW_MS = 30 * 60_000;

/** Trades a one-time code for a device id and bearer token; the code is spent in the same transaction. */
export async function enrollDevice(
  db: Kysely<Schema>,
  req: EnrollRequest,
  now: number = Date.now(),
): Promise<EnrollResponse> {
  const codeHash = hashSecret(req.code);
  const attemptHash = req.attemptId ? hashSecret(req.attemptId) : null;
  return db.transaction().execute(async (trx) => {
    // Spend the code first: the transaction starts with a write (so another process's SQLite writer
    // makes it wait rather than fail later), and of two enrollments racing for one code only one matches.
    const spent = await trx
      .updateTable('enrollment_codes')
      .set({ used_at: now, attempt_hash: attemptHash })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (spent.numUpdatedRows !== 1n) {
      if (attemptHash === null) throw invalid();
      return retryEnrollment(trx, codeHash, attemptHash, now);
    }
    const { point_id: pointId, name } = await trx
      .selectFrom('enrollment_codes')
      .innerJoin('points', 'points.id', 'enrollment_codes.point_id')
      .select(['enrollment_codes.point_id', 'points.name'])
      .where('enrollment_codes.code_hash', '=', codeHash)
      .executeTakeFirstOrThrow();

    const deviceId = newDeviceId();
    const token = newToken();
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        point_id: pointId,
        label: req.deviceLabel ?? null,
        token_hash: hashSecret(token),
        revoked_at: null,
        created_at: now,
        last_seen_at: now,
      })
      .execute();
    await trx
      .updateTable('enrollment_codes')
      .set({ device_id: deviceId })
      .where('code_hash', '=', codeHash)
      .execute();

    return { deviceId, token, point: { id: pointId, name }, serverTime: now };
  });
}

/**
 * The same attempt spent this code moments ago and never got the answer: give its device a fresh token.
 * The token that was lost on the way is voided, so nobody can hold two credentials for one device.
 */
async function retryEnrollment(
  trx: Kysely<Schema>,
  codeHash: string,
  attemptHash: string,
  now: number,
): Promise<EnrollResponse> {
  const row = await trx
    .selectFrom('enrollment_codes')
    .innerJoin('points', 'points.id', 'enrollment_codes.point_id')
    .innerJoin('devices', 'devices.id', 'enrollment_codes.device_id')
    .select(['enrollment_codes.point_id', 'points.name', 'devices.id as device_id'])
    .where('enrollment_codes.code_hash', '=', codeHash)
    .where('enrollment_codes.attempt_hash', '=', attemptHash)
    .where('enrollment_codes.used_at', '>', now - ENROLL_RETRY_WINDOW_MS)
    .where('devices.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw invalid();
  const token = newToken();
  await trx
    .updateTable('devices')
    .set({ token_hash: hashSecret(token), last_seen_at: now })
    .where('id', '=', row.device_id)
    .execute();
  return { deviceId: row.device_id, token, point: { id: row.point_id, name: row.name }, serverTime: now };
}
