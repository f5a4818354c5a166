import { createContext, useContext, type ReactNode } from 'react';
import type { Field } from '#shared/catalog/form-schema';
import type { FieldRegister } from '#shared/merge/draft-state';
import type { FieldValue } from '#shared/protocol/operation';
import type { DraftViewStore } from './draft-view';
import type { SaveTracker } from './save-tracker';

/** The fields beside a field (its form level, or its group row): for cross-checks like ID number vs birth date. */
export interface FieldScope {
  readonly prefix: string;
  readonly fields: readonly Field[];
}

/** What a field component gets from the form it sits in; the same object for as long as the draft is open. */
export interface FormBindings {
  readonly draftId: string;
  /** This device: a field's value written by another one while a person is in the field is shown beside it. */
  readonly deviceId: string;
  /** The draft as shown: fields read their part with useFieldView, handlers read it whole with `view.get()`. */
  readonly view: DraftViewStore;
  readonly tracker: SaveTracker;
  /** Saves a person's value; `seen` is the field as it was when they entered it (see LocalSetOptions). */
  save(path: string, value: FieldValue, seen?: FieldRegister | null): void;
  keepValue(path: string, value: FieldValue): void;
  /** Stores a photo (encrypted) and points the attachment field at it. */
  saveAttachment(path: string, photo: Blob): void;
  addRow(groupId: string): void;
  deleteRow(groupId: string, rowId: string): void;
  /** Registers a field's "write what you have now" for page hide / tab switch; returns the unregister. */
  registerFlush(flush: () => void): () => void;
  renderField(field: Field, path: string, scope: FieldScope): ReactNode;
}

export const FormBindingsContext = createContext<FormBindings | null>(null);

export function useFormBindings(): FormBindings {
  const bindings = useContext(FormBindingsContext);
  if (!bindings) throw new Error('a field outside a form');
  return bindings;
}
