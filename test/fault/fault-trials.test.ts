import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/src/main';
import {
  describeFaults,
  injectedFaults,
  kindsExpected,
  runTrial,
  runTrials,
  TRIAL_ENROLL_LIMIT,
  TRIAL_WEIGHTS,
} from './trial';

const TRIALS = Number(process.env.DVC_FAULT_TRIALS ?? 200);
const FIRST_SEED = Number(process.env.DVC_FAULT_SEED ?? 1);
if (!Number.isInteger(TRIALS) || TRIALS < 1 || !Number.isInteger(FIRST_SEED)) {
  throw new Error('DVC_FAULT_TRIALS must be a positive integer and DVC_FAULT_SEED an integer');
}

describe('sync through a faulty network', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvc-fault-'));
    server = await startServer({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      enrollLimit: TRIAL_ENROLL_LIMIT,
    });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    `every edit reaches the server exactly once and every PC converges (${TRIALS} seeded trials)`,
    async () => {
      const summary = await runTrials({ url: server.url, ...server.admin }, TRIALS, FIRST_SEED);
      const injected = injectedFaults(summary.faults);
      console.log(
        `fault trials: ${summary.trials} trials (seeds ${FIRST_SEED}–${FIRST_SEED + TRIALS - 1}), ${summary.ops} ops, ` +
          `${injected} faults injected: ${describeFaults(summary.faults)}; ${summary.failures.length} failures`,
      );
      expect(summary.failures).toEqual([]);
      // The trials only prove something if the network really was bad: every trial met faults, and a long
      // run met every kind of fault.
      expect(summary.trials).toBe(TRIALS);
      expect(summary.ops).toBeGreaterThan(0);
      expect(summary.faultedTrials).toBe(TRIALS);
      for (const kind of kindsExpected(TRIAL_WEIGHTS, TRIALS))
        expect(summary.faults[kind], kind).toBeGreaterThan(0);
    },
    Math.max(300_000, TRIALS * 3_000),
  );

  it('replays a trial: the same seed meets the same faults and makes the same edits', async () => {
    const target = { url: server.url, ...server.admin };
    const [a, b] = [await runTrial(target, 424242), await runTrial(target, 424242)];
    expect(a.failures).toEqual([]);
    expect({ faults: b.faults, ops: b.ops }).toEqual({ faults: a.faults, ops: a.ops });
  });
});
