import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';

/** Revokes a device's credential; its next request gets 401 CREDENTIAL_REVOKED. False if no such device. */
export async function revokeDevice(db: Kysely<Schema>, deviceId: string): Promise<boolean> {
  const device = await db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst();
  if (!device) return false;
  await db
    .updateTable('devices')
    .set({ revoked_at: Date.now() })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}
