import { z } from 'zod';
import { fail, ok, type ValidationResult } from './result';

const Email = z.email();

/** An optional contact e-mail: trimmed, checked with zod's e-mail rule, otherwise kept as typed. */
export function validateEmail(input: string): ValidationResult<string> {
  const email = input.normalize('NFKC').trim();
  if (email === '') return fail('required');
  return Email.safeParse(email).success ? ok(email) : fail('email.invalid');
}
