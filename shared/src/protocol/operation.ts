import { z } from 'zod';
import { HLC_PATTERN } from '../clock/hlc';

export const HlcString = z.string().regex(HLC_PATTERN, 'not an HLC timestamp');
export const DraftId = z.uuid();

/**
 * A field path: `fullName`, or for a row of a repeating group `members.<rowId>.fullName`.
 * A row is removed by setting `members.<rowId>._deleted` to true, so rows merge like fields.
 */
export const FieldPath = z
  .string()
  .max(200)
  .regex(
    /^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z0-9_-]{1,64}\.(?:[a-zA-Z][a-zA-Z0-9]*|_deleted))?$/,
    'not a field path',
  );

export const FieldValue = z.union([z.string().max(20_000), z.number().finite(), z.boolean(), z.null()]);
export type FieldValue = z.infer<typeof FieldValue>;

/** Creates a draft of a procedure; idempotent, so two devices creating the same id converge. */
export const CreateDraftOp = z.object({
  kind: z.literal('create'),
  hlc: HlcString,
  draftId: DraftId,
  procedureId: z.string().min(1).max(100),
  /**
   * The catalog the dossier was started on: `bundled:<hash of the shipped catalog>` or `catalog:<seq>` (the
   * position of the kiosk's pulled catalog scope). Absent on dossiers made before entity types.
   */
  catalogVersion: z
    .string()
    .regex(/^(bundled|catalog):[0-9a-z]{1,40}$/)
    .optional(),
});

/** Sets one field: a last-writer-wins register ordered by `hlc`. */
export const SetFieldOp = z.object({
  kind: z.literal('set'),
  hlc: HlcString,
  draftId: DraftId,
  field: FieldPath,
  value: FieldValue,
  /**
   * The HLC of the value this device had last seen for the field when it wrote (null if none).
   * A write whose `prev` is older than another device's write of the same field did not see it:
   * the two are concurrent, and the merge keeps both and flags the draft.
   */
  prev: HlcString.nullable(),
  /** Optional SHA-256 (hex) of an attachment this value references; pushed only after the blob is acknowledged. */
  blob: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

/** Deletes a whole draft (a tombstone that wins over every older field write). */
export const DeleteDraftOp = z.object({
  kind: z.literal('delete'),
  hlc: HlcString,
  draftId: DraftId,
});

/**
 * One edit of a dossier as its merge reads it (`shared/src/merge/draft-state.ts`). On the wire and in every
 * log it travels inside the entity envelope (`shared/src/entities/operation.ts`, type `dossier`); these flat
 * shapes are also what the release before entity types stored, which the migrations convert.
 */
export const DraftOp = z.discriminatedUnion('kind', [CreateDraftOp, SetFieldOp, DeleteDraftOp]);
export type DraftOp = z.infer<typeof DraftOp>;
export type SetFieldOp = z.infer<typeof SetFieldOp>;
export type CreateDraftOp = z.infer<typeof CreateDraftOp>;
export type DeleteDraftOp = z.infer<typeof DeleteDraftOp>;

/**
 * A dossier status change, written to the point's log by the SERVER after a successful compare-and-set
 * (kiosks request it with StatusChangeRequest; they never push this kind). `version` counts the draft's
 * accepted changes, so replicas keep the highest whatever order they receive them in.
 */
export const StatusOp = z.object({
  kind: z.literal('status'),
  hlc: HlcString,
  draftId: DraftId,
  status: z.enum(['draft', 'ready', 'submitted', 'received', 'needs-more', 'done']),
  version: z.number().int().positive(),
});
export type StatusOp = z.infer<typeof StatusOp>;

/** Every dossier operation: the kiosks' edits and the server's status changes. */
export const DossierOp = z.discriminatedUnion('kind', [CreateDraftOp, SetFieldOp, DeleteDraftOp, StatusOp]);
export type DossierOp = z.infer<typeof DossierOp>;
