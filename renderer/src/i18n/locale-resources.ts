import type { BackendModule, ReadCallback } from 'i18next';

/**
 * The renderer's namespaces of every language in assets/locales, each a chunk of its own that is fetched
 * only when i18next asks for it (the current language and the Vietnamese fallback). They are precached,
 * so no language needs the network. `shell.json` is the desktop shell's and stays out of the renderer.
 */
const files = import.meta.glob<Record<string, unknown>>(
  '../../../assets/locales/*/{app,catalog,validation}.json',
  {
    import: 'default',
  },
);

const loaderOf = (lng: string, ns: string) => files[`../../../assets/locales/${lng}/${ns}.json`];

export const bundledLocales: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(lng: string, ns: string, callback: ReadCallback) {
    const load = loaderOf(lng, ns);
    if (!load) return callback(new Error(`no locale file ${lng}/${ns}`), false);
    load().then(
      (data) => callback(null, data),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), false),
    );
  },
};
