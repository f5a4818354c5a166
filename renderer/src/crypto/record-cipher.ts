import type { DeviceKey } from '#shared/bridge/kiosk-bridge';

/** What a sensitive record looks like at rest: AES-GCM output and the 96-bit IV it was made with. */
export interface Sealed {
  readonly iv: Uint8Array;
  readonly ciphertext: ArrayBuffer;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Turns the bridge's device key into a non-extractable AES-GCM key usable only to encrypt and decrypt. */
export async function importDeviceKey(key: DeviceKey): Promise<CryptoKey> {
  if (key.kind === 'webcrypto') return key.key as CryptoKey;
  return crypto.subtle.importKey('raw', key.bytes as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/**
 * Encrypts a JSON value. `context` (e.g. `draft:<id>`) is bound as associated data, so a ciphertext copied
 * onto another record fails to decrypt instead of silently showing someone else's data.
 */
export async function sealJson(key: CryptoKey, context: string, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  return { iv, ciphertext };
}

export async function openJson(key: CryptoKey, context: string, sealed: Sealed): Promise<unknown> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer>, additionalData: encoder.encode(context) },
    key,
    sealed.ciphertext,
  );
  return JSON.parse(decoder.decode(plain)) as unknown;
}

/** Encrypts bytes (an attachment) under `context`, like sealJson. */
export async function sealBytes(key: CryptoKey, context: string, bytes: ArrayBuffer): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    bytes,
  );
  return { iv, ciphertext };
}

export async function openBytes(key: CryptoKey, context: string, sealed: Sealed): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer>, additionalData: encoder.encode(context) },
    key,
    sealed.ciphertext,
  );
}

/** Lower-case hex SHA-256 of the bytes: an attachment's content address. */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}
