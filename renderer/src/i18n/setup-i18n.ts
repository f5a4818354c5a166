import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type LanguageCode } from './languages';
import { bundledResources } from './locale-resources';

const STORAGE_KEY = 'dvc-kiosk.language';

function savedLanguage(): LanguageCode {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** Starts i18next with the bundled resources, the saved language, and <html lang> kept in step. */
export async function setupI18n(): Promise<i18n> {
  const resources = bundledResources();
  const instance = i18next.createInstance();
  instance.use(initReactI18next);
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // Private mode or a full disk: the choice just is not remembered.
    }
  });
  await instance.init({
    resources,
    lng: savedLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES.map((l) => l.code),
    // zh-Hant must never borrow zh-Hans text (or the reverse): only the explicit fallback to Vietnamese.
    load: 'currentOnly',
    ns: Object.keys(resources[DEFAULT_LANGUAGE] ?? { app: {} }),
    defaultNS: 'app',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = instance.language;
  return instance;
}
