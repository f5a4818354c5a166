import type { Page } from '@playwright/test';
import {
  test,
  expect,
  e2eServer,
  enrollByApi,
  newPointWithCodes,
  openKiosk,
  serverOpsOf,
} from './support/fixtures';

// What a volunteer types is never lost or changed by the editing layer: leaving a field writes nothing,
// a remote value never lands inside the text being typed, two tabs of one browser never stamp two edits
// alike, and a household-member row with nothing in it is reported by the check.

async function commitText(page: Page, field: string, value: string): Promise<void> {
  const input = page.locator(`[data-field="${field}"]`);
  await input.fill(value);
  await input.blur();
}

/** Opens a draft from the list, once it is there (it may still be on its way from the other PC). */
async function openDraft(page: Page, draftId: string): Promise<void> {
  await page.goto(`${e2eServer().baseUrl}/#/drafts`);
  await page.locator(`[data-testid="draft-row"][data-draft-id="${draftId}"]`).click({ timeout: 20_000 });
  await expect(page.getByTestId('draft-editor')).toHaveAttribute('data-draft-id', draftId);
}

async function newDraft(page: Page): Promise<string> {
  await page.getByTestId('new-draft-ct01').click();
  const id = await page.getByTestId('draft-editor').getAttribute('data-draft-id');
  if (!id) throw new Error('no draft opened');
  return id;
}

test('focusing and leaving a flagged field writes nothing: the conflict and both values stay', async ({
  browser,
}) => {
  const { codes } = await newPointWithCodes('Điểm e2e – rời ô không ghi', 2);
  const pc1 = await openKiosk(browser, codes[0]!, { label: 'PC 1' });
  const pc2 = await openKiosk(browser, codes[1]!, { label: 'PC 2' });
  const draftId = await newDraft(pc1);
  await commitText(pc1, 'requestContent', 'Đăng ký tạm trú');
  await expect(pc1.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced');
  await openDraft(pc2, draftId);
  await expect(pc2.locator('[data-field="requestContent"]')).toHaveValue('Đăng ký tạm trú');

  await pc1.context().setOffline(true);
  await pc2.context().setOffline(true);
  await commitText(pc1, 'fullName', 'Nguyễn Văn Ân');
  await commitText(pc2, 'fullName', 'Nguyễn Văn Anh');
  for (const pc of [pc1, pc2])
    await expect(pc.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await pc1.context().setOffline(false);
  await pc2.context().setOffline(false);
  for (const pc of [pc1, pc2]) {
    await expect(pc.getByTestId('conflict-fullName')).toBeVisible({ timeout: 20_000 });
    await expect(pc.getByTestId('sync-state')).toHaveAttribute('data-state', 'conflict', { timeout: 20_000 });
  }
  const shown = await pc1.locator('[data-field="fullName"]').inputValue();
  const [loser, winner] = shown === 'Nguyễn Văn Ân' ? [pc2, pc1] : [pc1, pc2];
  const opsBefore = await serverOpsOf(draftId);

  // On the PC whose own value is not the one shown, a person clicks into the name and then elsewhere.
  await loser.locator('[data-field="fullName"]').click();
  await loser.locator('#editor-title').click();
  // Then both tab through the whole form without typing.
  for (const pc of [loser, winner]) {
    await pc.locator('[data-field="fullName"]').focus();
    for (let i = 0; i < 16; i += 1) await pc.keyboard.press('Tab');
  }
  // A real edit afterwards: once the other PC shows it, anything written before it has been pushed too.
  await commitText(loser, 'email', 'an@example.vn');
  await expect(winner.locator('[data-field="email"]')).toHaveValue('an@example.vn', { timeout: 20_000 });

  const written = (await serverOpsOf(draftId)).slice(opsBefore.length);
  expect(written.map((op) => op.body)).toEqual([expect.objectContaining({ field: 'email' })]);
  for (const pc of [pc1, pc2]) {
    await expect(pc.getByTestId('conflict-fullName')).toContainText('Nguyễn Văn Ân');
    await expect(pc.getByTestId('conflict-fullName')).toContainText('Nguyễn Văn Anh');
    await expect(pc.getByTestId('sync-state')).toHaveAttribute('data-state', 'conflict');
  }
});

test('a remote value never lands in the field being typed in; both values are kept as a conflict', async ({
  browser,
}) => {
  const { codes } = await newPointWithCodes('Điểm e2e – không chèn giá trị', 2);
  const pc1 = await openKiosk(browser, codes[0]!, { label: 'PC 1' });
  const pc2 = await openKiosk(browser, codes[1]!, { label: 'PC 2' });
  const draftId = await newDraft(pc1);
  await commitText(pc1, 'requestContent', 'Đăng ký tạm trú');
  await expect(pc1.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced');
  await openDraft(pc2, draftId);
  await expect(pc2.locator('[data-field="requestContent"]')).toHaveValue('Đăng ký tạm trú');

  // PC 1 clicks into the empty name and selects all, about to type.
  const name1 = pc1.locator('[data-field="fullName"]');
  await name1.click();
  await name1.press('ControlOrMeta+a');
  // Meanwhile PC 2 writes the name, then the e-mail (which tells when PC 1 has pulled both).
  await commitText(pc2, 'fullName', 'Châu Ngô Yến');
  await commitText(pc2, 'email', 'yen@example.vn');
  await expect(pc1.locator('[data-field="email"]')).toHaveValue('yen@example.vn', { timeout: 20_000 });

  // The field PC 1 is in keeps what it had; PC 2's value is shown beside it.
  await expect(name1).toBeFocused();
  await expect(name1).toHaveValue('');
  await expect(pc1.getByTestId('remote-change-fullName')).toContainText('Châu Ngô Yến');

  await pc1.keyboard.type('Sơn Tâm');
  await pc1.keyboard.press('Tab');
  await expect(name1).toHaveValue(/^(Sơn Tâm|Châu Ngô Yến)$/);
  for (const pc of [pc1, pc2]) {
    await expect(pc.getByTestId('conflict-fullName')).toBeVisible({ timeout: 20_000 });
    await expect(pc.getByTestId('conflict-fullName')).toContainText('Sơn Tâm');
    await expect(pc.getByTestId('conflict-fullName')).toContainText('Châu Ngô Yến');
  }
  const names = (await serverOpsOf(draftId))
    .map((op) => op.body as { field?: string; value?: unknown })
    .filter((op) => op.field === 'fullName')
    .map((op) => op.value);
  expect(names.sort()).toEqual(['Châu Ngô Yến', 'Sơn Tâm']);
});

test('two tabs of one enrolled browser: every edit, same draft or not, reaches the server and PC 2', async ({
  browser,
}) => {
  const { codes } = await newPointWithCodes('Điểm e2e – hai thẻ', 2);
  const tabA = await openKiosk(browser, codes[0]!, { label: 'PC 1' });
  const context = tabA.context();
  // The server out of reach and the wall clock standing still: both tabs start from the one persisted
  // clock and nothing moves it but their own edits.
  await context.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
  await context.clock.setFixedTime(Date.now() + 60_000);
  await tabA.reload();
  await expect(tabA.getByTestId('new-draft-ct01')).toBeVisible();
  const tabB = await context.newPage();
  await tabB.goto(`${e2eServer().baseUrl}/`);
  await expect(tabB.getByTestId('new-draft-ct01')).toBeVisible();

  const draftX = await newDraft(tabA);
  await commitText(tabA, 'fullName', 'Tô Minh Khang');
  const draftY = await newDraft(tabB);
  await commitText(tabB, 'fullName', 'Quan Thị Mỹ');
  await openDraft(tabB, draftX);
  await expect(tabB.locator('[data-field="fullName"]')).toHaveValue('Tô Minh Khang');
  await commitText(tabB, 'phone', '0901234567');
  await commitText(tabA, 'email', 'khang@example.vn');
  // Durable in both tabs (the server being out of reach, they wait to send).
  for (const tab of [tabA, tabB]) {
    await expect(tab.getByTestId('save-status')).toHaveAttribute('data-state', 'pending');
  }

  await context.clock.setSystemTime(Date.now() + 60_000);
  await context.unroute('**/api/v1/**');
  const pc2 = await openKiosk(browser, codes[1]!, { label: 'PC 2' });
  await openDraft(pc2, draftX);
  await expect(pc2.locator('[data-field="fullName"]')).toHaveValue('Tô Minh Khang', { timeout: 20_000 });
  await expect(pc2.locator('[data-field="phone"]')).toHaveValue(/^0901\s?234\s?567$/, { timeout: 20_000 });
  await expect(pc2.locator('[data-field="email"]')).toHaveValue('khang@example.vn', { timeout: 20_000 });
  await openDraft(pc2, draftY);
  await expect(pc2.locator('[data-field="fullName"]')).toHaveValue('Quan Thị Mỹ', { timeout: 20_000 });

  // Both tabs show every edit too.
  for (const tab of [tabA, tabB]) {
    await openDraft(tab, draftX);
    await expect(tab.locator('[data-field="fullName"]')).toHaveValue('Tô Minh Khang');
    await expect(tab.locator('[data-field="phone"]')).toHaveValue(/^0901\s?234\s?567$/);
    await expect(tab.locator('[data-field="email"]')).toHaveValue('khang@example.vn');
  }
  const x = await serverOpsOf(draftX);
  const y = await serverOpsOf(draftY);
  expect(x.map((op) => op.kind).sort()).toEqual(['create', 'set', 'set', 'set']);
  expect(y.map((op) => op.kind).sort()).toEqual(['create', 'set']);
  const stamps = [...x, ...y].map((op) => op.hlc);
  expect(new Set(stamps).size).toBe(stamps.length);
});

test('an empty household-member row is reported by the check, and the server counts the row', async ({
  browser,
  request,
}) => {
  const { codes } = await newPointWithCodes('Điểm e2e – hàng trống', 2);
  const page = await openKiosk(browser, codes[0]!);
  const draftId = await newDraft(page);
  await page.getByTestId('add-row-members').click();
  const row = page.locator('[data-group="members"] fieldset.group__row');
  await expect(row).toHaveCount(1);
  const rowId = (await row.getAttribute('data-row-id')) ?? '';

  await page.getByTestId('check-draft').click();
  await expect(page.getByTestId('check-result')).toBeVisible();
  for (const child of ['fullName', 'birthDate', 'gender', 'personalId', 'relationToHead']) {
    await expect(page.getByTestId(`field-error-members.${rowId}.${child}`)).toBeVisible();
  }

  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced');
  const probe = await enrollByApi(request, codes[1]!);
  const res = await request.get(`${e2eServer().baseUrl}/api/v1/drafts/${draftId}`, {
    headers: { authorization: `Bearer ${probe.token}` },
  });
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { rows?: unknown }).rows).toEqual({ members: [rowId] });

  // A removed row is gone for the form, the check and the server alike.
  await page.getByTestId('delete-row-members').click();
  await expect(row).toHaveCount(0);
  await page.getByTestId('check-draft').click();
  await expect(page.locator(`[data-testid^="field-error-members."]`)).toHaveCount(0);
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced');
  const after = await request.get(`${e2eServer().baseUrl}/api/v1/drafts/${draftId}`, {
    headers: { authorization: `Bearer ${probe.token}` },
  });
  expect(((await after.json()) as { rows?: unknown }).rows).toEqual({});
});
