/** The kiosk's languages, each named in itself so a resident finds their own. Vietnamese is the default. */
export const LANGUAGES = [
  { code: 'vi', nativeName: 'Tiếng Việt' },
  { code: 'zh-Hant', nativeName: '繁體中文' },
  { code: 'zh-Hans', nativeName: '简体中文' },
  { code: 'en', nativeName: 'English' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const DEFAULT_LANGUAGE: LanguageCode = 'vi';

export const isLanguage = (value: unknown): value is LanguageCode => LANGUAGES.some((l) => l.code === value);
