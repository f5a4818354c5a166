import type { ReactElement } from 'react';
import type { Field } from '#shared/catalog/form-schema';
import type { FieldScope } from './form-bindings';

export interface FieldProps {
  readonly field: Field;
  /** The draft's field path: `fullName`, or `members.<rowId>.fullName` inside a group row. */
  readonly path: string;
  readonly scope: FieldScope;
}

export type FieldComponent = (props: FieldProps) => ReactElement | null;
