import { z } from 'zod';
import { applyOp, emptyDraft, type DraftState } from '../merge/draft-state';
import { CreateDraftOp, DeleteDraftOp, SetFieldOp, StatusOp, type DossierOp } from '../protocol/operation';
import { defineEntityType } from './entity-type';

/** A dossier operation's body: the draft op without the envelope's stamp and id. */
export const DossierBody = z.discriminatedUnion('kind', [
  CreateDraftOp.omit({ hlc: true, draftId: true }),
  SetFieldOp.omit({ hlc: true, draftId: true }),
  DeleteDraftOp.omit({ hlc: true, draftId: true }),
  StatusOp.omit({ hlc: true, draftId: true }),
]);
export type DossierBody = z.infer<typeof DossierBody>;

/** The draft op an envelope of type `dossier` carries. */
export function dossierOpOf(op: { hlc: string; id: string; body: DossierBody }): DossierOp {
  return { ...op.body, hlc: op.hlc, draftId: op.id } as DossierOp;
}

/** The envelope of a draft op; also how the migrations turn a log written before entity types. */
export function dossierEnvelope(op: DossierOp): {
  hlc: string;
  type: 'dossier';
  id: string;
  body: DossierBody;
} {
  const { hlc, draftId, ...body } = op;
  return { hlc, type: 'dossier', id: draftId, body };
}

/**
 * A dossier: fields as registers with conflict flags (docs/sync.md §2), created and deleted by kiosks; its
 * status is written by the server only (compare-and-set), highest version wins.
 */
export const dossierType = defineEntityType({
  type: 'dossier',
  scope: 'point',
  body: DossierBody,
  authorOf: (body) => (body.kind === 'status' ? 'server' : 'device'),
  blobOf: (body) => (body.kind === 'set' ? body.blob : undefined),
  merge: {
    rule: 'registers',
    empty: (id): DraftState => emptyDraft(id),
    apply: (state: DraftState, op) => applyOp(state, dossierOpOf(op)),
  },
});
