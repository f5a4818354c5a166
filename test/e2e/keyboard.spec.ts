import type { Locator, Page } from '@playwright/test';
import { test, expect, e2eServer, newPointWithCodes } from './support/fixtures';

/** Presses Tab (only Tab) until `target` has the focus, checking that every stop shows a focus ring. */
async function tabTo(page: Page, target: Locator, maxStops = 60): Promise<void> {
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        what: `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}`,
      };
    });
    if (ring) expect(ring.outline, `focus ring on ${ring.what}`).toBe(true);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('the whole flow works by keyboard alone, with a visible focus ring at every stop', async ({
  browser,
}) => {
  const [code] = (await newPointWithCodes('Điểm e2e – bàn phím', 1)).codes;
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${e2eServer().baseUrl}/`);
  await expect(page.getByTestId('enroll-code')).toBeVisible();

  // The language, by keyboard: English, then back to Vietnamese.
  const language = page.getByTestId('language-select');
  await tabTo(page, language);
  await page.keyboard.press('End');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.keyboard.press('Home');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  await tabTo(page, page.getByTestId('enroll-code'));
  await page.keyboard.type(code!);
  await page.keyboard.press('Enter');
  const start = page.getByTestId('new-draft-ct01');
  await expect(start).toBeVisible();

  await tabTo(page, start);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('draft-editor')).toBeVisible();
  await tabTo(page, page.locator('[data-field="fullName"]'));
  await page.keyboard.type('Trần Văn Bình');
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-field="birthDate"]')).toBeFocused();
  await page.keyboard.type('05/09/1958');
  await tabTo(page, page.getByTestId('check-draft'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('check-result')).toBeVisible();

  await tabTo(page, page.getByTestId('back-to-drafts').last());
  await page.keyboard.press('Enter');
  const row = page.getByTestId('draft-row');
  await expect(row).toHaveCount(1);
  await tabTo(page, row);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-field="fullName"]')).toHaveValue('Trần Văn Bình');
  await expect(page.locator('[data-field="birthDate"]')).toHaveValue('05/09/1958');
  await context.close();
});

test('read aloud is offered only where the system has a voice for the language', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${e2eServer().baseUrl}/`);
  await expect(page.getByTestId('enroll-code')).toBeVisible();
  // Headless Chromium has no voices at all: no button anywhere.
  expect(await page.evaluate(() => speechSynthesis.getVoices().length)).toBe(0);
  await expect(page.getByTestId('read-aloud')).toHaveCount(0);

  // A system with only a Vietnamese voice (voices are the system's, so the list is stood in for here).
  await page.addInitScript(() => {
    const vi = { lang: 'vi-VN', name: 'Tiếng Việt', voiceURI: 'vi', localService: true, default: true };
    const spoken: string[] = [];
    Object.assign(window, { spoken });
    speechSynthesis.getVoices = () => [vi as SpeechSynthesisVoice];
    Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {
      set(this: { chosen?: unknown }, v: unknown) {
        this.chosen = v;
      },
    });
    speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void spoken.push(`${u.lang}: ${u.text}`);
  });
  await page.reload();
  await expect(page.getByTestId('read-aloud').first()).toBeVisible();
  await page.getByTestId('read-aloud').first().click();
  const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  expect(spoken[0]).toMatch(/^vi-VN: Mỗi máy/);
  await page.getByTestId('language-select').selectOption('zh-Hant');
  await expect(page.getByTestId('read-aloud')).toHaveCount(0);
  await context.close();
});
