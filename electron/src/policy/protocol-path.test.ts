import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from './protocol-path';

const semantics = [
  { name: 'POSIX', api: path.posix, root: '/opt/dvc-kiosk/resources/app.asar/dist/renderer' },
  {
    name: 'Windows',
    api: path.win32,
    root: 'C:\\Program Files\\DVC Kiosk\\resources\\app.asar\\dist\\renderer',
  },
] as const;

describe.each(semantics)('app:// path resolution ($name semantics)', ({ api, root }) => {
  const resolve = (url: string) => resolveAppAsset(url, root, api);

  it('serves files inside the bundle', () => {
    expect(resolve('app://kiosk/assets/index-3f9a.js')).toEqual({
      kind: 'file',
      filePath: api.join(root, 'assets', 'index-3f9a.js'),
    });
    expect(resolve('app://kiosk/locales/zh-Hant/common.json?v=2#x')).toEqual({
      kind: 'file',
      filePath: api.join(root, 'locales', 'zh-Hant', 'common.json'),
    });
  });

  it('decodes ordinary percent-encoding in file names', () => {
    expect(resolve('app://kiosk/guides/h%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn.png')).toEqual({
      kind: 'file',
      filePath: api.join(root, 'guides', 'hướng dẫn.png'),
    });
  });

  it('sends the root and client-side routes to index.html', () => {
    for (const url of ['app://kiosk', 'app://kiosk/', 'app://kiosk/drafts/42', 'app://kiosk/procedures/']) {
      expect(resolve(url)).toEqual({ kind: 'file', filePath: api.join(root, 'index.html') });
    }
  });

  it.each([
    ['plain ../ (normalised by the URL parser, stays inside)', 'app://kiosk/../../etc/passwd'],
    ['encoded dots %2e%2e', 'app://kiosk/%2e%2e/%2e%2e/etc/passwd'],
    ['mixed-case encoded dots %2E%2e', 'app://kiosk/assets/%2E%2e/%2E%2e/secret.txt'],
    ['half-encoded dots .%2e', 'app://kiosk/assets/.%2e/.%2e/secret.txt'],
  ])('never leaves the bundle with %s', (_label, url) => {
    const result = resolve(url);
    if (result.kind === 'file') {
      const relative = api.relative(root, result.filePath);
      expect(relative.startsWith('..')).toBe(false);
      expect(api.isAbsolute(relative)).toBe(false);
    } else {
      expect(result.status).toBe(400);
    }
  });

  it.each([
    ['encoded slash around ..', 'app://kiosk/assets%2F..%2F..%2Fsecret.txt'],
    ['encoded ../ in one segment', 'app://kiosk/a/..%2F..%2Fsecret.txt'],
    ['encoded backslash', 'app://kiosk/assets%5C..%5C..%5Csecret.txt'],
    ['raw backslash', 'app://kiosk/..\\..\\secret.txt'],
    ['encoded ..\\', 'app://kiosk/%2e%2e%5csecret.txt'],
    ['Windows absolute path', 'app://kiosk/C:%5CWindows%5Cwin.ini'],
    ['drive letter segment', 'app://kiosk/C:/Windows/win.ini'],
    ['alternate data stream', 'app://kiosk/index.html::$DATA'],
    ['UNC path', 'app://kiosk/%5C%5Cserver%5Cshare%5Cx.txt'],
    ['NUL byte', 'app://kiosk/index.html%00.png'],
    ['other control character', 'app://kiosk/a%0Ab.js'],
    ['hidden file', 'app://kiosk/.env'],
    ['trailing dot', 'app://kiosk/index.html.'],
    ['trailing space', 'app://kiosk/index.html%20'],
    ['broken percent-encoding', 'app://kiosk/%E0%A4%A.js'],
  ])('refuses %s', (_label, url) => {
    expect(resolve(url)).toMatchObject({ kind: 'reject', status: 400 });
  });

  it.each([
    ['another host', 'app://kiosk.evil/index.html'],
    ['credentials', 'app://user@kiosk/index.html'],
    ['another port', 'app://kiosk:3001/index.html'],
  ])('answers 404 for %s', (_label, url) => {
    expect(resolve(url)).toMatchObject({ kind: 'reject', status: 404 });
  });
});

describe('Windows device names', () => {
  const root = 'C:\\kiosk\\dist\\renderer';

  it.each(['CON', 'nul.js', 'aux.png', 'COM1.txt', 'lpt9.css'])(
    'refuses %s under Windows semantics',
    (name) => {
      expect(resolveAppAsset(`app://kiosk/assets/${name}`, root, path.win32)).toMatchObject({
        kind: 'reject',
      });
    },
  );

  it('does not mistake ordinary names for devices', () => {
    expect(resolveAppAsset('app://kiosk/assets/console.js', root, path.win32)).toEqual({
      kind: 'file',
      filePath: 'C:\\kiosk\\dist\\renderer\\assets\\console.js',
    });
  });
});
