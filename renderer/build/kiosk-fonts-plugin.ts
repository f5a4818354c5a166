import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { LANGUAGES } from '../src/i18n/languages.ts';
import {
  BASE_SHEET,
  big5Common,
  buildFontSubsets,
  charactersOf,
  gb2312Common,
  union,
  type FamilyPlan,
} from './font-subsets.ts';

/**
 * What the renderer imports: `kiosk-fonts.css` (Latin and Vietnamese, and the Chinese languages' own names,
 * always loaded) and one stylesheet per Chinese script, loaded when that language is shown.
 */
export const KIOSK_FONT_SHEETS: Readonly<Record<string, string>> = {
  'kiosk-fonts.css': BASE_SHEET,
  'kiosk-fonts-zh-hant.css': 'fonts-zh-hant.css',
  'kiosk-fonts-zh-hans.css': 'fonts-zh-hans.css',
};

/** The kiosk's text: every locale and catalog file, and the languages' own names (shown in every language). */
export function kioskTextFiles(repoRoot: string): string[] {
  const json = (dir: string) =>
    readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(repoRoot, dir, f));
  return [
    ...json('assets/locales'),
    ...json('assets/catalog'),
    path.join(repoRoot, 'renderer/src/i18n/languages.ts'),
  ];
}

export function fontPlans(repoRoot: string): FamilyPlan[] {
  const text = charactersOf(kioskTextFiles(repoRoot));
  const css = (pkg: string) => path.join(repoRoot, 'node_modules/@fontsource-variable', pkg, 'index.css');
  // The Chinese families' Latin and Vietnamese slices are never used: Noto Sans comes before them for those.
  const namedSlices = /-(latin|latin-ext|vietnamese|cyrillic|greek)-wght/;
  return [
    {
      css: css('noto-sans'),
      keepWhole: /noto-sans-(latin|vietnamese)-wght/,
      drop: /cyrillic|greek|devanagari/,
      characters: text,
      sheet: BASE_SHEET,
    },
    {
      css: css('noto-sans-tc'),
      drop: namedSlices,
      characters: union(text, big5Common()),
      sheet: KIOSK_FONT_SHEETS['kiosk-fonts-zh-hant.css']!,
      inBaseSheet: ownName('zh-Hant'),
    },
    {
      css: css('noto-sans-sc'),
      drop: namedSlices,
      characters: union(text, gb2312Common()),
      sheet: KIOSK_FONT_SHEETS['kiosk-fonts-zh-hans.css']!,
      inBaseSheet: ownName('zh-Hans'),
    },
  ];
}

function ownName(code: string): Set<number> {
  const name = LANGUAGES.find((l) => l.code === code)?.nativeName ?? '';
  return new Set([...name].map((ch) => ch.codePointAt(0)!));
}

/**
 * Builds the subsets (cached under node_modules/.cache) when Vite loads its config, and points the aliases
 * of KIOSK_FONT_SHEETS at the results (CSS @imports and dynamic imports honour aliases).
 */
export function kioskFonts(repoRoot: string): Plugin {
  return {
    name: 'kiosk-fonts',
    async config() {
      const result = await buildFontSubsets(
        fontPlans(repoRoot),
        path.join(repoRoot, 'node_modules/.cache/dvc-kiosk-fonts'),
      );
      const alias = Object.fromEntries(
        Object.entries(KIOSK_FONT_SHEETS).map(([id, sheet]) => [id, result.sheets[sheet]!]),
      );
      return { resolve: { alias } };
    },
  };
}
