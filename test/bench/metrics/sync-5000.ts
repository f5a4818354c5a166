import type { BrowserContext } from '@playwright/test';
import type { KioskApi } from '../harness/src/bench-api';
import { openBenchPage } from '../browser/bench-page';
import { launchProfile } from '../browser/chromium';
import type { Scope } from '../report/bounded';
import { progress } from '../report/progress';
import { makeRow, type Outcome } from '../report/row';
import { committedOps, startBenchPoint } from '../servers/kiosk-server';
import { startPouchOrigin } from '../servers/pouch-origin';
import type { BuiltPages } from './builds';

export const SYNC_METRIC = 'sync-5000-edits';
const DRAFTS = 100;
const FIELDS_PER_DRAFT = 50;
const EDITS = DRAFTS * FIELDS_PER_DRAFT;
const BYTES = 1000;

/**
 * 5,000 edits of ~1 KB made offline, then the time until the server has committed them all: the kiosk's real
 * repository and sync engine against its real server, beside PouchDB replicating the same 5,000 documents to
 * express-pouchdb, in the same Chromium. PouchDB runs before and after the kiosk and the faster of its two runs
 * is the baseline, so a busy moment on the machine cannot flatter the kiosk's ratio.
 */
export async function measureSync(scope: Scope, pages: BuiltPages): Promise<Outcome> {
  const profile = await launchProfile('sync');
  scope.defer(() => profile.close());
  const before = await pouchBaseline(scope, pages, profile.context);
  const pouchNote = (runs: PouchRun[]): string =>
    `${SYNC_METRIC}: baseline PouchDB ${before.adapter} adapter → express-pouchdb (memory adapter, so "committed" is` +
    ` in RAM), ${before.docsWritten} docs per run: ${runs.map((r) => `${Math.round(r.ms)} ms`).join(', ')}.`;
  if ('error' in pages.kiosk) {
    return {
      notMeasured: { metric: SYNC_METRIC, reason: `the kiosk page could not be built: ${pages.kiosk.error}` },
      notes: [pouchNote([before])],
    };
  }

  const bench = await startBenchPoint(scope, pages.kiosk.dir, 1);
  const page = await openBenchPage(profile.context, `${bench.server.url}/kiosk.html`);
  await page.evaluate((c) => (window.bench as KioskApi).enrollApp(c), bench.codes[0] as string);
  await profile.context.setOffline(true);
  progress(`kiosk: making ${EDITS} edits offline`);
  const made = await page.evaluate(([d, f, b]) => (window.bench as KioskApi).offlineEdits(d, f, b), [
    DRAFTS,
    FIELDS_PER_DRAFT,
    BYTES,
  ] as const);
  await page.evaluate(() => (window.bench as KioskApi).armSync());
  progress(`kiosk: ${made.outbox} ops in the outbox after ${Math.round(made.ms)} ms; going online`);
  await profile.context.setOffline(false);
  const outcome = await page.evaluate(() => (window.bench as KioskApi).syncOutcome());
  const committed = await committedOps(bench);
  if (committed < made.outbox) {
    throw new Error(
      `the engine reported an empty outbox but the server committed ${committed} of ${made.outbox} operations`,
    );
  }
  await page.close();
  const after = await pouchBaseline(scope, pages, profile.context);
  const baseline = Math.min(before.ms, after.ms);
  return {
    row: makeRow(
      SYNC_METRIC,
      outcome.ms,
      'ms',
      'PouchDB (IndexedDB) replicate.to express-pouchdb, same 5,000 docs (faster of 2)',
      baseline,
    ),
    notes: [
      pouchNote([before, after]),
      `${SYNC_METRIC}: kiosk ${EDITS} field edits of ${BYTES} chars over ${DRAFTS} drafts (+${made.outbox - EDITS}` +
        ` create ops) made offline in ${Math.round(made.ms)} ms; pushed by the app's own sync engine (KioskServices)` +
        ` after the online event; the server (SQLite, synchronous=FULL) committed ${committed} ops` +
        `${outcome.errors.length ? `; failed cycles on the way: ${outcome.errors.join(', ')}` : ''}.`,
    ],
  };
}

interface PouchRun {
  ms: number;
  docsWritten: number;
  adapter: string;
}

async function pouchBaseline(scope: Scope, pages: BuiltPages, context: BrowserContext): Promise<PouchRun> {
  const origin = await startPouchOrigin(pages.baselineDir);
  scope.defer(() => origin.close());
  // PouchDB's memory adapter keeps databases per process: a fresh name gives a fresh database.
  const dbName = `bench-sync-${Date.now()}`;
  const remoteUrl = await origin.createDb(dbName);
  const page = await openBenchPage(context, `${origin.url}/baseline.html`);
  progress(`PouchDB: writing ${EDITS} documents`);
  const local = await page.evaluate(([n, b]) => window.bench.pouchPrepare(n, b), [EDITS, BYTES] as const);
  if (local.docCount !== EDITS) throw new Error(`PouchDB holds ${local.docCount} of ${EDITS} documents`);
  progress('PouchDB: replicating');
  const result = await page.evaluate((url) => window.bench.pouchReplicate(url), remoteUrl);
  const remote = await origin.docCount(dbName);
  if (result.errors > 0 || remote !== EDITS) {
    throw new Error(
      `PouchDB replication left the server with ${remote} of ${EDITS} documents (${result.errors} errors)`,
    );
  }
  await page.close();
  return { ms: result.ms, docsWritten: result.docsWritten, adapter: local.adapter };
}
