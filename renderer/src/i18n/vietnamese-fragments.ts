/**
 * Translations mark Vietnamese words inside other languages' text (what to type, legal references) with
 * <vi>…</vi>, so that they are drawn with Vietnamese fonts, read by a Vietnamese voice and announced as
 * Vietnamese by screen readers. This splits such a text into its parts, in order.
 */
export function splitVietnamese(text: string): { text: string; vietnamese: boolean }[] {
  const parts = text.split(/<vi>(.*?)<\/vi>/s);
  return parts.map((part, i) => ({ text: part, vietnamese: i % 2 === 1 })).filter((part) => part.text !== '');
}

/** Letters only Vietnamese uses among the kiosk's languages (with its tone marks), for the locale checks. */
export const VIETNAMESE_LETTER = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
