import { fail, ok, type ValidationResult } from './result';

/*
 * Names are legal data: the population database holds them as registered, in either tone-placement style
 * (hòa/hoà, thủy/thuỷ, khỏe/khoẻ both occur in official data [V]), so a name is never "corrected" — only
 * Unicode-normalized (NFC) and stripped of stray spaces. Comparisons go through nameKey instead.
 */

// Ê Đê and other minority names use an apostrophe (H'Hen Niê); hyphens appear in foreign-born names.
const NAME_PUNCTUATION = new Set(["'", '’', '-']);
const DIGIT = /\p{Nd}/u;
const LATIN_LETTER_OR_MARK = /[\p{Script=Latin}\p{M}]/u;
const LETTER = /\p{L}/u;

/** NFC, trimmed, inner runs of spaces collapsed to one; case and tone marks kept exactly as typed. */
export function normalizeName(input: string): ValidationResult<string> {
  const name = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') return fail('required');
  if (DIGIT.test(name)) return fail('name.digits');
  for (const ch of name) {
    if (ch === ' ' || NAME_PUNCTUATION.has(ch) || LATIN_LETTER_OR_MARK.test(ch)) continue;
    // Forms are filed in Vietnamese: a name typed in Chinese characters is not the legal name.
    if (LETTER.test(ch)) return fail('name.script');
    return fail('name.symbols', { symbol: ch });
  }
  return ok(name);
}

// Combining tone marks after NFD: grave, acute, tilde, hook above, dot below.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A key for comparing names: ignores case, NFC/NFD and where the tone mark sits. Each syllable's tone mark is
 * moved to its end (a syllable carries one tone), so "Hòa" and "hoà" share a key while "Hoa", "Hóa" and
 * "Đào"/"Dao" stay distinct. [G] approach after dvhcvn's parser.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/\s+/)
    .filter((syllable) => syllable !== '')
    .map((syllable) => syllable.replace(TONE_MARKS, '') + (syllable.match(TONE_MARKS) ?? []).join(''))
    .join(' ');
}

/**
 * A key for search: lower case, no diacritics (đ → d), single spaces; "Đăng ký khai sinh" → "dang ky khai sinh".
 * NFKD also folds full-width Latin letters and digits typed with a Chinese input method; Chinese text passes.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}
