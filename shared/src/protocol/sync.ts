import { z } from 'zod';
import { Operation } from '../entities/registry';
import { Scope } from '../entities/scopes';
import { DraftId, FieldValue, HlcString } from './operation';
import { MAX_PULL_PAGE, MAX_PUSH_BATCH } from './limits';

/** POST /api/v1/sync/push — operations a device made, of any entity type of the point's log. */
export const PushRequest = z.object({
  ops: z.array(Operation).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.object({
  /** HLC ids of the operations the server has committed (including ones it already had). */
  acked: z.array(HlcString),
  /**
   * Where this call's new operations went in the point's log: seqs `first`…`last`, in the order sent, with
   * nothing else between them. Absent when nothing was new. A kiosk whose cursor is `first − 1` moves it to
   * `last` without pulling its own operations back.
   */
  log: z.object({ first: z.number().int().positive(), last: z.number().int().positive() }).optional(),
  /** The acked ids that were already in the log before this call (a retry): not in `first`…`last`. */
  known: z.array(HlcString).optional(),
  /** Server wall-clock time in ms, folded into the kiosk's HLC. */
  serverTime: z.number().int(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Query string of GET /api/v1/sync/pull. `scope` defaults to the point's own log. */
export const PullQuery = z.object({
  scope: Scope.default('point'),
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).optional(),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PulledOperation = z.object({
  /** Position in the scope's log; within a scope, seq order equals commit order. */
  seq: z.number().int().positive(),
  op: Operation,
});
export type PulledOperation = z.infer<typeof PulledOperation>;

export const PullResponse = z.object({
  scope: Scope,
  ops: z.array(PulledOperation),
  /** Pass back as `cursor` on the next pull of this scope. */
  cursor: z.number().int().min(0),
  hasMore: z.boolean(),
  serverTime: z.number().int(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** GET /api/v1/drafts/:draftId — the server's merged view of one draft of the device's point. */
export const DraftSnapshot = z.object({
  draftId: DraftId,
  procedureId: z.string(),
  /** The catalog the dossier was started on (absent for dossiers made before it was recorded). */
  catalogVersion: z.string().optional(),
  deleted: z.boolean(),
  fields: z.record(z.string(), z.object({ value: FieldValue, hlc: HlcString })),
  /** The live rows of each repeating group, by the rule the form and the check use (`rowsByGroup`). */
  rows: z.record(z.string(), z.array(z.string())),
});
export type DraftSnapshot = z.infer<typeof DraftSnapshot>;
