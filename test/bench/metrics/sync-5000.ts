import { rmSync } from 'node:fs';
import type { KioskApi, PouchSyncOutcome, SyncOutcome } from '../harness/src/bench-api';
import { editCount, FIVE_THOUSAND_EDITS } from '../harness/src/edits';
import { openBenchPage } from '../browser/bench-page';
import { launchProfile } from '../browser/chromium';
import type { Results, Scope } from '../report/bounded';
import { progress } from '../report/progress';
import { baselineSpreadFields, makeRow, spreadFields, type BenchRow, type WireBytes } from '../report/row';
import { describeSpread, spreadOf } from '../report/spread';
import { couchDocCount, createCouchDb } from '../servers/couch-client';
import { committedOps } from '../servers/kiosk-server';
import { POUCH_PREFIX, startPouchMemoryOrigin } from '../servers/pouch-origin';
import { startPouchLevelServer } from '../servers/pouch-leveldb';
import { startWireProxy, type WireProxy } from '../servers/wire-proxy';
import { makeTempFolder } from '../storage/temp-root';
import { builtDir, type BenchContext } from './context';
import { copyKioskTemplate, KIOSK_PAGE, prepareKioskTemplate, type KioskTemplate } from './kiosk-template';
import { measureTypingDuringSync, TYPING_METRIC } from './typing-during-sync';

export const SYNC_METRIC = 'sync-5000-edits';
export const POUCH_MEMORY_METRIC = 'sync-5000-edits-pouchdb-memory';
export const POUCH_LEVELDB_METRIC = 'sync-5000-edits-pouchdb-leveldb';
export const SYNC_GROUP = [SYNC_METRIC, POUCH_MEMORY_METRIC, POUCH_LEVELDB_METRIC, TYPING_METRIC];

const SHAPE = FIVE_THOUSAND_EDITS;
const EDITS = editCount(SHAPE);
/** Timed runs of each side, after one untimed warm-up run of each. */
const RUNS = 5;
/** How long the kiosk's engine must stay idle before its sync counts as done (the time is taken at going idle). */
const QUIET_MS = 1000;
/**
 * No round starts that would likely end later than this after the group began: the group's hard limit in
 * run.ts (1,200 s) less room for the typing row. An idle 2-core machine needs about a third of it; on a busy
 * one the rows say how many runs they got rather than losing every row to the hard limit.
 */
const ROUNDS_BUDGET_MS = 1_000_000;

interface RunFigures {
  ms: number;
  bytes: WireBytes;
  /** PouchDB only: when its push half completed. */
  pushMs?: number;
}

/** One side of the comparison: how to run it once, and what it did in each run. */
interface Side {
  readonly name: string;
  readonly runs: RunFigures[];
  run(): Promise<RunFigures>;
}

/**
 * 5,000 edits of ~1 KB made offline, then sync until done, side by side: the kiosk's real repository and sync
 * engine against its real server, and PouchDB (IndexedDB) syncing the same generated edits as documents with
 * express-pouchdb in memory (in this process) and on LevelDB (full CouchDB mode, in a child process). Each
 * side's starting state is prepared once and copied for every run; every run starts a fresh browser on its
 * copy. After one warm-up run of each, the sides take turns, RUNS times each.
 */
export async function measureSyncGroup(scope: Scope, results: Results, ctx: BenchContext): Promise<void> {
  const deadline = Date.now() + ROUNDS_BUDGET_MS;
  const site = builtDir(ctx.pages.site, 'the app with the kiosk bench page');
  const kioskProxy = await startWireProxy();
  scope.defer(() => kioskProxy.close());
  const wantSync = [SYNC_METRIC, POUCH_MEMORY_METRIC, POUCH_LEVELDB_METRIC].some((m) => ctx.wanted(m));
  // Neither preparation is timed, so they may share the machine.
  const [template, pouch] = await Promise.all([
    prepareKioskTemplate(scope, ctx, site, kioskProxy, SHAPE),
    wantSync ? preparePouch(scope, ctx) : null,
  ]);
  if (pouch) await compareSides(results, ctx, { site, kioskProxy, template, pouch, deadline }, scope);
  if (ctx.wanted(TYPING_METRIC)) {
    await measureTypingDuringSync(scope, results, ctx, { site, proxy: kioskProxy, template });
  }
}

async function compareSides(
  results: Results,
  ctx: BenchContext,
  env: {
    site: string;
    kioskProxy: WireProxy;
    template: KioskTemplate;
    pouch: PreparedPouch;
    deadline: number;
  },
  scope: Scope,
): Promise<void> {
  const { site, kioskProxy, template, pouch, deadline } = env;
  const kiosk: Side = {
    name: 'kiosk',
    runs: [],
    run: () => kioskRun(scope, ctx, site, kioskProxy, template),
  };
  const memory: Side = { name: 'PouchDB memory', runs: [], run: () => pouch.run('memory') };
  const level: Side = { name: 'PouchDB LevelDB', runs: [], run: () => pouch.run('leveldb') };
  const sides = [kiosk, memory, level];
  let lastRoundMs = 0;
  for (let round = 0; round <= RUNS; round++) {
    if (round > 1 && Date.now() + lastRoundMs > deadline) {
      results.note(
        `${SYNC_METRIC}: only ${round - 1} of ${RUNS} runs per side fitted in the bench's time budget (the machine was busy).`,
      );
      break;
    }
    const roundStart = Date.now();
    for (const side of sides) {
      const figures = await side.run();
      progress(`${side.name} ${round === 0 ? 'warm-up' : `run ${round}`}: ${Math.round(figures.ms)} ms`);
      if (round > 0) side.runs.push(figures);
    }
    lastRoundMs = Date.now() - roundStart;
  }

  const spread = (side: Side) => spreadOf(side.runs.map((r) => r.ms));
  const bytes = (side: Side): WireBytes => ({
    sent: spreadOf(side.runs.map((r) => r.bytes.sent)).median,
    received: spreadOf(side.runs.map((r) => r.bytes.received)).median,
  });
  const faster = spread(memory).median <= spread(level).median ? memory : level;
  const storage = ctx.storage.summary(['browser profile', 'SQLite', 'PouchDB LevelDB']);
  const kioskSpread = spread(kiosk);
  results.add(
    makeRow(
      SYNC_METRIC,
      kioskSpread.median,
      'ms',
      `faster PouchDB row (${faster === memory ? POUCH_MEMORY_METRIC : POUCH_LEVELDB_METRIC}), median`,
      spread(faster).median,
      {
        ...spreadFields(kioskSpread),
        ...baselineSpreadFields(spread(faster)),
        bytesOnWire: bytes(kiosk),
        baselineBytesOnWire: bytes(faster),
        storage,
        note:
          `Median of ${kiosk.runs.length} runs after a warm-up, taking turns with both PouchDB rows. From the page's online event` +
          ` until the engine went idle with an empty outbox (push, the pull after it, and cycles started by pokes);` +
          ` ${template.outbox} ops (${EDITS} edits + ${template.outbox - EDITS} creates). Leaves out making the edits.`,
      },
    ),
  );
  const pouchRow = (metric: string, side: Side, what: string): BenchRow =>
    makeRow(
      metric,
      spread(side).median,
      'ms',
      `kiosk, ${SYNC_METRIC} median in the same run`,
      kioskSpread.median,
      {
        ...spreadFields(spread(side)),
        ...baselineSpreadFields(kioskSpread),
        bytesOnWire: bytes(side),
        baselineBytesOnWire: bytes(kiosk),
        storage: ctx.storage.summary(['browser profile', ...(side === level ? ['PouchDB LevelDB'] : [])]),
        note:
          `Median of ${side.runs.length} runs after a warm-up. PouchDB (IndexedDB) one-shot sync (push and pull) of the same ${EDITS}` +
          ` generated edits as documents with ${what}; from the call until both halves completed. Leaves out writing the documents.`,
      },
    );
  results.add(
    pouchRow(
      POUCH_MEMORY_METRIC,
      memory,
      'express-pouchdb (minimal mode, memory adapter, in the bench process)',
    ),
  );
  results.add(
    pouchRow(
      POUCH_LEVELDB_METRIC,
      level,
      'express-pouchdb (full CouchDB mode, LevelDB adapter, in a child process; LevelDB writes without fsync)',
    ),
  );
  for (const side of sides) {
    results.note(
      `${SYNC_METRIC}: ${side.name}: ${describeSpread(spread(side), 'ms')}; runs ${side.runs.map((r) => Math.round(r.ms)).join(', ')} ms;` +
        ` wire (median) ${bytes(side).sent} bytes sent, ${bytes(side).received} received.`,
    );
  }
  const pushMedian = (side: Side) =>
    Math.round(spreadOf(side.runs.map((r) => r.pushMs ?? Number.NaN)).median);
  results.note(
    `${SYNC_METRIC}: PouchDB's push half (it runs beside the pull) completed after (median) memory ${pushMedian(memory)} ms,` +
      ` LevelDB ${pushMedian(level)} ms;` +
      ` kiosk template made in ${Math.round(template.prepMs / 1000)} s (not timed).`,
  );
}

async function kioskRun(
  scope: Scope,
  ctx: BenchContext,
  site: string,
  proxy: WireProxy,
  template: KioskTemplate,
): Promise<RunFigures> {
  const copy = await copyKioskTemplate(scope, ctx, template, site, proxy);
  try {
    const profile = await copy.launch();
    const page = await openBenchPage(profile.context, `${proxy.url}${KIOSK_PAGE}`);
    // Offline before the app's services start, so nothing syncs before the stopwatch is armed.
    await profile.context.setOffline(true);
    const opened = await page.evaluate(() => (window.bench as KioskApi).openServices());
    if (opened.outbox !== template.outbox) {
      throw new Error(`the kiosk copy holds ${opened.outbox} of ${template.outbox} outbox ops`);
    }
    await page.evaluate((q) => (window.bench as KioskApi).armSync(q), QUIET_MS);
    proxy.resetBytes();
    await profile.context.setOffline(false);
    const outcome: SyncOutcome = await page.evaluate(() => (window.bench as KioskApi).syncOutcome());
    const bytes = proxy.bytes();
    const committed = await committedOps(copy.server.server, template.pointId);
    if (committed !== template.outbox) {
      throw new Error(
        `the kiosk reported its outbox empty, but the server committed ${committed} of ${template.outbox}`,
      );
    }
    if (outcome.errors.length > 0) progress(`kiosk: failed cycles on the way: ${outcome.errors.join(', ')}`);
    return { ms: outcome.ms, bytes };
  } finally {
    await copy.release();
  }
}

interface PreparedPouch {
  run(backend: 'memory' | 'leveldb'): Promise<RunFigures>;
}

/**
 * Both PouchDB servers, and a browser profile whose PouchDB holds the generated documents, made once. A proxy at
 * a fixed port is the page's origin, so the copied profile finds its database whichever server is behind it.
 */
async function preparePouch(scope: Scope, ctx: BenchContext): Promise<PreparedPouch> {
  const proxy = await startWireProxy();
  scope.defer(() => proxy.close());
  const memory = await startPouchMemoryOrigin(ctx.pages.baselineDir);
  scope.defer(() => memory.close());
  const levelDir = makeTempFolder(ctx.tmp, 'pouch-leveldb');
  ctx.storage.record('PouchDB LevelDB', levelDir);
  scope.defer(async () => rmSync(levelDir.path, { recursive: true, force: true }));
  const level = await startPouchLevelServer(scope, levelDir.path, ctx.pages.baselineDir);
  const ports = { memory: Number(new URL(memory.url).port), leveldb: level.port };

  proxy.setTarget(ports.memory);
  const template = await launchProfile(ctx.tmp, 'pouch-template');
  ctx.storage.record('browser profile', template.folder);
  scope.defer(async () => rmSync(template.folder.path, { recursive: true, force: true }));
  const page = await openBenchPage(template.context, `${proxy.url}/baseline.html`);
  progress(`PouchDB template: writing ${EDITS} documents (not timed)`);
  const local = await page.evaluate((s) => window.bench.pouchPrepare(s), SHAPE);
  if (local.docCount !== EDITS) throw new Error(`PouchDB holds ${local.docCount} of ${EDITS} documents`);
  await template.close({ keep: true });

  let dbs = 0;
  return {
    async run(backend) {
      proxy.setTarget(ports[backend]);
      const dbUrl = `${proxy.url}${POUCH_PREFIX}/bench-${++dbs}`;
      await createCouchDb(dbUrl);
      const profile = await launchProfile(ctx.tmp, 'pouch', { copyOf: template.folder.path });
      ctx.storage.record('browser profile', profile.folder);
      const close = scope.adopt(() => profile.close());
      try {
        const runPage = await openBenchPage(profile.context, `${proxy.url}/baseline.html`);
        proxy.resetBytes();
        const outcome: PouchSyncOutcome = await runPage.evaluate((url) => window.bench.pouchSync(url), dbUrl);
        const bytes = proxy.bytes();
        const remote = await couchDocCount(dbUrl);
        if (outcome.errors > 0 || remote !== EDITS) {
          throw new Error(
            `PouchDB sync left the ${backend} server with ${remote} of ${EDITS} documents (${outcome.errors} errors)`,
          );
        }
        return { ms: outcome.ms, bytes, pushMs: outcome.pushMs };
      } finally {
        await close();
      }
    },
  };
}
