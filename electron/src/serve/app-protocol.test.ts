import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../policy/csp';
import { serveAppRequest, type AppProtocolOptions } from './app-protocol';

let workDir: string;
let options: AppProtocolOptions;
const csp = buildContentSecurityPolicy('https://dvc.example.gov.vn');
const text = (body: Uint8Array | null) => (body === null ? null : Buffer.from(body).toString('utf8'));

beforeAll(async () => {
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosk-protocol-'));
  const rootDir = path.join(workDir, 'dist', 'renderer');
  await fs.mkdir(path.join(rootDir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(rootDir, 'index.html'), '<!doctype html><title>DVC</title>');
  await fs.writeFile(path.join(rootDir, 'assets', 'app.js'), 'console.log("app")');
  await fs.writeFile(path.join(rootDir, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  // A secret next to the bundle that traversal attempts aim at.
  await fs.writeFile(path.join(workDir, 'dist', 'secret.txt'), 'device secret');
  await fs.writeFile(path.join(workDir, 'device-key.json'), '{"wrapped":"x"}');
  options = { rootDir, contentSecurityPolicy: csp, readFile: fs.readFile };
});

afterAll(async () => {
  await fs.rm(workDir, { recursive: true, force: true });
});

describe('serving the renderer over app://kiosk', () => {
  it('serves index.html with the CSP, nosniff and an HTML content type', async () => {
    const response = await serveAppRequest({ method: 'GET', url: 'app://kiosk/index.html' }, options);
    expect(response.status).toBe(200);
    expect(text(response.body)).toContain('<title>DVC</title>');
    expect(response.headers).toMatchObject({
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Content-Type': 'text/html; charset=utf-8',
    });
  });

  it('serves scripts and fonts with their own types', async () => {
    const script = await serveAppRequest({ method: 'GET', url: 'app://kiosk/assets/app.js' }, options);
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(text(script.body)).toBe('console.log("app")');
    const font = await serveAppRequest({ method: 'GET', url: 'app://kiosk/assets/font.woff2' }, options);
    expect(font.headers['Content-Type']).toBe('font/woff2');
  });

  it('serves the app for a deep link (client-side route)', async () => {
    const response = await serveAppRequest({ method: 'GET', url: 'app://kiosk/drafts/42' }, options);
    expect(response.status).toBe(200);
    expect(text(response.body)).toContain('<title>DVC</title>');
  });

  it('answers HEAD without a body', async () => {
    const response = await serveAppRequest({ method: 'HEAD', url: 'app://kiosk/assets/app.js' }, options);
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });

  it('answers 404 for a missing file, still with the CSP', async () => {
    const response = await serveAppRequest({ method: 'GET', url: 'app://kiosk/assets/missing.js' }, options);
    expect(response.status).toBe(404);
    expect(response.headers['Content-Security-Policy']).toBe(csp);
  });

  it('refuses writes', async () => {
    const response = await serveAppRequest({ method: 'POST', url: 'app://kiosk/index.html' }, options);
    expect(response.status).toBe(405);
  });

  it.each([
    'app://kiosk/%2e%2e/secret.txt',
    'app://kiosk/assets/%2E%2E/%2E%2E/secret.txt',
    'app://kiosk/assets%2F..%2F..%2Fsecret.txt',
    'app://kiosk/..%5Csecret.txt',
    'app://kiosk/../../device-key.json',
    'app://kiosk/%2e%2e%2f%2e%2e%2fdevice-key.json',
    'app://kiosk/index.html%00.js',
  ])('never returns a file outside the bundle for %s', async (url) => {
    const response = await serveAppRequest({ method: 'GET', url }, options);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(text(response.body)).toBeNull();
  });

  it('passes on an unexpected read error instead of pretending the file is missing', async () => {
    const failing: AppProtocolOptions = {
      ...options,
      readFile: () => Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })),
    };
    await expect(serveAppRequest({ method: 'GET', url: 'app://kiosk/index.html' }, failing)).rejects.toThrow(
      /EIO/,
    );
  });
});
