import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHarnessPage, buildKioskApp } from './build/vite-builds';
import { buildBlankReact } from './build/blank-react';
import { measureStarts, START_GROUP } from './metrics/cold-start';
import type { BenchContext, Built, BuiltPages } from './metrics/context';
import { KIOSK_FAULTS, measureFaultTrials, PROTOCOL_FAULTS } from './metrics/fault-trials';
import { FIRST_SCREEN_METRIC, measureFirstScreenJs } from './metrics/first-screen';
import { LIGHTHOUSE_GROUP, measureLighthouse } from './metrics/lighthouse';
import { measureSetField, SETFIELD_METRIC } from './metrics/setfield';
import { measureSyncGroup, SYNC_GROUP } from './metrics/sync-5000';
import { measureTwoPcs, TWO_PC_GROUP } from './metrics/two-pcs';
import { runBounded, type Results, type Scope } from './report/bounded';
import { progress } from './report/progress';
import type { BenchRow, NotMeasured } from './report/row';
import { formatReport } from './report/table';
import { StorageLog } from './storage/storage-log';
import { onDiskTempRoot, type PlacedFolder } from './storage/temp-root';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, 'results.json');

/**
 * Each group's metrics and hard time limit. On an otherwise idle 2-core machine the whole run takes about ten
 * minutes; the sync group also has a soft budget of its own and takes fewer runs (and says so) when the
 * machine is very busy, rather than losing every row to the hard limit.
 */
const GROUPS: {
  metrics: readonly string[];
  limitMs: number;
  run: (scope: Scope, results: Results, ctx: BenchContext) => Promise<void>;
}[] = [
  { metrics: [SETFIELD_METRIC], limitMs: 90_000, run: measureSetField },
  { metrics: SYNC_GROUP, limitMs: 1_200_000, run: measureSyncGroup },
  { metrics: TWO_PC_GROUP, limitMs: 420_000, run: measureTwoPcs },
  {
    metrics: [PROTOCOL_FAULTS.metric],
    limitMs: 240_000,
    run: (scope, results) => measureFaultTrials(scope, results, PROTOCOL_FAULTS, 120_000),
  },
  {
    metrics: [KIOSK_FAULTS.metric],
    limitMs: 240_000,
    run: (scope, results) => measureFaultTrials(scope, results, KIOSK_FAULTS, 120_000),
  },
  { metrics: [FIRST_SCREEN_METRIC], limitMs: 90_000, run: measureFirstScreenJs },
  { metrics: START_GROUP, limitMs: 270_000, run: measureStarts },
  { metrics: LIGHTHOUSE_GROUP, limitMs: 240_000, run: measureLighthouse },
];

async function attempt(build: () => Promise<void>, dir: string): Promise<Built> {
  try {
    await build();
    return { dir };
  } catch (e) {
    return { error: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'build failed' };
  }
}

async function buildPages(tmp: string): Promise<BuiltPages> {
  const baselineDir = path.join(tmp, 'baseline');
  await buildHarnessPage('baseline', baselineDir);
  const kioskDir = path.join(tmp, 'kiosk');
  const appDir = path.join(tmp, 'app');
  const kiosk = await attempt(() => buildHarnessPage('kiosk', kioskDir), kioskDir);
  const app = await attempt(() => buildKioskApp(appDir), appDir);
  // The app and the kiosk bench page under one origin: the page prepares data the app then opens.
  const siteDir = path.join(tmp, 'site');
  const site: Built =
    'error' in kiosk
      ? kiosk
      : 'error' in app
        ? app
        : await attempt(async () => {
            cpSync(appDir, siteDir, { recursive: true });
            cpSync(kioskDir, path.join(siteDir, 'bench'), { recursive: true });
          }, siteDir);
  const blankDir = path.join(tmp, 'blank-react');
  const blank = await attempt(() => buildBlankReact(blankDir), blankDir);
  return { baselineDir, kiosk, app, site, blank };
}

/** `--only a,b` runs just the groups that hold those metrics, and within them just those metrics where it can. */
function selected(): Set<string> | null {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? new Set((process.argv[i + 1] ?? '').split(',')) : null;
}

async function main(): Promise<void> {
  const started = Date.now();
  const only = selected();
  // Refuses to run where every temp folder is in RAM: durable writes would cost nothing there.
  const root: PlacedFolder = onDiskTempRoot();
  const tmp = mkdtempSync(path.join(root.path, 'dvc-bench-'));
  const storage = new StorageLog();
  const rows: BenchRow[] = [];
  const missing: NotMeasured[] = [];
  const notes: string[] = [];
  try {
    progress(`temp folders under ${root.path} (${root.fs}); building the bench pages and the kiosk app`);
    const ctx: BenchContext = {
      tmp: root,
      pages: await buildPages(tmp),
      storage,
      wanted: (metric) => !only || only.has(metric),
    };
    for (const group of GROUPS) {
      if (only && !group.metrics.some((m) => only.has(m))) {
        for (const metric of group.metrics) missing.push({ metric, reason: 'not selected (--only)' });
        continue;
      }
      progress(`measuring ${group.metrics.join(', ')}`);
      const outcome = await runBounded(group.metrics, group.limitMs, (scope, results) =>
        group.run(scope, results, ctx),
      );
      for (const row of outcome.rows) progress(`${row.metric}: ${row.value} ${row.unit}`);
      for (const m of outcome.notMeasured) progress(`${m.metric}: ${m.reason}`);
      rows.push(...outcome.rows);
      missing.push(...outcome.notMeasured);
      notes.push(...outcome.notes);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(RESULTS, JSON.stringify(rows, null, 2) + '\n');
  notes.push(...storage.describe().map((line) => `filesystem of ${line}`));
  notes.push(
    `${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end;` + ` whole run ${Math.round((Date.now() - started) / 1000)} s.`,
  );
  console.log('\n' + formatReport(rows, missing, notes));
  console.log(`\nwrote ${path.relative(process.cwd(), RESULTS)}`);
}

// Exit explicitly: a metric abandoned at its time limit may still hold a timer or socket open.
main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
