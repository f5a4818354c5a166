import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import { hashSecret } from './secrets';

export interface AuthenticatedDevice {
  deviceId: string;
  pointId: string;
  lastSeenAt: number | null;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,256})$/;

/** Resolves `Authorization: Bearer <token>` to its device, or refuses with a stable 401 code. */
export async function authenticate(
  db: Kysely<Schema>,
  authorization: string | undefined,
): Promise<AuthenticatedDevice> {
  const token = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'missing or malformed bearer token');
  const device = await db
    .selectFrom('devices')
    .select(['id', 'point_id', 'revoked_at', 'last_seen_at'])
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!device) throw new ApiError(401, 'UNAUTHENTICATED', 'unknown bearer token');
  if (device.revoked_at !== null)
    throw new ApiError(401, 'CREDENTIAL_REVOKED', 'this device has been revoked');
  return { deviceId: device.id, pointId: device.point_id, lastSeenAt: device.last_seen_at };
}

/** How stale last_seen_at may get before a request refreshes it: one write per device per minute at most. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export async function touchDevice(
  db: Kysely<Schema>,
  device: AuthenticatedDevice,
  now: number = Date.now(),
): Promise<void> {
  if (device.lastSeenAt !== null && now - device.lastSeenAt < LAST_SEEN_RESOLUTION_MS) return;
  await db.updateTable('devices').set({ last_seen_at: now }).where('id', '=', device.deviceId).execute();
}
