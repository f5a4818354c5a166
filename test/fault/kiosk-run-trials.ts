import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../server/src/main';
import { KIOSK_TRIAL_ENROLL_LIMIT, runKioskTrials } from './kiosk-trial';

/**
 * Runs the seeded kiosk fault trials outside vitest, for long runs and the benchmark:
 *   npx tsx test/fault/kiosk-run-trials.ts <trials> [firstSeed]
 * One server on SQLite in a temp folder; prints one JSON line {trials, ops, faults, failures, ms, …} and
 * exits non-zero when an invariant broke.
 */
async function main(): Promise<number> {
  const trials = Number(process.argv[2] ?? 200);
  const firstSeed = Number(process.argv[3] ?? 1);
  if (!Number.isInteger(trials) || trials < 1 || !Number.isInteger(firstSeed)) {
    console.error('usage: tsx test/fault/kiosk-run-trials.ts <trials> [firstSeed]');
    return 2;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvc-kiosk-fault-run-'));
  const server = await startServer({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    enrollLimit: KIOSK_TRIAL_ENROLL_LIMIT,
  });
  const started = performance.now();
  try {
    const summary = await runKioskTrials({ url: server.url, ...server.admin }, trials, firstSeed);
    console.log(JSON.stringify({ ...summary, ms: Math.round(performance.now() - started) }));
    return summary.failures.length ? 1 : 0;
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
