import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import { fail, ok, type ValidationResult } from './result';

/*
 * Vietnamese mobile numbers: 0 + 9 digits, or +84 + 9 digits [V: libphonenumber metadata]. The kiosk needs a
 * mobile number because VNeID and the portal send OTPs by SMS; landlines (02x area codes, HCMC 028 + 8 digits)
 * cannot receive them [S]. The 'max' metadata is used because only it can tell a landline from a mobile, so a
 * landline gets its own, clearer message.
 */

const SEPARATORS = /[\s.\-()]/g;
// 11-digit numbers on 01x prefixes were moved to 03x/05x/07x/08x in Sep 2018 [S]; they still appear on paper.
const PRE_2018_MOBILE = /^01[2-9]\d{8}$/;

const parse = (digits: string): PhoneNumber | undefined => parsePhoneNumberFromString(digits, 'VN');

/** Accepts 0901234567, 090 123 4567, 090.123.4567, +84 90 123 4567; returns E.164 (+84901234567). */
export function validateMobilePhone(input: string): ValidationResult<string> {
  // NFKC turns full-width digits and plus signs from a Chinese input method into ASCII.
  const compact = input.normalize('NFKC').replace(SEPARATORS, '');
  if (compact === '') return fail('required');
  if (!/^\+?\d+$/.test(compact)) return fail('phone.notDigits');
  if (PRE_2018_MOBILE.test(compact.replace(/^(?:\+|00)84/, '0'))) return fail('phone.oldPrefix');

  const phone = parse(compact);
  if (phone && phone.country !== undefined && phone.country !== 'VN') return fail('phone.foreign');
  if (!phone || !phone.isValid()) {
    const national = phone?.nationalNumber ?? compact.replace(/^\+?0*/, '');
    if (national.length < 9) return fail('phone.tooShort');
    if (national.length > 10) return fail('phone.tooLong');
    return fail('phone.invalid');
  }
  const type = phone.getType();
  if (type === 'FIXED_LINE') return fail('phone.landline');
  if (type !== 'MOBILE') return fail('phone.notMobile');
  return ok(phone.number);
}

/** A stored number (E.164 or as typed) in the national form people read: 0901 234 567. */
export function formatPhoneForDisplay(input: string): string {
  const phone = parse(input.normalize('NFKC').replace(SEPARATORS, ''));
  return phone?.country === 'VN' ? phone.formatNational() : input.trim();
}
