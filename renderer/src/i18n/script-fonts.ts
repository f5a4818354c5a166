import type { LanguageCode } from './languages';

/**
 * The Chinese fonts' faces are a stylesheet per script (renderer/build/kiosk-fonts-plugin.ts), fetched —
 * from the precache, offline too — before a Chinese language is first shown, so Vietnamese and English
 * screens parse none of them.
 */
const SHEETS: Partial<Record<LanguageCode, () => Promise<unknown>>> = {
  'zh-Hant': () => import('kiosk-fonts-zh-hant.css'),
  'zh-Hans': () => import('kiosk-fonts-zh-hans.css'),
};

export function loadScriptFonts(language: string): Promise<unknown> {
  return (SHEETS[language as LanguageCode]?.() ?? Promise.resolve()).catch(() => undefined);
}
