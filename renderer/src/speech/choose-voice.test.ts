import { describe, expect, it } from 'vitest';
import { chooseVoice, type VoiceLike } from './choose-voice';

const voice = (lang: string, name: string, localService = true, isDefault = false): VoiceLike => ({
  lang,
  name,
  localService,
  default: isDefault,
});

const WINDOWS = [
  voice('en-US', 'Microsoft David', true, true),
  voice('vi-VN', 'Microsoft An'),
  voice('zh-CN', 'Microsoft Huihui'),
  voice('zh-HK', 'Microsoft Tracy'),
];

describe('chooseVoice', () => {
  it('finds a voice of the language in any tag spelling', () => {
    expect(chooseVoice(WINDOWS, 'vi')?.name).toBe('Microsoft An');
    expect(chooseVoice([voice('vi', 'espeak vi')], 'vi')?.name).toBe('espeak vi');
    expect(chooseVoice([voice('en_GB', 'British')], 'en')?.name).toBe('British');
  });

  it('reads Traditional Chinese with a Taiwan voice first, then Hong Kong, never a mainland one', () => {
    expect(chooseVoice(WINDOWS, 'zh-Hant')?.name).toBe('Microsoft Tracy');
    expect(chooseVoice([...WINDOWS, voice('zh-TW', 'Microsoft Hanhan')], 'zh-Hant')?.name).toBe(
      'Microsoft Hanhan',
    );
    expect(chooseVoice([voice('zh-CN', 'Huihui')], 'zh-Hant')).toBeNull();
  });

  it('reads Simplified Chinese with a mainland voice, never a Taiwan or Hong Kong one', () => {
    expect(chooseVoice(WINDOWS, 'zh-Hans')?.name).toBe('Microsoft Huihui');
    expect(chooseVoice([voice('zh-TW', 'Hanhan'), voice('zh-HK', 'Tracy')], 'zh-Hans')).toBeNull();
  });

  it('prefers a voice on the device over one that needs the network, then the default', () => {
    const voices = [
      voice('vi-VN', 'Google tiếng Việt', false, true),
      voice('vi-VN', 'Local A'),
      voice('vi-VN', 'Local B', true, true),
    ];
    expect(chooseVoice(voices, 'vi')?.name).toBe('Local B');
    expect(chooseVoice([voice('vi-VN', 'Google tiếng Việt', false)], 'vi')?.name).toBe('Google tiếng Việt');
  });

  it('has no voice when none speaks the language (as in a headless browser)', () => {
    expect(chooseVoice([], 'en')).toBeNull();
    expect(chooseVoice([voice('de-DE', 'Anna'), voice('viet', 'not Vietnamese')], 'vi')).toBeNull();
  });
});
