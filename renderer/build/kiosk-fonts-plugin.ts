import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import {
  big5Common,
  buildFontSubsets,
  charactersOf,
  gb2312Common,
  union,
  type FamilyPlan,
} from './font-subsets.ts';

/** What `import 'kiosk-fonts.css'` resolves to: the subset Noto families built for this app's text. */
export const KIOSK_FONTS_ID = 'kiosk-fonts.css';

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
    },
    { css: css('noto-sans-tc'), drop: namedSlices, characters: union(text, big5Common()) },
    { css: css('noto-sans-sc'), drop: namedSlices, characters: union(text, gb2312Common()) },
  ];
}

/**
 * Builds the subsets (cached under node_modules/.cache) when Vite loads its config, and points the alias
 * `kiosk-fonts.css` at the result, so stylesheets can @import it (CSS imports honour aliases).
 */
export function kioskFonts(repoRoot: string): Plugin {
  return {
    name: 'kiosk-fonts',
    async config() {
      const result = await buildFontSubsets(
        fontPlans(repoRoot),
        path.join(repoRoot, 'node_modules/.cache/dvc-kiosk-fonts'),
      );
      return { resolve: { alias: { [KIOSK_FONTS_ID]: result.cssFile } } };
    },
  };
}
