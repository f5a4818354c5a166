import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { EnrollResponse } from '#shared/protocol/enroll';

/** What the run's global setup started: the server URL and its data folder (for issuing codes). */
export function e2eServer(): { baseUrl: string; dataDir: string } {
  const baseUrl = process.env.DVC_E2E_BASE_URL;
  const dataDir = process.env.DVC_E2E_DATA_DIR;
  if (!baseUrl || !dataDir) throw new Error('global setup did not start the e2e server');
  return { baseUrl, dataDir };
}

/** Reads one namespace of a locale, to assert that text shown is the translation of the current language. */
export function locale(lng: string, ns: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.resolve('assets/locales', lng, `${ns}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

export async function enrollInUi(page: Page, code: string, label?: string): Promise<void> {
  const { baseUrl } = e2eServer();
  await page.goto(`${baseUrl}/`);
  await expect(page.getByTestId('enroll-code')).toBeVisible();
  await page.getByTestId('enroll-server-url').fill(baseUrl);
  await page.getByTestId('enroll-code').fill(code);
  if (label) await page.locator('input[name="deviceLabel"]').fill(label);
  await page.getByTestId('enroll-submit').click();
  await expect(page.getByTestId('new-draft-ct01')).toBeVisible();
}

export async function enrollByApi(request: APIRequestContext, code: string): Promise<EnrollResponse> {
  const { baseUrl } = e2eServer();
  const res = await request.post(`${baseUrl}/api/v1/enroll`, { data: { code, deviceLabel: 'e2e probe' } });
  expect(res.status()).toBe(200);
  return EnrollResponse.parse(await res.json());
}

export interface KioskOptions {
  /** Shown to the other PC in the lease banner. */
  label?: string;
  /** This PC's clock runs this far from the real time, from its very first stamp. */
  clockSkewMs?: number;
  permissions?: string[];
  /** Runs before the kiosk first loads, e.g. to route requests. */
  prepare?: (page: Page) => Promise<void>;
}

/** Kiosks opened by the running test: closed after it, so no PC of an earlier test keeps syncing. */
const openedKiosks = new Set<BrowserContext>();

/** A fresh PC of a point: its own browser context (own IndexedDB), enrolled with `code`. */
export async function openKiosk(browser: Browser, code: string, opts: KioskOptions = {}): Promise<Page> {
  const context = await browser.newContext({ permissions: opts.permissions ?? [] });
  openedKiosks.add(context);
  if (opts.clockSkewMs !== undefined) await context.clock.install({ time: Date.now() + opts.clockSkewMs });
  const page = await context.newPage();
  await opts.prepare?.(page);
  await enrollInUi(page, code, opts.label);
  return page;
}

export const test = base.extend<{ closeKiosks: void }>({
  closeKiosks: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await use();
      await Promise.all([...openedKiosks].map((context) => context.close()));
      openedKiosks.clear();
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Creates a point and one-time codes in the run's database. Workers open the same SQLite folder as the
 * server (WAL allows it), exactly as the operator's CLI does.
 */
export async function newPointWithCodes(
  name: string,
  count: number,
): Promise<{ pointId: string; codes: string[] }> {
  const { openDatabase } = await import('../../../server/src/db/database');
  const { createAdmin } = await import('../../../server/src/admin/index');
  const db = await openDatabase({ dataDir: e2eServer().dataDir });
  try {
    const admin = createAdmin(db.kysely);
    const point = await admin.createPoint(name);
    return { pointId: point.id, codes: await admin.issueEnrollmentCodes(point.id, count) };
  } finally {
    await db.close();
  }
}

/** The operations of one draft in the server's log, oldest first: what the kiosks actually pushed. */
export async function serverOpsOf(draftId: string): Promise<{ hlc: string; kind: string; body: unknown }[]> {
  const { openDatabase } = await import('../../../server/src/db/database');
  const db = await openDatabase({ dataDir: e2eServer().dataDir });
  try {
    const rows = await db.kysely
      .selectFrom('ops')
      .select(['hlc', 'kind', 'body_json'])
      .where('draft_id', '=', draftId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ hlc: r.hlc, kind: r.kind, body: JSON.parse(r.body_json) as unknown }));
  } finally {
    await db.close();
  }
}
