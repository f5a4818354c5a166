import type { Kysely } from 'kysely';
import type { EnrollRequest, EnrollResponse } from '#shared/protocol/enroll';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import { hashSecret, newDeviceId, newToken } from './secrets';

const invalid = () =>
  new ApiError(401, 'ENROLLMENT_CODE_INVALID', 'unknown, used or expired enrollment code');

/** How long after spending a code the same enrollment may be retried (its answer was lost on the way). */
export const ENROLL_RETRY_WINDOW_MS = 30 * 60_000;

/** Trades a one-time code for a device id and bearer token; the code is spent in the same transaction. */
export async function enrollDevice(
  db: Kysely<Schema>,
  req: EnrollRequest,
  now: number = Date.now(),
): Promise<Omit<EnrollResponse, 'published'>> {
  const codeHash = hashSecret(req.code);
  const token = req.credential ?? newToken();
  const tokenHash = hashSecret(token);
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
    if (spent.numUpdatedRows !== 1n) {
      if (req.credential === undefined) throw invalid();
      return repeatEnrollment(trx, codeHash, tokenHash, token, now);
    }
    const { point_id: pointId, name } = await trx
      .selectFrom('enrollment_codes')
      .innerJoin('points', 'points.id', 'enrollment_codes.point_id')
      .select(['enrollment_codes.point_id', 'points.name'])
      .where('enrollment_codes.code_hash', '=', codeHash)
      .executeTakeFirstOrThrow();

    const deviceId = newDeviceId();
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        point_id: pointId,
        label: req.deviceLabel ?? null,
        token_hash: tokenHash,
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
 * The same enrollment (same code, same kiosk-made credential) already succeeded moments ago and its answer
 * never arrived, or arrived twice: answer it again, identically. Nothing changes.
 */
async function repeatEnrollment(
  trx: Kysely<Schema>,
  codeHash: string,
  tokenHash: string,
  token: string,
  now: number,
): Promise<Omit<EnrollResponse, 'published'>> {
  const row = await trx
    .selectFrom('enrollment_codes')
    .innerJoin('points', 'points.id', 'enrollment_codes.point_id')
    .innerJoin('devices', 'devices.id', 'enrollment_codes.device_id')
    .select(['enrollment_codes.point_id', 'points.name', 'devices.id as device_id'])
    .where('enrollment_codes.code_hash', '=', codeHash)
    .where('enrollment_codes.used_at', '>', now - ENROLL_RETRY_WINDOW_MS)
    .where('devices.token_hash', '=', tokenHash)
    .where('devices.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw invalid();
  return { deviceId: row.device_id, token, point: { id: row.point_id, name: row.name }, serverTime: now };
}
