import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEVICE_KEY_FILE_NAME,
  DeviceKeyError,
  loadOrCreateDeviceKey,
  type DeviceKeyDeps,
  type SafeStorageLike,
} from './device-key';

/**
 * Stands in for Electron's safeStorage (the binary is unavailable here): real AES-256-GCM under a
 * secret that plays the OS keystore's part, so a different "OS account" cannot unwrap the file.
 */
class FakeSafeStorage implements SafeStorageLike {
  readonly osSecret: Buffer;
  available = true;
  backend = 'gnome_libsecret';
  rotate = false;
  encryptCalls = 0;

  constructor(osSecret: Buffer = randomBytes(32)) {
    this.osSecret = osSecret;
  }

  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }

  getSelectedStorageBackend(): string {
    return this.backend;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.encryptCalls += 1;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.osSecret, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('unknown blob version');
    const decipher = createDecipheriv('aes-256-gcm', this.osSecret, encrypted.subarray(3, 15));
    decipher.setAuthTag(encrypted.subarray(15, 31));
    const result = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString(
      'utf8',
    );
    return { result, shouldReEncrypt: this.rotate };
  }
}

let dir: string;
let keyFile: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosk-key-'));
  keyFile = path.join(dir, DEVICE_KEY_FILE_NAME);
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const deps = (safeStorage: SafeStorageLike, platform: NodeJS.Platform = 'linux'): DeviceKeyDeps => ({
  safeStorage,
  fs,
  platform,
  dir,
});

async function failure(promise: Promise<unknown>): Promise<DeviceKeyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeviceKeyError) return error;
    throw error;
  }
  throw new Error('expected a DeviceKeyError');
}

describe('device key: first run and later runs', () => {
  it('generates 32 random bytes once, stores them only wrapped, and unwraps the same key next time', async () => {
    const keystore = new FakeSafeStorage();
    const first = await loadOrCreateDeviceKey(deps(keystore));
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);

    const onDisk = await fs.readFile(keyFile);
    const raw = Buffer.from(first.key);
    expect(onDisk.includes(raw)).toBe(false);
    expect(onDisk.includes(Buffer.from(raw.toString('base64')))).toBe(false);
    expect(onDisk.includes(Buffer.from(raw.toString('hex')))).toBe(false);

    const second = await loadOrCreateDeviceKey(deps(keystore));
    expect(second.created).toBe(false);
    expect(Buffer.from(second.key).equals(raw)).toBe(true);
    expect(await fs.readFile(keyFile)).toEqual(onDisk);
  });

  it('creates the userData folder if it does not exist yet', async () => {
    const nested = path.join(dir, 'first', 'boot');
    const outcome = await loadOrCreateDeviceKey({ ...deps(new FakeSafeStorage()), dir: nested });
    expect(outcome.created).toBe(true);
    await expect(fs.stat(path.join(nested, DEVICE_KEY_FILE_NAME))).resolves.toBeTruthy();
  });

  it('makes a different key on a different device', async () => {
    const a = await loadOrCreateDeviceKey(deps(new FakeSafeStorage()));
    await fs.rm(keyFile);
    const b = await loadOrCreateDeviceKey(deps(new FakeSafeStorage()));
    expect(Buffer.from(a.key).equals(Buffer.from(b.key))).toBe(false);
  });

  it('rewraps the same key when the keystore rotates, and keeps working', async () => {
    const keystore = new FakeSafeStorage();
    const { key } = await loadOrCreateDeviceKey(deps(keystore));
    const before = await fs.readFile(keyFile, 'utf8');
    keystore.rotate = true;
    const rotated = await loadOrCreateDeviceKey(deps(keystore));
    expect(rotated.rewrapped).toBe(true);
    expect(Buffer.from(rotated.key).equals(Buffer.from(key))).toBe(true);
    expect(await fs.readFile(keyFile, 'utf8')).not.toBe(before);
    keystore.rotate = false;
    expect(Buffer.from((await loadOrCreateDeviceKey(deps(keystore))).key).equals(Buffer.from(key))).toBe(
      true,
    );
  });

  it('leaves no temporary file behind', async () => {
    await loadOrCreateDeviceKey(deps(new FakeSafeStorage()));
    expect(await fs.readdir(dir)).toEqual([DEVICE_KEY_FILE_NAME]);
  });
});

describe('device key: refusing an insecure keystore', () => {
  it.each(['basic_text', 'unknown'])('refuses the Linux "%s" backend and writes nothing', async (backend) => {
    const keystore = new FakeSafeStorage();
    keystore.backend = backend;
    const error = await failure(loadOrCreateDeviceKey(deps(keystore, 'linux')));
    expect(error.code).toBe('keystore-insecure');
    expect(error.detail.backend).toBe(backend);
    expect(keystore.encryptCalls).toBe(0);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('refuses basic_text even when a key already exists (the store was changed under us)', async () => {
    const keystore = new FakeSafeStorage();
    await loadOrCreateDeviceKey(deps(keystore));
    keystore.backend = 'basic_text';
    expect((await failure(loadOrCreateDeviceKey(deps(keystore)))).code).toBe('keystore-insecure');
  });

  it.each(['kwallet5', 'kwallet6', 'gnome_libsecret'])('accepts the Linux "%s" backend', async (backend) => {
    const keystore = new FakeSafeStorage();
    keystore.backend = backend;
    await expect(loadOrCreateDeviceKey(deps(keystore, 'linux'))).resolves.toMatchObject({ created: true });
  });

  it('does not apply the Linux backend rule on Windows (DPAPI)', async () => {
    const keystore = new FakeSafeStorage();
    keystore.backend = 'unknown';
    await expect(loadOrCreateDeviceKey(deps(keystore, 'win32'))).resolves.toMatchObject({ created: true });
  });

  it.each(['win32', 'linux', 'darwin'] as const)(
    'refuses when encryption is unavailable (%s)',
    async (platform) => {
      const keystore = new FakeSafeStorage();
      keystore.available = false;
      const error = await failure(loadOrCreateDeviceKey(deps(keystore, platform)));
      expect(error.code).toBe('keystore-unavailable');
      expect(await fs.readdir(dir)).toEqual([]);
    },
  );

  it('refuses when the keystore encrypts but cannot decrypt what it made', async () => {
    const keystore = new FakeSafeStorage();
    keystore.decryptStringAsync = () => Promise.reject(new Error('keyring locked'));
    expect((await failure(loadOrCreateDeviceKey(deps(keystore)))).code).toBe('key-wrap-failed');
    expect(await fs.readdir(dir)).toEqual([]);
  });
});

describe('device key: damaged or foreign key file', () => {
  // Making a fresh key here would orphan every draft encrypted with the old one, so each case must fail
  // loudly and leave the file exactly as it was.
  async function expectRefusal(keystore: FakeSafeStorage, code: string): Promise<void> {
    const before = await fs.readFile(keyFile);
    expect((await failure(loadOrCreateDeviceKey(deps(keystore)))).code).toBe(code);
    expect(await fs.readFile(keyFile)).toEqual(before);
    expect(keystore.encryptCalls).toBe(0);
  }

  it.each([
    ['truncated JSON', '{"format":"dvc-kiosk/device-key","ver'],
    ['an empty file', ''],
    ['JSON of another kind', '{"hello":"world"}'],
    ['a newer format version', '{"format":"dvc-kiosk/device-key","version":2,"wrapped":"AAAA"}'],
    ['a wrapped key that is not base64', '{"format":"dvc-kiosk/device-key","version":1,"wrapped":"%%%"}'],
  ])('refuses %s without making a new key', async (_label, content) => {
    await fs.writeFile(keyFile, content);
    await expectRefusal(new FakeSafeStorage(), 'key-file-corrupt');
  });

  it('refuses a wrapped blob whose bytes were damaged', async () => {
    const keystore = new FakeSafeStorage();
    await loadOrCreateDeviceKey(deps(keystore));
    const record = JSON.parse(await fs.readFile(keyFile, 'utf8')) as { wrapped: string };
    const bytes = Buffer.from(record.wrapped, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await fs.writeFile(keyFile, JSON.stringify({ ...record, wrapped: bytes.toString('base64') }));
    keystore.encryptCalls = 0;
    await expectRefusal(keystore, 'key-unwrap-failed');
  });

  it('refuses a key file from another OS account', async () => {
    await loadOrCreateDeviceKey(deps(new FakeSafeStorage()));
    await expectRefusal(new FakeSafeStorage(), 'key-unwrap-failed');
  });

  it('refuses a file that unwraps to something other than a 32-byte key', async () => {
    const keystore = new FakeSafeStorage();
    const wrapped = await keystore.encryptStringAsync(Buffer.alloc(16).toString('base64'));
    await fs.writeFile(
      keyFile,
      JSON.stringify({ format: 'dvc-kiosk/device-key', version: 1, wrapped: wrapped.toString('base64') }),
    );
    keystore.encryptCalls = 0;
    await expectRefusal(keystore, 'key-file-corrupt');
  });

  it('refuses a key file it cannot read, rather than treating it as absent', async () => {
    await fs.mkdir(keyFile);
    expect((await failure(loadOrCreateDeviceKey(deps(new FakeSafeStorage())))).code).toBe(
      'key-file-unreadable',
    );
  });

  it('reports a disk it cannot write to, and hands out no key that was never saved', async () => {
    const fullDisk = {
      ...fs,
      writeFile: () =>
        Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
    };
    const error = await failure(loadOrCreateDeviceKey({ ...deps(new FakeSafeStorage()), fs: fullDisk }));
    expect(error.code).toBe('key-file-unwritable');
    expect(error.detail.details).toMatch(/ENOSPC/);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
