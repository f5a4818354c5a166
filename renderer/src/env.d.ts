import type { KioskBridge } from '#shared/bridge/kiosk-bridge';

declare global {
  /** The app's version, injected at build time from package.json. */
  const __APP_VERSION__: string;

  interface Window {
    /** Provided by the Electron preload; absent in a plain browser. */
    readonly kiosk?: KioskBridge;
  }
}
