import { useTranslation } from 'react-i18next';

/**
 * The Vietnamese wording of a term, shown under its translation when the screen is in another language:
 * forms are filed in Vietnamese, so the resident and the official must be able to match the two.
 */
export function VietnameseTerm({ ns, i18nKey, text }: { ns?: string; i18nKey?: string; text?: string }) {
  const { t, i18n } = useTranslation(ns);
  if (i18n.language === 'vi') return null;
  const vi = text ?? (i18nKey ? t(i18nKey, { lng: 'vi' }) : '');
  if (!vi) return null;
  return (
    <span className="vi-term" lang="vi">
      {vi}
    </span>
  );
}
