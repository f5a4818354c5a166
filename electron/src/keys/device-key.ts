import path from 'node:path';
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { errorCode, messageOf } from '../errors/node-error';

export const DEVICE_KEY_FILE_NAME = 'device-key.json';
export const DEVICE_KEY_BYTES = 32;
const FILE_FORMAT = 'dvc-kiosk/device-key';
const FILE_VERSION = 1;

/** The async half of Electron's safeStorage (the sync API is deprecated). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only; meaningful after app `ready`. */
  getSelectedStorageBackend(): string;
}

/** The node:fs/promises functions the key store needs. */
export interface KeyFileSystem {
  readFile(filePath: string, encoding: 'utf8'): Promise<string>;
  writeFile(
    filePath: string,
    data: string,
    options: { encoding: 'utf8'; mode: number; flag: string },
  ): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(dirPath: string, options: { recursive: true }): Promise<unknown>;
}

export type DeviceKeyErrorCode =
  /** Linux without a real secret store: safeStorage would "encrypt" with a hard-coded password. */
  | 'keystore-insecure'
  | 'keystore-unavailable'
  | 'key-file-unreadable'
  | 'key-file-corrupt'
  /** The file is intact but the OS keystore cannot open it (other user, reset keyring…). */
  | 'key-unwrap-failed'
  | 'key-wrap-failed'
  | 'key-file-unwritable';

export class DeviceKeyError extends Error {
  constructor(
    readonly code: DeviceKeyErrorCode,
    message: string,
    readonly detail: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DeviceKeyError';
  }
}

export interface DeviceKeyDeps {
  readonly safeStorage: SafeStorageLike;
  readonly fs: KeyFileSystem;
  readonly platform: NodeJS.Platform;
  /** Electron's userData directory. */
  readonly dir: string;
  readonly randomBytes?: (size: number) => Uint8Array;
}

export interface DeviceKeyOutcome {
  readonly key: Uint8Array;
  readonly created: boolean;
  /** The keystore asked for re-encryption (key rotation) and the file was rewritten. */
  readonly rewrapped: boolean;
}

const INSECURE_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * Returns the device's data key, creating it on the first run. The raw key exists only in memory: on
 * disk there is only the safeStorage-wrapped form. An existing file that cannot be read or unwrapped is
 * an error, never a reason to make a new key — that would orphan every draft encrypted with the old one.
 */
export async function loadOrCreateDeviceKey(deps: DeviceKeyDeps): Promise<DeviceKeyOutcome> {
  await assertKeystoreIsSecure(deps.safeStorage, deps.platform);
  const filePath = path.join(deps.dir, DEVICE_KEY_FILE_NAME);

  let text: string | null;
  try {
    text = await deps.fs.readFile(filePath, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') {
      throw new DeviceKeyError('key-file-unreadable', `Cannot read ${filePath}: ${messageOf(error)}`, {
        path: filePath,
      });
    }
    text = null;
  }

  if (text === null) {
    const key = (deps.randomBytes ?? nodeRandomBytes)(DEVICE_KEY_BYTES);
    if (key.length !== DEVICE_KEY_BYTES) throw new Error('randomBytes returned the wrong length');
    const wrapped = await wrap(deps.safeStorage, key);
    await writeKeyFile(deps, filePath, wrapped);
    return { key: Uint8Array.from(key), created: true, rewrapped: false };
  }

  const wrapped = parseKeyFile(text, filePath);
  const { key, shouldReEncrypt } = await unwrap(deps.safeStorage, wrapped, filePath);
  if (!shouldReEncrypt) return { key, created: false, rewrapped: false };
  // Rotation is an improvement, not a requirement: the old wrapping still opens, so a failure here
  // keeps the existing file and the key.
  try {
    await writeKeyFile(deps, filePath, await wrap(deps.safeStorage, key));
    return { key, created: false, rewrapped: true };
  } catch {
    return { key, created: false, rewrapped: false };
  }
}

async function assertKeystoreIsSecure(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): Promise<void> {
  let available: boolean;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch {
    available = false;
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (INSECURE_LINUX_BACKENDS.has(backend)) {
      throw new DeviceKeyError(
        'keystore-insecure',
        `The Linux password store backend is "${backend}": keys would be protected by a hard-coded password`,
        { backend },
      );
    }
  }
  if (!available)
    throw new DeviceKeyError('keystore-unavailable', 'OS encryption (safeStorage) is not available');
}

async function wrap(safeStorage: SafeStorageLike, key: Uint8Array): Promise<Buffer> {
  const encoded = Buffer.from(key).toString('base64');
  let wrapped: Buffer;
  try {
    wrapped = await safeStorage.encryptStringAsync(encoded);
    // Prove the wrapping opens again before anything depends on it.
    const { result } = await safeStorage.decryptStringAsync(wrapped);
    if (result !== encoded) throw new Error('round trip returned a different value');
  } catch (error) {
    throw new DeviceKeyError(
      'key-wrap-failed',
      `safeStorage could not wrap the device key: ${messageOf(error)}`,
    );
  }
  return wrapped;
}

async function unwrap(
  safeStorage: SafeStorageLike,
  wrapped: Buffer,
  filePath: string,
): Promise<{ key: Uint8Array; shouldReEncrypt: boolean }> {
  let decrypted: { result: string; shouldReEncrypt: boolean };
  try {
    decrypted = await safeStorage.decryptStringAsync(wrapped);
  } catch (error) {
    throw new DeviceKeyError(
      'key-unwrap-failed',
      `safeStorage could not unwrap ${filePath}: ${messageOf(error)}`,
      {
        path: filePath,
      },
    );
  }
  const key = Buffer.from(decrypted.result, 'base64');
  if (key.length !== DEVICE_KEY_BYTES || key.toString('base64') !== decrypted.result) {
    throw new DeviceKeyError(
      'key-file-corrupt',
      `${filePath} unwraps to something that is not a device key`,
      {
        path: filePath,
      },
    );
  }
  return { key: Uint8Array.from(key), shouldReEncrypt: decrypted.shouldReEncrypt };
}

function parseKeyFile(text: string, filePath: string): Buffer {
  const corrupt = (why: string) =>
    new DeviceKeyError('key-file-corrupt', `${filePath} is not a valid device key file: ${why}`, {
      path: filePath,
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt('not JSON');
  }
  if (typeof json !== 'object' || json === null) throw corrupt('not an object');
  const record = json as Record<string, unknown>;
  if (record.format !== FILE_FORMAT || record.version !== FILE_VERSION)
    throw corrupt('unknown format or version');
  const wrapped = record.wrapped;
  if (typeof wrapped !== 'string' || wrapped === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(wrapped)) {
    throw corrupt('missing or malformed wrapped key');
  }
  return Buffer.from(wrapped, 'base64');
}

/** Written to a temporary file and renamed, so a crash never leaves a half-written key file behind. */
async function writeKeyFile(deps: DeviceKeyDeps, filePath: string, wrapped: Buffer): Promise<void> {
  const body = JSON.stringify({
    format: FILE_FORMAT,
    version: FILE_VERSION,
    wrapped: wrapped.toString('base64'),
  });
  const temporary = `${filePath}.${process.pid}.tmp`;
  try {
    await deps.fs.mkdir(deps.dir, { recursive: true });
    await deps.fs.writeFile(temporary, `${body}\n`, { encoding: 'utf8', mode: 0o600, flag: 'w' });
    await deps.fs.rename(temporary, filePath);
  } catch (error) {
    throw new DeviceKeyError('key-file-unwritable', `Cannot write ${filePath}: ${messageOf(error)}`, {
      path: filePath,
      details: messageOf(error),
    });
  }
}
