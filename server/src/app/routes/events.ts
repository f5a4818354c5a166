import type { Kysely } from 'kysely';
import { SCOPES } from '#shared/entities/scopes';
import type { Schema } from '../../db/schema';
import { activeLeases } from '../../leases/lease-store';
import { lastSeq } from '../../sync/op-log';
import { logOf } from '../../sync/scope-logs';
import type { EventStreams, SseEvent } from '../../live/event-streams';
import { hijack } from '../hijack';
import { requireDevice } from '../request-context';
import type { ZodApp } from '../types';

/**
 * GET /api/v1/events — the point's Server-Sent Events. It opens with a `poke` per scope the device follows,
 * carrying that scope's last seq (so a change committed between the kiosk's last pull and this stream is not
 * missed), and a `lease` per active lease, then streams pokes and lease changes as they happen.
 */
export function eventRoutes(api: ZodApp, deps: { db: Kysely<Schema>; streams: EventStreams }): void {
  api.get('/v1/events', async (req, reply) => {
    const device = requireDevice(req);
    const initial = async (): Promise<SseEvent[]> => {
      // Leases first: the stream holds events published meanwhile, and a lease read late would repeat one.
      const leases = await activeLeases(deps.db, device.pointId, Date.now());
      const pokes = await Promise.all(
        SCOPES.map(async (scope): Promise<SseEvent> => ({
          event: 'poke',
          data: { scope, seq: await lastSeq(deps.db, logOf(scope, device.pointId)) },
        })),
      );
      return [...pokes, ...leases.map((lease): SseEvent => ({ event: 'lease', data: lease }))];
    };
    deps.streams.open(hijack(reply), device, initial);
  });
}
