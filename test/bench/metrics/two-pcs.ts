import { rmSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { FIVE_THOUSAND_EDITS } from '../harness/src/edits';
import { commitTiming, installAppProbe, lastDraftBytes, storedDraftBytes } from '../browser/app-probes';
import {
  enrollThroughUi,
  nameFor,
  openListedDraft,
  startNewDraft,
  TYPED_FIELD,
  typeInto,
} from '../browser/app-ui';
import { launchProfile } from '../browser/chromium';
import type { Results, Scope } from '../report/bounded';
import { percentile } from '../report/percentile';
import { progress } from '../report/progress';
import { baselineSpreadFields, makeRow, spreadFields } from '../report/row';
import { spreadOf } from '../report/spread';
import { committedOps, createBenchPoint, enrolledDevices, startKioskServer } from '../servers/kiosk-server';
import { describeRequests } from '../servers/request-log';
import { SeedDevice } from '../servers/seed-device';
import { startWireProxy } from '../servers/wire-proxy';
import { makeTempFolder } from '../storage/temp-root';
import { builtDir, type BenchContext } from './context';

export const PC_METRIC = 'pc1-to-pc2-p95';
export const PC_DELAYED_METRIC = 'pc1-to-pc2-p95-rtt-plus-50ms';
export const REQUESTS_METRIC = 'requests-per-edit';
export const TYPED_METRIC = 'typed-edit-to-durable-p99';
export const TWO_PC_GROUP = [PC_METRIC, PC_DELAYED_METRIC, REQUESTS_METRIC, TYPED_METRIC];

/** Runs of each network condition, taking turns; each run is EDITS_PER_RUN edits. */
const RUNS = 5;
const EDITS_PER_RUN = 20;
const WARMUP_EDITS = 5;
/** Added to each direction by the proxy in the delayed runs: 50 ms more per round trip. */
const ONE_WAY_DELAY_MS = 25;
/** Both PCs with the draft open and nobody typing: the requests the point makes anyway. */
const IDLE_WINDOW_MS = 10_000;
/** Enough for an edit's trailing requests to end (they take a few hundred ms on loopback). */
const SETTLE_MS = 1500;
/** An edit not seen on PC 2 by then counts as this long, so a lost edit cannot improve the figure. */
const GIVE_UP_MS = 15_000;
const GOAL_MS = 1000;
/** One generated draft: 50 fields of 1,000 characters, about 50 KB. */
const DRAFT_SHAPE = FIVE_THOUSAND_EDITS;

interface EditSample {
  /** From pressing Tab on PC 1 until PC 2's field shows the value (GIVE_UP_MS when it never did). */
  seenMs: number;
  lost: boolean;
  /** On PC 1, from the focusout to its durable local write; null when the autosave pause had already saved. */
  durableMs: number | null;
  /** A raw strict put of the same records on PC 1, right after. */
  rawMs: number;
}

interface Run {
  delayed: boolean;
  samples: EditSample[];
  /** Server-side window of the run (ms since epoch). */
  from: number;
  to: number;
}

/**
 * The full app, built and served by the real server through a proxy on loopback: two browsers enrolled as one
 * point's PCs, the same ~50 KB draft open on both. PC 1 types a name with the keyboard and presses Tab (the
 * commit); PC 2 shows it. One set of edits gives four rows: PC 1 → PC 2 latency with and without 50 ms added to
 * every round trip, requests per edit counted by the server, and commit → durable write on PC 1.
 */
export async function measureTwoPcs(scope: Scope, results: Results, ctx: BenchContext): Promise<void> {
  const site = builtDir(ctx.pages.app, 'the kiosk app');
  const data = makeTempFolder(ctx.tmp, 'two-pcs-server');
  ctx.storage.record('SQLite', data);
  scope.defer(async () => rmSync(data.path, { recursive: true, force: true }));
  const { server, port, requests } = await startKioskServer(scope, { dataDir: data.path, staticDir: site });
  const point = await createBenchPoint(server, 3);
  const proxy = await startWireProxy({ targetPort: port });
  scope.defer(() => proxy.close());

  const [pc1, pc2] = await Promise.all([launchProfile(ctx.tmp, 'pc1'), launchProfile(ctx.tmp, 'pc2')]);
  for (const pc of [pc1, pc2]) {
    ctx.storage.record('browser profile', pc.folder);
    scope.defer(() => pc.close());
  }
  await pc1.context.addInitScript(installAppProbe);
  const [page1, page2] = await Promise.all([pc1.context.newPage(), pc2.context.newPage()]);
  // Enrolled one after the other, so the server's device list tells which id is which PC.
  const names = new Map<string, string>();
  await enrollThroughUi(page1, proxy.url, point.codes[0] as string);
  names.set((await enrolledDevices(server, point.pointId))[0] as string, 'PC 1');
  await enrollThroughUi(page2, proxy.url, point.codes[1] as string);
  names.set((await enrolledDevices(server, point.pointId))[1] as string, 'PC 2');

  const { draftId, field: field1 } = await startNewDraft(page1);
  progress(`two PCs: enrolled; filling draft ${draftId} to ~50 KB from a third device`);
  await fillToFiftyKb(server, point.pointId, port, point.codes[2] as string, draftId, page1);
  await openListedDraft(page2, draftId);
  const draftBytes = await page1.evaluate(storedDraftBytes, draftId);

  for (let i = 0; i < WARMUP_EDITS; i++) await oneEdit(page1, field1, page2, i);
  progress(
    `two PCs: draft open on both (${draftBytes} bytes sealed); ${IDLE_WINDOW_MS / 1000} s idle for the background requests`,
  );
  // The last warm-up edit's trailing requests (the pull after its push, the pokes' cycles) are not idle ones.
  await page1.waitForTimeout(SETTLE_MS);
  const idleFrom = Date.now();
  await page1.waitForTimeout(IDLE_WINDOW_MS);
  const idleTo = Date.now();
  const idle = requests.between(idleFrom, idleTo);

  const runs: Run[] = [];
  let n = WARMUP_EDITS;
  for (let r = 0; r < RUNS; r++) {
    for (const delayed of [false, true]) {
      proxy.setOneWayDelay(delayed ? ONE_WAY_DELAY_MS : 0);
      const run: Run = { delayed, samples: [], from: Date.now(), to: 0 };
      for (let i = 0; i < EDITS_PER_RUN; i++) run.samples.push(await oneEdit(page1, field1, page2, n++));
      // The last edit's trailing requests (the pull after the push, the pokes' cycles) belong to this run.
      await page1.waitForTimeout(SETTLE_MS);
      run.to = Date.now();
      runs.push(run);
      const seen = run.samples.map((s) => s.seenMs);
      progress(`two PCs: run ${r + 1}${delayed ? ' (+50 ms RTT)' : ''}: p95 ${percentile(seen, 95)} ms`);
    }
  }
  proxy.setOneWayDelay(0);

  const plain = runs.filter((r) => !r.delayed);
  const delayed = runs.filter((r) => r.delayed);
  const storage = ctx.storage.summary(['browser profile', 'SQLite']);

  for (const [metric, set, what] of [
    [PC_METRIC, plain, 'no delay added'],
    [
      PC_DELAYED_METRIC,
      delayed,
      `${ONE_WAY_DELAY_MS} ms added each way by a proxy on 127.0.0.1 (50 ms per round trip)`,
    ],
  ] as const) {
    const all = set.flatMap((r) => r.samples);
    const seen = all.map((s) => s.seenMs);
    const lost = all.filter((s) => s.lost).length;
    results.add(
      makeRow(metric, percentile(seen, 95), 'ms', 'goal (1 s)', GOAL_MS, {
        ...spreadFields(
          spreadOf(
            set.map((r) =>
              percentile(
                r.samples.map((s) => s.seenMs),
                95,
              ),
            ),
          ),
        ),
        p50: percentile(seen, 50),
        storage,
        note:
          `p95 of ${all.length} edits (${set.length} runs of ${EDITS_PER_RUN}, taking turns with the other network condition;` +
          ` median/min/max are each run's p95), ${what}. From pressing Tab after typing a name on PC 1 until PC 2's` +
          ` field shows it, on a ${draftBytes}-byte sealed draft. Leaves out the typing itself and the 300 ms autosave` +
          ` pause (the Tab commits at once)${lost ? `; ${lost} edits not seen within ${GIVE_UP_MS / 1000} s, counted as that` : ''}.`,
      }),
    );
  }

  // Requests: every request both PCs made while the runs without delay lasted, less the rate of the idle window.
  const idleRate = idle.length / (idleTo - idleFrom);
  const perRun = plain.map((r) => {
    const count = requests.between(r.from, r.to).length;
    return (count - idleRate * (r.to - r.from)) / r.samples.length;
  });
  const inRuns = plain.flatMap((r) => requests.between(r.from, r.to));
  const runMs = plain.reduce((t, r) => t + r.to - r.from, 0);
  const edits = plain.reduce((t, r) => t + r.samples.length, 0);
  const perEdit = (inRuns.length - idleRate * runMs) / edits;
  results.add(
    makeRow(REQUESTS_METRIC, perEdit, 'requests', 'goal (one push + one pull)', 2, {
      ...spreadFields(spreadOf(perRun)),
      storage,
      note:
        `Counted by the server (its request log), both PCs, the live event stream left out: ${inRuns.length} requests in` +
        ` ${Math.round(runMs / 1000)} s of ${edits} edits without delay, less ${idle.length} requests per` +
        ` ${IDLE_WINDOW_MS / 1000} s counted with both PCs idle (periodic pulls, lease renewals) scaled to that time.`,
    }),
  );
  results.note(`${REQUESTS_METRIC}: during the edits: ${describeRequests(inRuns, names)}.`);
  results.note(
    `${REQUESTS_METRIC}: idle ${IDLE_WINDOW_MS / 1000} s: ${describeRequests(idle, names) || 'none'}.`,
  );

  const clean = plain.flatMap((r) => r.samples).filter((s) => s.durableMs !== null);
  const durable = clean.map((s) => s.durableMs as number);
  const raw = plain.flatMap((r) => r.samples.map((s) => s.rawMs));
  const early = plain.flatMap((r) => r.samples).length - clean.length;
  if (durable.length === 0) {
    results.missing(TYPED_METRIC, 'every edit had been saved by the autosave pause before its commit');
  } else {
    results.add(
      makeRow(
        TYPED_METRIC,
        percentile(durable, 99),
        'ms',
        'raw IndexedDB put, durability strict, same records (p99)',
        percentile(raw, 99),
        {
          ...spreadFields(
            spreadOf(
              plain
                .map((r) => r.samples.flatMap((s) => (s.durableMs === null ? [] : [s.durableMs])))
                .filter((d) => d.length > 0)
                .map((d) => percentile(d, 99)),
            ),
          ),
          ...baselineSpreadFields(
            spreadOf(
              plain.map((r) =>
                percentile(
                  r.samples.map((s) => s.rawMs),
                  99,
                ),
              ),
            ),
          ),
          p50: percentile(durable, 50),
          baselineP50: percentile(raw, 50),
          storage: ctx.storage.summary(['browser profile']),
          note:
            `p99 of ${durable.length} edits typed on PC 1 with sync online (the runs without delay; median/min/max are each` +
            ` run's p99), from the field's focusout to the completion of the app's strict write of draft + op, on a` +
            ` ${await page1.evaluate(lastDraftBytes)}-byte sealed draft; each beside one raw strict put of the records that` +
            ` write put. Leaves out the typing and re-rendering${early ? `; ${early} edits left out: the autosave pause saved them first` : ''}.`,
        },
      ),
    );
  }
}

/** One edit: type a name on PC 1, press Tab, time until PC 2 shows it; then PC 1's write and a raw put beside it. */
async function oneEdit(page1: Page, field1: Locator, page2: Page, i: number): Promise<EditSample> {
  const value = nameFor(i);
  await typeInto(field1, value);
  const t0 = Date.now();
  await field1.press('Tab');
  const seenAt = await page2
    .waitForFunction(
      ([field, expected]) => {
        const el = document.querySelector<HTMLInputElement>(`[data-field="${field}"]`);
        return el !== null && el.value === expected ? Date.now() : false;
      },
      [TYPED_FIELD, value] as const,
      { polling: 5, timeout: GIVE_UP_MS },
    )
    .then((h) => h.jsonValue() as Promise<number>)
    .catch(() => null);
  const commit = await page1.evaluate(commitTiming);
  return {
    seenMs: seenAt === null ? GIVE_UP_MS : seenAt - t0,
    lost: seenAt === null,
    durableMs: commit.savedEarly ? null : commit.blurToDurableMs,
    rawMs: commit.rawPutMs,
  };
}

/** A third device fills the draft with one generated draft's 50 fields; PC 1 pulls them (its poke). */
async function fillToFiftyKb(
  server: Parameters<typeof committedOps>[0],
  pointId: string,
  port: number,
  code: string,
  draftId: string,
  page1: Page,
): Promise<void> {
  // The draft's create must be on the server before fields are pushed for it.
  for (let i = 0; (await committedOps(server, pointId)) === 0; i++) {
    if (i > 200) throw new Error('PC 1 never pushed its new draft');
    await page1.waitForTimeout(50);
  }
  const seed = await SeedDevice.enroll(`http://127.0.0.1:${port}`, code);
  await seed.fillDraft(draftId, DRAFT_SHAPE);
  const wanted = DRAFT_SHAPE.fieldsPerDraft * DRAFT_SHAPE.chars;
  for (let i = 0; (await page1.evaluate(storedDraftBytes, draftId)) < wanted; i++) {
    if (i > 300) throw new Error('PC 1 did not pull the filled draft within 30 s');
    await page1.waitForTimeout(100);
  }
}
