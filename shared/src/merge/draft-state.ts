import { compareHlc, decodeHlc } from '../clock/hlc';
import type { FieldValue, Operation } from '../protocol/operation';

/** A last-writer-wins register for one field, with the concurrent values it beat kept for a person to confirm. */
export interface FieldRegister {
  readonly value: FieldValue;
  readonly hlc: string;
  readonly prev: string | null;
  /** Values written concurrently (neither writer had seen the other) that lost to `value`. */
  readonly conflicts?: readonly { readonly value: FieldValue; readonly hlc: string }[];
}

export interface DraftState {
  readonly draftId: string;
  readonly procedureId: string | null;
  readonly deletedHlc: string | null;
  readonly fields: Readonly<Record<string, FieldRegister>>;
}

export function emptyDraft(draftId: string): DraftState {
  return { draftId, procedureId: null, deletedHlc: null, fields: {} };
}

function concurrent(a: { hlc: string; prev: string | null }, b: { hlc: string; prev: string | null }): boolean {
  if (decodeHlc(a.hlc).deviceId === decodeHlc(b.hlc).deviceId) return false;
  const aSawB = a.prev !== null && compareHlc(a.prev, b.hlc) >= 0;
  const bSawA = b.prev !== null && compareHlc(b.prev, a.hlc) >= 0;
  return !aSawB && !bSawA;
}

/** Applies one operation. Pure, idempotent and order-independent, so every replica converges. */
export function applyOp(state: DraftState, op: Operation): DraftState {
  if (op.draftId !== state.draftId) throw new Error('operation for another draft');
  switch (op.kind) {
    case 'create':
      return state.procedureId === null ? { ...state, procedureId: op.procedureId } : state;
    case 'delete':
      return state.deletedHlc === null || compareHlc(op.hlc, state.deletedHlc) > 0 ? { ...state, deletedHlc: op.hlc } : state;
    case 'set': {
      const cur = state.fields[op.field];
      if (cur && cur.hlc === op.hlc) return state;
      const incoming = { value: op.value, hlc: op.hlc, prev: op.prev };
      const next = mergeRegister(cur, incoming);
      return { ...state, fields: { ...state.fields, [op.field]: next } };
    }
  }
}

function mergeRegister(
  cur: FieldRegister | undefined,
  incoming: { value: FieldValue; hlc: string; prev: string | null },
): FieldRegister {
  if (!cur) return incoming;
  const [winner, loser] = compareHlc(incoming.hlc, cur.hlc) > 0 ? [incoming, cur] : [cur, incoming];
  const kept = [...(cur.conflicts ?? [])];
  if (concurrent(winner, loser) && winner.value !== loser.value) kept.push({ value: loser.value, hlc: loser.hlc });
  const conflicts = kept
    .filter((c) => c.hlc !== winner.hlc)
    .filter((c, i, all) => all.findIndex((d) => d.hlc === c.hlc) === i)
    .sort((a, b) => compareHlc(a.hlc, b.hlc));
  return conflicts.length ? { value: winner.value, hlc: winner.hlc, prev: winner.prev, conflicts } : { value: winner.value, hlc: winner.hlc, prev: winner.prev };
}

/** The values a person sees: fields of removed rows (`group.<row>._deleted` true) are left out. */
export function visibleValues(state: DraftState): Record<string, FieldValue> {
  const deletedRows = new Set(
    Object.entries(state.fields)
      .filter(([path, reg]) => path.endsWith('._deleted') && reg.value === true)
      .map(([path]) => path.slice(0, -'._deleted'.length)),
  );
  const out: Record<string, FieldValue> = {};
  for (const [path, reg] of Object.entries(state.fields)) {
    const row = path.split('.').slice(0, 2).join('.');
    if (path.includes('.') && deletedRows.has(row)) continue;
    if (path.endsWith('._deleted')) continue;
    out[path] = reg.value;
  }
  return out;
}

export function hasConflicts(state: DraftState): boolean {
  return Object.values(state.fields).some((r) => (r.conflicts?.length ?? 0) > 0);
}
