import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { issueEnrollmentCodes } from './enrollment-codes';
import { toPoint, type Point } from './points';

export const DEMO_POINT_ID = 'demo-phu-nhuan';
export const DEMO_POINT_NAME = 'Điểm DVC trực tuyến demo – Phường Phú Nhuận';
/** GSO code of Phường Phú Nhuận since 2025-07-01 (shared/domain/vietnam.md §4.1). */
export const DEMO_WARD_CODE = '27073';
const DEMO_DEVICES = 2;

/**
 * Makes sure the demo point exists. The first call creates it with one code per PC (PC 1, PC 2) and returns
 * them; later calls return `codes: null`, since the plaintext of codes is not kept.
 */
export async function ensureDemoPoint(db: Kysely<Schema>): Promise<{ point: Point; codes: string[] | null }> {
  const created = await db
    .insertInto('points')
    .values({
      id: DEMO_POINT_ID,
      name: DEMO_POINT_NAME,
      ward_code: DEMO_WARD_CODE,
      last_seq: 0,
      created_at: Date.now(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  const row = await db
    .selectFrom('points')
    .select(['id', 'name', 'ward_code', 'created_at'])
    .where('id', '=', DEMO_POINT_ID)
    .executeTakeFirstOrThrow();
  const codes = created.length ? await issueEnrollmentCodes(db, DEMO_POINT_ID, DEMO_DEVICES) : null;
  return { point: toPoint(row), codes };
}
