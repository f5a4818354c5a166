import { z } from 'zod';
import { factMerge, type FactBody } from '../merge/facts';
import { serverRecordMerge } from '../merge/server-record';
import { DraftId, HlcString } from '../protocol/operation';
import { defineEntityType } from './entity-type';

/** A fact body around `data`: append-only, corrections name the facts they supersede. */
function factBody<D extends z.ZodType>(data: D) {
  return z.object({
    kind: z.literal('fact'),
    supersedes: z.array(HlcString).max(20),
    data,
  }) as unknown as z.ZodType<FactBody<z.infer<D>>>;
}

const RefId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/);

/** A resident's visit to the point: when, what for, and which dossier it concerns, if any. */
export const VisitData = z.object({
  startedAt: z.number().int().nonnegative(),
  purpose: z.enum(['file', 'ask', 'collect', 'guide']),
  procedureId: z.string().min(1).max(100).optional(),
  dossierId: DraftId.optional(),
});
export type VisitData = z.infer<typeof VisitData>;

export const visitType = defineEntityType({
  type: 'visit',
  scope: 'point',
  body: factBody(VisitData),
  authorOf: () => 'device',
  merge: factMerge<VisitData>(),
});

/** How an account guide (e.g. creating a VNeID account) ended for a resident. */
export const GuideOutcomeData = z.object({
  guideId: RefId,
  visitId: z.uuid().optional(),
  outcome: z.enum(['completed', 'abandoned', 'referred']),
  /** The step reached, when not completed. */
  step: z.number().int().nonnegative().optional(),
});
export type GuideOutcomeData = z.infer<typeof GuideOutcomeData>;

export const guideOutcomeType = defineEntityType({
  type: 'guideOutcome',
  scope: 'point',
  body: factBody(GuideOutcomeData),
  authorOf: () => 'device',
  merge: factMerge<GuideOutcomeData>(),
});

/** One answer of the satisfaction survey a resident gives at the end of a visit. */
export const SurveyAnswerData = z.object({
  visitId: z.uuid().optional(),
  questionId: RefId,
  answer: z.union([z.number().int().min(1).max(5), z.string().max(1000)]),
});
export type SurveyAnswerData = z.infer<typeof SurveyAnswerData>;

export const surveyAnswerType = defineEntityType({
  type: 'surveyAnswer',
  scope: 'point',
  body: factBody(SurveyAnswerData),
  authorOf: () => 'device',
  merge: factMerge<SurveyAnswerData>(),
});

/** An official's note on a dossier (e.g. what is missing), written on the server, read on the kiosks. */
export const ReviewNoteBody = z.object({
  version: z.number().int().positive(),
  dossierId: DraftId,
  author: z.string().min(1).max(100),
  text: z.string().min(1).max(2000),
  resolved: z.boolean(),
});
export type ReviewNoteBody = z.infer<typeof ReviewNoteBody>;

export const reviewNoteType = defineEntityType({
  type: 'reviewNote',
  scope: 'point',
  body: ReviewNoteBody,
  authorOf: () => 'server',
  merge: serverRecordMerge<ReviewNoteBody>(),
});
