import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppOrigin, isAppUrl } from './app-origin';
import { isNavigationAllowed } from './navigation';

describe('navigation policy', () => {
  it.each([
    APP_ENTRY_URL,
    'app://kiosk/',
    'app://kiosk/drafts/42?step=2#top',
    'app://kiosk/assets/index-abc.js',
  ])('allows the app itself: %s', (url) => {
    expect(isNavigationAllowed(url)).toBe(true);
  });

  it.each([
    ['look-alike host', 'app://kiosk.evil/'],
    ['host as a sub-domain of it', 'app://evil.kiosk/'],
    ['credentials before the host', 'app://user@kiosk/'],
    ['user and password', 'app://user:pass@kiosk/'],
    ['another port', 'app://kiosk:3001/'],
    ['trailing dot host', 'app://kiosk./'],
    ['encoded dot in host', 'app://kiosk%2eevil/'],
    ['another case of host (Chromium never sends it)', 'app://KIOSK/'],
    ['http with the same host', 'http://kiosk/'],
    ['https with the same host', 'https://kiosk/'],
    ['the sync server', 'https://dvc.example.gov.vn/'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['Windows file:', 'file:///C:/Windows/win.ini'],
    ['blob:', 'blob:app://kiosk/0e5b2d6c-1c1a-4b59-9b2e-4f1a3c9d7e11'],
    ['about:blank', 'about:blank'],
    ['a prefix trick', 'app://kiosk@evil.example/'],
    ['not a URL at all', 'kiosk/index.html'],
    ['empty', ''],
  ])('refuses %s', (_label, url) => {
    expect(isNavigationAllowed(url)).toBe(false);
  });
});

describe('app origin strings', () => {
  it('accepts the origin bare or as a spec, nothing else', () => {
    expect(isAppOrigin('app://kiosk')).toBe(true);
    expect(isAppOrigin('app://kiosk/')).toBe(true);
    for (const origin of [
      'app://kiosk.evil',
      'app://kiosk:3001',
      'app://kiosk/x',
      'null',
      '',
      undefined,
      null,
    ]) {
      expect(isAppOrigin(origin)).toBe(false);
    }
  });

  it('treats the URL check and the origin check alike', () => {
    expect(isAppUrl('app://kiosk')).toBe(true);
    expect(isAppUrl('app://kiosk:443/')).toBe(false);
  });
});
