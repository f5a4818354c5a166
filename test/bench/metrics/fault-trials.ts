import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scope } from '../report/bounded';
import { makeRow, type Outcome } from '../report/row';

export const FAULT_METRIC = 'fault-trials-failures';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FAULT_SCRIPT = path.join(REPO_ROOT, 'test/fault/run-trials.ts');
const TRIALS = 2000;
/** Seed ranges run in parallel processes (each with its own server), one per core, so 2,000 trials fit the budget. */
const SHARDS = 2;

interface TrialSummary {
  trials: number;
  ops?: number;
  faults: Record<string, number>;
  failures: unknown[] | number;
  conflictDivergences?: number;
  ms?: number;
}

/** The fault-trial script's seeded trials (seeds 1..2000), as one count of broken invariants. */
export async function measureFaultTrials(scope: Scope): Promise<Outcome> {
  if (!existsSync(FAULT_SCRIPT)) {
    return { notMeasured: { metric: FAULT_METRIC, reason: 'test/fault/run-trials.ts does not exist yet' } };
  }
  const per = Math.ceil(TRIALS / SHARDS);
  const shards = await Promise.all(
    Array.from({ length: SHARDS }, (_, i) => runShard(scope, Math.min(per, TRIALS - i * per), 1 + i * per)),
  );
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
  return {
    row: makeRow(FAULT_METRIC, failures, 'count', 'no broken invariant', 0),
    notes: [
      `${FAULT_METRIC}: ${trials} trials (seeds 1..${trials}, ${SHARDS} processes), ${ops} ops, ${faults} injected faults,` +
        ` ${divergences} conflict-list divergences reported by the script.` +
        (examples.length ? ` First failures: ${examples.join(' | ')}` : ''),
    ],
  };
}

function runShard(scope: Scope, trials: number, firstSeed: number): Promise<TrialSummary> {
  return new Promise((resolve, reject) => {
    const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
    const child = spawn(tsx, [FAULT_SCRIPT, String(trials), String(firstSeed)], {
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
            `run-trials.ts (seed ${firstSeed}) exited ${code} without a summary: ${err.trim().slice(-300)}`,
          ),
        );
        return;
      }
      try {
        resolve(JSON.parse(line) as TrialSummary);
      } catch {
        reject(new Error(`run-trials.ts printed an unreadable summary: ${line.slice(0, 200)}`));
      }
    });
  });
}
