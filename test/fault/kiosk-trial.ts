import { isRetryableCode } from '../../renderer/src/sync/api-error';
import { mulberry32 } from '../support/prng';
import { FAULT_KINDS, startFaultProxy, type FaultCounts, type FaultWeights } from './fault-proxy';
import { personEdits } from './kiosk-edits';
import { enrollThroughNetwork, KioskReplica } from './kiosk-replica';
import { verifyKioskTrial } from './kiosk-verify';
import { injectedFaults, TRIAL_WEIGHTS, type TrialServer } from './trial';

/** The server under test, with the operator's view of a point (its log length and active devices). */
export interface KioskTrialServer extends TrialServer {
  listPoints(): Promise<readonly { id: string; lastSeq: number; activeDevices: number }[]>;
}

/** Every trial enrolls two PCs from 127.0.0.1, retries included. */
export const KIOSK_TRIAL_ENROLL_LIMIT = { max: 100_000, windowMs: 60_000 };

export interface KioskTrialResult {
  seed: number;
  faults: FaultCounts;
  /** Operations the kiosks made (each must be on the server exactly once). */
  ops: number;
  statusRequests: number;
  /** Enrollment requests sent, retries included (2 when nothing was lost). */
  enrollRequests: number;
  conflictedDrafts: number;
  concurrentWrites: number;
  hiddenByUnseenRemoval: number;
  /** Times a PC's app was closed and started again between cycles. */
  restarts: number;
  /** Empty when every invariant held. */
  failures: string[];
}

const PCS = 2;
const HOUR = 3_600_000;
const MIN_ROUNDS = 3;
const MAX_ROUNDS = 8;
/** Rounds of both PCs syncing after the network heals; two quiet ones are enough when all is well. */
const MAX_SETTLE_ROUNDS = 8;

/**
 * One seeded trial: a fresh point, two kiosks assembled from the app's own code enrolling and syncing
 * through a faulty network while volunteers edit, then the network heals and both sync until nothing moves.
 * Returns every invariant that did not hold. Rounds where a PC edits during its sync cycle, or both PCs sync
 * at once, depend on timing, so a seed replays its edits and faults exactly only up to the first of those.
 */
export async function runKioskTrial(
  server: KioskTrialServer,
  seed: number,
  weights: FaultWeights = TRIAL_WEIGHTS,
): Promise<KioskTrialResult> {
  const rng = mulberry32(seed);
  const editRng = rng.fork(1);
  const syncRng = rng.fork(2);
  const proxy = await startFaultProxy({
    upstream: server.url,
    seed: rng.fork(3).int(0, 2 ** 31),
    weights,
    maxDelayMs: 8,
  });
  const failures: string[] = [];
  const replicas: KioskReplica[] = [];
  const result = {
    ops: 0,
    statusRequests: 0,
    enrollRequests: 0,
    conflictedDrafts: 0,
    concurrentWrites: 0,
    hiddenByUnseenRemoval: 0,
    restarts: 0,
  };
  const reported = new Set<string>();
  const noteCycle = (r: KioskReplica, error: string | null, healed: boolean) => {
    // Through a bad network a cycle may fail and is retried; an error no retry fixes, or any after the
    // network healed, is something a volunteer would be shown.
    if (error === null || (!healed && isRetryableCode(error))) return;
    const message = `${r.name}: a sync cycle${healed ? ' after the network healed' : ''} failed with ${error}`;
    if (!reported.has(message)) failures.push(message);
    reported.add(message);
  };
  try {
    const point = await server.createPoint(`kiosk fault trial ${seed}`);
    const codes = await server.issueEnrollmentCodes(point.id, PCS);
    for (const [i, code] of codes.entries()) {
      const name = `PC ${i + 1}`;
      const enrolled = await enrollThroughNetwork(proxy.url, code, name, syncRng);
      result.enrollRequests += enrolled.attempts;
      replicas.push(
        await KioskReplica.open({
          name,
          enrolled: enrolled.response,
          baseUrl: proxy.url,
          skewMs: rng.int(-2 * HOUR, 2 * HOUR),
          rng: syncRng.fork(i),
        }),
      );
    }

    const drafts: string[] = [];
    const rounds = rng.int(MIN_ROUNDS, MAX_ROUNDS);
    for (let round = 0; round < rounds; round++) {
      for (const r of syncRng.shuffle(replicas)) {
        const edits = editRng.int(1, 6);
        const mode = syncRng.next();
        // Now and then the app is closed and started again (a reload, the PC restarted) between cycles.
        if (syncRng.chance(0.1)) await r.restart();
        // Now and then a PC stays offline for a round and its outbox grows.
        if (mode < 0.3) await personEdits(r, editRng, drafts, edits);
        // A volunteer typing while the cycle runs.
        else if (mode < 0.55) {
          const [error] = await Promise.all([r.sync(), personEdits(r, editRng, drafts, edits)]);
          noteCycle(r, error, false);
        } else {
          await personEdits(r, editRng, drafts, edits);
          noteCycle(r, await r.sync(), false);
        }
      }
      if (syncRng.chance(0.25)) {
        const errors = await Promise.all(replicas.map((r) => r.sync()));
        replicas.forEach((r, i) => noteCycle(r, errors[i] ?? null, false));
      }
    }

    proxy.heal();
    if (await settle(server, point.id, replicas, noteCycle, failures)) {
      const observed = await verifyKioskTrial(replicas, server.url, failures);
      result.conflictedDrafts = observed.conflictedDrafts;
      result.concurrentWrites = observed.concurrentWrites;
      result.hiddenByUnseenRemoval = observed.hiddenByUnseenRemoval;
    }
    const devices = (await server.listPoints()).find((p) => p.id === point.id)?.activeDevices;
    if (devices !== PCS) failures.push(`the point has ${devices} active devices, ${PCS} PCs enrolled`);
  } catch (err) {
    failures.push(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  } finally {
    await proxy.close();
    for (const r of replicas) {
      result.ops += r.opsMade;
      result.statusRequests += r.statusRequests.length;
      result.restarts += r.restarts;
      await r.close().catch((e: unknown) => failures.push(`${r.name} could not be closed: ${String(e)}`));
    }
  }
  return {
    seed,
    faults: { ...proxy.counts },
    ...result,
    failures: failures.map((f) => `kiosk seed ${seed}: ${f}`),
  };
}

/**
 * Both PCs sync, round after round, until their outboxes and status queues are empty and a round brings
 * nothing new: the log did not grow and both have pulled to its end. False (with a failure) if that takes
 * more than MAX_SETTLE_ROUNDS.
 */
async function settle(
  server: KioskTrialServer,
  pointId: string,
  replicas: readonly KioskReplica[],
  noteCycle: (r: KioskReplica, error: string | null, healed: boolean) => void,
  failures: string[],
): Promise<boolean> {
  let before = -1;
  let left: string[] = [];
  for (let round = 0; round < MAX_SETTLE_ROUNDS; round++) {
    for (const r of replicas) noteCycle(r, await r.sync(), true);
    const lastSeq = (await server.listPoints()).find((p) => p.id === pointId)?.lastSeq ?? 0;
    left = [];
    for (const r of replicas) {
      const outbox = await r.repos.outbox.count();
      const statuses = [...(await r.repos.statuses.byDraft()).values()]
        .flat()
        .filter((c) => c.state !== 'ask');
      const cursor = await r.repos.syncState.cursor();
      if (outbox || statuses.length || cursor !== lastSeq)
        left.push(
          `${r.name}: outbox ${outbox}, status changes ${statuses.length}, cursor ${cursor}/${lastSeq}`,
        );
    }
    if (left.length === 0 && lastSeq === before) return true;
    before = lastSeq;
  }
  failures.push(
    `not settled ${MAX_SETTLE_ROUNDS} rounds after the network healed: ${left.join('; ') || 'log still growing'}`,
  );
  return false;
}

export interface KioskTrialsSummary {
  trials: number;
  /** Trials that met at least one injected fault. */
  faultedTrials: number;
  ops: number;
  statusRequests: number;
  enrollRequests: number;
  conflictedDrafts: number;
  concurrentWrites: number;
  hiddenByUnseenRemoval: number;
  restarts: number;
  faults: FaultCounts;
  failures: string[];
}

/** Runs `count` trials one after another with seeds `firstSeed`, `firstSeed + 1`, … */
export async function runKioskTrials(
  server: KioskTrialServer,
  count: number,
  firstSeed = 1,
): Promise<KioskTrialsSummary> {
  const sum: KioskTrialsSummary = {
    trials: count,
    faultedTrials: 0,
    ops: 0,
    statusRequests: 0,
    enrollRequests: 0,
    conflictedDrafts: 0,
    concurrentWrites: 0,
    hiddenByUnseenRemoval: 0,
    restarts: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as FaultCounts,
    failures: [],
  };
  for (let i = 0; i < count; i++) {
    const r = await runKioskTrial(server, firstSeed + i);
    for (const kind of FAULT_KINDS) sum.faults[kind] += r.faults[kind];
    if (injectedFaults(r.faults) > 0) sum.faultedTrials += 1;
    sum.ops += r.ops;
    sum.statusRequests += r.statusRequests;
    sum.enrollRequests += r.enrollRequests;
    sum.conflictedDrafts += r.conflictedDrafts;
    sum.concurrentWrites += r.concurrentWrites;
    sum.hiddenByUnseenRemoval += r.hiddenByUnseenRemoval;
    sum.restarts += r.restarts;
    sum.failures.push(...r.failures);
  }
  return sum;
}
