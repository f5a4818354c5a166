import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';

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
  close(): Promise<void>;
}

/**
 * A Chromium with its own on-disk profile. Persistent on purpose: an ordinary (incognito-like) context keeps
 * IndexedDB in memory, where "strict durability" costs nothing and the figures would lie.
 */
export async function launchProfile(label: string): Promise<Profile> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), `dvc-bench-${label}-`));
  const executablePath = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ARGS,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
