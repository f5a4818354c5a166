import type { DossierOp, StatusOp } from '../protocol/operation';
import { mergeWrite, type FieldRegister } from './register';

export type { FieldRegister, FieldWrite } from './register';
export {
  conflictsOf,
  hasConflicts,
  isDeleted,
  removedRows,
  visibleValues,
  type FieldConflict,
} from './visibility';

/**
 * A draft as every replica holds it. It is a pure function of the set of operations applied: any
 * order, repetition or interleaving of the same operations gives a deep-equal state.
 */
export interface DraftState {
  readonly draftId: string;
  readonly procedureId: string | null;
  /** Stamp of the create that set `procedureId`: the earliest, should two creates ever disagree. */
  readonly createdHlc?: string;
  /** The catalog the dossier was started on, from the create that set `procedureId`. */
  readonly catalogVersion?: string;
  /** Stamp of the latest delete. Whether the draft is deleted is `isDeleted(state)`. */
  readonly deletedHlc: string | null;
  readonly fields: Readonly<Record<string, FieldRegister>>;
  /** The dossier status the server last accepted; absent means 'draft'. */
  readonly status?: { readonly value: StatusOp['status']; readonly version: number };
}

export function emptyDraft(draftId: string): DraftState {
  return { draftId, procedureId: null, deletedHlc: null, fields: {} };
}

/** The register of a field, if written (an own property: field names like `constructor` are valid). */
export function registerOf(state: DraftState, field: string): FieldRegister | undefined {
  return Object.hasOwn(state.fields, field) ? state.fields[field] : undefined;
}

/** Applies one operation. Pure; returns `state` itself when the operation changes nothing. */
export function applyOp(state: DraftState, op: DossierOp): DraftState {
  if (op.draftId !== state.draftId) throw new Error('operation for another draft');
  switch (op.kind) {
    case 'create': {
      if (state.createdHlc !== undefined && op.hlc >= state.createdHlc) return state;
      // The earliest create decides the procedure and the catalog it was started on, together.
      const { catalogVersion: _old, ...rest } = state;
      return {
        ...rest,
        procedureId: op.procedureId,
        createdHlc: op.hlc,
        ...(op.catalogVersion === undefined ? {} : { catalogVersion: op.catalogVersion }),
      };
    }
    case 'delete':
      return state.deletedHlc === null || op.hlc > state.deletedHlc
        ? { ...state, deletedHlc: op.hlc }
        : state;
    case 'status':
      return state.status === undefined || op.version > state.status.version
        ? { ...state, status: { value: op.status, version: op.version } }
        : state;
    case 'set': {
      const cur = registerOf(state, op.field);
      const next = mergeWrite(cur, { value: op.value, hlc: op.hlc, prev: op.prev });
      return next === cur ? state : { ...state, fields: { ...state.fields, [op.field]: next } };
    }
  }
}

export function applyOps(state: DraftState, ops: Iterable<DossierOp>): DraftState {
  let s = state;
  for (const op of ops) s = applyOp(s, op);
  return s;
}
