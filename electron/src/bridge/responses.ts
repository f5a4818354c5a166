import type { DeviceKey, PrintResult } from '#shared/bridge/kiosk-bridge';

/**
 * The preload checks what comes back over IPC before handing it to the page, so the bridge keeps its
 * typed promise even if the main process misbehaves. Kept free of dependencies: it is bundled into the
 * sandboxed preload.
 */
export const DEVICE_KEY_LENGTH = 32;

export function toAppVersion(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError('kiosk bridge: invalid app version');
  return value;
}

export function toDeviceKey(value: unknown): DeviceKey {
  // Checked by tag rather than instanceof: IPC may hand over an array from another realm.
  if (!ArrayBuffer.isView(value) || Object.prototype.toString.call(value) !== '[object Uint8Array]') {
    throw new TypeError('kiosk bridge: invalid device key');
  }
  const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
  if (bytes.length !== DEVICE_KEY_LENGTH) throw new TypeError('kiosk bridge: invalid device key');
  return { kind: 'raw', bytes };
}

export function toPrintResult(value: unknown): PrintResult {
  if (typeof value === 'object' && value !== null && 'ok' in value) {
    if (value.ok === true) return { ok: true };
    if (value.ok === false && 'reason' in value && typeof value.reason === 'string') {
      return { ok: false, reason: value.reason };
    }
  }
  throw new TypeError('kiosk bridge: invalid print result');
}
