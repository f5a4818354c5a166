/**
 * Every issue code a validator can return. Each is a key in the i18n namespace `validation` and must be
 * translated in all four languages (a test checks the locale files against this list).
 */
export const ISSUE_CODES = [
  'required',
  'personalId.notDigits',
  'personalId.length',
  'personalId.province',
  'personalId.centuryDigit',
  'personalId.centuryMismatch',
  'personalId.genderMismatch',
  'personalId.yearMismatch',
  'phone.notDigits',
  'phone.tooShort',
  'phone.tooLong',
  'phone.foreign',
  'phone.oldPrefix',
  'phone.landline',
  'phone.notMobile',
  'phone.invalid',
  'date.format',
  'date.impossible',
  'date.future',
  'date.tooEarly',
  'name.digits',
  'name.symbols',
  'name.script',
  'email.invalid',
  'text.tooLong',
  'select.invalid',
  'group.tooManyRows',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];
