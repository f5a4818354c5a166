import type { Page } from '@playwright/test';
import { test, expect, enrollInUi, newPointWithCodes } from './support/fixtures';

async function fieldError(page: Page, field: string) {
  return page.getByTestId(`field-error-${field}`);
}

// (e) Bad input is refused with a message in the current language, and the rest of the draft is kept.
test('an invalid ID number, phone or date is refused in the current language; the rest stays', async ({
  browser,
}) => {
  const { codes } = await newPointWithCodes('Điểm e2e – kiểm tra', 1);
  const context = await browser.newContext();
  const page = await context.newPage();
  await enrollInUi(page, codes[0]!);
  await page.getByTestId('new-draft-ct01').click();
  await expect(page.getByTestId('draft-editor')).toBeVisible();

  await page.locator('[data-field="fullName"]').fill('Lâm Quách Hoà');
  await page.locator('[data-field="personalId"]').fill('079190000555');
  await page.locator('[data-field="personalId"]').blur();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', /saved|pending|synced/);

  await page.getByTestId('language-select').selectOption('en');
  await page.locator('[data-field="phone"]').fill('12345');
  await page.locator('[data-field="phone"]').blur();
  const phoneError = await fieldError(page, 'phone');
  await expect(phoneError).toBeVisible();
  await expect(phoneError).toHaveText(/[A-Za-z]{3,}/);
  await expect(phoneError).not.toHaveText(/[\u4e00-\u9fff]/);

  await page.getByTestId('language-select').selectOption('zh-Hans');
  await expect(phoneError).toHaveText(/[\u4e00-\u9fff]/);
  await page.locator('[data-field="birthDate"]').fill('31/02/1990');
  await page.locator('[data-field="birthDate"]').blur();
  await expect(await fieldError(page, 'birthDate')).toHaveText(/[\u4e00-\u9fff]/);

  await page.getByTestId('language-select').selectOption('vi');
  await page.locator('[data-field="personalId"]').fill('07919000055');
  await page.locator('[data-field="personalId"]').blur();
  const idError = await fieldError(page, 'personalId');
  await expect(idError).toBeVisible();
  await expect(idError).toHaveText(/\d|số|định danh|12/i);
  await expect(page.locator('[data-field="personalId"]')).toHaveValue('07919000055');

  // The refused values are not saved; what was valid is still there after a reload.
  await page.reload();
  await expect(page.locator('[data-field="fullName"]')).toHaveValue('Lâm Quách Hoà');
  await expect(page.locator('[data-field="personalId"]')).toHaveValue('079190000555');
  await expect(page.locator('[data-field="phone"]')).toHaveValue('');
  await context.close();
});
