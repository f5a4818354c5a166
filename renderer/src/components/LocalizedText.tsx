import { useTranslation } from 'react-i18next';
import { splitVietnamese } from '../i18n/vietnamese-fragments';

/**
 * A translated text whose <vi>…</vi> parts are Vietnamese words, marked lang="vi" (fonts, voices, readers).
 * The translations are plain text apart from that one tag, so no general markup parser is needed.
 */
export function LocalizedText({ ns, i18nKey }: { ns?: string; i18nKey: string }) {
  const { t } = useTranslation(ns);
  return splitVietnamese(t(i18nKey)).map((part, i) =>
    part.vietnamese ? (
      <span key={i} lang="vi">
        {part.text}
      </span>
    ) : (
      part.text
    ),
  );
}
