import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEV_SERVER_URL_ENV,
  KIOSK_CONFIG_ENV,
  KioskConfigError,
  loadKioskConfig,
  loadShellConfig,
  locateKioskConfig,
  parseKioskConfig,
  resolveShellOptions,
} from './load-config';

const FILE = '/etc/kiosk-config.json';

function invalid(json: unknown): KioskConfigError {
  try {
    parseKioskConfig(json, FILE);
  } catch (error) {
    if (error instanceof KioskConfigError) return error;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('kiosk config validation', () => {
  it('fills sane defaults around the one required value', () => {
    expect(parseKioskConfig({ serverUrl: 'https://dvc.phunhuan.example.gov.vn' }, FILE)).toEqual({
      serverUrl: 'https://dvc.phunhuan.example.gov.vn/',
      kioskMode: true,
      devTools: false,
    });
  });

  it('keeps every field that is given', () => {
    expect(
      parseKioskConfig(
        {
          serverUrl: 'https://dvc.example.vn/api/',
          kioskMode: false,
          printerDeviceName: ' HP LaserJet M404 ',
          devTools: true,
        },
        FILE,
      ),
    ).toEqual({
      serverUrl: 'https://dvc.example.vn/api/',
      kioskMode: false,
      printerDeviceName: 'HP LaserJet M404',
      devTools: true,
    });
  });

  it.each(['http://localhost:8787', 'http://127.0.0.1:3000/', 'http://127.3.2.1', 'http://[::1]:8080'])(
    'allows plain http to the loopback server %s',
    (serverUrl) => {
      expect(parseKioskConfig({ serverUrl }, FILE).serverUrl).toBe(new URL(serverUrl).href);
    },
  );

  it.each([
    ['plain http to a remote server', 'http://dvc.example.vn', /https/],
    ['http to a LAN address', 'http://192.168.1.10:8787', /https/],
    ['a look-alike loopback name', 'http://localhost.evil.example', /https/],
    ['ftp', 'ftp://dvc.example.vn', /https/],
    ['not a URL', 'dvc.example.vn', /not a valid URL/],
    ['credentials', 'https://admin:secret@dvc.example.vn', /user name or password/],
    ['a query string', 'https://dvc.example.vn/?token=1', /query/],
  ])('refuses %s', (_label, serverUrl, message) => {
    const error = invalid({ serverUrl });
    expect(error.code).toBe('invalid');
    expect(error.details).toMatch(message);
    expect(error.details).toContain('serverUrl');
  });

  it('says which field is missing or mistyped', () => {
    expect(invalid({}).details).toMatch(/serverUrl is required/);
    expect(invalid({ serverUrl: 'https://a.vn', kioskMode: 'yes' }).details).toMatch(
      /kioskMode must be true or false/,
    );
    expect(invalid({ serverUrl: 'https://a.vn', printerDeviceName: '  ' }).details).toMatch(
      /printerDeviceName/,
    );
  });

  it('reports unknown keys, so a typo is not silently ignored', () => {
    expect(invalid({ serverUrl: 'https://a.vn', kioskmode: false }).details).toMatch(/kioskmode/);
  });

  it('refuses a JSON value that is not an object', () => {
    expect(invalid(['https://a.vn']).code).toBe('invalid');
    expect(invalid(null).code).toBe('invalid');
  });
});

describe('DevTools', () => {
  const config = parseKioskConfig({ serverUrl: 'https://a.vn', devTools: true }, FILE);

  it('opens only in an unpackaged run that asked for it', () => {
    expect(resolveShellOptions(config, { isPackaged: false }).devTools).toBe(true);
    expect(resolveShellOptions(config, { isPackaged: true }).devTools).toBe(false);
    expect(
      resolveShellOptions(parseKioskConfig({ serverUrl: 'https://a.vn' }, FILE), { isPackaged: false })
        .devTools,
    ).toBe(false);
  });
});

describe('config file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosk-config-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('lives in userData unless DVC_KIOSK_CONFIG says otherwise', () => {
    expect(locateKioskConfig({}, '/home/kiosk/.config/dvc-kiosk')).toBe(
      path.join('/home/kiosk/.config/dvc-kiosk', 'kiosk-config.json'),
    );
    expect(locateKioskConfig({ [KIOSK_CONFIG_ENV]: '/srv/point-17.json' }, '/ignored')).toBe(
      path.resolve('/srv/point-17.json'),
    );
  });

  it('loads a file written by Notepad (UTF-8 with BOM)', async () => {
    const file = path.join(dir, 'kiosk-config.json');
    await fs.writeFile(
      file,
      '\uFEFF{ "serverUrl": "https://dvc.example.vn", "printerDeviceName": "Máy in tầng 1" }',
    );
    await expect(loadKioskConfig(file, fs.readFile)).resolves.toMatchObject({
      serverUrl: 'https://dvc.example.vn/',
      printerDeviceName: 'Máy in tầng 1',
      kioskMode: true,
    });
  });

  it('accepts the example file shipped for technicians', async () => {
    const example = fileURLToPath(new URL('../../kiosk-config.example.json', import.meta.url));
    await expect(loadKioskConfig(example, fs.readFile)).resolves.toMatchObject({ kioskMode: true });
  });

  it('names the path when the file is missing', async () => {
    const file = path.join(dir, 'nope.json');
    await expect(loadKioskConfig(file, fs.readFile)).rejects.toMatchObject({
      code: 'not-found',
      filePath: file,
    });
  });

  it('reports broken JSON as such', async () => {
    const file = path.join(dir, 'kiosk-config.json');
    await fs.writeFile(file, '{ "serverUrl": "https://a.vn", }');
    await expect(loadKioskConfig(file, fs.readFile)).rejects.toMatchObject({ code: 'invalid-json' });
  });

  it('reports a file it cannot read (a directory) as unreadable', async () => {
    await expect(loadKioskConfig(dir, fs.readFile)).rejects.toMatchObject({ code: 'unreadable' });
  });
});

describe('the configuration the shell runs with', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosk-shell-config-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const source = (env: Record<string, string>, isPackaged: boolean) => ({
    env,
    userDataDir: dir,
    isPackaged,
    readFile: fs.readFile,
  });

  it('lets `npm start` point an unpackaged shell at the server it started, windowed', async () => {
    await expect(
      loadShellConfig(source({ [DEV_SERVER_URL_ENV]: 'http://127.0.0.1:8787' }, false)),
    ).resolves.toEqual({
      serverUrl: 'http://127.0.0.1:8787/',
      kioskMode: false,
      devTools: false,
    });
  });

  it('keeps the rest of an existing config file in development', async () => {
    await fs.writeFile(
      path.join(dir, 'kiosk-config.json'),
      JSON.stringify({ serverUrl: 'https://dvc.example.vn', printerDeviceName: 'HP', kioskMode: true }),
    );
    await expect(
      loadShellConfig(source({ [DEV_SERVER_URL_ENV]: 'http://localhost:8787' }, false)),
    ).resolves.toEqual({
      serverUrl: 'http://localhost:8787/',
      printerDeviceName: 'HP',
      kioskMode: true,
      devTools: false,
    });
  });

  it('ignores DVC_SERVER_URL in a packaged kiosk', async () => {
    await expect(
      loadShellConfig(source({ [DEV_SERVER_URL_ENV]: 'http://127.0.0.1:8787' }, true)),
    ).rejects.toMatchObject({ code: 'not-found' });
    await fs.writeFile(
      path.join(dir, 'kiosk-config.json'),
      JSON.stringify({ serverUrl: 'https://dvc.example.vn' }),
    );
    await expect(
      loadShellConfig(source({ [DEV_SERVER_URL_ENV]: 'http://127.0.0.1:8787' }, true)),
    ).resolves.toMatchObject({ serverUrl: 'https://dvc.example.vn/', kioskMode: true });
  });

  it('still refuses an insecure development server URL', async () => {
    await expect(
      loadShellConfig(source({ [DEV_SERVER_URL_ENV]: 'http://dvc.example.vn' }, false)),
    ).rejects.toMatchObject({ code: 'invalid' });
  });
});
