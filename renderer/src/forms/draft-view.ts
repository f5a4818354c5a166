import { useCallback, useRef, useSyncExternalStore } from 'react';
import { registerOf, type DraftState, type FieldRegister } from '#shared/merge/draft-state';
import { groupRowIds } from '#shared/merge/group-rows';
import type { FieldValue } from '#shared/protocol/operation';
import type { ValidationIssue } from '#shared/validators/result';
import { Store } from '../state/store';
import { useFormBindings } from './form-bindings';

/** The open draft as the form shows it; each field subscribes to its own part. */
export interface DraftView {
  /** Visible values by field path. */
  readonly values: Readonly<Record<string, FieldValue>>;
  /** The draft's merge state (registers by field path, with their conflicts). */
  readonly state: DraftState;
  /** Issues found by "check the form", by field path, until the field is changed. */
  readonly checkIssues: Readonly<Record<string, ValidationIssue>>;
}

export class DraftViewStore extends Store<DraftView> {}

/** One field's part of the draft. */
export interface FieldView {
  readonly value: FieldValue | undefined;
  readonly register: FieldRegister | undefined;
  readonly checkIssue: ValidationIssue | undefined;
}

/**
 * A field's value, register and check issue. The field re-renders when one of them changes, not when another
 * field of the draft does: a save re-renders the field saved, not the whole form.
 */
export function useFieldView(path: string): FieldView {
  const { view } = useFormBindings();
  const last = useRef<FieldView | null>(null);
  const read = useCallback((): FieldView => {
    const draft = view.get();
    const next: FieldView = {
      value: draft.values[path],
      register: registerOf(draft.state, path),
      checkIssue: draft.checkIssues[path],
    };
    const prev = last.current;
    if (
      prev &&
      Object.is(prev.value, next.value) &&
      prev.register === next.register &&
      prev.checkIssue === next.checkIssue
    ) {
      return prev;
    }
    last.current = next;
    return next;
  }, [view, path]);
  return useSyncExternalStore(view.subscribe, read);
}

/** The live rows of a group (the shared row rule); re-renders only when rows come or go. */
export function useGroupRows(groupId: string): readonly string[] {
  const { view } = useFormBindings();
  const last = useRef<readonly string[]>([]);
  const read = useCallback((): readonly string[] => {
    const rows = groupRowIds(view.get().values, groupId);
    const prev = last.current;
    if (rows.length === prev.length && rows.every((id, i) => id === prev[i])) return prev;
    last.current = rows;
    return rows;
  }, [view, groupId]);
  return useSyncExternalStore(view.subscribe, read);
}
