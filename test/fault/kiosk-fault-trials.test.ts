import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/src/main';
import { KIOSK_TRIAL_ENROLL_LIMIT, runKioskTrials } from './kiosk-trial';
import { describeFaults, injectedFaults, kindsExpected, TRIAL_WEIGHTS } from './trial';

const TRIALS = Number(process.env.DVC_KIOSK_FAULT_TRIALS ?? 60);
const FIRST_SEED = Number(process.env.DVC_KIOSK_FAULT_SEED ?? 1);
if (!Number.isInteger(TRIALS) || TRIALS < 1 || !Number.isInteger(FIRST_SEED)) {
  throw new Error('DVC_KIOSK_FAULT_TRIALS must be a positive integer and DVC_KIOSK_FAULT_SEED an integer');
}

describe("the kiosk's own sync code through a faulty network", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvc-kiosk-fault-'));
    server = await startServer({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      enrollLimit: KIOSK_TRIAL_ENROLL_LIMIT,
    });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    `every edit of both PCs reaches the server exactly once and both show the same drafts (${TRIALS} seeded trials)`,
    async () => {
      const started = performance.now();
      const s = await runKioskTrials({ url: server.url, ...server.admin }, TRIALS, FIRST_SEED);
      const injected = injectedFaults(s.faults);
      console.log(
        `kiosk fault trials: ${s.trials} trials (seeds ${FIRST_SEED}–${FIRST_SEED + TRIALS - 1}), ${s.ops} edits, ` +
          `${s.statusRequests} status requests, ${s.enrollRequests} enrollment requests, ${s.restarts} app restarts; ` +
          `${injected} faults injected: ${describeFaults(s.faults)}; ${s.concurrentWrites} same-field writes made apart, ` +
          `${s.conflictedDrafts} drafts flagged, ${s.hiddenByUnseenRemoval} writes hidden by an unseen row removal; ` +
          `${s.failures.length} failures; ${Math.round(performance.now() - started)} ms`,
      );
      expect(s.failures).toEqual([]);
      // The trials only prove something if the network really was bad: every trial met faults, and a long
      // run met every kind of fault.
      expect(s.trials).toBe(TRIALS);
      expect(s.ops).toBeGreaterThan(0);
      expect(s.faultedTrials).toBe(TRIALS);
      for (const kind of kindsExpected(TRIAL_WEIGHTS, TRIALS))
        expect(s.faults[kind], kind).toBeGreaterThan(0);
    },
    Math.max(300_000, TRIALS * 10_000),
  );
});
