import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '#shared/bridge/kiosk-bridge';
import { bundleShell, type BundleShellResult } from './bundle-shell';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let outDir: string;
let bundles: BundleShellResult;

beforeAll(async () => {
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosk-bundle-'));
  bundles = await bundleShell({ repoRoot, outDir });
});

afterAll(async () => {
  await fs.rm(outDir, { recursive: true, force: true });
});

function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? ''))].sort();
}

/** Runs the preload as Chromium's sandbox would: a `require` that knows only 'electron'. */
function runPreload(code: string, invoke: (channel: string, ...args: unknown[]) => Promise<unknown>) {
  const exposed = new Map<string, unknown>();
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
    ipcRenderer: { invoke },
  };
  const sandboxRequire = (name: string) => {
    if (name !== 'electron') throw new Error(`module not found: ${name}`);
    return electron;
  };
  const module = { exports: {} };
  vm.runInNewContext(code, {
    require: sandboxRequire,
    module,
    exports: module.exports,
    Uint8Array,
    ArrayBuffer,
    Object,
    TypeError,
  });
  return exposed;
}

describe('shell bundles', () => {
  it('writes dist/electron/main.cjs and preload.cjs as CommonJS', async () => {
    expect(path.basename(bundles.mainFile)).toBe('main.cjs');
    expect(path.basename(bundles.preloadFile)).toBe('preload.cjs');
    const main = await fs.readFile(bundles.mainFile, 'utf8');
    expect(main.startsWith('"use strict"')).toBe(true);
  });

  it('keeps the sandboxed preload to a single file that requires only electron', async () => {
    expect(requiredModules(await fs.readFile(bundles.preloadFile, 'utf8'))).toEqual(['electron']);
  });

  it('leaves electron external in the main bundle, and needs nothing but Node built-ins besides', async () => {
    const modules = requiredModules(await fs.readFile(bundles.mainFile, 'utf8'));
    expect(modules).toContain('electron');
    expect(modules.filter((name) => name !== 'electron' && !name.startsWith('node:'))).toEqual([]);
  });

  it('exposes window.kiosk with host "electron" and nothing of ipcRenderer', async () => {
    const exposed = runPreload(await fs.readFile(bundles.preloadFile, 'utf8'), () => Promise.resolve(null));
    expect([...exposed.keys()]).toEqual(['kiosk']);
    const kiosk = exposed.get('kiosk') as Record<string, unknown>;
    expect(kiosk.host).toBe('electron');
    expect(Object.keys(kiosk).sort()).toEqual(['appVersion', 'deviceKey', 'host', 'print']);
    // Only the host name and the three bridge functions: no ipcRenderer, emitter or channel table.
    expect(Object.values(kiosk).every((value) => typeof value === 'function' || value === 'electron')).toBe(
      true,
    );
  });

  it('answers the bridge over the shared channels, with the key as raw bytes', async () => {
    const calls: unknown[][] = [];
    const replies: Record<string, unknown> = {
      [BRIDGE_CHANNELS.appVersion]: '0.1.0',
      [BRIDGE_CHANNELS.deviceKey]: new Uint8Array(32).fill(5),
      [BRIDGE_CHANNELS.print]: { ok: false, reason: 'printer-not-found' },
    };
    const exposed = runPreload(await fs.readFile(bundles.preloadFile, 'utf8'), (channel, ...args) => {
      calls.push([channel, ...args]);
      return Promise.resolve(replies[channel]);
    });
    const kiosk = exposed.get('kiosk') as {
      appVersion(): Promise<string>;
      deviceKey(): Promise<{ kind: string; bytes: Uint8Array }>;
      print(): Promise<unknown>;
    };
    expect(await kiosk.appVersion()).toBe('0.1.0');
    const key = await kiosk.deviceKey();
    expect(key.kind).toBe('raw');
    expect([...key.bytes]).toEqual(Array.from({ length: 32 }, () => 5));
    expect(await kiosk.print()).toEqual({ ok: false, reason: 'printer-not-found' });
    // The page passes nothing through: each call sends only its channel name.
    expect(calls).toEqual([
      [BRIDGE_CHANNELS.appVersion],
      [BRIDGE_CHANNELS.deviceKey],
      [BRIDGE_CHANNELS.print],
    ]);
  });
});
