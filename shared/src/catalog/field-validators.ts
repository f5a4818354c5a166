import { validateDate } from '../validators/date';
import { validateEmail } from '../validators/email';
import { normalizeName } from '../validators/name';
import { validatePersonalId, type PersonalIdContext } from '../validators/personal-id';
import { validateMobilePhone } from '../validators/phone';
import { fail, ok, type ValidationResult } from '../validators/result';
import { validateText } from '../validators/text';
import type { Field, FieldType } from './form-schema';

export interface FieldValidationContext {
  field: Field;
  /** Values of the sibling fields (same form level, or same group row), keyed by field id. */
  siblings: Readonly<Record<string, string | undefined>>;
  today?: string;
}

/** Validates a non-empty raw value and returns the value to store. */
export type FieldValidator = (raw: string, ctx: FieldValidationContext) => ValidationResult<string>;

export type ValueFieldType = Exclude<FieldType, 'group'>;

/** `attachmentFieldValue(sha256)` of protocol/attachments. */
const ATTACHMENT_VALUE = /^blob:[0-9a-f]{64}$/;

const DEFAULT_MAX_LENGTH = { text: 200, textarea: 2000, name: 100, email: 254 } as const;

const capLength = (result: ValidationResult<string>, max: number): ValidationResult<string> => {
  if (!result.ok) return result;
  const length = [...result.value].length;
  return length > max ? fail('text.tooLong', { max, length }) : result;
};

/**
 * The personalId cross-check reads the sibling birth date and gender as they stand; a sibling that is empty or
 * itself invalid is skipped here (its own field reports it).
 */
function personalIdContext({ field, siblings, today }: FieldValidationContext): PersonalIdContext {
  const ctx: PersonalIdContext = {};
  const birthRaw = field.checks?.birthDateField ? siblings[field.checks.birthDateField] : undefined;
  if (birthRaw) {
    const birth = validateDate(birthRaw, today ? { today } : {});
    if (birth.ok) ctx.birthDate = birth.value;
  }
  const gender = field.checks?.genderField ? siblings[field.checks.genderField] : undefined;
  if (gender === 'male' || gender === 'female') ctx.gender = gender;
  return ctx;
}

/** One validator per value type: adding a type adds an entry here, never a branch elsewhere. */
export const FIELD_VALIDATORS: Readonly<Record<ValueFieldType, FieldValidator>> = {
  text: (raw, { field }) => validateText(raw, field.maxLength ?? DEFAULT_MAX_LENGTH.text),
  textarea: (raw, { field }) => validateText(raw, field.maxLength ?? DEFAULT_MAX_LENGTH.textarea),
  name: (raw, { field }) => capLength(normalizeName(raw), field.maxLength ?? DEFAULT_MAX_LENGTH.name),
  email: (raw, { field }) => capLength(validateEmail(raw), field.maxLength ?? DEFAULT_MAX_LENGTH.email),
  date: (raw, { today }) => validateDate(raw, today ? { today } : {}),
  phone: (raw) => validateMobilePhone(raw),
  personalId: (raw, ctx) => validatePersonalId(raw, personalIdContext(ctx)),
  // The value is written by the camera capture, never typed; anything but a blob reference means nothing usable is attached.
  attachment: (raw) => (ATTACHMENT_VALUE.test(raw) ? ok(raw) : fail('required')),
  select: (raw, { field }) => {
    const value = raw.trim();
    return field.options?.some((o) => o.value === value) ? ok(value) : fail('select.invalid');
  },
};
