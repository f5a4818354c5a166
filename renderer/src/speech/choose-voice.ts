import type { LanguageCode } from '../i18n/languages';

/** The part of SpeechSynthesisVoice the choice looks at. */
export interface VoiceLike {
  readonly lang: string;
  readonly name: string;
  /** false for a voice that needs the network (useless offline). */
  readonly localService: boolean;
  readonly default: boolean;
}

/**
 * BCP 47 tags of the voices that can read each language, best first. Traditional Chinese as written in
 * Taiwan, then Hong Kong (Cantonese; many Hoa residents speak it); Simplified as in the mainland, then
 * Singapore. A Simplified-Chinese voice never reads Traditional text, or the reverse.
 */
const VOICE_TAGS: Readonly<Record<LanguageCode, readonly string[]>> = {
  vi: ['vi-vn', 'vi'],
  'zh-Hant': ['zh-tw', 'zh-hant', 'cmn-hant-tw', 'zh-hk', 'yue-hant-hk', 'yue'],
  'zh-Hans': ['zh-cn', 'zh-hans', 'cmn-hans-cn', 'zh-sg', 'cmn'],
  en: ['en-us', 'en-gb', 'en'],
};

/** How well a voice's tag fits: the index of the first listed tag it equals or extends, or -1. */
function rank(voiceLang: string, tags: readonly string[]): number {
  const lang = voiceLang.toLowerCase().replace(/_/g, '-');
  return tags.findIndex((tag) => lang === tag || lang.startsWith(`${tag}-`));
}

/**
 * The system voice to read `language` with, or null when there is none (then no "read aloud" button is
 * shown). Among voices of the best-fitting tag an on-device voice wins over a network one, then the
 * system's default.
 */
export function chooseVoice<V extends VoiceLike>(voices: readonly V[], language: LanguageCode): V | null {
  const tags = VOICE_TAGS[language];
  let best: { voice: V; score: number } | null = null;
  for (const voice of voices) {
    const r = rank(voice.lang, tags);
    if (r < 0) continue;
    const score = r * 4 + (voice.localService ? 0 : 2) + (voice.default ? 0 : 1);
    if (!best || score < best.score) best = { voice, score };
  }
  return best?.voice ?? null;
}
