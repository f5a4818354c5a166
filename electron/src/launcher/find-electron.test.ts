import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './find-electron';

let dir: string;
let packageDir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'find-electron-'));
  packageDir = path.join(dir, 'node_modules', 'electron');
  await fs.mkdir(packageDir, { recursive: true });
  await fs.writeFile(path.join(packageDir, 'package.json'), '{"name":"electron","version":"45.5.0"}');
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function putFile(filePath: string): Promise<void> {
  await fs.mkdir(path.dirname(filePath), { recursive: true });
  await fs.writeFile(filePath, '#!/bin/sh\n');
}

describe('findElectronBinary', () => {
  it('finds the binary the electron package downloaded (dist + path.txt)', async () => {
    await fs.writeFile(path.join(packageDir, 'path.txt'), 'electron');
    await putFile(path.join(packageDir, 'dist', 'electron'));
    expect(findElectronBinary({ env: {}, platform: 'linux', electronPackageDir: packageDir })).toEqual({
      path: path.join(packageDir, 'dist', 'electron'),
      source: 'package',
    });
  });

  it('says plainly that a typings-only install has no binary', () => {
    const result = findElectronBinary({ env: {}, platform: 'linux', electronPackageDir: packageDir });
    expect(result.path).toBeNull();
    expect(result.reason).toMatch(/never downloaded/);
    expect(result.reason).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
  });

  it('notices an incomplete download (path.txt but no executable)', async () => {
    await fs.writeFile(path.join(packageDir, 'path.txt'), 'electron');
    const result = findElectronBinary({ env: {}, platform: 'linux', electronPackageDir: packageDir });
    expect(result.path).toBeNull();
    expect(result.reason).toMatch(/incomplete/);
  });

  it('uses ELECTRON_OVERRIDE_DIST_PATH with the platform executable name', async () => {
    const distDir = path.join(dir, 'electron-dist');
    await putFile(path.join(distDir, 'electron.exe'));
    expect(
      findElectronBinary({
        env: { ELECTRON_OVERRIDE_DIST_PATH: distDir },
        platform: 'win32',
        electronPackageDir: packageDir,
      }),
    ).toEqual({ path: path.join(distDir, 'electron.exe'), source: 'override' });
  });

  it('prefers the override over the package, like the electron package does', async () => {
    await fs.writeFile(path.join(packageDir, 'path.txt'), 'electron');
    await putFile(path.join(packageDir, 'dist', 'electron'));
    const distDir = path.join(dir, 'system-electron');
    await putFile(path.join(distDir, 'electron'));
    const result = findElectronBinary({
      env: { ELECTRON_OVERRIDE_DIST_PATH: distDir },
      platform: 'linux',
      electronPackageDir: packageDir,
    });
    expect(result).toEqual({ path: path.join(distDir, 'electron'), source: 'override' });
  });

  it('explains an override that points at nothing', () => {
    const missing = path.join(dir, 'nowhere');
    const result = findElectronBinary({
      env: { ELECTRON_OVERRIDE_DIST_PATH: missing },
      platform: 'linux',
      electronPackageDir: packageDir,
    });
    expect(result.path).toBeNull();
    expect(result.reason).toContain(path.join(missing, 'electron'));
  });

  it('explains when the electron package is not installed at all', () => {
    const result = findElectronBinary({ env: {}, platform: 'linux', electronPackageDir: null });
    expect(result.path).toBeNull();
    expect(result.reason).toMatch(/not installed/);
  });

  it('never downloads: on this machine it answers from the installed typings-only package', () => {
    const result = findElectronBinary({ env: {} });
    if (result.path === null) expect(result.reason.length).toBeGreaterThan(20);
    else expect(result.source).toBe('package');
  });
});
