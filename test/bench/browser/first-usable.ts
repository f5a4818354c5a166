import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';

/**
 * Waits, frame by frame, until `selector` is on screen and enabled, and returns when that became true in
 * milliseconds since the navigation started (the page's own clock).
 */
export async function firstUsable(page: Page, selector: string): Promise<number> {
  const handle = await page.waitForFunction(
    (sel) => {
      const el = document.querySelector<HTMLInputElement | HTMLButtonElement>(sel);
      return el && !el.disabled && el.getBoundingClientRect().height > 0 ? performance.now() : false;
    },
    selector,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** The JavaScript files the page had started fetching before `beforeMs`, as paths under the site's root. */
export async function scriptsBefore(page: Page, beforeMs: number): Promise<string[]> {
  return page.evaluate(
    (limit) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime < limit && new URL(e.name).pathname.endsWith('.js'))
        .map((e) => new URL(e.name).pathname),
    beforeMs,
  );
}

/** KiB of those files gzipped at level 9, read from the built folder. */
export function gzipKiB(root: string, paths: readonly string[]): number {
  const bytes = [...new Set(paths)].reduce(
    (sum, p) => sum + gzipSync(readFileSync(path.join(root, p)), { level: 9 }).length,
    0,
  );
  return bytes / 1024;
}
