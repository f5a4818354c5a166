import { test, expect, e2eServer, enrollByApi, enrollInUi, newPointWithCodes } from './support/fixtures';
import { DraftSnapshot } from '#shared/protocol/sync';

// A CT01 (Đăng ký tạm trú) draft from keystrokes on PC 1 to the server and to PC 2 — the foundation's path.
test.describe.serial('CT01 draft: offline on PC 1, to the server, to PC 2, fenced from another point', () => {
  let codes: string[] = [];
  let otherPointCode = '';
  let draftId = '';

  const half = {
    fullName: 'Trần Thị Thuỷ',
    birthDate: '05/03/1958',
    personalId: '079158000123',
    phone: '0901234567',
  };

  test.beforeAll(async () => {
    codes = (await newPointWithCodes('Điểm e2e – Phường Cầu Kiệu', 3)).codes;
    otherPointCode = (await newPointWithCodes('Điểm e2e khác – Phường Đức Nhuận', 1)).codes[0]!;
  });

  test('(a) half a draft filled offline survives a reload', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await enrollInUi(page, codes[0]!);
    // The PWA must be installed before the network goes, as at a real point.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect(page.getByTestId('new-draft-ct01')).toBeVisible();

    await context.setOffline(true);
    await expect(page.getByTestId('network-status')).toHaveAttribute('data-state', 'offline');
    await page.getByTestId('new-draft-ct01').click();
    const editor = page.getByTestId('draft-editor');
    await expect(editor).toBeVisible();
    draftId = (await editor.getAttribute('data-draft-id')) ?? '';
    expect(draftId).toMatch(/^[0-9a-f-]{36}$/);

    await page.locator('[data-field="fullName"]').fill(half.fullName);
    await page.locator('[data-field="birthDate"]').fill(half.birthDate);
    await page.locator('[data-field="gender"]').selectOption('female');
    await page.locator('[data-field="personalId"]').fill(half.personalId);
    await page.locator('[data-field="phone"]').fill(half.phone);
    await page.locator('[data-field="phone"]').blur();
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', /saved|pending/);

    await page.reload();
    await expect(page.getByTestId('draft-editor')).toHaveAttribute('data-draft-id', draftId);
    await expect(page.locator('[data-field="fullName"]')).toHaveValue(half.fullName);
    await expect(page.locator('[data-field="birthDate"]')).toHaveValue(half.birthDate);
    await expect(page.locator('[data-field="gender"]')).toHaveValue('female');
    await expect(page.locator('[data-field="personalId"]')).toHaveValue(half.personalId);
    await expect(page.locator('[data-field="phone"]')).toHaveValue(/^0901\s?234\s?567$/);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', /saved|pending/);

    // (b) the network comes back: the draft reaches the server by itself.
    await context.setOffline(false);
    await expect(page.getByTestId('network-status')).toHaveAttribute('data-state', 'online');
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'synced', {
      timeout: 20_000,
    });
    await context.close();
  });

  test('(b) the server holds the draft, readable by a device of the same point', async ({ request }) => {
    const probe = await enrollByApi(request, codes[2]!);
    const res = await request.get(`${e2eServer().baseUrl}/api/v1/drafts/${draftId}`, {
      headers: { authorization: `Bearer ${probe.token}` },
    });
    expect(res.status()).toBe(200);
    const snapshot = DraftSnapshot.parse(await res.json());
    expect(snapshot.procedureId).toBe('dang-ky-tam-tru');
    expect(snapshot.fields.fullName?.value).toBe(half.fullName);
    expect(snapshot.fields.personalId?.value).toBe(half.personalId);
    expect(snapshot.fields.gender?.value).toBe('female');
    expect(snapshot.fields.phone?.value).toBe('+84901234567');
  });

  test('(c) the point’s other PC receives the draft', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await enrollInUi(page, codes[1]!);
    const row = page.locator(`[data-testid="draft-row"][data-draft-id="${draftId}"]`);
    await expect(row).toBeVisible({ timeout: 20_000 });
    await row.click();
    await expect(page.getByTestId('draft-editor')).toHaveAttribute('data-draft-id', draftId);
    await expect(page.locator('[data-field="fullName"]')).toHaveValue(half.fullName);
    await expect(page.locator('[data-field="personalId"]')).toHaveValue(half.personalId);
    await context.close();
  });

  test('(d) a device of another point gets 403 for it', async ({ request }) => {
    const stranger = await enrollByApi(request, otherPointCode);
    const res = await request.get(`${e2eServer().baseUrl}/api/v1/drafts/${draftId}`, {
      headers: { authorization: `Bearer ${stranger.token}` },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const pull = await request.get(`${e2eServer().baseUrl}/api/v1/sync/pull?cursor=0`, {
      headers: { authorization: `Bearer ${stranger.token}` },
    });
    expect(JSON.stringify(await pull.json())).not.toContain(draftId);
  });
});
