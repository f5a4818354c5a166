import { isAppUrl } from './app-origin';

/**
 * The kiosk window only ever shows the bundled app: every navigation or redirect to anything else
 * (the web, file:, data:, javascript:, a look-alike origin) is refused. The sync server is reached with
 * fetch, never by navigating to it.
 */
export function isNavigationAllowed(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}
