import { fail, ok, type ValidationResult } from './result';

/** Free text (one line or several): NFC, trimmed at both ends, inner line breaks kept; at most `maxLength` characters. */
export function validateText(input: string, maxLength: number): ValidationResult<string> {
  const text = input.normalize('NFC').trim();
  if (text === '') return fail('required');
  const length = [...text].length;
  return length > maxLength ? fail('text.tooLong', { max: maxLength, length }) : ok(text);
}
