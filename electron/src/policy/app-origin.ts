/**
 * The renderer's one origin. IndexedDB data is keyed by it, so renaming the scheme or host would strand
 * every stored draft: these values are fixed for good.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True only for URLs on exactly app://kiosk. Parsed with URL rather than compared by prefix, so that
 * look-alikes (app://kiosk.evil, app://user@kiosk, app://kiosk:3001, http://kiosk) are refused.
 * Node treats `app:` as a non-special scheme and keeps the host's case; Chromium lower-cases hosts of
 * standard schemes before we see them, so an exact comparison loses nothing legitimate.
 */
export function isAppUrl(value: string): boolean {
  const url = parseUrl(value);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.username === '' &&
    url.password === '' &&
    url.host === APP_HOST &&
    url.hostname === APP_HOST &&
    url.port === ''
  );
}

/** Chromium reports origins either bare ("app://kiosk") or as a URL spec ("app://kiosk/"); accept both, nothing else. */
export function isAppOrigin(origin: string | undefined | null): boolean {
  return origin === APP_ORIGIN || origin === `${APP_ORIGIN}/`;
}
