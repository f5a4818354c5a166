import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFontFaces, parseUnicodeRange, toUnicodeRange } from './font-face-css.ts';
import { buildFontSubsets } from './font-subsets.ts';
import { fontPlans } from './kiosk-fonts-plugin.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HAN = /\p{Script=Han}/u;

describe('unicode ranges', () => {
  it('read and write the CSS notation', () => {
    expect(parseUnicodeRange('U+41-43,U+20ab, U+3?')).toEqual([
      0x41,
      0x42,
      0x43,
      0x20ab,
      ...Array.from({ length: 16 }, (_, i) => 0x30 + i),
    ]);
    expect(toUnicodeRange([0x43, 0x41, 0x42, 0x20ab, 0x20ab])).toBe('U+41-43,U+20ab');
  });
});

describe('the kiosk fonts', () => {
  it(
    'cover every character of every language, Chinese with the shapes of its own script',
    { timeout: 300_000 },
    async () => {
      const built = await buildFontSubsets(
        fontPlans(ROOT),
        path.join(ROOT, 'node_modules/.cache/dvc-kiosk-fonts'),
      );
      const faces = parseFontFaces(readFileSync(built.cssFile, 'utf8'));
      const covered = (family: string) =>
        new Set(faces.filter((f) => f.family === family).flatMap((f) => parseUnicodeRange(f.unicodeRange)));
      const latin = covered('Noto Sans Variable');
      const own: Record<string, Set<number>> = {
        vi: latin,
        en: latin,
        'zh-Hant': covered('Noto Sans TC Variable'),
        'zh-Hans': covered('Noto Sans SC Variable'),
      };
      const uncovered: string[] = [];
      for (const [lng, fonts] of Object.entries(own)) {
        for (const ns of ['app', 'catalog', 'validation']) {
          const text = readFileSync(path.join(ROOT, 'assets/locales', lng, `${ns}.json`), 'utf8');
          for (const ch of new Set(text.replace(/<\/?vi>|\s/g, ''))) {
            const cp = ch.codePointAt(0)!;
            // Chinese characters must come from the script's own family; the rest may come from Noto Sans.
            const ok = HAN.test(ch) ? fonts.has(cp) : fonts.has(cp) || latin.has(cp);
            if (!ok) uncovered.push(`${lng}/${ns}: ${ch} U+${cp.toString(16)}`);
          }
        }
      }
      expect(uncovered).toEqual([]);
      // Common characters beyond the UI's own are there for new catalog content: 是 (SC, TC) and 們 (TC), 们 (SC).
      expect([...'是們'].every((c) => own['zh-Hant']!.has(c.codePointAt(0)!))).toBe(true);
      expect([...'是们'].every((c) => own['zh-Hans']!.has(c.codePointAt(0)!))).toBe(true);
    },
  );
});
