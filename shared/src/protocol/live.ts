import { z } from 'zod';
import { Scope } from '../entities/scopes';
import { DraftId } from './operation';

/**
 * GET /api/v1/events — a Server-Sent Events stream for the device's point (read with fetch so the
 * Authorization header can be sent). Event names and their data:
 * - `poke`:  LivePoke — a scope the device follows grew to `seq`; pull it if `seq` is past the cursor.
 * - `lease`: LeaseState — who is editing which draft.
 * Comment lines (`: keep-alive`) are sent every 15 s so proxies keep the stream open.
 */
export const LivePoke = z.object({ scope: Scope, seq: z.number().int().nonnegative() });
export type LivePoke = z.infer<typeof LivePoke>;

/** A soft lease: it never blocks an edit, it only tells the other PC "being edited on PC 2". */
export const LeaseState = z.object({
  draftId: DraftId,
  holder: z.object({ deviceId: z.string(), label: z.string().nullable() }).nullable(),
  /** ms since epoch (server clock); absent when nobody holds it. */
  expiresAt: z.number().int().nullable(),
});
export type LeaseState = z.infer<typeof LeaseState>;

/** PUT /api/v1/leases/:draftId takes or renews the lease (no body); DELETE releases it. Both answer LeaseState. */
export const LiveEventName = z.enum(['poke', 'lease']);
export type LiveEventName = z.infer<typeof LiveEventName>;
