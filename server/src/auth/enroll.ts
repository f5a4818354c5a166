import type { Kysely } from 'kysely';
import type { EnrollRequest, EnrollResponse } from '#shared/protocol/enroll';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import { hashSecret, newDeviceId, newToken } from './secrets';

const invalid = () =>
  new ApiError(401, 'ENROLLMENT_CODE_INVALID', 'unknown, used or expired enrollment code');

/** Trades a one-time code for a device id and bearer token; the code is spent in the same transaction. */
export async function enrollDevice(
  db: Kysely<Schema>,
  req: EnrollRequest,
  now: number = Date.now(),
): Promise<EnrollResponse> {
  const codeHash = hashSecret(req.code);
  return db.transaction().execute(async (trx) => {
    const code = await trx
      .selectFrom('enrollment_codes')
      .innerJoin('points', 'points.id', 'enrollment_codes.point_id')
      .select(['enrollment_codes.point_id', 'points.name'])
      .where('enrollment_codes.code_hash', '=', codeHash)
      .where('enrollment_codes.used_at', 'is', null)
      .where('enrollment_codes.expires_at', '>', now)
      .executeTakeFirst();
    if (!code) throw invalid();

    const deviceId = newDeviceId();
    const token = newToken();
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        point_id: code.point_id,
        label: req.deviceLabel ?? null,
        token_hash: hashSecret(token),
        revoked_at: null,
        created_at: now,
        last_seen_at: now,
      })
      .execute();
    // Conditional, so two enrollments racing for one code cannot both win.
    const spent = await trx
      .updateTable('enrollment_codes')
      .set({ used_at: now, device_id: deviceId })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (spent.numUpdatedRows !== 1n) throw invalid();

    return { deviceId, token, point: { id: code.point_id, name: code.name }, serverTime: now };
  });
}
