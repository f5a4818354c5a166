/**
 * The one typed door between the renderer and whatever hosts it: the Electron preload exposes it as
 * `window.kiosk`; in a plain browser (PWA) the renderer installs its own implementation.
 */

/** Structural stand-in for WebCrypto's CryptoKey, so shared/ needs no DOM typings. */
export interface WebCryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: object;
  readonly usages: readonly string[];
}

/**
 * The device's data key. The shell hands over raw bytes unwrapped from the OS keystore, which the
 * renderer imports at once as a non-extractable key; the browser keeps a non-extractable key itself.
 */
export type DeviceKey =
  | { readonly kind: 'raw'; readonly bytes: Uint8Array }
  | { readonly kind: 'webcrypto'; readonly key: WebCryptoKeyLike };

export type PrintResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface KioskBridge {
  readonly host: 'electron' | 'browser';
  appVersion(): Promise<string>;
  deviceKey(): Promise<DeviceKey>;
  /** Prints the current page on the point's configured printer, without a dialog in the shell. */
  print(): Promise<PrintResult>;
}

/** IPC channel names used by the preload and the main process (one place, so they cannot drift). */
export const BRIDGE_CHANNELS = {
  appVersion: 'kiosk:app-version',
  deviceKey: 'kiosk:device-key',
  print: 'kiosk:print',
} as const;
