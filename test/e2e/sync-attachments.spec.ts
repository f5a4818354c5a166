import type { Page, Request } from '@playwright/test';
import { DraftSnapshot } from '#shared/protocol/sync';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import {
  test,
  expect,
  e2eServer,
  enrollByApi,
  locale,
  newPointWithCodes,
  openKiosk,
} from './support/fixtures';

// (c) A document photo taken with the camera uploads resumably (a cut halfway continues from the server's
// offset) before the edit naming it is pushed; the other PC shows it. (d) A photo too large for the server
// is refused with a clear message, whether the kiosk knows the limit beforehand or the server answers 413.

test.use({
  launchOptions: {
    executablePath: chromiumExecutable,
    args: [
      ...chromiumArgs,
      // A camera without a person: Chromium's test pattern, permission granted without a prompt.
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  },
});

const FIELD = 'residenceProof';

async function photograph(page: Page): Promise<void> {
  await page.getByTestId(`camera-open-${FIELD}`).click();
  await expect(page.getByTestId(`capture-${FIELD}`)).toBeEnabled();
  await page.getByTestId(`capture-${FIELD}`).click();
}

async function newDraft(page: Page): Promise<string> {
  await page.getByTestId('new-draft-ct01').click();
  const draftId = (await page.getByTestId('draft-editor').getAttribute('data-draft-id')) ?? '';
  await page.locator('[data-field="fullName"]').fill('Quách Thị Hoà');
  await page.locator('[data-field="fullName"]').blur();
  return draftId;
}

test('(c) a photo upload cut halfway resumes from the server’s offset; then the edit reaches the server and PC 2', async ({
  browser,
  request,
}) => {
  const { codes } = await newPointWithCodes('Điểm e2e – ảnh giấy tờ', 3);
  const pc1 = await openKiosk(browser, codes[0]!, { permissions: ['camera'] });

  // The first PATCH delivers only half its bytes to the server, then the connection drops.
  const patches: { offset: string | undefined; bytes: number }[] = [];
  let cut = false;
  await pc1.route('**/api/v1/uploads/**', async (route) => {
    const req = route.request();
    if (req.method() !== 'PATCH') return route.continue();
    const body = req.postDataBuffer() ?? Buffer.alloc(0);
    patches.push({ offset: req.headers()['upload-offset'], bytes: body.length });
    if (cut) return route.continue();
    cut = true;
    const { 'content-length': _length, ...headers } = req.headers();
    await route.fetch({ headers, postData: body.subarray(0, Math.floor(body.length / 2)) });
    return route.abort('connectionreset');
  });
  const uploads: Request[] = [];
  pc1.on('request', (r) => {
    if (r.url().includes('/api/v1/uploads')) uploads.push(r);
  });

  const draftId = await newDraft(pc1);
  await photograph(pc1);
  const attachment = pc1.getByTestId(`attachment-${FIELD}`);
  await expect(attachment).toHaveAttribute('data-state', /pending|uploading|uploaded/);
  await expect(attachment).toHaveAttribute('data-state', 'uploaded', { timeout: 30_000 });
  await expect(attachment.locator('img')).toBeVisible();
  await expect(pc1.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });

  // One upload was created, and the second PATCH continued at the offset the first one reached.
  expect(uploads.filter((r) => r.method() === 'POST')).toHaveLength(1);
  expect(patches.length).toBeGreaterThanOrEqual(2);
  const [first, second] = patches;
  expect(first!.offset).toBe('0');
  expect(Number(second!.offset)).toBe(Math.floor(first!.bytes / 2));
  expect(second!.bytes).toBe(first!.bytes - Math.floor(first!.bytes / 2));

  // The server has the blob and the draft names it.
  const sha256 = (await attachment.getAttribute('data-sha256')) ?? '';
  const probe = await enrollByApi(request, codes[2]!);
  const auth = { authorization: `Bearer ${probe.token}` };
  const { baseUrl } = e2eServer();
  expect((await request.head(`${baseUrl}/api/v1/blobs/${sha256}`, { headers: auth })).status()).toBe(200);
  const snapshot = DraftSnapshot.parse(
    await (await request.get(`${baseUrl}/api/v1/drafts/${draftId}`, { headers: auth })).json(),
  );
  expect(snapshot.fields[FIELD]?.value).toBe(`blob:${sha256}`);

  // PC 2 shows the photo, fetched from the server.
  const pc2 = await openKiosk(browser, codes[1]!, { permissions: ['camera'] });
  await pc2.locator(`[data-testid="draft-row"][data-draft-id="${draftId}"]`).click();
  const shown = pc2.getByTestId(`attachment-${FIELD}`);
  await expect(shown).toHaveAttribute('data-state', 'uploaded', { timeout: 20_000 });
  await expect(shown).toHaveAttribute('data-sha256', sha256);
  await expect(shown.locator('img')).toBeVisible();
});

test('(d) a photo over the server’s limit is refused with a clear message, before upload or on the server’s 413', async ({
  browser,
}) => {
  const vi = locale('vi', 'app') as { attachment: { tooLarge: string; refused: string } };
  const { codes } = await newPointWithCodes('Điểm e2e – ảnh quá lớn', 2);

  // The server states a 2 KB limit (answered here, so the test does not depend on the server's setting).
  const small = await openKiosk(browser, codes[0]!, {
    permissions: ['camera'],
    prepare: async (page) => {
      await page.route('**/api/v1/config', async (route) => {
        const res = await route.fetch();
        await route.fulfill({ response: res, json: { ...(await res.json()), maxUploadBytes: 2_048 } });
      });
    },
  });
  let uploadsTried = 0;
  small.on('request', (r) => {
    if (r.url().includes('/api/v1/uploads')) uploadsTried += 1;
  });
  await newDraft(small);
  await photograph(small);
  const refused = small.getByTestId(`attachment-${FIELD}`);
  await expect(refused).toHaveAttribute('data-state', 'too-large');
  await expect(refused).toContainText(vi.attachment.tooLarge.split('(')[0]!.trim());
  await expect(refused).toContainText('2 KB');
  expect(uploadsTried).toBe(0);
  // Nothing was attached: the field is still empty and the draft has nothing held back.
  await expect(small.getByTestId('sync-state')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });

  // A server whose limit the kiosk did not know answers 413: the photo is marked too large, the same way.
  const strict = await openKiosk(browser, codes[1]!, {
    permissions: ['camera'],
    prepare: async (page) => {
      await page.route('**/api/v1/uploads', (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({
              status: 413,
              contentType: 'application/json',
              body: JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'too large' } }),
            })
          : route.continue(),
      );
    },
  });
  await newDraft(strict);
  await photograph(strict);
  const marked = strict.getByTestId(`attachment-${FIELD}`);
  await expect(marked).toHaveAttribute('data-state', 'too-large', { timeout: 20_000 });
  await expect(marked).toContainText(vi.attachment.refused);
  await expect(strict.getByTestId('sync-state')).toHaveAttribute('data-state', 'error');
});
