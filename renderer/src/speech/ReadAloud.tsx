import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, DEFAULT_LANGUAGE, type LanguageCode } from '../i18n/languages';
import { splitVietnamese } from '../i18n/vietnamese-fragments';
import { speak, stopSpeaking, useVoiceUri } from './use-voice';

/**
 * "Read aloud" for an instruction or a help text, with the system's own voices (Web Speech API): shown only
 * when the system has a voice for the current language. Vietnamese words inside a translation are read by
 * a Vietnamese voice where there is one.
 */
export function ReadAloud({ ns, i18nKey }: { ns?: string; i18nKey: string }) {
  const { t, i18n } = useTranslation(ns);
  const language: LanguageCode = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  const voice = useVoiceUri(language);
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => () => stopSpeaking(), []);
  if (!voice) return null;
  const toggle = () => {
    if (speaking) {
      stopSpeaking();
      return setSpeaking(false);
    }
    const parts = splitVietnamese(t(i18nKey)).map((p) => ({
      text: p.text,
      language: p.vietnamese ? ('vi' as const) : language,
    }));
    speak(parts, language);
    setSpeaking(true);
  };
  return (
    <button
      type="button"
      className="button button--small read-aloud"
      data-testid="read-aloud"
      aria-pressed={speaking}
      onClick={toggle}
    >
      <SpeakerIcon />
      {t(speaking ? 'readAloud.stop' : 'readAloud.start', { ns: 'app' })}
    </button>
  );
}

function SpeakerIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
        <path d="M4 9h4l5-4v14l-5-4H4z" />
        <path d="M16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11" strokeLinecap="round" />
      </g>
    </svg>
  );
}
