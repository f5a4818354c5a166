/**
 * Hybrid logical clock timestamps, encoded as strings whose lexicographic order is the clock order:
 * `<physical ms, 13 decimal digits>:<counter, 4 hex digits>:<device id>`.
 * The device id is the tie-break, so two devices never produce the same timestamp, and the encoded
 * timestamp of an edit doubles as that edit's operation id.
 */
export interface Hlc {
  readonly physical: number;
  readonly counter: number;
  readonly deviceId: string;
}

export const HLC_PATTERN = /^\d{13}:[0-9a-f]{4}:[A-Za-z0-9_-]{1,64}$/;
export const MAX_COUNTER = 0xffff;
/** The largest physical time the 13-digit encoding holds (year 2286). */
export const MAX_PHYSICAL = 9_999_999_999_999;
/** Length of `<physical>:<counter>:`, after which the device id starts. */
const DEVICE_OFFSET = 19;

export function encodeHlc(t: Hlc): string {
  return `${String(t.physical).padStart(13, '0')}:${t.counter.toString(16).padStart(4, '0')}:${t.deviceId}`;
}

export function decodeHlc(s: string): Hlc {
  if (!HLC_PATTERN.test(s)) throw new Error(`not an HLC timestamp: ${s}`);
  const [physical, counter, deviceId] = s.split(':') as [string, string, string];
  return { physical: Number(physical), counter: parseInt(counter, 16), deviceId };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The device id of an encoded timestamp, without decoding the rest (hot path of the merge). */
export function hlcDevice(s: string): string {
  return s.slice(DEVICE_OFFSET);
}
