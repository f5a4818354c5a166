import { describe, expect, it } from 'vitest';
import vi from '../../../assets/locales/vi/shell.json';
import zhHant from '../../../assets/locales/zh-Hant/shell.json';
import zhHans from '../../../assets/locales/zh-Hans/shell.json';
import en from '../../../assets/locales/en/shell.json';
import { KioskConfigError } from '../config/load-config';
import { DeviceKeyError } from '../keys/device-key';
import { createShellI18n, describeStartupFailure, formatStartupFailure } from './shell-messages';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const bundles = { vi, 'zh-Hant': zhHant, 'zh-Hans': zhHans, en } as Record<string, Tree>;
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('shell locale files', () => {
  const reference = flatten(vi as Tree);

  it.each(Object.keys(bundles))('%s has every key, with the same placeholders, and no empty text', (lng) => {
    const bundle = flatten(bundles[lng] as Tree);
    expect([...bundle.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [key, text] of bundle) {
      expect(text.trim(), `${lng}:${key}`).not.toBe('');
      expect(variables(text), `${lng}:${key}`).toEqual(variables(reference.get(key) ?? ''));
    }
  });

  it('is really translated, not copied', () => {
    const en = flatten(bundles.en as Tree);
    for (const lng of ['vi', 'zh-Hant', 'zh-Hans']) {
      const bundle = flatten(bundles[lng] as Tree);
      expect(bundle.get('deviceKey.keystoreInsecure')).not.toBe(en.get('deviceKey.keystoreInsecure'));
    }
    expect(flatten(bundles['zh-Hant'] as Tree).get('fatal.title')).not.toBe(
      flatten(bundles['zh-Hans'] as Tree).get('fatal.title'),
    );
  });
});

describe('start-up failure dialog', () => {
  it('explains the basic_text refusal in all four languages, Vietnamese first', () => {
    const error = new DeviceKeyError('keystore-insecure', 'insecure', { backend: 'basic_text' });
    const { title, body } = formatStartupFailure(describeStartupFailure(error));
    expect(title).toBe('DVC Kiosk không thể khởi động');
    const sections = body.split('\n\n');
    expect(sections).toHaveLength(4);
    expect(sections[0]).toContain('kho mật khẩu an toàn');
    expect(sections[1]).toContain('密碼庫');
    expect(sections[2]).toContain('密码库');
    expect(sections[3]).toContain('secure operating-system password store');
    for (const section of sections) expect(section).toContain('basic_text');
  });

  it('shows paths as they are (no HTML escaping in a native dialog)', () => {
    const error = new KioskConfigError(
      'not-found',
      'C:\\Users\\kiosk\\AppData\\Roaming\\dvc-kiosk\\kiosk-config.json',
      '',
    );
    const { body } = formatStartupFailure(describeStartupFailure(error));
    expect(body).toContain('C:\\Users\\kiosk\\AppData\\Roaming\\dvc-kiosk\\kiosk-config.json');
    expect(body).not.toContain('&#x2F;');
  });

  it('says a damaged key file is not replaced, in every language', () => {
    const error = new DeviceKeyError('key-file-corrupt', 'corrupt', {
      path: '/home/k/.config/dvc-kiosk/device-key.json',
    });
    const { body } = formatStartupFailure(describeStartupFailure(error));
    expect(body.match(/device-key\.json/g)).toHaveLength(4);
  });

  it('has a message for every config and device-key failure', () => {
    const i18n = createShellI18n();
    const failures = [
      ...(['not-found', 'unreadable', 'invalid-json', 'invalid'] as const).map(
        (code) => new KioskConfigError(code, '/x', 'd'),
      ),
      ...(
        [
          'keystore-insecure',
          'keystore-unavailable',
          'key-file-unreadable',
          'key-file-corrupt',
          'key-unwrap-failed',
          'key-wrap-failed',
          'key-file-unwritable',
        ] as const
      ).map((code) => new DeviceKeyError(code, code)),
      new Error('boom'),
    ];
    for (const error of failures) {
      const { key } = describeStartupFailure(error);
      for (const lng of ['vi', 'zh-Hant', 'zh-Hans', 'en']) {
        expect(i18n.exists(key, { lng, ns: 'shell' }), `${lng}:${key}`).toBe(true);
      }
    }
    expect(formatStartupFailure(describeStartupFailure(new Error('boom')), i18n).body).toContain('boom');
  });
});
