import type { BrowserContext } from '@playwright/test';
import type { KioskApi } from '../harness/src/bench-api';
import { openBenchPage } from '../browser/bench-page';
import { launchProfile } from '../browser/chromium';
import type { Scope } from '../report/bounded';
import { percentile } from '../report/percentile';
import { makeRow, type Outcome } from '../report/row';
import { startStaticOrigin } from '../servers/static-origin';
import type { BuiltPages } from './builds';

export const KEYSTROKE_METRIC = 'keystroke-to-durable-p99';
const EDITS = 1000;
const WARMUP = 30;
/** Fields already filled in the draft, so each edit re-encrypts a draft of realistic size. */
const PREFILLED = 15;
/** When the kiosk code cannot run: a record about the size of one sealed draft + op. */
const STAND_IN_BYTES = 1200;

const fmt = (ms: number): string => ms.toFixed(2);

/**
 * DraftRepository.setField (encrypt, then one strict transaction of draft, outbox op and clock) against a raw strict
 * IndexedDB put of the same bytes, interleaved in one page. No sync engine runs: this is the write path alone.
 */
export async function measureKeystroke(scope: Scope, pages: BuiltPages): Promise<Outcome> {
  const profile = await launchProfile('keystroke');
  scope.defer(() => profile.close());
  if ('error' in pages.kiosk) return baselineOnly(scope, pages, profile.context, pages.kiosk.error);

  // The write path alone needs no server: a plain loopback origin serves the page.
  const origin = await startStaticOrigin(pages.kiosk.dir);
  scope.defer(() => origin.close());
  const page = await openBenchPage(profile.context, `${origin.url}/kiosk.html`);
  const sample = await page.evaluate(([n, w, p]) => (window.bench as KioskApi).keystrokes(n, w, p), [
    EDITS,
    WARMUP,
    PREFILLED,
  ] as const);
  const kioskP99 = percentile(sample.kiosk, 99);
  const rawP99 = percentile(sample.raw, 99);
  return {
    row: makeRow(
      KEYSTROKE_METRIC,
      kioskP99,
      'ms',
      'raw IndexedDB put, durability strict, same bytes (p99)',
      rawP99,
    ),
    notes: [
      `${KEYSTROKE_METRIC}: ${EDITS} edits of one field of a draft with ${PREFILLED} filled fields, each beside one raw put` +
        ` of the ${sample.recordBytes} bytes it sealed; p50 kiosk ${fmt(percentile(sample.kiosk, 50))} ms vs raw` +
        ` ${fmt(percentile(sample.raw, 50))} ms, max kiosk ${fmt(Math.max(...sample.kiosk))} ms vs raw ${fmt(Math.max(...sample.raw))} ms.`,
    ],
  };
}

/** Measures the baseline alone, so the run still shows it, and says why the kiosk side is missing. */
async function baselineOnly(
  scope: Scope,
  pages: BuiltPages,
  context: BrowserContext,
  why: string,
): Promise<Outcome> {
  const origin = await startStaticOrigin(pages.baselineDir);
  scope.defer(() => origin.close());
  const page = await openBenchPage(context, `${origin.url}/baseline.html`);
  const times = await page.evaluate(
    ([bytes, n]) => window.bench.rawIdbPuts({ draft: new Uint8Array(bytes) }, n),
    [STAND_IN_BYTES, EDITS] as const,
  );
  return {
    notMeasured: { metric: KEYSTROKE_METRIC, reason: `the kiosk page could not be built: ${why}` },
    notes: [
      `${KEYSTROKE_METRIC}: baseline alone, raw strict put of ${STAND_IN_BYTES} bytes: p99 ${fmt(percentile(times, 99))} ms` +
        ` (p50 ${fmt(percentile(times, 50))} ms).`,
    ],
  };
}
