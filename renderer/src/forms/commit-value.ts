import type { Field } from '#shared/catalog/form-schema';
import { validateField } from '#shared/catalog/validate-field';
import type { FieldValue } from '#shared/protocol/operation';
import type { ValidationIssue } from '#shared/validators/result';

export type CommitOutcome =
  | { readonly kind: 'save'; readonly value: FieldValue }
  | { readonly kind: 'invalid'; readonly issue: ValidationIssue };

/**
 * What committing a field's raw text means: the normalized value to store, or the issue to show. Emptying a
 * field stores null even when it is required — a draft may be incomplete; "required" is reported when the
 * whole form is checked.
 */
export function commitValue(
  field: Field,
  raw: string,
  siblings: Readonly<Record<string, string | undefined>>,
): CommitOutcome {
  if (raw.trim() === '') return { kind: 'save', value: null };
  const result = validateField(field, raw, siblings);
  return result.ok ? { kind: 'save', value: result.value } : { kind: 'invalid', issue: result.issue };
}

/** Sibling values (same form level or same group row), keyed by field id, as validators expect them. */
export function siblingValues(
  fields: readonly Field[],
  prefix: string,
  values: Readonly<Record<string, FieldValue | undefined>>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const f of fields) {
    const v = values[prefix + f.id];
    out[f.id] = v === null || v === undefined ? undefined : String(v);
  }
  return out;
}
