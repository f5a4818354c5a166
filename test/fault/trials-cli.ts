import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/src/main';

/** What a trial suite needs of the server: its URL and the operator's functions. */
export type TrialHost = { url: string } & RunningServer['admin'];

export interface TrialCli {
  script: string;
  defaultTrials: number;
  enrollLimit: { max: number; windowMs: number };
  run(server: TrialHost, trials: number, firstSeed: number): Promise<{ failures: readonly unknown[] }>;
}

/**
 * Runs seeded fault trials outside vitest, for long runs and the benchmark:
 *   npx tsx test/fault/<script> <trials> [firstSeed]
 * One server on SQLite in a temp folder; prints one JSON line (the suite's summary plus `ms`) and exits
 * non-zero when an invariant broke.
 */
export function runTrialsCli(cli: TrialCli): void {
  const main = async (): Promise<number> => {
    const trials = Number(process.argv[2] ?? cli.defaultTrials);
    const firstSeed = Number(process.argv[3] ?? 1);
    if (!Number.isInteger(trials) || trials < 1 || !Number.isInteger(firstSeed)) {
      console.error(`usage: tsx test/fault/${cli.script} <trials> [firstSeed]`);
      return 2;
    }
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvc-fault-run-'));
    const server = await startServer({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      enrollLimit: cli.enrollLimit,
    });
    const started = performance.now();
    try {
      const summary = await cli.run({ url: server.url, ...server.admin }, trials, firstSeed);
      console.log(JSON.stringify({ ...summary, ms: Math.round(performance.now() - started) }));
      return summary.failures.length ? 1 : 0;
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
