import type { BrowserContext } from '@playwright/test';
import { launchProfile } from '../browser/chromium';
import { firstUsable } from '../browser/first-usable';
import { blankReactPage } from '../build/blank-react';
import type { Scope } from '../report/bounded';
import { percentile } from '../report/percentile';
import { makeRow, type Outcome } from '../report/row';
import { startBenchPoint } from '../servers/kiosk-server';
import type { BuiltPages } from './builds';
import { BLANK_INPUT, ENROLL_INPUT, LIST_INPUT } from './first-screen';

export const COLD_START_METRIC = 'cold-start-to-usable';
export const WARM_START_METRIC = 'cold-start-to-usable-sw-warm';
/** Fresh browser profiles per side; the median of these runs is reported. */
const RUNS = 3;
/** The goal for both ratios. */
const GOAL_RATIO = 1.3;

interface Starts {
  readonly first: number[];
  readonly warm: number[];
  readonly blankFirst: number[];
  readonly blankWarm: number[];
}

let measured: Promise<Starts> | null = null;

/**
 * Navigation to the first usable input, in a new on-disk profile each run: the first visit (nothing cached),
 * then the next start of the same kiosk once enrolled, with its service worker installed. The blank React
 * page is measured the same way, interleaved, in the same run (its second visit has the HTTP cache warm).
 */
function measureStarts(scope: Scope, appDir: string): Promise<Starts> {
  measured ??= (async () => {
    const blankDir = await blankReactPage();
    const kiosk = await startBenchPoint(scope, appDir, RUNS);
    const blank = await startBenchPoint(scope, blankDir, 1);
    const starts: Starts = { first: [], warm: [], blankFirst: [], blankWarm: [] };
    for (let run = 0; run < RUNS; run++) {
      await inProfile(`cold-start-${run}`, async (context) => {
        const page = await context.newPage();
        await page.goto(`${kiosk.server.url}/`);
        starts.first.push(await firstUsable(page, ENROLL_INPUT));
        await page.fill('[data-testid="enroll-server-url"]', kiosk.server.url);
        await page.fill(ENROLL_INPUT, kiosk.codes[run]!);
        await page.click('[data-testid="enroll-submit"]');
        await firstUsable(page, LIST_INPUT);
        await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
        });
        await page.close();
        const next = await context.newPage();
        await next.goto(`${kiosk.server.url}/`);
        starts.warm.push(await firstUsable(next, LIST_INPUT));
      });
      await inProfile(`cold-start-blank-${run}`, async (context) => {
        const page = await context.newPage();
        await page.goto(`${blank.server.url}/`);
        starts.blankFirst.push(await firstUsable(page, BLANK_INPUT));
        await page.close();
        const next = await context.newPage();
        await next.goto(`${blank.server.url}/`);
        starts.blankWarm.push(await firstUsable(next, BLANK_INPUT));
      });
    }
    return starts;
  })();
  return measured;
}

async function inProfile(label: string, body: (context: BrowserContext) => Promise<void>): Promise<void> {
  const profile = await launchProfile(label);
  try {
    await body(profile.context);
  } finally {
    await profile.close();
  }
}

const median = (xs: number[]) => percentile(xs, 50);

export async function measureColdStart(scope: Scope, pages: BuiltPages): Promise<Outcome> {
  if ('error' in pages.app) return { notMeasured: { metric: COLD_START_METRIC, reason: pages.app.error } };
  const s = await measureStarts(scope, pages.app.dir);
  return {
    row: makeRow(
      COLD_START_METRIC,
      median(s.first),
      'ms',
      'blank React page, same build, first visit (median)',
      median(s.blankFirst),
    ),
    notes: [
      `${COLD_START_METRIC}: first visit to the enrollment screen's code field, median of ${RUNS} fresh profiles` +
        ` (${s.first.map((x) => x.toFixed(0)).join(', ')} ms) vs blank React page` +
        ` (${s.blankFirst.map((x) => x.toFixed(0)).join(', ')} ms); goal ratio ≤ ${GOAL_RATIO}.`,
    ],
  };
}

export async function measureWarmStart(scope: Scope, pages: BuiltPages): Promise<Outcome> {
  if ('error' in pages.app) return { notMeasured: { metric: WARM_START_METRIC, reason: pages.app.error } };
  const s = await measureStarts(scope, pages.app.dir);
  return {
    row: makeRow(
      WARM_START_METRIC,
      median(s.warm),
      'ms',
      'blank React page, same build, second visit (median)',
      median(s.blankWarm),
    ),
    notes: [
      `${WARM_START_METRIC}: an enrolled kiosk's next start (service worker installed) to its "new dossier"` +
        ` button (${s.warm.map((x) => x.toFixed(0)).join(', ')} ms) vs blank React page second visit` +
        ` (${s.blankWarm.map((x) => x.toFixed(0)).join(', ')} ms); goal ratio ≤ ${GOAL_RATIO}.`,
    ],
  };
}
