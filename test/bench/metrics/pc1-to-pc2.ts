import type { Page } from '@playwright/test';
import { launchProfile } from '../browser/chromium';
import type { Scope } from '../report/bounded';
import { progress } from '../report/progress';
import { percentile } from '../report/percentile';
import { makeRow, type Outcome } from '../report/row';
import { startBenchPoint } from '../servers/kiosk-server';
import type { BuiltPages } from './builds';

export const PC_METRIC = 'pc1-to-pc2-p95';
const GOAL_MS = 1000;
const EDITS = 30;
/** An edit not seen on PC 2 by then counts as this long, so a lost edit cannot improve the figure. */
const GIVE_UP_MS = 15_000;
const FIELD = 'fullName';
/** Valid names (the field refuses digits), so each edit is a new value the app saves. */
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Hà',
  'Hải',
  'Hạnh',
  'Hoa',
  'Hùng',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Minh',
];
const nameFor = (i: number): string =>
  `Nguyễn ${['Văn', 'Thị'][Math.floor(i / GIVEN.length) % 2]} ${GIVEN[i % GIVEN.length]}`;

/**
 * The full app, built and served by the real server: two browsers enrolled as the point's two PCs. PC 1 types a
 * value into a field of a draft both have open; the time is until PC 2's field shows it.
 */
export async function measurePc1ToPc2(scope: Scope, pages: BuiltPages): Promise<Outcome> {
  if ('error' in pages.app) {
    return {
      notMeasured: { metric: PC_METRIC, reason: `the kiosk app could not be built: ${pages.app.error}` },
    };
  }
  const bench = await startBenchPoint(scope, pages.app.dir, 2);
  const [pc1, pc2] = await Promise.all([launchProfile('pc1'), launchProfile('pc2')]);
  scope.defer(() => pc1.close());
  scope.defer(() => pc2.close());
  const [page1, page2] = await Promise.all([pc1.context.newPage(), pc2.context.newPage()]);
  await enroll(page1, bench.server.url, bench.codes[0] as string);
  await enroll(page2, bench.server.url, bench.codes[1] as string);

  progress('both PCs enrolled; PC 1 opens a new draft');
  await page1.getByTestId('new-draft-ct01').click();
  const field1 = page1.locator(`[data-field="${FIELD}"]`);
  await field1.waitFor({ timeout: 15_000 });
  const draftId = /#\/drafts\/([^/?]+)/.exec(page1.url())?.[1];
  if (!draftId) throw new Error(`PC 1 opened a new draft but its address names none: ${page1.url()}`);
  const row = page2.locator(`[data-testid="draft-row"][data-draft-id="${decodeURIComponent(draftId)}"]`);
  await row.waitFor({ timeout: GIVE_UP_MS });
  await row.click();
  await page2.locator(`[data-field="${FIELD}"]`).waitFor({ timeout: 15_000 });

  progress(`PC 2 has draft ${draftId} open; timing ${EDITS} edits`);
  const latencies: number[] = [];
  let lost = 0;
  for (let i = 0; i < EDITS; i++) {
    const value = nameFor(i);
    const t0 = Date.now();
    await field1.fill(value);
    const seenAt = await page2
      .waitForFunction(
        ([field, expected]) => {
          const el = document.querySelector<HTMLInputElement>(`[data-field="${field}"]`);
          return el !== null && el.value === expected ? Date.now() : false;
        },
        [FIELD, value] as const,
        { polling: 5, timeout: GIVE_UP_MS },
      )
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => null);
    if (seenAt === null) lost++;
    latencies.push(seenAt === null ? GIVE_UP_MS : seenAt - t0);
  }
  return {
    row: makeRow(PC_METRIC, percentile(latencies, 95), 'ms', 'goal (1 s)', GOAL_MS),
    notes: [
      `${PC_METRIC}: ${EDITS} edits of "${FIELD}" on PC 1 (full app, two browsers); p50 ${percentile(latencies, 50)} ms,` +
        ` max ${Math.max(...latencies)} ms${lost ? `; ${lost} not seen within ${GIVE_UP_MS / 1000} s (counted as that)` : ''}.`,
    ],
  };
}

async function enroll(page: Page, serverUrl: string, code: string): Promise<void> {
  await page.goto(serverUrl);
  await page.getByTestId('enroll-server-url').fill(serverUrl);
  await page.getByTestId('enroll-code').fill(code);
  await page.getByTestId('enroll-submit').click();
  await page.getByTestId('new-draft-ct01').waitFor({ timeout: 15_000 });
}
