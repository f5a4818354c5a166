import type { Page } from '@playwright/test';
import { test, expect, newPointWithCodes, openKiosk } from './support/fixtures';

// (a) The point's two PCs, their clocks a day ahead and a day behind, edit one draft offline — different
// fields and the same field — then come back online: both show the same values, and the same-field
// collision is flagged on both for a person to settle.

const DAY_MS = 86_400_000;

async function type(page: Page, field: string, value: string): Promise<void> {
  const input = page.locator(`[data-field="${field}"]`);
  await input.fill(value);
  await input.blur();
}

test('two PCs with skewed clocks edit offline and converge; the same-field collision is flagged on both', async ({
  browser,
}) => {
  const { codes } = await newPointWithCodes('Điểm e2e – hội tụ', 2);
  const pc1 = await openKiosk(browser, codes[0]!, { label: 'PC 1', clockSkewMs: +DAY_MS });
  const pc2 = await openKiosk(browser, codes[1]!, { label: 'PC 2', clockSkewMs: -DAY_MS });
  expect(
    Math.abs((await pc1.evaluate(() => Date.now())) - (await pc2.evaluate(() => Date.now()))),
  ).toBeGreaterThan(DAY_MS);

  await pc1.getByTestId('new-draft-ct01').click();
  const draftId = (await pc1.getByTestId('draft-editor').getAttribute('data-draft-id')) ?? '';
  await type(pc1, 'fullName', 'Nguyễn Văn An');
  await expect(pc1.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced');
  await pc2.locator(`[data-testid="draft-row"][data-draft-id="${draftId}"]`).click();
  await expect(pc2.locator('[data-field="fullName"]')).toHaveValue('Nguyễn Văn An');

  // Both lose the network and edit: PC 1 the phone, PC 2 the e-mail, and both the name.
  await pc1.context().setOffline(true);
  await pc2.context().setOffline(true);
  await type(pc1, 'phone', '0901234567');
  await type(pc1, 'fullName', 'Nguyễn Văn Ân');
  await type(pc2, 'email', 'an@example.vn');
  await type(pc2, 'fullName', 'Nguyễn Văn Anh');
  for (const pc of [pc1, pc2]) {
    await expect(pc.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
    await expect(pc.getByTestId('sync-state')).toHaveAttribute('data-state', 'waiting');
  }

  await pc1.context().setOffline(false);
  await pc2.context().setOffline(false);

  // Converged: the same visible values on both, the collision flagged on both with both names offered.
  for (const pc of [pc1, pc2]) {
    await expect(pc.locator('[data-field="phone"]')).toHaveValue(/^0901\s?234\s?567$/, { timeout: 20_000 });
    await expect(pc.locator('[data-field="email"]')).toHaveValue('an@example.vn', { timeout: 20_000 });
    await expect(pc.getByTestId('conflict-fullName')).toBeVisible({ timeout: 20_000 });
    await expect(pc.getByTestId('conflict-fullName')).toContainText('Nguyễn Văn Ân');
    await expect(pc.getByTestId('conflict-fullName')).toContainText('Nguyễn Văn Anh');
    await expect(pc.getByTestId('draft-conflicts')).toBeVisible();
    await expect(pc.getByTestId('sync-state')).toHaveAttribute('data-state', 'conflict');
  }
  const shown1 = await pc1.locator('[data-field="fullName"]').inputValue();
  await expect(pc2.locator('[data-field="fullName"]')).toHaveValue(shown1);

  // A person keeps one name on PC 2: the flag clears on both, both show that name.
  await pc2.getByTestId('conflict-fullName').getByRole('button').last().click();
  for (const pc of [pc1, pc2]) {
    await expect(pc.getByTestId('conflict-fullName')).toHaveCount(0, { timeout: 20_000 });
    await expect(pc.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  }
  const kept = await pc2.locator('[data-field="fullName"]').inputValue();
  expect(['Nguyễn Văn Ân', 'Nguyễn Văn Anh']).toContain(kept);
  await expect(pc1.locator('[data-field="fullName"]')).toHaveValue(kept);
});
