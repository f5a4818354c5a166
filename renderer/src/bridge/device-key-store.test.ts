import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadOrCreateDeviceKey } from './device-key-store';

describe('loadOrCreateDeviceKey', () => {
  it('creates a non-extractable AES-GCM key once and returns the same key afterwards', async () => {
    const name = `key-${crypto.randomUUID()}`;
    const first = await loadOrCreateDeviceKey(name);
    expect(first.extractable).toBe(false);
    expect(first.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', first)).rejects.toThrow();

    const again = await loadOrCreateDeviceKey(name);
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      first,
      new TextEncoder().encode('Nguyễn'),
    );
    const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, again, sealed);
    expect(new TextDecoder().decode(opened)).toBe('Nguyễn');
  });
});
