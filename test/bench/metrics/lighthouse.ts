import { rmSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, chromiumExecutable } from '../../support/chromium';
import type { Results, Scope } from '../report/bounded';
import { makeRow } from '../report/row';
import { startServedPoint } from '../servers/bench-point';
import { makeTempFolder } from '../storage/temp-root';
import { builtDir, type BenchContext } from './context';

/** Lighthouse's categories reported as rows, with the goal for each. */
export const LIGHTHOUSE_CATEGORIES = {
  accessibility: 0.95,
  'best-practices': 0.95,
  performance: 0.9,
} as const;
export type LighthouseCategory = keyof typeof LIGHTHOUSE_CATEGORIES;
const CATEGORIES = Object.keys(LIGHTHOUSE_CATEGORIES) as LighthouseCategory[];
export const lighthouseMetric = (category: LighthouseCategory) => `lighthouse-${category}`;
export const LIGHTHOUSE_GROUP = CATEGORIES.map(lighthouseMetric);

type Scores = Record<LighthouseCategory, number> & { timings: string };

/** The performance audits behind the score, for the notes. */
const TIMINGS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index'];

/**
 * One Lighthouse run (its default mobile emulation and throttling) of `url` in Debian's Chromium, with the
 * browser's profile in a fresh folder under the run's on-disk temp root.
 */
async function audit(scope: Scope, ctx: BenchContext, url: string, label: string): Promise<Scores> {
  const profile = makeTempFolder(ctx.tmp, label);
  ctx.storage.record('browser profile', profile);
  const removeProfile = scope.adopt(async () => rmSync(profile.path, { recursive: true, force: true }));
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumExecutable,
    chromeFlags: ['--headless=new', ...chromiumArgs],
    userDataDir: profile.path,
  });
  const kill = scope.adopt(async () => chrome.kill());
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const score = (c: LighthouseCategory) => {
      const s = result.lhr.categories[c]?.score;
      if (typeof s !== 'number') throw new Error(`Lighthouse gave no ${c} score for ${url}`);
      return s;
    };
    const timings = TIMINGS.map((id) => `${id} ${result.lhr.audits[id]?.displayValue ?? '?'}`).join(', ');
    return {
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      performance: score('performance'),
      timings,
    };
  } finally {
    await kill();
    await removeProfile();
  }
}

/**
 * The kiosk (a new kiosk's first screen, served by the real server) and the blank React page, each audited
 * once; one audit gives every category's row.
 */
export async function measureLighthouse(scope: Scope, results: Results, ctx: BenchContext): Promise<void> {
  const kioskPoint = await startServedPoint(scope, ctx, builtDir(ctx.pages.app, 'the kiosk app'), 1);
  const blankPoint = await startServedPoint(scope, ctx, builtDir(ctx.pages.blank, 'the blank React page'), 1);
  const kiosk = await audit(scope, ctx, `${kioskPoint.server.url}/`, 'lighthouse-kiosk');
  const blank = await audit(scope, ctx, `${blankPoint.server.url}/`, 'lighthouse-blank');
  for (const category of CATEGORIES) {
    const metric = lighthouseMetric(category);
    results.add(
      makeRow(
        metric,
        kiosk[category],
        'score',
        'blank React page, same build (Lighthouse score)',
        blank[category],
      ),
    );
    results.note(
      `${metric}: ${kiosk[category]} (goal ≥ ${LIGHTHOUSE_CATEGORIES[category]})` +
        (category === 'performance' ? `; kiosk ${kiosk.timings}; blank page ${blank.timings}.` : '.'),
    );
  }
}
