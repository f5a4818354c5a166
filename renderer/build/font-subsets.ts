import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import subsetFont from 'subset-font';
import { big5Common, gb2312Common } from './common-hanzi.ts';
import { parseFontFaces, parseUnicodeRange, toUnicodeRange, type FontFace } from './font-face-css.ts';

/** One fontsource family: which of its slices to keep, and which characters each kept slice must hold. */
export interface FamilyPlan {
  /** The package's CSS (e.g. `@fontsource-variable/noto-sans-tc/index.css`), resolved to a file. */
  readonly css: string;
  /** A slice whose comment name matches is kept whole (the Latin and Vietnamese alphabets). */
  readonly keepWhole?: RegExp;
  /** A slice whose comment name matches is dropped (scripts the kiosk never shows). */
  readonly drop?: RegExp;
  /** Characters every other slice is cut down to (those it has of them). */
  readonly characters: ReadonlySet<number>;
}

export interface SubsetResult {
  /** The generated stylesheet; its url()s point at woff2 files beside it. */
  readonly cssFile: string;
  readonly files: number;
  readonly bytes: number;
}

/**
 * Cuts the Noto families down to what the kiosk shows: every character of the UI and the catalog in all four
 * languages, plus a common-character set per Chinese script, so that a complete set is small enough to ship
 * with the app (and precache) instead of fetching slices on first use. Output is cached by its inputs' hash.
 */
export async function buildFontSubsets(
  plans: readonly FamilyPlan[],
  cacheDir: string,
): Promise<SubsetResult> {
  const key = hashInputs(plans);
  const outDir = path.join(cacheDir, key);
  const cssFile = path.join(outDir, 'fonts.css');
  if (!existsSync(cssFile)) {
    const tmp = `${outDir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const blocks: string[] = [];
    const slices = path.join(cacheDir, 'slices');
    mkdirSync(slices, { recursive: true });
    for (const plan of plans) blocks.push(...(await subsetFamily(plan, tmp, slices)));
    writeFileSync(path.join(tmp, 'fonts.css'), blocks.join('\n'));
    rmSync(outDir, { recursive: true, force: true });
    renameSync(tmp, outDir);
    for (const old of readdirSync(cacheDir))
      if (old !== key && old !== 'slices') rmSync(path.join(cacheDir, old), { recursive: true });
  }
  const woff2 = readdirSync(outDir).filter((f) => f.endsWith('.woff2'));
  const bytes = woff2.reduce((sum, f) => sum + readFileSync(path.join(outDir, f)).length, 0);
  return { cssFile, files: woff2.length, bytes };
}

/**
 * One family's slices, each cut to the wanted characters it has. A cut slice is kept in `sliceCache` under
 * the hash of its source and characters, so a change of text re-cuts only the slices it touches.
 */
async function subsetFamily(plan: FamilyPlan, outDir: string, sliceCache: string): Promise<string[]> {
  const dir = path.dirname(plan.css);
  const blocks: string[] = [];
  for (const face of parseFontFaces(readFileSync(plan.css, 'utf8'))) {
    if (plan.drop?.test(face.name)) continue;
    const source = readFileSync(path.resolve(dir, face.url));
    const fileName = path.basename(face.url);
    if (plan.keepWhole?.test(face.name)) {
      writeFileSync(path.join(outDir, fileName), source);
      blocks.push(fontFaceRule(face, fileName, face.unicodeRange));
      continue;
    }
    const wanted = parseUnicodeRange(face.unicodeRange).filter((cp) => plan.characters.has(cp));
    if (wanted.length === 0) continue;
    const text = String.fromCodePoint(...wanted);
    const cached = path.join(
      sliceCache,
      `${createHash('sha256').update(source).update(text).digest('hex')}.woff2`,
    );
    if (!existsSync(cached)) writeFileSync(cached, await subsetFont(source, text, { targetFormat: 'woff2' }));
    writeFileSync(path.join(outDir, fileName), readFileSync(cached));
    blocks.push(fontFaceRule(face, fileName, toUnicodeRange(wanted)));
  }
  return blocks;
}

function fontFaceRule(face: FontFace, fileName: string, unicodeRange: string): string {
  return [
    `/* ${face.name} */`,
    '@font-face {',
    `  font-family: '${face.family}';`,
    `  font-style: ${face.style};`,
    '  font-display: swap;',
    `  font-weight: ${face.weight};`,
    `  src: url(./${fileName}) format('woff2-variations');`,
    `  unicode-range: ${unicodeRange};`,
    '}',
  ].join('\n');
}

function hashInputs(plans: readonly FamilyPlan[]): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(new URL(import.meta.url)));
  for (const plan of plans) {
    hash.update(readFileSync(plan.css));
    hash.update(`${plan.keepWhole}|${plan.drop}|`);
    hash.update([...plan.characters].sort((a, b) => a - b).join(','));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Every character of the text files given (locale and catalog JSON, the language names). */
export function charactersOf(files: readonly string[]): Set<number> {
  const set = new Set<number>();
  for (const file of files) for (const ch of readFileSync(file, 'utf8')) set.add(ch.codePointAt(0)!);
  return set;
}

export const union = (...sets: Iterable<number>[]): Set<number> => {
  const out = new Set<number>();
  for (const s of sets) for (const cp of s) out.add(cp);
  return out;
};

export { big5Common, gb2312Common };
