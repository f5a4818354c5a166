import { cpSync, existsSync, rmSync } from 'node:fs';
import { chromium, type BrowserContext } from '@playwright/test';
import { makeTempFolder, type PlacedFolder } from '../storage/temp-root';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Profile {
  context: BrowserContext;
  /** The profile folder (IndexedDB lives under it) and its filesystem. */
  folder: PlacedFolder;
  /** Closes the browser; the folder is kept (a template to copy) or removed. */
  close(opts?: { keep?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /** Start from a copy of this closed profile instead of an empty one. */
  copyOf?: string;
  /** 'block' keeps the PWA's service worker from installing during a measurement. */
  serviceWorkers?: 'allow' | 'block';
}

/**
 * A Chromium with its own profile in a fresh folder on disk. Persistent on purpose: an ordinary
 * (incognito-like) context keeps IndexedDB in memory, where "strict durability" costs nothing and the figures
 * would lie.
 */
export async function launchProfile(
  root: PlacedFolder,
  label: string,
  opts: LaunchOptions = {},
): Promise<Profile> {
  const folder = makeTempFolder(root, label);
  if (opts.copyOf) cpSync(opts.copyOf, folder.path, { recursive: true });
  const executablePath = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
  const context = await chromium.launchPersistentContext(folder.path, {
    executablePath,
    headless: true,
    args: ARGS,
    serviceWorkers: opts.serviceWorkers ?? 'allow',
  });
  // tsx compiles the bench with esbuild's keepNames, which wraps named inner functions in a `__name` helper;
  // functions the bench runs in a page (evaluate, init scripts) need it there too.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  return {
    context,
    folder,
    async close({ keep = false } = {}) {
      await context.close().catch(() => undefined);
      if (!keep) rmSync(folder.path, { recursive: true, force: true });
    },
  };
}
