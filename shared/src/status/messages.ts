import { z } from 'zod';
import { DraftId, HlcString } from '../protocol/operation';
import { canTransition, Status } from './status';

/**
 * POST of a status change: applied only if the dossier's status on the server is still `expected`.
 * `hlc` is the change's client-made id, so a retry after a lost answer is recognised.
 */
export const StatusChangeRequest = z
  .object({ draftId: DraftId, expected: Status, next: Status, hlc: HlcString })
  .refine((r) => canTransition(r.expected, r.next), {
    message: 'status transition not allowed',
    path: ['next'],
  });
export type StatusChangeRequest = z.infer<typeof StatusChangeRequest>;

/** The status now holds `status`; `changed` is false when it already did (a retry, or the same change from elsewhere). */
export const StatusChangeOk = z.object({ ok: z.literal(true), status: Status, changed: z.boolean() });
export type StatusChangeOk = z.infer<typeof StatusChangeOk>;

/** The change assumed a stale status: nothing changed; the kiosk re-bases with `rebase()`. */
export const StatusConflict = z.object({
  ok: z.literal(false),
  code: z.literal('STATUS_CONFLICT'),
  current: Status,
  /** English, for logs and operators; the kiosk shows its own translated text. */
  reason: z.string().max(500),
});
export type StatusConflict = z.infer<typeof StatusConflict>;

export const StatusChangeResponse = z.discriminatedUnion('ok', [StatusChangeOk, StatusConflict]);
export type StatusChangeResponse = z.infer<typeof StatusChangeResponse>;
