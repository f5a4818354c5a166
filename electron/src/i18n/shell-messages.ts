import i18next, { type i18n } from 'i18next';
import vi from '../../../assets/locales/vi/shell.json';
import zhHant from '../../../assets/locales/zh-Hant/shell.json';
import zhHans from '../../../assets/locales/zh-Hans/shell.json';
import en from '../../../assets/locales/en/shell.json';
import { KioskConfigError, type KioskConfigErrorCode } from '../config/load-config';
import { DeviceKeyError, type DeviceKeyErrorCode } from '../keys/device-key';
import { messageOf } from '../errors/node-error';

export const SHELL_NAMESPACE = 'shell';
/** Vietnamese first: it is the default language of the points. */
export const SHELL_LANGUAGES = ['vi', 'zh-Hant', 'zh-Hans', 'en'] as const;
export type ShellLanguage = (typeof SHELL_LANGUAGES)[number];

export interface StartupFailure {
  readonly key: string;
  readonly values: Readonly<Record<string, string>>;
}

const CONFIG_KEYS: Record<KioskConfigErrorCode, string> = {
  'not-found': 'config.notFound',
  unreadable: 'config.unreadable',
  'invalid-json': 'config.invalidJson',
  invalid: 'config.invalid',
};

const DEVICE_KEY_KEYS: Record<DeviceKeyErrorCode, string> = {
  'keystore-insecure': 'deviceKey.keystoreInsecure',
  'keystore-unavailable': 'deviceKey.keystoreUnavailable',
  'key-file-unreadable': 'deviceKey.fileUnreadable',
  'key-file-corrupt': 'deviceKey.fileCorrupt',
  'key-unwrap-failed': 'deviceKey.unwrapFailed',
  'key-wrap-failed': 'deviceKey.wrapFailed',
  'key-file-unwritable': 'deviceKey.fileUnwritable',
};

export function createShellI18n(): i18n {
  const instance = i18next.createInstance();
  // Resources are bundled, so init completes synchronously; no backend, nothing fetched.
  void instance.init({
    resources: {
      vi: { [SHELL_NAMESPACE]: vi },
      'zh-Hant': { [SHELL_NAMESPACE]: zhHant },
      'zh-Hans': { [SHELL_NAMESPACE]: zhHans },
      en: { [SHELL_NAMESPACE]: en },
    },
    lng: 'vi',
    fallbackLng: false,
    ns: [SHELL_NAMESPACE],
    defaultNS: SHELL_NAMESPACE,
    initAsync: false,
    // Shown in a native dialog, not HTML: escaping would mangle paths.
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** Maps whatever stopped the start-up to a message key and the values it shows. */
export function describeStartupFailure(error: unknown): StartupFailure {
  if (error instanceof KioskConfigError) {
    return { key: CONFIG_KEYS[error.code], values: { path: error.filePath, details: error.details } };
  }
  if (error instanceof DeviceKeyError) {
    return {
      key: DEVICE_KEY_KEYS[error.code],
      values: { path: '', backend: '', details: '', ...error.detail },
    };
  }
  return { key: 'unexpected', values: { details: messageOf(error) } };
}

/**
 * The text of the fatal start-up dialog. No language has been chosen yet when the shell fails (the
 * choice lives in the app), and the reader may be a resident or a technician, so it is shown in all
 * four languages, Vietnamese first.
 */
export function formatStartupFailure(
  failure: StartupFailure,
  instance: i18n = createShellI18n(),
): {
  title: string;
  body: string;
} {
  const sections = SHELL_LANGUAGES.map((lng) => {
    const t = instance.getFixedT(lng, SHELL_NAMESPACE);
    return `${t('fatal.title')}\n${t(failure.key, failure.values)}`;
  });
  return { title: instance.getFixedT('vi', SHELL_NAMESPACE)('fatal.title'), body: sections.join('\n\n') };
}
