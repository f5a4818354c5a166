/**
 * The Content-Security-Policy sent with every app://kiosk response. Scripts, styles and fonts come only
 * from the bundle; the only remote place the page may talk to is the configured sync server. Camera
 * captures are shown as blob: URLs; small assets may be inlined by the bundler as data: URLs.
 */
export function buildContentSecurityPolicy(serverUrl: string): string {
  const serverOrigin = serverOriginOf(serverUrl);
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'img-src': ["'self'", 'blob:', 'data:'],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", serverOrigin],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Only an http(s) origin may enter the policy: a path, credentials or stray characters never do. */
function serverOriginOf(serverUrl: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new Error(`CSP: server URL is not a URL: ${JSON.stringify(serverUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`CSP: server URL must be http(s), got ${url.protocol}`);
  }
  return url.origin;
}
