import { Trans } from 'react-i18next';

/** A translated text whose <vi>…</vi> parts are Vietnamese words, marked lang="vi" (fonts, voices, readers). */
export function LocalizedText({ ns, i18nKey }: { ns?: string; i18nKey: string }) {
  return <Trans ns={ns} i18nKey={i18nKey} components={{ vi: <span lang="vi" /> }} />;
}
