import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '#shared/protocol/errors';
import { Status } from '#shared/status/status';
import { syncErrorKey } from '../components/error-messages';
import type { SaveState } from '../forms/save-tracker';
import { LANGUAGES } from './languages';

type Tree = { [key: string]: string | Tree };

const load = (lng: string): Tree =>
  JSON.parse(
    readFileSync(new URL(`../../../assets/locales/${lng}/app.json`, import.meta.url), 'utf8'),
  ) as Tree;

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}

/** Plural forms collapse to their base key: vi/zh have only `_other`, English `_one` and `_other`. */
const baseKey = (key: string) => key.replace(/_(one|other)$/, '');
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const locales = Object.fromEntries(LANGUAGES.map((l) => [l.code, flatten(load(l.code))]));

describe('app locale', () => {
  it('has the same keys, each non-empty and with the same {{variables}}, in all four languages', () => {
    const reference = locales.vi!;
    const refBases = [...new Set(Object.keys(reference).map(baseKey))].sort();
    for (const { code } of LANGUAGES) {
      const messages = locales[code]!;
      expect([...new Set(Object.keys(messages).map(baseKey))].sort(), code).toEqual(refBases);
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${code}:${key}`).not.toBe('');
        const viText = reference[key] ?? reference[`${baseKey(key)}_other`]!;
        expect(variables(text), `${code}:${key}`).toEqual(variables(viText));
      }
    }
    expect(Object.keys(locales.en!).filter((k) => k.endsWith('_one')).length).toBeGreaterThan(0);
  });

  it('explains every sync and storage error code in plain words', () => {
    const codes = [
      ...ErrorCode.options,
      'NETWORK',
      'TIMEOUT',
      'BAD_RESPONSE',
      'STORAGE_FULL',
      'UNKNOWN',
    ] as const;
    for (const { code: lng } of LANGUAGES) {
      for (const code of codes) expect(locales[lng]![syncErrorKey(code)], `${lng}:${code}`).toBeTruthy();
    }
  });

  it('names every draft sync state, every dossier status and its action, and every attachment state', () => {
    const keys = [
      ...['waiting', 'syncing', 'synced', 'conflict', 'attachmentPending', 'error'].map(
        (k) => `syncState.${k}`,
      ),
      ...Status.options.flatMap((s) => [`status.names.${s}`, `status.actions.${s}`]),
      ...['pending', 'uploading', 'uploaded', 'too-large', 'error'].map((k) => `attachment.states.${k}`),
    ];
    for (const { code } of LANGUAGES)
      for (const key of keys) expect(locales[code]![key], `${code}:${key}`).toBeTruthy();
  });

  it('names every save state', () => {
    const states: SaveState[] = ['saving', 'saved', 'pending', 'synced', 'error'];
    for (const { code } of LANGUAGES)
      for (const s of states) expect(locales[code]![`saveState.${s}`]).toBeTruthy();
  });
});
