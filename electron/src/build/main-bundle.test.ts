import { EventEmitter } from 'node:events';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest';
import { BRIDGE_CHANNELS } from '#shared/bridge/kiosk-bridge';
import { bundleShell } from './bundle-shell';

/**
 * Loads the built main.cjs against a recording stand-in for the `electron` module (the real binary is
 * unavailable), to check the adapter's wiring: what is registered before `ready`, which handlers are
 * installed, and how they answer. Electron's own behaviour is out of reach here.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let workDir: string;
let mainCode: string;
let mainFile: string;

beforeAll(async () => {
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosk-main-'));
  const outDir = path.join(workDir, 'dist', 'electron');
  ({ mainFile } = await bundleShell({ repoRoot, outDir }));
  mainCode = await fs.readFile(mainFile, 'utf8');
  await fs.mkdir(path.join(workDir, 'dist', 'renderer'), { recursive: true });
  await fs.writeFile(
    path.join(workDir, 'dist', 'renderer', 'index.html'),
    '<!doctype html><title>DVC</title>',
  );
});

afterAll(async () => {
  await fs.rm(workDir, { recursive: true, force: true });
});

type Handler = (...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  windowOpenHandler: Handler | null = null;
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
  openDevTools() {}
}

interface Scenario {
  readonly backend: string;
  readonly lock: boolean;
}

function startMain(scenario: Scenario, appData: string) {
  const calls: string[] = [];
  const ipc = new Map<string, Handler>();
  const appEvents = new EventEmitter();
  const session = Object.assign(new EventEmitter(), {
    permissionRequest: null as Handler | null,
    permissionCheck: null as Handler | null,
    devicePermission: null as Handler | null,
    protocolHandler: null as Handler | null,
    setPermissionRequestHandler(h: Handler) {
      this.permissionRequest = h;
    },
    setPermissionCheckHandler(h: Handler) {
      this.permissionCheck = h;
    },
    setDevicePermissionHandler(h: Handler) {
      this.devicePermission = h;
    },
    protocol: {
      handle: (scheme: string, h: Handler) => {
        calls.push(`protocol.handle:${scheme}`);
        session.protocolHandler = h;
      },
    },
  });
  const windows: { options: Record<string, unknown>; webContents: FakeWebContents; url: string | null }[] =
    [];
  let settle: (outcome: string) => void = () => {};
  const settled = new Promise<string>((resolve) => (settle = resolve));
  const osSecret = randomBytes(32);
  const userData = path.join(appData, 'dvc-kiosk');
  const paths: Record<string, string> = { appData, userData: path.join(appData, 'Electron') };

  class BrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    constructor(readonly options: Record<string, unknown>) {
      super();
      calls.push('BrowserWindow');
      appEvents.emit('web-contents-created', {}, this.webContents);
      windows.push({ options, webContents: this.webContents, url: null });
    }
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      const entry = windows.find((w) => w.webContents === this.webContents);
      if (entry) entry.url = url;
      settle('loaded');
    }
  }

  const electron = {
    app: Object.assign(appEvents, {
      isPackaged: true,
      enableSandbox: () => calls.push('enableSandbox'),
      setPath: (name: string, value: string) => {
        calls.push(`setPath:${name}`);
        paths[name] = value;
      },
      getPath: (name: string) => paths[name],
      requestSingleInstanceLock: () => {
        calls.push('requestSingleInstanceLock');
        return scenario.lock;
      },
      quit: () => {
        calls.push('quit');
        settle('quit');
      },
      exit: (code: number) => {
        calls.push(`exit:${code}`);
        settle('exit');
      },
      whenReady: () => {
        calls.push('whenReady');
        return Promise.resolve();
      },
      getVersion: () => '0.1.0',
    }),
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) =>
        calls.push(`registerSchemesAsPrivileged:${JSON.stringify(schemes)}`),
    },
    session: { defaultSession: session },
    Menu: { setApplicationMenu: (menu: unknown) => calls.push(`setApplicationMenu:${String(menu)}`) },
    ipcMain: { handle: (channel: string, h: Handler) => ipc.set(channel, h) },
    dialog: {
      showErrorBox: (title: string, body: string) => calls.push(`showErrorBox:${title}\n${body}`),
    },
    BrowserWindow,
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => scenario.backend,
      async encryptStringAsync(text: string) {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', osSecret, iv);
        const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
        return Buffer.concat([iv, cipher.getAuthTag(), body]);
      },
      async decryptStringAsync(blob: Buffer) {
        const decipher = createDecipheriv('aes-256-gcm', osSecret, blob.subarray(0, 12));
        decipher.setAuthTag(blob.subarray(12, 28));
        return {
          result: Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString(),
          shouldReEncrypt: false,
        };
      },
    },
  };

  const realRequire = createRequire(mainFile);
  const moduleRequire = (name: string) => (name === 'electron' ? electron : realRequire(name));
  const module = { exports: {} };
  // A Linux process with an empty environment, whatever machine runs the test.
  const fakeProcess = Object.create(process, {
    platform: { value: 'linux' },
    env: { value: {} },
  }) as NodeJS.Process;
  new Function('require', 'module', 'exports', '__filename', '__dirname', 'process', mainCode)(
    moduleRequire,
    module,
    module.exports,
    mainFile,
    path.dirname(mainFile),
    fakeProcess,
  );
  const callsAtLoad = [...calls];
  return { calls, callsAtLoad, ipc, session, windows, settled, userData, appEvents };
}

async function withConfig(config: object | null): Promise<string> {
  const appData = await fs.mkdtemp(path.join(workDir, 'appdata-'));
  if (config !== null) {
    await fs.mkdir(path.join(appData, 'dvc-kiosk'), { recursive: true });
    await fs.writeFile(path.join(appData, 'dvc-kiosk', 'kiosk-config.json'), JSON.stringify(config));
  }
  return appData;
}

// Start-up failures are logged; capture the log so it can be checked instead of cluttering the output.
let errorLog: MockInstance<typeof console.error>;
beforeEach(() => {
  errorLog = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  errorLog.mockRestore();
});

const trustedFrame = { url: 'app://kiosk/index.html', origin: 'app://kiosk', parent: null };

describe('main process wiring (built main.cjs, stand-in electron module)', () => {
  it('registers the sandbox, the app: scheme and the single-instance lock before ready', async () => {
    const run = startMain(
      { backend: 'gnome_libsecret', lock: true },
      await withConfig({ serverUrl: 'https://dvc.example.vn' }),
    );
    expect(run.callsAtLoad.slice(0, 5)).toEqual([
      'enableSandbox',
      'registerSchemesAsPrivileged:[{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true}}]',
      'setPath:userData',
      'requestSingleInstanceLock',
      'whenReady',
    ]);
    await run.settled;
  });

  it('quits at once when another instance holds the lock', async () => {
    const run = startMain({ backend: 'gnome_libsecret', lock: false }, await withConfig(null));
    expect(await run.settled).toBe('quit');
    expect(run.calls).not.toContain('whenReady');
    expect(run.calls).not.toContain('BrowserWindow');
  });

  describe('a normal start', () => {
    let run: ReturnType<typeof startMain>;
    let window: ReturnType<typeof startMain>['windows'][number] | undefined;
    beforeAll(async () => {
      const appData = await withConfig({ serverUrl: 'https://dvc.example.vn', printerDeviceName: 'HP' });
      run = startMain({ backend: 'gnome_libsecret', lock: true }, appData);
      await run.settled;
      window = run.windows[0];
    });

    it('opens one hardened kiosk window on app://kiosk with the bundled preload', () => {
      expect(run.windows).toHaveLength(1);
      expect(window?.url).toBe('app://kiosk/index.html');
      expect(window?.options).toMatchObject({
        kiosk: true,
        webPreferences: {
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          devTools: false,
          navigateOnDragDrop: false,
          disableDialogs: true,
          preload: path.join(workDir, 'dist', 'electron', 'preload.cjs'),
        },
      });
      expect(run.calls).toContain('setApplicationMenu:null');
      expect(run.calls.some((call) => call.startsWith('showErrorBox'))).toBe(false);
    });

    it('serves the renderer through the protocol handler with the CSP for the configured server', async () => {
      const response = (await run.session.protocolHandler?.({
        method: 'GET',
        url: 'app://kiosk/index.html',
      })) as Response;
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>DVC</title>');
      expect(response.headers.get('content-security-policy')).toContain(
        "connect-src 'self' https://dvc.example.vn",
      );
      const escape = (await run.session.protocolHandler?.({
        method: 'GET',
        url: 'app://kiosk/%2e%2e/%2e%2e/package.json',
      })) as Response;
      expect(escape.status).toBeGreaterThanOrEqual(400);
    });

    it('answers the bridge only for the kiosk window top frame', async () => {
      expect([...run.ipc.keys()].sort()).toEqual(Object.values(BRIDGE_CHANNELS).sort());
      const trusted = { sender: window?.webContents, senderFrame: trustedFrame };
      const key = (await run.ipc.get(BRIDGE_CHANNELS.deviceKey)?.(trusted)) as Uint8Array;
      expect(key).toBeInstanceOf(Uint8Array);
      expect(key).toHaveLength(32);
      expect(await run.ipc.get(BRIDGE_CHANNELS.appVersion)?.(trusted)).toBe('0.1.0');

      const strangers = [
        { sender: new FakeWebContents(), senderFrame: trustedFrame },
        { sender: window?.webContents, senderFrame: { ...trustedFrame, parent: trustedFrame } },
        {
          sender: window?.webContents,
          senderFrame: { url: 'https://evil.example/', origin: 'https://evil.example', parent: null },
        },
        { sender: window?.webContents, senderFrame: null },
      ];
      for (const event of strangers) {
        expect(() => run.ipc.get(BRIDGE_CHANNELS.deviceKey)?.(event)).toThrow(/untrusted/);
      }
    });

    it('keeps the device key on disk only in wrapped form', async () => {
      const trusted = { sender: window?.webContents, senderFrame: trustedFrame };
      const key = Buffer.from((await run.ipc.get(BRIDGE_CHANNELS.deviceKey)?.(trusted)) as Uint8Array);
      const onDisk = await fs.readFile(path.join(run.userData, 'device-key.json'));
      expect(onDisk.includes(key)).toBe(false);
      expect(onDisk.includes(Buffer.from(key.toString('base64')))).toBe(false);
    });

    it('installs both permission handlers, deny by default', () => {
      const results: boolean[] = [];
      const ask = (permission: string, details: object) =>
        run.session.permissionRequest?.(
          window?.webContents,
          permission,
          (granted: boolean) => results.push(granted),
          {
            isMainFrame: true,
            requestingUrl: 'app://kiosk/index.html',
            ...details,
          },
        );
      ask('media', { mediaTypes: ['video'] });
      ask('media', { mediaTypes: ['audio'] });
      ask('geolocation', {});
      ask('persistent-storage', {});
      expect(results).toEqual([true, false, false, true]);
      expect(
        run.session.permissionCheck?.(window?.webContents, 'persistent-storage', 'app://kiosk', {
          isMainFrame: true,
        }),
      ).toBe(true);
      expect(
        run.session.permissionCheck?.(null, 'persistent-storage', 'app://kiosk', { isMainFrame: true }),
      ).toBe(false);
      expect(
        run.session.permissionCheck?.(window?.webContents, 'notifications', 'app://kiosk', {
          isMainFrame: true,
        }),
      ).toBe(false);
      expect(run.session.devicePermission?.({})).toBe(false);
    });

    it('cancels downloads and guards navigation, pop-ups, webviews and DevTools keys', () => {
      const prevented = (emitter: EventEmitter, event: string, payload: object, ...rest: unknown[]) => {
        let stopped = false;
        emitter.emit(event, { ...payload, preventDefault: () => (stopped = true) }, ...rest);
        return stopped;
      };
      const contents = window?.webContents as FakeWebContents;
      expect(prevented(run.session, 'will-download', {})).toBe(true);
      expect(prevented(contents, 'will-navigate', { url: 'https://evil.example/' })).toBe(true);
      expect(prevented(contents, 'will-navigate', { url: 'app://kiosk.evil/' })).toBe(true);
      expect(prevented(contents, 'will-navigate', { url: 'app://kiosk/drafts' })).toBe(false);
      expect(prevented(contents, 'will-redirect', { url: 'file:///etc/passwd' })).toBe(true);
      expect(prevented(contents, 'will-attach-webview', {})).toBe(true);
      expect(contents.windowOpenHandler?.({ url: 'app://kiosk/' })).toEqual({ action: 'deny' });
      const key = { type: 'keyDown', key: 'F12', control: false, meta: false, shift: false, alt: false };
      expect(prevented(contents, 'before-input-event', {}, { ...key, isComposing: false })).toBe(true);
      expect(prevented(contents, 'before-input-event', {}, { ...key, isComposing: true })).toBe(false);
    });
  });

  it('refuses to start on Linux basic_text, with the reason in four languages and no window', async () => {
    const appData = await withConfig({ serverUrl: 'https://dvc.example.vn' });
    const run = startMain({ backend: 'basic_text', lock: true }, appData);
    expect(await run.settled).toBe('exit');
    expect(run.calls).toContain('exit:1');
    expect(run.calls).not.toContain('BrowserWindow');
    const dialog = run.calls.find((call) => call.startsWith('showErrorBox:')) ?? '';
    expect(dialog).toContain('basic_text');
    expect(dialog).toContain('kho mật khẩu');
    expect(dialog).toContain('密碼庫');
    expect(dialog).toContain('密码库');
    expect(dialog).toContain('password store');
    await expect(fs.readdir(run.userData)).resolves.toEqual(['kiosk-config.json']);
    expect(errorLog).toHaveBeenCalledWith(
      '[dvc-kiosk] start-up failed:',
      expect.objectContaining({ code: 'keystore-insecure' }),
    );
  });

  it('refuses to start without a config file, and says where it looked', async () => {
    const run = startMain({ backend: 'gnome_libsecret', lock: true }, await withConfig(null));
    expect(await run.settled).toBe('exit');
    const dialog = run.calls.find((call) => call.startsWith('showErrorBox:')) ?? '';
    expect(dialog).toContain(path.join(run.userData, 'kiosk-config.json'));
    expect(errorLog).toHaveBeenCalledWith(
      '[dvc-kiosk] start-up failed:',
      expect.objectContaining({ code: 'not-found' }),
    );
  });
});
