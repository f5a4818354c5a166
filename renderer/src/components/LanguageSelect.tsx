import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages';

/** On every screen: each language named in itself, so a resident who cannot read the current one finds theirs. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-select">
      <span className="language-select__label">
        <GlobeIcon />
        <span className="language-select__word">{t('language.label')}</span>
      </span>
      <select
        className="input input--select"
        data-testid="language-select"
        value={i18n.language}
        onChange={(e) => void i18n.changeLanguage(e.target.value)}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.nativeName}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Drawn, not an emoji: kiosk images may lack an emoji font. */
function GlobeIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="12" cy="12" r="10" />
        <path d="M2 12h20M12 2c3 3.5 3 16.5 0 20M12 2c-3 3.5-3 16.5 0 20" />
      </g>
    </svg>
  );
}
