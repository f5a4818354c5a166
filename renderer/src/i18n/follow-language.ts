import type { i18n } from 'i18next';

/**
 * Keeps the document in the current language: `<html lang>` (fonts, screen readers, hyphenation, the read-
 * aloud voice) and the title (the window's name, and the header of printed pages).
 */
/** Call once i18next is initialized. */
export function followLanguage(instance: i18n, doc: Document): void {
  const apply = () => {
    doc.documentElement.lang = instance.language;
    doc.title = instance.t('app.title');
  };
  apply();
  instance.on('languageChanged', apply);
}
