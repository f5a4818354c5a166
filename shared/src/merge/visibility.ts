import type { FieldValue } from '../protocol/operation';
import type { DraftState } from './draft-state';
import { ROW_MARKER } from './group-rows';
import type { FieldWrite } from './register';

const REMOVED = `.${ROW_MARKER}`;

/**
 * A draft is deleted while its latest delete is later than every write to it. A write later than
 * the delete comes from a device that had not seen the delete (a deleted draft is not editable), so
 * it revives the draft whole rather than being lost or showing only the fields written since.
 */
export function isDeleted(state: DraftState): boolean {
  const d = state.deletedHlc;
  if (d === null || (state.createdHlc !== undefined && state.createdHlc > d)) return false;
  return Object.values(state.fields).every((reg) => reg.hlc < d);
}

/**
 * Rows (`group.rowId`) removed by `group.rowId._deleted` = true, by the same rule as a draft: the
 * removal hides the row while it is later than every write to the row's other fields; a later edit
 * (from a device that had not seen the removal) brings the whole row back.
 */
export function removedRows(state: DraftState): Set<string> {
  const removal = new Map<string, string>();
  const lastWrite = new Map<string, string>();
  for (const [path, reg] of Object.entries(state.fields)) {
    const row = rowOf(path);
    if (row === null) continue;
    if (path.endsWith(REMOVED)) {
      if (reg.value === true) removal.set(row, reg.hlc);
    } else if (reg.hlc > (lastWrite.get(row) ?? '')) {
      lastWrite.set(row, reg.hlc);
    }
  }
  return new Set([...removal].filter(([row, hlc]) => hlc > (lastWrite.get(row) ?? '')).map(([row]) => row));
}

/**
 * The values a person sees: nothing for a deleted draft, no removed rows. A live row keeps its marker, as
 * false (a later edit may have revived a removed row), so a row added with nothing typed in it yet still
 * exists for the form, the check and the server alike (see `rowsByGroup`).
 */
export function visibleValues(state: DraftState): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  if (isDeleted(state)) return out;
  const removed = removedRows(state);
  for (const [path, reg] of Object.entries(state.fields)) {
    const row = rowOf(path);
    if (row !== null && removed.has(row)) continue;
    out[path] = path.endsWith(REMOVED) ? false : reg.value;
  }
  return out;
}

/** A field whose shown value has concurrent writes with other values, for a person to confirm. */
export interface FieldConflict {
  readonly field: string;
  readonly value: FieldValue;
  readonly hlc: string;
  readonly conflicts: readonly FieldWrite[];
}

/**
 * The conflicts a person must settle, by field name. Fields of removed rows are left out (the
 * removal came after every write to them), but a disputed removal itself (`_deleted` true against
 * false) is kept; a deleted draft has none.
 */
export function conflictsOf(state: DraftState): FieldConflict[] {
  if (isDeleted(state)) return [];
  const removed = removedRows(state);
  return Object.entries(state.fields)
    .filter(
      ([path, reg]) => reg.conflicts?.length && (path.endsWith(REMOVED) || !removed.has(rowOf(path) ?? '')),
    )
    .map(([field, reg]) => ({ field, value: reg.value, hlc: reg.hlc, conflicts: reg.conflicts ?? [] }))
    .sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

export function hasConflicts(state: DraftState): boolean {
  return conflictsOf(state).length > 0;
}

/** `group.rowId` for a field of a repeating-group row, else null. */
function rowOf(path: string): string | null {
  const parts = path.split('.');
  return parts.length === 3 ? `${parts[0]}.${parts[1]}` : null;
}
