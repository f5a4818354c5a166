import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Results, Scope } from '../report/bounded';
import { makeRow } from '../report/row';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A seeded fault-trial script and how many of its trials the benchmark runs. */
export interface FaultSuite {
  metric: string;
  script: string;
  trials: number;
  /** Seed ranges run in parallel processes (each with its own server), one per core. */
  shards: number;
  what: string;
}

export const FAULT_METRIC = 'fault-trials-failures';
/** The protocol-level client: many cheap trials. */
export const PROTOCOL_FAULTS: FaultSuite = {
  metric: FAULT_METRIC,
  script: path.join(REPO_ROOT, 'test/fault/run-trials.ts'),
  trials: 1000,
  shards: 2,
  what: 'protocol client',
};
export const KIOSK_FAULT_METRIC = 'kiosk-fault-trials-failures';
/** The kiosk's own repositories and sync engine (fake IndexedDB in Node): fewer, costlier trials. */
export const KIOSK_FAULTS: FaultSuite = {
  metric: KIOSK_FAULT_METRIC,
  script: path.join(REPO_ROOT, 'test/fault/kiosk-run-trials.ts'),
  trials: 200,
  shards: 2,
  what: "kiosk's own sync code",
};

interface TrialSummary {
  trials: number;
  ops?: number;
  faults: Record<string, number>;
  failures: unknown[] | number;
  conflictDivergences?: number;
  ms?: number;
}

/** Seeds each process runs per batch: small enough that a busy machine still finishes some batches. */
const BATCH_PER_SHARD = 25;

/**
 * A fault-trial script's seeded trials (seeds 1..trials), as one count of broken invariants. They run in batches
 * of consecutive seeds, one process per shard at a time, and no batch starts that would likely end after
 * `budgetMs`: on a busy machine the row covers fewer seeds and says how many.
 */
export async function measureFaultTrials(
  scope: Scope,
  results: Results,
  suite: FaultSuite,
  budgetMs: number,
): Promise<void> {
  const { metric, script } = suite;
  if (!existsSync(script)) {
    results.missing(metric, `${path.relative(REPO_ROOT, script)} does not exist`);
    return;
  }
  const deadline = Date.now() + budgetMs;
  const shards: TrialSummary[] = [];
  let next = 1;
  let lastBatchMs = 0;
  while (next <= suite.trials && (shards.length === 0 || Date.now() + lastBatchMs < deadline)) {
    const started = Date.now();
    const batch = Array.from({ length: suite.shards }, (_, i) => next + i * BATCH_PER_SHARD).filter(
      (first) => first <= suite.trials,
    );
    shards.push(
      ...(await Promise.all(
        batch.map((first) =>
          runShard(scope, script, Math.min(BATCH_PER_SHARD, suite.trials - first + 1), first),
        ),
      )),
    );
    next += suite.shards * BATCH_PER_SHARD;
    lastBatchMs = Date.now() - started;
  }
  const trials = shards.reduce((n, s) => n + s.trials, 0);
  const failures = shards.reduce(
    (n, s) => n + (Array.isArray(s.failures) ? s.failures.length : s.failures),
    0,
  );
  const faults = shards.reduce(
    (n, s) => n + Object.entries(s.faults).reduce((m, [k, v]) => m + (k === 'pass' ? 0 : v), 0),
    0,
  );
  const ops = shards.reduce((n, s) => n + (s.ops ?? 0), 0);
  const divergences = shards.reduce((n, s) => n + (s.conflictDivergences ?? 0), 0);
  const examples = shards
    .flatMap((s) => (Array.isArray(s.failures) ? s.failures.slice(0, 2) : []))
    .map(String);
  const partly = trials < suite.trials ? ` (of ${suite.trials}: the time budget ran out first)` : '';
  results.add(
    makeRow(metric, failures, 'count', 'no broken invariant', 0, {
      runs: trials,
      note: `${trials} seeded trials${partly} of the ${suite.what} under injected faults; counts broken invariants, not time.`,
    }),
  );
  results.note(
    `${metric}: ${suite.what}, ${trials} trials${partly} (seeds 1..${trials}, ${suite.shards} processes), ${ops} ops, ${faults} injected faults,` +
      ` ${divergences} conflict-list divergences reported by the script.` +
      (examples.length ? ` First failures: ${examples.join(' | ')}` : ''),
  );
}

function runShard(scope: Scope, script: string, trials: number, firstSeed: number): Promise<TrialSummary> {
  return new Promise((resolve, reject) => {
    const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
    const child = spawn(tsx, [script, String(trials), String(firstSeed)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    // Its own process group, so an overrun ends the script and whatever it started, and nothing else.
    scope.defer(async () => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{'));
      if (!line) {
        reject(
          new Error(
            `${path.basename(script)} (seed ${firstSeed}) exited ${code} without a summary: ${err.trim().slice(-300)}`,
          ),
        );
        return;
      }
      try {
        resolve(JSON.parse(line) as TrialSummary);
      } catch {
        reject(new Error(`${path.basename(script)} printed an unreadable summary: ${line.slice(0, 200)}`));
      }
    });
  });
}
