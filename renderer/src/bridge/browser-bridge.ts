import type { KioskBridge } from '#shared/bridge/kiosk-bridge';
import { loadOrCreateDeviceKey } from './device-key-store';

const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';

/** The bridge when the app runs as a PWA in a plain browser, without the Electron shell. */
export function createBrowserBridge(): KioskBridge {
  let key: Promise<CryptoKey> | null = null;
  return {
    host: 'browser',
    appVersion: async () => APP_VERSION,
    deviceKey: async () => {
      key ??= loadOrCreateDeviceKey();
      return { kind: 'webcrypto', key: await key };
    },
    print: async () => {
      window.print();
      return { ok: true };
    },
  };
}
