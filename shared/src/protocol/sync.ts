import { z } from 'zod';
import { DraftId, FieldValue, HlcString, LogOperation, Operation } from './operation';
import { MAX_PULL_PAGE, MAX_PUSH_BATCH } from './limits';

export const PushRequest = z.object({
  ops: z.array(Operation).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.object({
  /** HLC ids of the operations the server has committed (including ones it already had). */
  acked: z.array(HlcString),
  /** Server wall-clock time in ms, folded into the kiosk's HLC. */
  serverTime: z.number().int(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Query string of GET /api/v1/sync/pull. */
export const PullQuery = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).optional(),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PulledOperation = z.object({
  /** Position in the point's log; within a point, seq order equals commit order. */
  seq: z.number().int().positive(),
  op: LogOperation,
});
export type PulledOperation = z.infer<typeof PulledOperation>;

export const PullResponse = z.object({
  ops: z.array(PulledOperation),
  /** Pass back as `cursor` on the next pull. */
  cursor: z.number().int().min(0),
  hasMore: z.boolean(),
  serverTime: z.number().int(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** GET /api/v1/drafts/:draftId — the server's merged view of one draft of the device's point. */
export const DraftSnapshot = z.object({
  draftId: DraftId,
  procedureId: z.string(),
  deleted: z.boolean(),
  fields: z.record(z.string(), z.object({ value: FieldValue, hlc: HlcString })),
  /** The live rows of each repeating group, by the rule the form and the check use (`rowsByGroup`). */
  rows: z.record(z.string(), z.array(z.string())),
});
export type DraftSnapshot = z.infer<typeof DraftSnapshot>;
