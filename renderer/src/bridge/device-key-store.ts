import Dexie, { type Table } from 'dexie';

interface KeyRecord {
  readonly id: string;
  readonly key: CryptoKey;
}

const DEVICE_KEY_ID = 'device';

/** The browser's device key lives in its own small database, apart from the data it protects. */
class KeyDb extends Dexie {
  declare keys: Table<KeyRecord, string>;

  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ keys: 'id' });
  }
}

/**
 * Returns the device's AES-GCM key, generating it on first use. It is non-extractable: script can use it
 * but never read its bytes, and IndexedDB stores the CryptoKey object itself (it is structured-cloneable).
 * Two tabs racing on first start both end up with the key that was stored first.
 */
export async function loadOrCreateDeviceKey(dbName = 'dvc-kiosk-key'): Promise<CryptoKey> {
  const db = new KeyDb(dbName);
  try {
    const existing = await db.keys.get(DEVICE_KEY_ID);
    if (existing) return existing.key;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    return await db.transaction('rw', db.keys, async () => {
      const raced = await db.keys.get(DEVICE_KEY_ID);
      if (raced) return raced.key;
      await db.keys.add({ id: DEVICE_KEY_ID, key });
      return key;
    });
  } finally {
    db.close();
  }
}
