import { APP_SCHEME } from './app-origin';

/**
 * How `app:` is registered with Chromium. `standard` gives it real origins and web storage (IndexedDB
 * for the drafts), `secure` makes it a secure context (persist(), getUserMedia, WebCrypto),
 * `supportFetchAPI` lets the page fetch its own bundled files. Deliberately absent: bypassCSP (the CSP
 * header must apply), allowServiceWorkers (Cache Storage does not work on custom schemes and the files
 * are local anyway), corsEnabled, stream, codeCache, allowExtensions.
 */
export const APP_SCHEME_REGISTRATION = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/**
 * The userData folder (config, device key, IndexedDB) is pinned by name: if it followed the product
 * name, renaming the product would strand the key and every stored draft.
 */
export const USER_DATA_DIR_NAME = 'dvc-kiosk';
