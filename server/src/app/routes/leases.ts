import { z } from 'zod';
import { DraftId } from '#shared/protocol/operation';
import type { LeaseState } from '#shared/protocol/live';
import type { Database } from '../../db/database';
import { releaseLease, takeLease, type LeaseChange } from '../../leases/lease-store';
import type { LiveBus } from '../../live/bus';
import { requireDevice } from '../request-context';
import type { ZodApp } from '../types';

const LeaseParams = z.object({ draftId: DraftId });

/**
 * PUT /api/v1/leases/:draftId takes or renews the caller's soft lease; DELETE releases it. Both answer the
 * lease as it now stands (naming another holder when someone else has it); a change is announced on the
 * point's event streams.
 */
export function leaseRoutes(api: ZodApp, deps: { db: Database; live: LiveBus; leaseTtlMs: number }): void {
  const announce = (pointId: string, { state, changed }: LeaseChange): LeaseState => {
    if (changed) deps.live.publish({ type: 'lease', pointId, lease: state });
    return state;
  };
  api.put('/v1/leases/:draftId', { schema: { params: LeaseParams } }, async (req): Promise<LeaseState> => {
    const device = requireDevice(req);
    return announce(
      device.pointId,
      await takeLease(deps.db.kysely, device, req.params.draftId, deps.leaseTtlMs),
    );
  });
  api.delete('/v1/leases/:draftId', { schema: { params: LeaseParams } }, async (req): Promise<LeaseState> => {
    const device = requireDevice(req);
    return announce(device.pointId, await releaseLease(deps.db.kysely, device, req.params.draftId));
  });
}
