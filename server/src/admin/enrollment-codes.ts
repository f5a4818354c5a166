import type { Kysely } from 'kysely';
import { hashSecret, newEnrollmentCode } from '../auth/secrets';
import type { Schema } from '../db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_CODE_TTL_DAYS = 7;
export const MAX_CODES_PER_CALL = 100;

/** Issues one-time enrollment codes for a point; returns the plaintext, which is never stored. */
export async function issueEnrollmentCodes(
  db: Kysely<Schema>,
  pointId: string,
  count: number,
  ttlDays: number = DEFAULT_CODE_TTL_DAYS,
): Promise<string[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_CALL) {
    throw new Error(`count must be an integer from 1 to ${MAX_CODES_PER_CALL}`);
  }
  if (!(ttlDays > 0)) throw new Error('ttlDays must be positive');
  const point = await db.selectFrom('points').select('id').where('id', '=', pointId).executeTakeFirst();
  if (!point) throw new Error(`no point ${pointId}`);
  const now = Date.now();
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newEnrollmentCode());
  await db
    .insertInto('enrollment_codes')
    .values(
      [...codes].map((code) => ({
        code_hash: hashSecret(code),
        point_id: pointId,
        created_at: now,
        expires_at: now + Math.round(ttlDays * DAY_MS),
        used_at: null,
        device_id: null,
      })),
    )
    .execute();
  return [...codes];
}
