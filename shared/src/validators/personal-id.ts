import { ID_PROVINCES } from './personal-id-provinces';
import { fail, ok, type ValidationResult } from './result';

/**
 * The 12-digit personal ID (số định danh cá nhân, the CCCD / thẻ căn cước number).
 * Structure [S] (NĐ 137/2015 Đ.13, TT 07/2016/TT-BCA Đ.7, restated TT 59/2021/TT-BCA Đ.4, as read on law-firm
 * sites): digits 1–3 province of birth registration, 4 century + gender, 5–6 last two digits of the birth
 * year, 7–12 a random sequence. There is NO public checksum: claims that digits 7–12 encode a date or a
 * check digit have no official source, so nothing is validated on them.
 */

export type Gender = 'male' | 'female';

export interface PersonalIdContext {
  /** ISO yyyy-mm-dd. */
  birthDate?: string;
  gender?: Gender;
}

export interface PersonalIdDescription {
  provinceCode: string;
  /** Province (before the 2025 merger) where the birth was registered — not where the person lives. */
  provinceName: string;
  /** The province that registration place belongs to since 1 Jul 2025. */
  province2025: { code: string; name: string };
  gender: Gender;
  /** First year of the birth century, e.g. 1900 or 2000. */
  century: number;
}

/** Digit 4: 0/1 = male/female born 1900–1999, 2/3 = 2000–2099, then 4/5 = 2100s and so on [S]. */
const decodeCenturyDigit = (digit: number): { century: number; gender: Gender } => ({
  century: 1900 + Math.floor(digit / 2) * 100,
  gender: digit % 2 === 0 ? 'male' : 'female',
});

// Digits 4–9 stand for births from 2100 on: nobody alive can hold one yet. [G] revisit in 2099.
const MAX_CENTURY_DIGIT_IN_USE = 3;

const BIRTH_YEAR = /^(\d{4})-\d{2}-\d{2}$/;

/** Removes the spaces people type between groups of digits; full-width digits (Chinese IME) become ASCII. */
const compact = (input: string) => input.normalize('NFKC').replace(/\s+/g, '');

export function validatePersonalId(input: string, ctx: PersonalIdContext = {}): ValidationResult<string> {
  const id = compact(input);
  if (id === '') return fail('required');
  if (!/^\d+$/.test(id)) return fail('personalId.notDigits');
  if (id.length !== 12) return fail('personalId.length', { digits: id.length });

  const provinceCode = id.slice(0, 3);
  if (!ID_PROVINCES[provinceCode]) return fail('personalId.province', { code: provinceCode });

  const centuryDigit = Number(id[3]);
  if (centuryDigit > MAX_CENTURY_DIGIT_IN_USE)
    return fail('personalId.centuryDigit', { digit: centuryDigit });
  const encoded = decodeCenturyDigit(centuryDigit);

  const birthYear = ctx.birthDate ? BIRTH_YEAR.exec(ctx.birthDate)?.[1] : undefined;
  if (birthYear !== undefined) {
    const year = Number(birthYear);
    if (Math.floor(year / 100) * 100 !== encoded.century) {
      return fail('personalId.centuryMismatch', { digit: centuryDigit, year });
    }
    if (id.slice(4, 6) !== birthYear.slice(2)) {
      return fail('personalId.yearMismatch', { digits: id.slice(4, 6), year });
    }
  }
  if (ctx.gender && ctx.gender !== encoded.gender)
    return fail('personalId.genderMismatch', { digit: centuryDigit });
  return ok(id);
}

/** What a well-formed ID says about its holder, for display; null when the ID is not valid on its own. */
export function describePersonalId(input: string): PersonalIdDescription | null {
  const result = validatePersonalId(input);
  if (!result.ok) return null;
  const id = result.value;
  const provinceCode = id.slice(0, 3);
  const province = ID_PROVINCES[provinceCode];
  if (!province) return null;
  const { century, gender } = decodeCenturyDigit(Number(id[3]));
  return {
    provinceCode,
    provinceName: province.name,
    province2025: { code: province.code2025, name: province.name2025 },
    gender,
    century,
  };
}
