import type { CDPSession, Page } from '@playwright/test';
import { test, expect, e2eServer, locale } from './support/fixtures';

/**
 * The families of the fonts Chromium actually drew a node's text with (CDP CSS.getPlatformFontsForNode;
 * a variable font reports its default instance, e.g. "Noto Sans TC Thin").
 */
async function fontsOf(cdp: CDPSession, selector: string): Promise<string[]> {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  return fonts
    .filter((f) => f.glyphCount > 0)
    .map((f) => f.familyName.replace(/ (Thin|Light|Regular|Medium|Bold|Black)$/, ''));
}

const fontFiles = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => name.endsWith('.woff2')),
  );

test('after a first start in Vietnamese, Chinese renders offline with its own script’s font, and nothing fails', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(`${e2eServer().baseUrl}/`);
  await expect(page.getByTestId('enroll-code')).toBeVisible();
  await page.evaluate(() => document.fonts.ready);

  // A Vietnamese screen loads no Chinese font file …
  const viFonts = await fontFiles(page);
  expect(viFonts.length).toBeGreaterThan(0);
  expect(viFonts.filter((f) => /noto-sans-(tc|sc)-/.test(f))).toEqual([]);
  // … while the installed app holds all of them for later.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('enroll-code')).toBeVisible();
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');

  for (const [lng, family, other] of [
    ['zh-Hant', 'Noto Sans TC', 'Noto Sans SC'],
    ['zh-Hans', 'Noto Sans SC', 'Noto Sans TC'],
  ] as const) {
    await page.getByTestId('language-select').selectOption(lng);
    const title = (locale(lng, 'app').enroll as Record<string, string>).title!;
    await expect(page.locator('#enroll-title')).toHaveText(title);
    await page.evaluate(() => document.fonts.ready);
    for (const selector of ['#enroll-title', '.app-header__title', '.lead']) {
      const fonts = await fontsOf(cdp, selector);
      expect(fonts, `${lng} ${selector}`).toContain(family);
      expect(fonts, `${lng} ${selector}`).not.toContain(other);
    }
  }
  // Vietnamese words inside the Chinese text are drawn with the Vietnamese font.
  expect(await fontsOf(cdp, '.field__hint span[lang="vi"]')).toEqual(['Noto Sans']);
  expect(failed).toEqual([]);
  await context.close();
});
