import type { KioskApi } from '../harness/src/bench-api';
import { openBenchPage } from '../browser/bench-page';
import { launchProfile } from '../browser/chromium';
import type { Results, Scope } from '../report/bounded';
import { percentile } from '../report/percentile';
import { baselineSpreadFields, makeRow, spreadFields } from '../report/row';
import { spreadOf } from '../report/spread';
import { startStaticOrigin } from '../servers/static-origin';
import type { BenchContext } from './context';

export const SETFIELD_METRIC = 'setfield-to-durable-p99';
const ROUNDS = 5;
const PER_ROUND = 500;
/** Edits and raw puts made before any is timed (JIT, IndexedDB files, caches). */
const WARMUP = 50;
/** Fields already filled in the draft, so each edit re-encrypts a draft of realistic size. */
const PREFILLED = 15;

const fmt = (ms: number): string => ms.toFixed(2);

/**
 * DraftRepository.setField (encrypt, then one strict transaction of draft, outbox op and clock) against a raw
 * strict IndexedDB put of the same sealed bytes, edit by edit in one page, after a warm-up of both. No sync
 * engine, no UI: the repository's write path alone.
 */
export async function measureSetField(scope: Scope, results: Results, ctx: BenchContext): Promise<void> {
  const profile = await launchProfile(ctx.tmp, 'setfield');
  ctx.storage.record('browser profile', profile.folder);
  scope.defer(() => profile.close());
  if ('error' in ctx.pages.kiosk) {
    results.missing(SETFIELD_METRIC, `the kiosk bench page could not be built: ${ctx.pages.kiosk.error}`);
    return;
  }
  // The write path alone needs no server: a plain loopback origin serves the page.
  const origin = await startStaticOrigin(ctx.pages.kiosk.dir);
  scope.defer(() => origin.close());
  const page = await openBenchPage(profile.context, `${origin.url}/kiosk.html`);
  const sample = await page.evaluate(
    ([r, n, w, p]) => (window.bench as KioskApi).setFieldRounds(r, n, w, p),
    [ROUNDS, PER_ROUND, WARMUP, PREFILLED] as const,
  );
  const kiosk = sample.kiosk.flat();
  const raw = sample.raw.flat();
  const kioskP99 = percentile(kiosk, 99);
  const rawP99 = percentile(raw, 99);
  const kioskSpread = spreadOf(sample.kiosk.map((run) => percentile(run, 99)));
  const rawSpread = spreadOf(sample.raw.map((run) => percentile(run, 99)));
  results.add(
    makeRow(
      SETFIELD_METRIC,
      kioskP99,
      'ms',
      'raw IndexedDB put, durability strict, same bytes (p99)',
      rawP99,
      {
        ...spreadFields(kioskSpread),
        ...baselineSpreadFields(rawSpread),
        p50: percentile(kiosk, 50),
        baselineP50: percentile(raw, 50),
        storage: ctx.storage.summary(['browser profile']),
        note:
          `p99 of ${kiosk.length} edits (${ROUNDS} rounds of ${PER_ROUND}) after ${WARMUP} untimed edits and raw puts;` +
          ` median/min/max are the p99 of each round. Leaves out the UI, the autosave pause and sync.`,
      },
    ),
  );
  results.note(
    `${SETFIELD_METRIC}: ${kiosk.length} edits of one field of a draft with ${PREFILLED} filled fields, each beside one` +
      ` raw put of the ${sample.recordBytes} bytes it sealed; p50 kiosk ${fmt(percentile(kiosk, 50))} ms vs raw` +
      ` ${fmt(percentile(raw, 50))} ms; per-round p99 kiosk ${sample.kiosk.map((r) => fmt(percentile(r, 99))).join(', ')} ms,` +
      ` raw ${sample.raw.map((r) => fmt(percentile(r, 99))).join(', ')} ms; max kiosk ${fmt(Math.max(...kiosk))} ms vs raw` +
      ` ${fmt(Math.max(...raw))} ms.`,
  );
}
