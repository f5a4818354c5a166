// Tests may read files (common rules; typed by node-fs-for-tests.d.ts); the code under test stays free of Node APIs.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../validators/issue-codes';
import { loadCatalogIndex } from './catalog-index';
import type { Field, ProcedureForm } from './form-schema';
import { loadProcedureForm, validateForm } from './validate-field';

const LANGUAGES = ['vi', 'zh-Hant', 'zh-Hans', 'en'] as const;
// Vitest runs from the repository root.
const readJson = (path: string): unknown => JSON.parse(readFileSync(`assets/${path}`, 'utf8'));

type Tree = { [key: string]: string | Tree };
const locale = (lng: string, ns: string) => readJson(`locales/${lng}/${ns}.json`) as Tree;

/** Resolves a dotted key the way i18next does with its default key separator. */
const lookup = (tree: Tree, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? (node as Tree)[part] : undefined),
      tree,
    );

const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const index = loadCatalogIndex(readJson('catalog/index.json'));
const forms = index.procedures.map((entry) => ({
  entry,
  form: loadProcedureForm(readJson(`catalog/${entry.file}`)),
}));

/** Every catalog key a form uses: its title, step titles, labels, hints and option labels. */
function catalogKeys(form: ProcedureForm): string[] {
  const ofField = (f: Field): string[] => [
    f.labelKey,
    ...(f.hintKey ? [f.hintKey] : []),
    ...(f.options ?? []).map((o) => o.labelKey),
    ...(f.fields ?? []).flatMap(ofField),
  ];
  return [
    form.titleKey,
    `authority.${form.authority}`,
    ...form.steps.flatMap((s) => [s.titleKey, ...s.fields.flatMap(ofField)]),
  ];
}

describe('the catalog files', () => {
  it('lists at least the CT01 temporary-residence procedure, and every listed form parses', () => {
    expect(forms.map((f) => f.entry.id)).toContain('dang-ky-tam-tru');
    for (const { entry, form } of forms) {
      expect(form).toMatchObject({
        id: entry.id,
        authority: entry.authority,
        titleKey: entry.titleKey,
        legalNameVi: entry.legalNameVi,
      });
      expect(form.source).toMatch(/\[[VSMG]\]/);
    }
  });

  it('models CT01 with its 11 items and the proof of lawful residence, the ID cross-checked against birth date and gender', () => {
    const ct01 = forms.find((f) => f.entry.id === 'dang-ky-tam-tru')?.form;
    expect(ct01?.formCode).toBe('CT01');
    const fields = ct01?.steps.flatMap((s) => s.fields) ?? [];
    expect(fields.map((f) => [f.id, f.type, f.required ?? false])).toEqual([
      ['fullName', 'name', true],
      ['birthDate', 'date', true],
      ['gender', 'select', true],
      ['personalId', 'personalId', true],
      ['phone', 'phone', true],
      ['email', 'email', false],
      ['headFullName', 'name', true],
      ['relationToHead', 'text', true],
      ['headPersonalId', 'personalId', true],
      ['requestContent', 'textarea', true],
      ['members', 'group', false],
      ['residenceProof', 'attachment', true],
    ]);
    const members = fields.find((f) => f.id === 'members');
    expect(members?.fields?.map((f) => f.id)).toEqual([
      'fullName',
      'birthDate',
      'gender',
      'personalId',
      'relationToHead',
    ]);
    expect(members?.fields?.find((f) => f.id === 'personalId')?.checks).toEqual({
      birthDateField: 'birthDate',
      genderField: 'gender',
    });
  });

  it('validates a filled-in CT01 draft and reports a wrong member row at its path', () => {
    const ct01 = forms.find((f) => f.entry.id === 'dang-ky-tam-tru')?.form;
    if (!ct01) throw new Error('CT01 missing');
    const draft = {
      fullName: 'Quách Thị Hoà',
      birthDate: '05/09/1958',
      gender: 'female',
      personalId: '079158012345',
      phone: '0901 234 567',
      headFullName: 'Quách Thị Hoà',
      relationToHead: 'Chủ hộ',
      headPersonalId: '079158012345',
      requestContent:
        'Đăng ký tạm trú tại số 12, đường Phan Đăng Lưu, phường Đức Nhuận, Thành phố Hồ Chí Minh',
      'members.m1.fullName': 'Lâm Văn Phúc',
      'members.m1.birthDate': '01/06/2015',
      'members.m1.gender': 'male',
      'members.m1.personalId': '079215000001',
      'members.m1.relationToHead': 'Cháu',
      residenceProof: `blob:${'ab'.repeat(32)}`,
    };
    const today = '2026-11-27';
    const ok = validateForm(ct01, draft, { today });
    expect(ok.issues).toEqual({});
    expect(ok.values).toMatchObject({
      phone: '+84901234567',
      email: null,
      'members.m1.birthDate': '2015-06-01',
    });

    const wrong = validateForm(ct01, { ...draft, 'members.m1.gender': 'female' }, { today });
    expect(wrong.issues).toEqual({
      'members.m1.personalId': { code: 'personalId.genderMismatch', params: { digit: 2 } },
    });

    // The proof is a photo reference: a missing or malformed one means nothing usable is attached.
    for (const residenceProof of [null, 'a photo', `blob:${'AB'.repeat(32)}`]) {
      expect(validateForm(ct01, { ...draft, residenceProof }, { today }).issues).toEqual({
        residenceProof: { code: 'required' },
      });
    }
  });
});

describe.each(LANGUAGES)('locale %s', (lng) => {
  const validation = locale(lng, 'validation');
  const catalog = locale(lng, 'catalog');

  it('translates every validation issue code', () => {
    for (const code of ISSUE_CODES)
      expect(lookup(validation, code), code).toEqual(expect.stringMatching(/\S/));
  });

  it('translates every key the catalog forms use', () => {
    for (const { form } of forms) {
      for (const key of catalogKeys(form))
        expect(lookup(catalog, key), `${form.id}: ${key}`).toEqual(expect.stringMatching(/\S/));
    }
  });

  it('has exactly the keys and placeholders of the Vietnamese files, in NFC', () => {
    for (const [ns, tree] of [
      ['validation', validation],
      ['catalog', catalog],
    ] as const) {
      const vi = new Map(leaves(locale('vi', ns)));
      const here = leaves(tree);
      expect(here.map(([k]) => k).sort(), ns).toEqual([...vi.keys()].sort());
      for (const [key, text] of here) {
        expect(placeholders(text), `${ns}:${key}`).toEqual(placeholders(vi.get(key) ?? ''));
        expect(text, `${ns}:${key}`).toBe(text.normalize('NFC'));
      }
    }
  });
});

describe('Chinese scripts', () => {
  // Characters that exist in only one script; a few telling ones catch a file copied into the wrong locale.
  const TRADITIONAL_ONLY = /[號戶個識碼證請與關員會話電數確檢記為這歲錯無過們選擇須項內長還沒單應聯]/u;
  const SIMPLIFIED_ONLY = /[号户个识码证请与关员会话电数确检记为这岁错无过们选择须项内长还没单应联]/u;
  const text = (lng: string) =>
    ['validation', 'catalog'].flatMap((ns) => leaves(locale(lng, ns)).map(([, t]) => t)).join('\n');

  it('keeps Traditional and Simplified apart', () => {
    expect(text('zh-Hant')).not.toMatch(SIMPLIFIED_ONLY);
    expect(text('zh-Hans')).not.toMatch(TRADITIONAL_ONLY);
  });
});
