import { describe, expect, it } from 'vitest';
import { formatPhoneForDisplay, validateMobilePhone } from './phone';

const codeOf = (input: string) => {
  const result = validateMobilePhone(input);
  return result.ok ? null : result.issue.code;
};

describe('validateMobilePhone', () => {
  it.each([
    ['0901234567'],
    ['090 123 4567'],
    ['090.123.4567'],
    ['090-123-4567'],
    ['+84901234567'],
    ['+84 90 123 4567'],
    ['０９０１２３４５６７'],
  ])('accepts %s as +84901234567', (input) => {
    expect(validateMobilePhone(input)).toEqual({ ok: true, value: '+84901234567' });
  });

  it('accepts numbers of every carrier prefix range', () => {
    for (const number of [
      '0861234567',
      '0321234567',
      '0881234567',
      '0701234567',
      '0561234567',
      '0591234567',
      '0871234567',
    ]) {
      expect(validateMobilePhone(number).ok, number).toBe(true);
    }
  });

  it('refuses an HCMC landline with its own message (no OTP by SMS)', () => {
    expect(codeOf('028 38 123 456')).toBe('phone.landline');
    expect(codeOf('+84 28 3812 3456')).toBe('phone.landline');
  });

  it('refuses numbers that are too short or too long', () => {
    expect(codeOf('12345')).toBe('phone.tooShort');
    expect(codeOf('090123456789')).toBe('phone.tooLong');
  });

  it('explains an old 11-digit 01x number', () => {
    expect(codeOf('0199 123 4567')).toBe('phone.oldPrefix');
    expect(codeOf('+84 1991234567')).toBe('phone.oldPrefix');
  });

  it('refuses letters, foreign numbers, service numbers and unassigned ranges', () => {
    expect(codeOf('090l234567')).toBe('phone.notDigits');
    expect(codeOf('+1 202 555 0123')).toBe('phone.foreign');
    expect(codeOf('1900 1234')).toBe('phone.notMobile');
    expect(codeOf('0521234567')).toBe('phone.invalid');
    expect(codeOf('')).toBe('required');
  });
});

describe('formatPhoneForDisplay', () => {
  it('shows a stored E.164 number the way people read it', () => {
    expect(formatPhoneForDisplay('+84901234567')).toBe('0901 234 567');
    expect(formatPhoneForDisplay('090.123.4567')).toBe('0901 234 567');
  });

  it('leaves text it cannot read as it was', () => {
    expect(formatPhoneForDisplay(' not a number ')).toBe('not a number');
  });
});
