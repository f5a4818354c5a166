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
    // Spend the code first: the transaction starts with a write (so another process's SQLite writer
    // makes it wait rather than fail later), and of two enrollments racing for one code only one matches.
    const spent = await trx
      .updateTable('enrollment_codes')
      .set({ used_at: now })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (spent.numUpdatedRows !== 1n) throw invalid();
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
