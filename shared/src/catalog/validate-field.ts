import type { FieldValue } from '../protocol/operation';
import { groupRowIds } from '../merge/group-rows';
import { fail, ok, type ValidationIssue, type ValidationResult } from '../validators/result';
import { FIELD_VALIDATORS } from './field-validators';
import type { Field, ProcedureForm } from './form-schema';

export { loadProcedureForm } from './form-schema';

export interface ValidateOptions {
  /** Today's date (ISO yyyy-mm-dd) for date rules; defaults to today in Vietnam. */
  today?: string;
}

/**
 * Validates one committed value of a field. Empty (or only spaces): ok(null) when optional, issue 'required'
 * otherwise. Returns the value to store (NFC, E.164 phone, ISO date, …). `siblings` are the raw values of the
 * fields beside it, used by the personalId cross-check.
 */
export function validateField(
  field: Field,
  raw: string,
  siblings: Readonly<Record<string, string | undefined>>,
  opts: ValidateOptions = {},
): ValidationResult<string | null> {
  if (field.type === 'group') {
    throw new TypeError(`validateField: "${field.id}" is a group; its rows are checked by validateForm`);
  }
  if (raw.trim() === '') return field.required ? fail('required') : ok(null);
  return FIELD_VALIDATORS[field.type](raw, { field, siblings, today: opts.today });
}

export interface FormValidation {
  ok: boolean;
  /** Issues by FieldPath: `fullName`, `members.<rowId>.fullName`, or `members` for the group as a whole. */
  issues: Record<string, ValidationIssue>;
  /** Normalized values by FieldPath (null for an empty optional field), for fields without an issue. */
  values: Record<string, string | null>;
}

type DraftValues = Readonly<Record<string, FieldValue | undefined>>;

const asText = (value: FieldValue | undefined): string =>
  typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);

/** Validates a list of sibling fields whose values are `values[prefix + id]`. */
function validateLevel(
  fields: readonly Field[],
  prefix: string,
  values: DraftValues,
  opts: ValidateOptions,
  out: FormValidation,
) {
  const siblings: Record<string, string> = {};
  for (const field of fields) siblings[field.id] = asText(values[prefix + field.id]);
  for (const field of fields) {
    if (field.type === 'group') continue;
    const path = prefix + field.id;
    const result = validateField(field, siblings[field.id] ?? '', siblings, opts);
    if (result.ok) out.values[path] = result.value;
    else out.issues[path] = result.issue;
  }
}

/** Validates a whole draft (values keyed by FieldPath, as the outbox stores them). */
export function validateForm(
  form: ProcedureForm,
  values: DraftValues,
  opts: ValidateOptions = {},
): FormValidation {
  const out: FormValidation = { ok: true, issues: {}, values: {} };
  const fields = form.steps.flatMap((step) => step.fields);
  validateLevel(fields, '', values, opts, out);
  for (const group of fields) {
    if (group.type !== 'group') continue;
    const rows = groupRowIds(values, group.id);
    if (group.required && rows.length === 0) out.issues[group.id] = { code: 'required' };
    if (group.maxRows !== undefined && rows.length > group.maxRows) {
      out.issues[group.id] = { code: 'group.tooManyRows', params: { max: group.maxRows } };
    }
    for (const row of rows) validateLevel(group.fields ?? [], `${group.id}.${row}.`, values, opts, out);
  }
  out.ok = Object.keys(out.issues).length === 0;
  return out;
}
