import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync, brotliDecompressSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, registerStaticSite } from './static-site';
import type { ZodApp } from './types';

const SCRIPT = 'console.log("the first screen");'.repeat(40);

describe('the static kiosk', () => {
  const root = mkdtempSync(join(tmpdir(), 'dvc-static-site-'));
  const app = Fastify() as unknown as ZodApp;

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    const asset = join(root, 'assets', 'index-Ab12Cd34.js');
    writeFileSync(asset, SCRIPT);
    writeFileSync(`${asset}.br`, brotliCompressSync(SCRIPT));
    writeFileSync(`${asset}.gz`, gzipSync(SCRIPT));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(root, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await registerStaticSite(app, root);
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the precompressed copy the browser accepts, brotli first, and the plain file otherwise', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
  });

  it('lets hashed files be kept for a year and makes the entry page be asked for again', async () => {
    expect((await get('/assets/index-Ab12Cd34.js', 'br')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    expect((await get('/index.html', 'br')).headers['cache-control']).toBe('no-cache');
    expect((await get('/icon.svg')).headers['cache-control']).toBe('public, max-age=3600');
  });

  it('decides the lifetime from the file, whichever compressed copy is sent', () => {
    expect(cacheControlFor('/srv/kiosk/sw.js.br')).toBe('no-cache');
    expect(cacheControlFor('/srv/kiosk/workbox-2fbc6a65.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/srv/kiosk/assets/noto-sans-tc-12-wght-normal-Dx8.woff2')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(cacheControlFor('/srv/kiosk/manifest.webmanifest.gz')).toBe('public, max-age=3600');
  });
});
