import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { big5All, gb2312All } from '../../build/common-hanzi.ts';
import { LANGUAGES } from './languages';
import { splitVietnamese, VIETNAMESE_LETTER } from './vietnamese-fragments';

/**
 * The locale check of `npm test` (what i18next-cli's `status` and `extract --ci` do, which need Node 22, plus
 * the catalog's content): in every namespace and language no key is missing, none is unused, none is left
 * untranslated, and Vietnamese words inside a translation are marked <vi>…</vi>.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CODES = LANGUAGES.map((l) => l.code);

/** Where each namespace's keys are used: source folders, and data files whose `…Key` fields name keys. */
const NAMESPACES: Record<string, { sources: string[]; data?: string }> = {
  app: { sources: ['renderer/src'] },
  catalog: { sources: ['renderer/src'], data: 'assets/catalog' },
  validation: { sources: ['shared/src', 'renderer/src'] },
  shell: { sources: ['electron/src'] },
};

/**
 * Texts that are rightly the same as the Vietnamese, each with the reason. Anything else identical to the
 * Vietnamese is a text someone forgot to translate.
 */
const SAME_AS_VIETNAMESE: Readonly<Record<string, string>> = {
  'en catalog fields.email.label': '“Email” is also the Vietnamese word',
};

/** Characters rightly used in a script they do not belong to (none so far). */
const OTHER_SCRIPT_ALLOWED = new Set<string>();

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const locale = (lng: string, ns: string) =>
  flatten(readJson(path.join(ROOT, 'assets/locales', lng, `${ns}.json`)) as Tree);
const locales = Object.fromEntries(
  CODES.map((lng) => [lng, Object.fromEntries(Object.keys(NAMESPACES).map((ns) => [ns, locale(lng, ns)]))]),
) as Record<string, Record<string, Map<string, string>>>;

/** Plural forms collapse to their base key: vi/zh have only `_other`, English `_one` and `_other`. */
const baseKey = (key: string) => key.replace(/_(one|other)$/, '');
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => ext.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(ROOT, dir, f));
}

/** Quoted strings, and template literals as patterns (`boot.${reason}` → /^boot\.\S+$/), in source files. */
function literalsIn(dirs: string[]): { strings: Set<string>; patterns: RegExp[] } {
  const strings = new Set<string>();
  const patterns: RegExp[] = [];
  for (const file of dirs.flatMap((d) => filesUnder(d, /\.tsx?$/))) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/'([^'\n\\]*)'|"([^"\n\\]*)"/g)) strings.add(m[1] ?? m[2]!);
    for (const m of code.matchAll(/`([^`]*)`/g)) {
      const parts = m[1]!.split(/\$\{[^}]*\}/);
      if (parts.length < 2 || !/^[A-Za-z][\w.-]*\.$/.test(parts[0]!.replace(/.*?([\w.-]+)$/, '$1'))) continue;
      const escaped = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      patterns.push(new RegExp(`^${escaped.join('[\\w-]+(?:\\.[\\w-]+)*')}$`));
    }
  }
  return { strings, patterns };
}

/** Every `…Key` value in the data files (the catalog's labels, hints, titles, options). */
function keysInData(dir: string): Set<string> {
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) {
        if (/Key$/.test(k) && typeof v === 'string') keys.add(v);
        else walk(v);
      }
  };
  for (const file of filesUnder(dir, /\.json$/)) walk(readJson(file));
  return keys;
}

describe('locales', () => {
  it('have the same keys, each non-empty and with the same {{variables}}, in all four languages', () => {
    for (const ns of Object.keys(NAMESPACES)) {
      const reference = locales.vi![ns]!;
      const bases = [...new Set([...reference.keys()].map(baseKey))].sort();
      for (const lng of CODES) {
        const messages = locales[lng]![ns]!;
        expect([...new Set([...messages.keys()].map(baseKey))].sort(), `${lng}/${ns}`).toEqual(bases);
        for (const [key, text] of messages) {
          expect(text.trim(), `${lng}/${ns}:${key}`).not.toBe('');
          const viText = reference.get(key) ?? reference.get(`${baseKey(key)}_other`)!;
          expect(variables(text), `${lng}/${ns}:${key}`).toEqual(variables(viText));
        }
      }
    }
  });

  it('have every key the catalog names, in all four languages', () => {
    const missing = [...keysInData(NAMESPACES.catalog!.data!)].flatMap((key) =>
      CODES.filter((lng) => !locales[lng]!.catalog!.has(key)).map((lng) => `${lng}/catalog:${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('have every key the code asks for with a literal t("…") or i18nKey="…"', () => {
    const missing: string[] = [];
    for (const file of ['renderer/src', 'electron/src'].flatMap((d) => filesUnder(d, /\.tsx?$/))) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\bt\(\s*'([\w.-]+)'|i18nKey="([\w.-]+)"/g)) {
        const key = m[1] ?? m[2]!;
        const known = Object.values(locales.vi!).some(
          (messages) => messages.has(key) || messages.has(`${key}_other`),
        );
        if (!known) missing.push(`${path.relative(ROOT, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('have no key that nothing uses', () => {
    const unused: string[] = [];
    for (const [ns, { sources, data }] of Object.entries(NAMESPACES)) {
      const { strings, patterns } = literalsIn(sources);
      const dataKeys = data ? keysInData(data) : new Set<string>();
      for (const key of new Set([...locales.vi![ns]!.keys()].map(baseKey))) {
        const used = strings.has(key) || dataKeys.has(key) || patterns.some((p) => p.test(key));
        if (!used) unused.push(`${ns}:${key}`);
      }
    }
    expect(unused).toEqual([]);
  });

  it('translate every text (only listed ones may equal the Vietnamese)', () => {
    const untranslated: string[] = [];
    for (const ns of Object.keys(NAMESPACES))
      for (const lng of CODES.filter((c) => c !== 'vi'))
        for (const [key, text] of locales[lng]![ns]!) {
          const id = `${lng} ${ns} ${key}`;
          if (text === locales.vi![ns]!.get(key) && !(id in SAME_AS_VIETNAMESE)) untranslated.push(id);
        }
    expect(untranslated).toEqual([]);
    for (const id of Object.keys(SAME_AS_VIETNAMESE)) {
      const [lng, ns, key] = id.split(' ') as [string, string, string];
      expect(locales[lng]![ns]!.get(key), `${id} is listed but no longer equal`).toBe(
        locales.vi![ns]!.get(key),
      );
    }
  });

  it('write Traditional Chinese with Traditional characters and Simplified with Simplified ones', () => {
    const big5 = big5All();
    const gb = gb2312All();
    const wrong: string[] = [];
    for (const ns of Object.keys(NAMESPACES))
      for (const [lng, foreign] of [
        ['zh-Hant', (cp: number) => gb.has(cp) && !big5.has(cp)],
        ['zh-Hans', (cp: number) => big5.has(cp) && !gb.has(cp)],
      ] as const)
        for (const [key, text] of locales[lng]![ns]!) {
          const bad = [...text].filter((ch) => foreign(ch.codePointAt(0)!) && !OTHER_SCRIPT_ALLOWED.has(ch));
          if (bad.length) wrong.push(`${lng}/${ns}:${key} ${bad.join('')}`);
        }
    expect(wrong).toEqual([]);
  });

  it('mark Vietnamese words inside other languages with <vi>…</vi>', () => {
    const unmarked: string[] = [];
    for (const ns of Object.keys(NAMESPACES))
      for (const lng of CODES.filter((c) => c !== 'vi'))
        for (const [key, text] of locales[lng]![ns]!) {
          const own = splitVietnamese(text).filter((p) => !p.vietnamese);
          if (own.some((p) => VIETNAMESE_LETTER.test(p.text))) unmarked.push(`${lng}/${ns}:${key}`);
        }
    expect(unmarked).toEqual([]);
  });
});
