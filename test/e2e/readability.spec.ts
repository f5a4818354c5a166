import { LANGUAGES } from '../../renderer/src/i18n/languages';
import { test, expect, e2eServer, locale, newPointWithCodes } from './support/fixtures';
import {
  expectNoAxeFindings,
  expectReadableLayout,
  kioskContext,
  setDefaultFontSize,
  WINDOWS,
} from './support/readability';

const text = (lng: string, key: string): string => {
  let node: unknown = locale(lng, 'app');
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  return node as string;
};

// Three screens, axe and layout checks each: slower than the default budget on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

// Every screen, in every language, at 1366×768 and at 200% zoom (the same page at half the CSS width and
// height, as the browser lays it out zoomed): axe finds nothing, the header leaves at least three quarters
// of the screen, nothing runs off it, every target is at least 44 px.
for (const { code: lng } of LANGUAGES) {
  test(`${lng}: every screen is readable and axe-clean at 1366×768 and at 200% zoom`, async ({ browser }) => {
    const [code] = (await newPointWithCodes(`Điểm e2e – ${lng}`, 1)).codes;
    const context = await kioskContext(browser, '1366×768', lng);
    const page = await context.newPage();
    await page.goto(`${e2eServer().baseUrl}/`);
    await expect(page.getByTestId('enroll-code')).toBeVisible();
    await expect(page).toHaveTitle(text(lng, 'app.title'));
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    await checkScreen(page, `${lng} enroll`);

    await page.getByTestId('enroll-server-url').fill(e2eServer().baseUrl);
    await page.getByTestId('enroll-code').fill('nope');
    await page.getByTestId('enroll-submit').click();
    await expect(page.getByTestId('enroll-error')).toBeVisible();
    await checkScreen(page, `${lng} enroll error`);

    await page.getByTestId('enroll-code').fill(code!);
    await page.getByTestId('enroll-submit').click();
    await expect(page.getByTestId('new-draft-ct01')).toBeVisible();
    await checkScreen(page, `${lng} drafts`);

    await page.getByTestId('new-draft-ct01').click();
    await expect(page.getByTestId('draft-editor')).toBeVisible();
    await page.getByTestId('check-draft').click();
    await expect(page.getByTestId('check-result')).toBeVisible();
    await checkScreen(page, `${lng} editor`);
    await context.close();
  });
}

/** Checks the screen in both windows, and leaves the page at its normal size. */
async function checkScreen(page: import('@playwright/test').Page, what: string): Promise<void> {
  for (const [window, { viewport }] of Object.entries(WINDOWS)) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => document.fonts.ready);
    await expectNoAxeFindings(page, `${what}, ${window}`);
    await expectReadableLayout(page, `${what}, ${window}`);
  }
  // Markup of the translations never shows; no system voice here, so no "read aloud" button either.
  await expect(page.locator('body')).not.toContainText('<vi>');
  await expect(page.getByTestId('read-aloud')).toHaveCount(0);
}

test('at a 24 px default font, everything grows and the header still leaves three quarters', async ({
  browser,
}) => {
  const [code] = (await newPointWithCodes('Điểm e2e – chữ lớn', 1)).codes;
  const context = await kioskContext(browser, '1366×768', 'vi');
  const page = await context.newPage();
  await setDefaultFontSize(page, 24);
  await page.goto(`${e2eServer().baseUrl}/`);
  await expect(page.getByTestId('enroll-code')).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('30px');
  await expectReadableLayout(page, '24 px enroll');
  await page.getByTestId('enroll-server-url').fill(e2eServer().baseUrl);
  await page.getByTestId('enroll-code').fill(code!);
  await page.getByTestId('enroll-submit').click();
  await expect(page.getByTestId('new-draft-ct01')).toBeVisible();
  await expectReadableLayout(page, '24 px drafts');
  await page.getByTestId('new-draft-ct01').click();
  await expect(page.getByTestId('draft-editor')).toBeVisible();
  await expectReadableLayout(page, '24 px editor');
  await context.close();
});
