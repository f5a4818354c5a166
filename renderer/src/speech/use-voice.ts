import { useSyncExternalStore } from 'react';
import type { LanguageCode } from '../i18n/languages';
import { chooseVoice } from './choose-voice';

const synth = (): SpeechSynthesis | null => (typeof speechSynthesis === 'undefined' ? null : speechSynthesis);

// The list of voices arrives late in some browsers: re-read it when it changes.
const subscribe = (onChange: () => void) => {
  const s = synth();
  s?.addEventListener('voiceschanged', onChange);
  return () => s?.removeEventListener('voiceschanged', onChange);
};

/** The system voice for `language`, or null when there is none. */
export function voiceFor(language: LanguageCode): SpeechSynthesisVoice | null {
  return chooseVoice(synth()?.getVoices() ?? [], language);
}

/** Whether a system voice for `language` exists (the URI, a stable snapshot), re-checked as voices load. */
export function useVoiceUri(language: LanguageCode): string | null {
  return useSyncExternalStore(subscribe, () => voiceFor(language)?.voiceURI ?? null);
}

/** Speaks the parts in order, each in its own language's voice (or the text's voice when it has none). */
export function speak(parts: readonly { text: string; language: LanguageCode }[], main: LanguageCode): void {
  const s = synth();
  if (!s) return;
  s.cancel();
  const fallback = voiceFor(main);
  for (const part of parts) {
    const voice = voiceFor(part.language) ?? fallback;
    if (!voice || !part.text.trim()) continue;
    const utterance = new SpeechSynthesisUtterance(part.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    // Slower than the default: many listeners are elderly.
    utterance.rate = 0.9;
    s.speak(utterance);
  }
}

export const stopSpeaking = (): void => synth()?.cancel();
