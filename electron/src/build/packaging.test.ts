import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Arch, build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleShell } from './bundle-shell';

/**
 * Runs electron-builder.yml for real against a stand-in Electron distribution (the real one cannot be
 * downloaded here). The stand-in executable carries Electron's fuse wire with its default states, so
 * the test sees exactly which fuses packaging flips.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];
// Electron's shipped defaults, in wire order.
const DEFAULT_WIRE = '10110001';

interface AsarEntry {
  readonly files?: Record<string, AsarEntry>;
  readonly offset?: string;
  readonly size?: number;
}

/** Reads an asar archive: a pickled JSON header (file tree with offsets) followed by the file bytes. */
async function readAsar(file: string): Promise<{ paths: string[]; read(name: string): string }> {
  const archive = await fs.readFile(file);
  const headerSize = archive.readUInt32LE(4);
  const jsonLength = archive.readUInt32LE(12);
  const header = JSON.parse(archive.subarray(16, 16 + jsonLength).toString('utf8')) as AsarEntry;
  const paths: string[] = [];
  const walk = (entry: AsarEntry, prefix: string) => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      paths.push(`${prefix}/${name}`);
      walk(child, `${prefix}/${name}`);
    }
  };
  walk(header, '');
  return {
    paths: paths.sort(),
    read(name) {
      const entry = header.files?.[name];
      const start = 8 + headerSize + Number(entry?.offset);
      return archive.subarray(start, start + (entry?.size ?? 0)).toString('utf8');
    },
  };
}

let workDir: string;
let unpacked: string;

beforeAll(async () => {
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosk-package-'));
  const project = path.join(workDir, 'project');
  const fakeDist = path.join(workDir, 'electron-dist');
  await fs.mkdir(path.join(project, 'dist', 'renderer'), { recursive: true });
  await fs.mkdir(path.join(fakeDist, 'locales'), { recursive: true });
  await fs.mkdir(path.join(fakeDist, 'resources'), { recursive: true });

  await bundleShell({ repoRoot, outDir: path.join(project, 'dist', 'electron') });
  await fs.writeFile(
    path.join(project, 'dist', 'renderer', 'index.html'),
    '<!doctype html><title>DVC</title>',
  );
  await fs.copyFile(path.join(repoRoot, 'package.json'), path.join(project, 'package.json'));
  await fs.symlink(path.join(repoRoot, 'node_modules'), path.join(project, 'node_modules'), 'junction');
  const config = await fs.readFile(path.join(repoRoot, 'electron-builder.yml'), 'utf8');
  await fs.writeFile(
    path.join(project, 'electron-builder.yml'),
    `${config}\nelectronDist: ${JSON.stringify(fakeDist)}\nelectronVersion: '45.5.0'\n`,
  );

  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
  ]);
  await fs.writeFile(path.join(fakeDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'), wire]), {
    mode: 0o755,
  });
  for (const locale of ['vi', 'zh-TW', 'zh-CN', 'en-US', 'fr', 'ja', 'ru']) {
    await fs.writeFile(path.join(fakeDist, 'locales', `${locale}.pak`), locale);
  }
  await fs.writeFile(path.join(fakeDist, 'version'), '45.5.0');

  await build({
    projectDir: project,
    config: path.join(project, 'electron-builder.yml'),
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
  });
  unpacked = path.join(project, 'dist', 'installers', 'linux-unpacked');
}, 120_000);

afterAll(async () => {
  await fs.rm(workDir, { recursive: true, force: true });
});

describe('packaging with electron-builder.yml', () => {
  it('puts only the two bundles, the renderer and package.json in app.asar — no node_modules', async () => {
    const asar = await readAsar(path.join(unpacked, 'resources', 'app.asar'));
    expect(asar.paths).toEqual([
      '/dist',
      '/dist/electron',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer',
      '/dist/renderer/index.html',
      '/package.json',
    ]);
    expect((JSON.parse(asar.read('package.json')) as { main: string }).main).toBe('dist/electron/main.cjs');
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or inspector; cookies encrypted; asar-only with integrity', async () => {
    const binary = await fs.readFile(path.join(unpacked, 'dvc-kiosk'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = binary.subarray(at + 2, at + 2 + (binary[at + 1] ?? 0)).toString();
    const fuses = Object.fromEntries(FUSE_NAMES.map((name, i) => [name, wire[i] === '1']));
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps Chromium UI locales for the four app languages only', async () => {
    expect((await fs.readdir(path.join(unpacked, 'locales'))).sort()).toEqual([
      'en-US.pak',
      'vi.pak',
      'zh-CN.pak',
      'zh-TW.pak',
    ]);
  });
});
