import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, chromiumExecutable } from '../../support/chromium';
import { blankReactPage } from '../build/blank-react';
import type { Scope } from '../report/bounded';
import { makeRow, type Outcome } from '../report/row';
import { startBenchPoint } from '../servers/kiosk-server';
import type { BuiltPages } from './builds';

/** Lighthouse's categories reported as rows, with the goal for each. */
export const LIGHTHOUSE_CATEGORIES = {
  accessibility: 0.95,
  'best-practices': 0.95,
  performance: 0.9,
} as const;
export type LighthouseCategory = keyof typeof LIGHTHOUSE_CATEGORIES;
export const lighthouseMetric = (category: LighthouseCategory) => `lighthouse-${category}`;

type Scores = Record<LighthouseCategory, number> & { timings: string };

/** The performance audits behind the score, for the notes. */
const TIMINGS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index'];
let audited: Promise<{ kiosk: Scores; blank: Scores }> | null = null;

/** One Lighthouse run (its default mobile emulation and throttling) of `url` in Debian's Chromium. */
async function audit(url: string): Promise<Scores> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumExecutable,
    chromeFlags: ['--headless=new', ...chromiumArgs],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: 'error',
      onlyCategories: Object.keys(LIGHTHOUSE_CATEGORIES),
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
    chrome.kill();
  }
}

/** The kiosk (a new kiosk's first screen, served by the real server) and the blank React page, audited once. */
function auditBoth(scope: Scope, appDir: string) {
  audited ??= (async () => {
    const kiosk = await startBenchPoint(scope, appDir, 1);
    const blank = await startBenchPoint(scope, await blankReactPage(), 1);
    return { kiosk: await audit(`${kiosk.server.url}/`), blank: await audit(`${blank.server.url}/`) };
  })();
  return audited;
}

export function measureLighthouse(category: LighthouseCategory) {
  return async (scope: Scope, pages: BuiltPages): Promise<Outcome> => {
    const metric = lighthouseMetric(category);
    if ('error' in pages.app) return { notMeasured: { metric, reason: pages.app.error } };
    const { kiosk, blank } = await auditBoth(scope, pages.app.dir);
    return {
      row: makeRow(
        metric,
        kiosk[category],
        'score',
        'blank React page, same build (Lighthouse score)',
        blank[category],
      ),
      notes: [
        `${metric}: ${kiosk[category]} (goal ≥ ${LIGHTHOUSE_CATEGORIES[category]})` +
          (category === 'performance' ? `; kiosk ${kiosk.timings}; blank page ${blank.timings}.` : '.'),
      ],
    };
  };
}
