import { launchProfile } from '../browser/chromium';
import { firstUsable, gzipKiB, scriptsBefore } from '../browser/first-usable';
import type { Results, Scope } from '../report/bounded';
import { makeRow } from '../report/row';
import { startServedPoint } from '../servers/bench-point';
import { builtDir, type BenchContext } from './context';

export const FIRST_SCREEN_METRIC = 'first-screen-js-gzip';
/** The goal for the first screen. */
const GOAL_KIB = 150;

/** What a person can first use: the code field of a new kiosk, the "new dossier" button of an enrolled one. */
export const ENROLL_INPUT = '[data-testid="enroll-code"]';
export const LIST_INPUT = '[data-testid="new-draft-ct01"]';
export const BLANK_INPUT = '[data-testid="blank-input"]';

/**
 * KiB of JavaScript (gzip -9) fetched before the first screen is usable: the larger of a new kiosk's
 * enrollment screen and an enrolled kiosk's dossier list, against a blank React page built the same way.
 */
export async function measureFirstScreenJs(scope: Scope, results: Results, ctx: BenchContext): Promise<void> {
  const appDir = builtDir(ctx.pages.app, 'the kiosk app');
  const blankDir = builtDir(ctx.pages.blank, 'the blank React page');
  const kiosk = await startServedPoint(scope, ctx, appDir, 1);
  const blank = await startServedPoint(scope, ctx, blankDir, 1);
  const profile = await launchProfile(ctx.tmp, 'first-screen');
  ctx.storage.record('browser profile', profile.folder);
  scope.defer(() => profile.close());

  const page = await profile.context.newPage();
  await page.goto(`${kiosk.server.url}/`);
  const enrollKiB = gzipKiB(appDir, await scriptsBefore(page, await firstUsable(page, ENROLL_INPUT)));
  await page.fill('[data-testid="enroll-server-url"]', kiosk.server.url);
  await page.fill(ENROLL_INPUT, kiosk.codes[0] as string);
  await page.click('[data-testid="enroll-submit"]');
  await firstUsable(page, LIST_INPUT);
  await page.close();
  const again = await profile.context.newPage();
  await again.goto(`${kiosk.server.url}/`);
  const listKiB = gzipKiB(appDir, await scriptsBefore(again, await firstUsable(again, LIST_INPUT)));

  const blankPage = await profile.context.newPage();
  await blankPage.goto(`${blank.server.url}/`);
  const blankKiB = gzipKiB(
    blankDir,
    await scriptsBefore(blankPage, await firstUsable(blankPage, BLANK_INPUT)),
  );

  results.add(
    makeRow(
      FIRST_SCREEN_METRIC,
      Math.max(enrollKiB, listKiB),
      'KiB',
      'blank React page, same build (JS gzip)',
      blankKiB,
      {
        storage: ctx.storage.summary(['browser profile', 'SQLite']),
      },
    ),
  );
  results.note(
    `${FIRST_SCREEN_METRIC}: enrollment screen ${enrollKiB.toFixed(1)} KiB, dossier list ${listKiB.toFixed(1)} KiB` +
      ` (goal ≤ ${GOAL_KIB}); blank React page ${blankKiB.toFixed(1)} KiB.`,
  );
}
