import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type LanguageCode } from './languages';
import { bundledLocales } from './locale-resources';
import { followLanguage } from './follow-language';

const STORAGE_KEY = 'dvc-kiosk.language';

function savedLanguage(): LanguageCode {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/**
 * Starts i18next with the saved language, loading only its namespaces (and the Vietnamese fallback, which
 * also gives the legal terms shown beside a translation); the document follows the language.
 */
export async function setupI18n(): Promise<i18n> {
  const instance = i18next.createInstance();
  instance.use(bundledLocales).use(initReactI18next);
  instance.on('languageChanged', (lng) => {
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // Private mode or a full disk: the choice just is not remembered.
    }
  });
  await instance.init({
    lng: savedLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES.map((l) => l.code),
    // zh-Hant must never borrow zh-Hans text (or the reverse): only the explicit fallback to Vietnamese.
    load: 'currentOnly',
    // The form's namespaces ('validation') are loaded by the screens that use them.
    ns: ['app', 'catalog'],
    defaultNS: 'app',
    interpolation: { escapeValue: false },
  });
  followLanguage(instance, document);
  return instance;
}
