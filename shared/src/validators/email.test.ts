import { describe, expect, it } from 'vitest';
import { validateEmail } from './email';

describe('validateEmail', () => {
  it('accepts an address, trimmed', () => {
    expect(validateEmail(' ten.ho@gmail.com ')).toEqual({ ok: true, value: 'ten.ho@gmail.com' });
  });

  it('refuses something that is not an address', () => {
    for (const input of ['ten.ho', 'ten@', '@gmail.com', 'ten ho@gmail.com']) {
      expect(validateEmail(input), input).toEqual({ ok: false, issue: { code: 'email.invalid' } });
    }
  });
});
