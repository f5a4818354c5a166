import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema';
import { activeLeases } from '../../leases/lease-store';
import type { EventStreams, SseEvent } from '../../live/event-streams';
import { hijack } from '../hijack';
import { requireDevice } from '../request-context';
import type { ZodApp } from '../types';

/**
 * GET /api/v1/events — the point's Server-Sent Events. It opens with a `poke` carrying the point's last
 * seq (so a push committed between the kiosk's last pull and this stream is not missed) and a `lease` per
 * active lease, then streams pokes and lease changes as they happen.
 */
export function eventRoutes(api: ZodApp, deps: { db: Kysely<Schema>; streams: EventStreams }): void {
  api.get('/v1/events', async (req, reply) => {
    const device = requireDevice(req);
    const initial = async (): Promise<SseEvent[]> => {
      const point = await deps.db
        .selectFrom('points')
        .select('last_seq')
        .where('id', '=', device.pointId)
        .executeTakeFirstOrThrow();
      const leases = await activeLeases(deps.db, device.pointId, Date.now());
      return [
        { event: 'poke', data: { seq: point.last_seq } },
        ...leases.map((lease): SseEvent => ({ event: 'lease', data: lease })),
      ];
    };
    deps.streams.open(hijack(reply), device, initial);
  });
}
