import type { Kysely } from 'kysely';
import type { LeaseState } from '#shared/protocol/live';
import type { Schema } from '../db/schema';
import { ApiError } from '../errors';
import type { DeviceScope } from '../sync/push';

export interface LeaseChange {
  state: LeaseState;
  /** True when the call changed the lease (taken, renewed or released), so the point should hear of it. */
  changed: boolean;
}

const free = (draftId: string): LeaseState => ({ draftId, holder: null, expiresAt: null });

/** Refuses a draft (or a lease on a not-yet-pushed draft) of another point. */
async function assertOwnDraft(db: Kysely<Schema>, pointId: string, draftId: string): Promise<void> {
  const owners = await db
    .selectFrom('drafts')
    .select('point_id')
    .where('id', '=', draftId)
    .unionAll(db.selectFrom('leases').select('point_id').where('draft_id', '=', draftId))
    .execute();
  if (owners.some((o) => o.point_id !== pointId))
    throw new ApiError(403, 'FORBIDDEN', 'the draft belongs to another point');
}

/** The lease on a draft as the point should see it now: an expired lease is nobody's. */
export async function readLease(db: Kysely<Schema>, draftId: string, now: number): Promise<LeaseState> {
  const row = await db
    .selectFrom('leases')
    .innerJoin('devices', 'devices.id', 'leases.device_id')
    .select(['leases.device_id', 'devices.label', 'leases.expires_at'])
    .where('leases.draft_id', '=', draftId)
    .executeTakeFirst();
  return row && row.expires_at > now
    ? { draftId, holder: { deviceId: row.device_id, label: row.label }, expiresAt: row.expires_at }
    : free(draftId);
}

/**
 * Takes the lease for the device, or renews it if the device holds it. A lease another device holds is left
 * alone (the answer names that holder): it is soft, it informs, it never blocks anything.
 */
export async function takeLease(
  db: Kysely<Schema>,
  scope: DeviceScope,
  draftId: string,
  ttlMs: number,
  now: number = Date.now(),
): Promise<LeaseChange> {
  await assertOwnDraft(db, scope.pointId, draftId);
  // One statement decides, so two devices racing for a free lease get one holder.
  const taken = await db
    .insertInto('leases')
    .values({
      draft_id: draftId,
      point_id: scope.pointId,
      device_id: scope.deviceId,
      expires_at: now + ttlMs,
    })
    .onConflict((oc) =>
      oc
        .column('draft_id')
        .doUpdateSet((eb) => ({
          device_id: eb.ref('excluded.device_id'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where((eb) =>
          eb.and([
            eb('leases.point_id', '=', scope.pointId),
            eb.or([eb('leases.device_id', '=', scope.deviceId), eb('leases.expires_at', '<=', now)]),
          ]),
        ),
    )
    .executeTakeFirst();
  return {
    state: await readLease(db, draftId, now),
    changed: Number(taken.numInsertedOrUpdatedRows ?? 0) > 0,
  };
}

/** Releases the device's lease; a lease held by another device stays (the answer names its holder). */
export async function releaseLease(
  db: Kysely<Schema>,
  scope: DeviceScope,
  draftId: string,
  now: number = Date.now(),
): Promise<LeaseChange> {
  await assertOwnDraft(db, scope.pointId, draftId);
  const { numDeletedRows } = await db
    .deleteFrom('leases')
    .where('draft_id', '=', draftId)
    .where('device_id', '=', scope.deviceId)
    .executeTakeFirstOrThrow();
  return Number(numDeletedRows) > 0
    ? { state: free(draftId), changed: true }
    : { state: await readLease(db, draftId, now), changed: false };
}

/** Every lease of the point that has not expired (what a kiosk opening its event stream should know). */
export async function activeLeases(db: Kysely<Schema>, pointId: string, now: number): Promise<LeaseState[]> {
  const rows = await db
    .selectFrom('leases')
    .innerJoin('devices', 'devices.id', 'leases.device_id')
    .select(['leases.draft_id', 'leases.device_id', 'devices.label', 'leases.expires_at'])
    .where('leases.point_id', '=', pointId)
    .where('leases.expires_at', '>', now)
    .orderBy('leases.draft_id')
    .execute();
  return rows.map((r) => ({
    draftId: r.draft_id,
    holder: { deviceId: r.device_id, label: r.label },
    expiresAt: r.expires_at,
  }));
}

/** Deletes expired leases; returns them so the points can hear they are free. */
export async function expireLeases(
  db: Kysely<Schema>,
  now: number = Date.now(),
): Promise<{ pointId: string; lease: LeaseState }[]> {
  const gone = await db
    .deleteFrom('leases')
    .where('expires_at', '<=', now)
    .returning(['draft_id', 'point_id'])
    .execute();
  return gone.map((r) => ({ pointId: r.point_id, lease: free(r.draft_id) }));
}
