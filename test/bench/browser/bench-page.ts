import type { BrowserContext, Page } from '@playwright/test';

/** Opens a bench page and waits until it has installed `window.bench`; a page error fails fast with its message. */
export async function openBenchPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  try {
    await page.waitForFunction(() => 'bench' in window, undefined, { timeout: 15_000 });
  } catch {
    throw new Error(`bench page ${url} did not start${errors.length ? `: ${errors.join('; ')}` : ''}`);
  }
  return page;
}
