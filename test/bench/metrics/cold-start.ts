import type { BrowserContext } from '@playwright/test';
import { launchProfile } from '../browser/chromium';
import { firstUsable } from '../browser/first-usable';
import type { Results, Scope } from '../report/bounded';
import { baselineSpreadFields, makeRow, spreadFields } from '../report/row';
import { spreadOf } from '../report/spread';
import { startServedPoint } from '../servers/bench-point';
import { builtDir, type BenchContext } from './context';
import { BLANK_INPUT, ENROLL_INPUT, LIST_INPUT } from './first-screen';

export const COLD_START_METRIC = 'cold-start-to-usable';
export const WARM_START_METRIC = 'cold-start-to-usable-sw-warm';
export const START_GROUP = [COLD_START_METRIC, WARM_START_METRIC] as const;
/** Fresh browser profiles per side; the median of these runs is reported. */
const RUNS = 3;
/** The goal for both ratios. */
const GOAL_RATIO = 1.3;

const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');

/**
 * Navigation to the first usable input, in a new on-disk profile each run: the first visit (nothing cached),
 * then the next start of the same kiosk once enrolled, with its service worker installed. The blank React
 * page is measured the same way, interleaved, in the same run (its second visit has the HTTP cache warm).
 * One set of runs gives both rows.
 */
export async function measureStarts(scope: Scope, results: Results, ctx: BenchContext): Promise<void> {
  const kiosk = await startServedPoint(scope, ctx, builtDir(ctx.pages.app, 'the kiosk app'), RUNS);
  const blank = await startServedPoint(scope, ctx, builtDir(ctx.pages.blank, 'the blank React page'), 1);
  const first: number[] = [];
  const warm: number[] = [];
  const blankFirst: number[] = [];
  const blankWarm: number[] = [];
  const inProfile = async (label: string, body: (context: BrowserContext) => Promise<void>) => {
    const profile = await launchProfile(ctx.tmp, label);
    ctx.storage.record('browser profile', profile.folder);
    const close = scope.adopt(() => profile.close());
    try {
      await body(profile.context);
    } finally {
      await close();
    }
  };
  for (let run = 0; run < RUNS; run++) {
    await inProfile(`cold-start-${run}`, async (context) => {
      const page = await context.newPage();
      await page.goto(`${kiosk.server.url}/`);
      first.push(await firstUsable(page, ENROLL_INPUT));
      await page.fill('[data-testid="enroll-server-url"]', kiosk.server.url);
      await page.fill(ENROLL_INPUT, kiosk.codes[run] as string);
      await page.click('[data-testid="enroll-submit"]');
      await firstUsable(page, LIST_INPUT);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.close();
      const next = await context.newPage();
      await next.goto(`${kiosk.server.url}/`);
      warm.push(await firstUsable(next, LIST_INPUT));
    });
    await inProfile(`cold-start-blank-${run}`, async (context) => {
      const page = await context.newPage();
      await page.goto(`${blank.server.url}/`);
      blankFirst.push(await firstUsable(page, BLANK_INPUT));
      await page.close();
      const next = await context.newPage();
      await next.goto(`${blank.server.url}/`);
      blankWarm.push(await firstUsable(next, BLANK_INPUT));
    });
  }

  const storage = ctx.storage.summary(['browser profile', 'SQLite']);
  const row = (metric: string, kioskRuns: number[], blankRuns: number[], baseline: string) => {
    const k = spreadOf(kioskRuns);
    const b = spreadOf(blankRuns);
    return makeRow(metric, k.median, 'ms', baseline, b.median, {
      ...spreadFields(k),
      ...baselineSpreadFields(b),
      storage,
    });
  };
  results.add(
    row(COLD_START_METRIC, first, blankFirst, 'blank React page, same build, first visit (median)'),
  );
  results.note(
    `${COLD_START_METRIC}: first visit to the enrollment screen's code field, median of ${RUNS} fresh profiles` +
      ` (${list(first)} ms) vs blank React page (${list(blankFirst)} ms); goal ratio ≤ ${GOAL_RATIO}.`,
  );
  results.add(row(WARM_START_METRIC, warm, blankWarm, 'blank React page, same build, second visit (median)'));
  results.note(
    `${WARM_START_METRIC}: an enrolled kiosk's next start (service worker installed) to its "new dossier"` +
      ` button (${list(warm)} ms) vs blank React page second visit (${list(blankWarm)} ms);` +
      ` goal ratio ≤ ${GOAL_RATIO}.`,
  );
}
