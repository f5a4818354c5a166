import { describe, expect, it } from 'vitest';
import { toAppVersion, toDeviceKey, toPrintResult } from './responses';

describe('bridge response checks', () => {
  it('hands the device key over as a raw 32-byte copy', () => {
    const bytes = new Uint8Array(32).map((_, i) => i);
    const key = toDeviceKey(bytes);
    expect(key.kind).toBe('raw');
    if (key.kind !== 'raw') throw new Error('unreachable');
    expect([...key.bytes]).toEqual([...bytes]);
    bytes[0] = 99;
    expect(key.bytes[0]).toBe(0);
  });

  it('accepts a key that is a view into a larger buffer (as IPC may deliver)', () => {
    const backing = new Uint8Array(64).fill(7);
    const key = toDeviceKey(new Uint8Array(backing.buffer, 16, 32));
    expect(key.kind === 'raw' && key.bytes.length).toBe(32);
  });

  it.each([
    ['a short key', new Uint8Array(16)],
    ['a string', 'AAAA'],
    ['a number array', Array.from({ length: 32 }, () => 1)],
    ['another typed array', new Uint16Array(32)],
    ['nothing', undefined],
  ])('refuses %s as a device key', (_label, value) => {
    expect(() => toDeviceKey(value)).toThrow(/invalid device key/);
  });

  it('checks print results and versions', () => {
    expect(toPrintResult({ ok: true })).toEqual({ ok: true });
    expect(toPrintResult({ ok: false, reason: 'busy', extra: 1 })).toEqual({ ok: false, reason: 'busy' });
    expect(() => toPrintResult({ ok: false })).toThrow();
    expect(() => toPrintResult(null)).toThrow();
    expect(toAppVersion('0.1.0')).toBe('0.1.0');
    expect(() => toAppVersion('')).toThrow();
  });
});
