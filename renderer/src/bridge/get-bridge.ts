import type { KioskBridge } from '#shared/bridge/kiosk-bridge';
import { createBrowserBridge } from './browser-bridge';

let browserBridge: KioskBridge | null = null;

/** The shell's bridge when the preload provided one, else the browser's own implementation. */
export function getBridge(): KioskBridge {
  if (window.kiosk) return window.kiosk;
  browserBridge ??= createBrowserBridge();
  return browserBridge;
}
