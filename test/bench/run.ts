import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHarnessPage, buildKioskApp } from './build/vite-builds';
import type { BuiltPages } from './metrics/builds';
import {
  COLD_START_METRIC,
  measureColdStart,
  measureWarmStart,
  WARM_START_METRIC,
} from './metrics/cold-start';
import { KIOSK_FAULTS, measureFaultTrials, PROTOCOL_FAULTS } from './metrics/fault-trials';
import { FIRST_SCREEN_METRIC, measureFirstScreenJs } from './metrics/first-screen';
import {
  LIGHTHOUSE_CATEGORIES,
  lighthouseMetric,
  measureLighthouse,
  type LighthouseCategory,
} from './metrics/lighthouse';
import { KEYSTROKE_METRIC, measureKeystroke } from './metrics/keystroke';
import { measurePc1ToPc2, PC_METRIC } from './metrics/pc1-to-pc2';
import { measureSync, SYNC_METRIC } from './metrics/sync-5000';
import { runBounded, type Scope } from './report/bounded';
import type { BenchRow, NotMeasured, Outcome } from './report/row';
import { progress } from './report/progress';
import { formatReport } from './report/table';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, 'results.json');

/** Each metric's time limit; together with the builds they keep the run under about ten minutes on 2 cores. */
const METRICS: {
  name: string;
  limitMs: number;
  run: (scope: Scope, pages: BuiltPages) => Promise<Outcome>;
}[] = [
  { name: KEYSTROKE_METRIC, limitMs: 90_000, run: measureKeystroke },
  { name: SYNC_METRIC, limitMs: 180_000, run: measureSync },
  { name: PC_METRIC, limitMs: 90_000, run: measurePc1ToPc2 },
  {
    name: PROTOCOL_FAULTS.metric,
    limitMs: 270_000,
    run: (scope) => measureFaultTrials(scope, PROTOCOL_FAULTS),
  },
  { name: KIOSK_FAULTS.metric, limitMs: 240_000, run: (scope) => measureFaultTrials(scope, KIOSK_FAULTS) },
  { name: FIRST_SCREEN_METRIC, limitMs: 90_000, run: measureFirstScreenJs },
  { name: COLD_START_METRIC, limitMs: 240_000, run: measureColdStart },
  { name: WARM_START_METRIC, limitMs: 30_000, run: measureWarmStart },
  ...(Object.keys(LIGHTHOUSE_CATEGORIES) as LighthouseCategory[]).map((c) => ({
    name: lighthouseMetric(c),
    limitMs: 240_000,
    run: measureLighthouse(c),
  })),
];

async function buildPages(tmp: string): Promise<BuiltPages> {
  const attempt = async (
    build: () => Promise<void>,
    dir: string,
  ): Promise<{ dir: string } | { error: string }> => {
    try {
      await build();
      return { dir };
    } catch (e) {
      return { error: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'build failed' };
    }
  };
  const baselineDir = path.join(tmp, 'baseline');
  await buildHarnessPage('baseline', baselineDir);
  const kioskDir = path.join(tmp, 'kiosk');
  const appDir = path.join(tmp, 'app');
  return {
    baselineDir,
    kiosk: await attempt(() => buildHarnessPage('kiosk', kioskDir), kioskDir),
    app: await attempt(() => buildKioskApp(appDir), appDir),
  };
}

/** `--only a,b` runs just those metrics (while working on one); the rest are listed as not measured. */
function selected(): Set<string> | null {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? new Set((process.argv[i + 1] ?? '').split(',')) : null;
}

async function main(): Promise<void> {
  const started = Date.now();
  const only = selected();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dvc-bench-'));
  const rows: BenchRow[] = [];
  const missing: NotMeasured[] = [];
  const notes: string[] = [];
  try {
    progress('building the bench pages and the kiosk app');
    const pages = await buildPages(tmp);
    for (const metric of METRICS) {
      if (only && !only.has(metric.name)) {
        missing.push({ metric: metric.name, reason: 'not selected (--only)' });
        continue;
      }
      progress(`measuring ${metric.name}`);
      const outcome = await runBounded(metric.name, metric.limitMs, (scope) => metric.run(scope, pages));
      progress(
        `${metric.name}: ${'row' in outcome ? `${outcome.row.value} ${outcome.row.unit}` : outcome.notMeasured.reason}`,
      );
      if ('row' in outcome) rows.push(outcome.row);
      else missing.push(outcome.notMeasured);
      notes.push(...(outcome.notes ?? []));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(RESULTS, JSON.stringify(rows, null, 2) + '\n');
  notes.push(`${os.cpus().length} cores; whole run ${Math.round((Date.now() - started) / 1000)} s.`);
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
