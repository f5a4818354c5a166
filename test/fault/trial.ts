import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import type { EnrollResponse } from '#shared/protocol/enroll';
import type { FieldValue, Operation } from '#shared/protocol/operation';
import type { PulledOperation } from '#shared/protocol/sync';
import { mergeAll, EditingDevice, toSnapshot } from '../support/ops';
import { mulberry32, type Rng } from '../support/prng';
import { enroll, isRetryable, SyncClient } from '../support/protocol-client';
import {
  FAULT_KINDS,
  startFaultProxy,
  type FaultCounts,
  type FaultKind,
  type FaultWeights,
} from './fault-proxy';

/**
 * What a trial needs from the server under test: its address and the operator's two calls.
 * Its enrollment limit must allow every trial's PCs from 127.0.0.1 (start it with TRIAL_ENROLL_LIMIT).
 */
export interface TrialServer {
  readonly url: string;
  createPoint(name: string): Promise<{ id: string }>;
  issueEnrollmentCodes(pointId: string, count: number): Promise<string[]>;
}

export interface TrialResult {
  seed: number;
  faults: FaultCounts;
  /** Operations the devices made (each must be on the server exactly once). */
  ops: number;
  /** Empty when every invariant held. */
  failures: string[];
}

/** Half the requests meet some fault while the network is bad. */
export const TRIAL_WEIGHTS: FaultWeights = {
  pass: 50,
  refuse: 6,
  delay: 8,
  duplicate: 8,
  cutRequest: 7,
  lostAnswer: 8,
  cutResponse: 7,
  truncate: 6,
};

const PROCEDURES = ['birth-registration', 'residence-confirmation', 'marriage-status'];
const FIELDS = ['fullName', 'phone', 'note', 'members.r1.fullName', 'members.r1._deleted'];
const VALUES: FieldValue[] = ['Nguyễn Văn An', 'Trần Thị Bình', '陳美玲', '0901234567', '', 42, true, null];
const HOUR = 3_600_000;

const MAX_ROUNDS = 5;
const MAX_ATTEMPTS = 4;
const MAX_PAGES = 100;

/** One simulated kiosk: local-first edits, an outbox, and a pull cursor. */
interface Kiosk {
  readonly name: string;
  readonly editor: EditingDevice;
  readonly client: SyncClient;
  outbox: Operation[];
  readonly made: Operation[];
  cursor: number;
  readonly seenSeqs: number[];
}

class InvariantBroken extends Error {
  override readonly name = 'InvariantBroken';
}

let trialsStarted = 0;

/** Thousands of trials enroll from one address; the server's default per-address limit is for real points. */
export const TRIAL_ENROLL_LIMIT = { max: 1_000_000, windowMs: 60_000 };

/**
 * One seeded trial: 2–3 kiosks of a fresh point edit a few drafts and sync through a faulty network,
 * then the network heals and they drain. Returns every invariant that did not hold.
 */
export async function runTrial(
  server: TrialServer,
  seed: number,
  weights: FaultWeights = TRIAL_WEIGHTS,
): Promise<TrialResult> {
  const trialNumber = ++trialsStarted;
  const rng = mulberry32(seed);
  const editRng = rng.fork(1);
  // Draft ids are global on the server, so a replayed seed needs new ones; they steer nothing else.
  const idRng = mulberry32(seed).fork(trialNumber);
  const syncRng = rng.fork(2);
  const proxy = await startFaultProxy({
    upstream: server.url,
    seed: rng.fork(3).int(0, 2 ** 31),
    weights,
    maxDelayMs: 8,
  });
  const failures: string[] = [];
  const kiosks: Kiosk[] = [];
  try {
    const point = await server.createPoint(`fault trial ${seed}`);
    const deviceCount = rng.int(2, 3);
    const codes = await server.issueEnrollmentCodes(point.id, deviceCount);
    for (const [i, code] of codes.entries()) {
      // Straight to the server: a one-time code is spent by design, so enrollment is not what this tests.
      const enrolled: EnrollResponse = await enroll(server.url, { code, deviceLabel: `PC ${i + 1}` });
      const skew = rng.int(-2 * HOUR, 2 * HOUR);
      kiosks.push({
        name: `PC ${i + 1}`,
        editor: new EditingDevice(enrolled.deviceId, () => Date.now() + skew),
        client: new SyncClient(proxy.url, enrolled.token, { timeoutMs: 5_000 }),
        outbox: [],
        made: [],
        cursor: 0,
        seenSeqs: [],
      });
    }

    const drafts = new Map<string, string>();
    const rounds = rng.int(2, MAX_ROUNDS);
    for (let round = 0; round < rounds; round++) {
      for (const k of syncRng.shuffle(kiosks)) {
        edit(k, editRng, idRng, drafts);
        // Now and then a kiosk stays offline for a round and its outbox grows.
        if (syncRng.chance(0.2)) continue;
        await pushSome(k, syncRng, 6, 10);
        await pullAll(k, syncRng, 12);
      }
    }

    proxy.heal();
    for (const k of kiosks) await pushSome(k, syncRng, 50, 50);
    for (const k of kiosks) await pullAll(k, syncRng, 50);
    for (const k of kiosks) {
      if (k.outbox.length)
        throw new InvariantBroken(`${k.name} still has ${k.outbox.length} ops after the network healed`);
    }
    await verify(kiosks, new SyncClient(server.url, kiosks[0]!.client.token), failures);
  } catch (err) {
    failures.push(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  } finally {
    await proxy.close();
  }
  return {
    seed,
    faults: { ...proxy.counts },
    ops: kiosks.reduce((n, k) => n + k.made.length, 0),
    failures: failures.map((f) => `seed ${seed}: ${f}`),
  };
}

/** A few random edits, applied locally first, with same-field collisions between kiosks by design. */
function edit(k: Kiosk, rng: Rng, idRng: Rng, drafts: Map<string, string>): void {
  const n = rng.int(0, 5);
  for (let i = 0; i < n; i++) {
    const known = [...drafts.keys()];
    let op: Operation;
    if (known.length === 0 || (known.length < 3 && rng.chance(0.15))) {
      const id = idRng.uuid();
      drafts.set(id, rng.pick(PROCEDURES));
      op = k.editor.create(id, drafts.get(id)!);
    } else {
      const id = rng.pick(known);
      const roll = rng.next();
      // Creating the same draft twice (both PCs opened it) must converge: same id, same procedure.
      if (roll < 0.08) op = k.editor.create(id, drafts.get(id)!);
      else if (roll < 0.13) op = k.editor.delete(id);
      else {
        const field = rng.pick(FIELDS);
        op = k.editor.set(id, field, field.endsWith('._deleted') ? rng.chance(0.5) : rng.pick(VALUES));
      }
    }
    k.outbox.push(op);
    k.made.push(op);
  }
}

/** Retries a request after failures whose outcome is unknown, with a short bounded backoff. */
async function withRetries<T>(rng: Rng, call: () => Promise<T>): Promise<T | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isRetryable(err)) throw err;
      await sleep(Math.min(2 ** attempt, 8) + rng.int(0, 2));
    }
  }
  return undefined;
}

/** Pushes bounded batches from the head of the outbox; drops only what the server acknowledged. */
async function pushSome(k: Kiosk, rng: Rng, maxBatches: number, maxBatchSize: number): Promise<void> {
  for (let b = 0; b < maxBatches && k.outbox.length; b++) {
    const batch = k.outbox.slice(0, rng.int(1, maxBatchSize));
    const res = await withRetries(rng, () => k.client.push(batch));
    if (!res) return;
    const sent = new Set(batch.map((op) => op.hlc));
    const stranger = res.acked.find((h) => !sent.has(h));
    if (stranger)
      throw new InvariantBroken(`${k.name}: server acked ${stranger}, which was not in the batch`);
    const acked = new Set(res.acked);
    k.outbox = k.outbox.filter((op) => !acked.has(op.hlc));
    k.editor.clock.receive(res.serverTime);
  }
}

/** Pulls pages until the end of the log, checking every page continues the cursor without a gap. */
async function pullAll(k: Kiosk, rng: Rng, maxPages: number): Promise<void> {
  for (let p = 0; p < maxPages; p++) {
    const res = await withRetries(rng, () => k.client.pull(k.cursor, rng.int(2, 20)));
    if (!res) return;
    checkPage(k.name, k.cursor, res.ops, res.cursor);
    for (const { seq, op } of res.ops) {
      k.seenSeqs.push(seq);
      k.editor.receive(op);
    }
    k.cursor = res.cursor;
    k.editor.clock.receive(res.serverTime);
    if (!res.hasMore) return;
  }
}

function checkPage(who: string, cursor: number, ops: readonly PulledOperation[], next: number): void {
  ops.forEach(({ seq }, i) => {
    if (seq !== cursor + i + 1)
      throw new InvariantBroken(`${who}: pull after ${cursor} gave seq ${seq} at position ${i}`);
  });
  const expected = ops.at(-1)?.seq ?? cursor;
  if (next !== expected)
    throw new InvariantBroken(`${who}: pull after ${cursor} returned cursor ${next}, expected ${expected}`);
}

/** The server's log and drafts, read without faults, against what the kiosks made and merged. */
async function verify(kiosks: readonly Kiosk[], direct: SyncClient, failures: string[]): Promise<void> {
  const log: PulledOperation[] = [];
  let cursor = 0;
  for (let p = 0; p < MAX_PAGES; p++) {
    const page = await direct.pull(cursor, 500);
    log.push(...page.ops);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  log.forEach(({ seq }, i) => {
    if (seq !== i + 1) failures.push(`log position ${i} has seq ${seq}`);
  });

  const made = new Map(kiosks.flatMap((k) => k.made.map((op) => [op.hlc, op] as const)));
  const times = new Map<string, number>();
  for (const { op } of log) {
    times.set(op.hlc, (times.get(op.hlc) ?? 0) + 1);
    const mine = made.get(op.hlc);
    if (!mine) failures.push(`server has ${op.hlc}, which no kiosk made`);
    else if (!isDeepStrictEqual(mine, op)) failures.push(`server's ${op.hlc} differs from what was pushed`);
  }
  for (const [hlc, n] of times) if (n !== 1) failures.push(`${hlc} is on the server ${n} times`);
  for (const hlc of made.keys())
    if (!times.has(hlc)) failures.push(`${hlc} was made but never reached the server`);

  for (const k of kiosks) {
    const all = log.map((r) => r.seq);
    if (!isDeepStrictEqual(k.seenSeqs, all)) {
      failures.push(`${k.name} pulled seqs [${k.seenSeqs.join(',')}] but the log is [${all.join(',')}]`);
    }
  }

  // Every PC, and a fresh device that merges the whole log, must show what the server shows.
  const fresh = mergeAll(log.map((r) => r.op));
  for (const [draftId, state] of fresh) {
    const snapshot = await direct.getDraft(draftId);
    const views = [
      ['a fresh merge of the log', state] as const,
      ...kiosks.map((k) => [k.name, k.editor.drafts.get(draftId)] as const),
    ];
    for (const [who, view] of views) {
      if (!view) failures.push(`draft ${draftId}: ${who} never saw it`);
      else if (!isDeepStrictEqual(toSnapshot(view), snapshot)) {
        failures.push(
          `draft ${draftId}: server shows ${JSON.stringify(snapshot)}, ${who} ${JSON.stringify(toSnapshot(view))}`,
        );
      }
      // Whole states too (conflict lists included): the merge is order-independent, so delivery order
      // through a faulty network must not make one PC flag a conflict that another does not.
      else if (!isDeepStrictEqual(view, state)) {
        failures.push(
          `draft ${draftId}: ${who} merged ${JSON.stringify(view)}, the log merges to ${JSON.stringify(state)}`,
        );
      }
    }
  }
  for (const k of kiosks) {
    if (k.editor.drafts.size !== fresh.size)
      failures.push(`${k.name} knows ${k.editor.drafts.size} drafts, the log ${fresh.size}`);
  }
}

export interface TrialsSummary {
  trials: number;
  /** Trials that met at least one injected fault: a trial on a clean network proves nothing. */
  faultedTrials: number;
  ops: number;
  faults: FaultCounts;
  failures: string[];
}

/** Runs `count` trials one after another with seeds `firstSeed`, `firstSeed + 1`, … */
export async function runTrials(server: TrialServer, count: number, firstSeed = 1): Promise<TrialsSummary> {
  const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as FaultCounts;
  const failures: string[] = [];
  let ops = 0;
  let faultedTrials = 0;
  for (let i = 0; i < count; i++) {
    const r = await runTrial(server, firstSeed + i);
    for (const kind of FAULT_KINDS) faults[kind] += r.faults[kind];
    if (injectedFaults(r.faults) > 0) faultedTrials += 1;
    failures.push(...r.failures);
    ops += r.ops;
  }
  return { trials: count, faultedTrials, ops, faults, failures };
}

/** How many requests met a fault (anything but `pass`). */
export function injectedFaults(faults: FaultCounts): number {
  return FAULT_KINDS.reduce((n, kind) => (kind === 'pass' ? n : n + faults[kind]), 0);
}

/**
 * The fault kinds a run of `trials` trials must have met: all those with a weight once the run is long enough
 * for each to be near-certain (seeded, so a given run meets the same ones every time).
 */
export function kindsExpected(weights: FaultWeights, trials: number, minTrials = 20): FaultKind[] {
  return trials >= minTrials ? FAULT_KINDS.filter((k) => k !== 'pass' && weights[k] > 0) : [];
}

export function describeFaults(faults: FaultCounts): string {
  return FAULT_KINDS.map((k) => `${k}=${faults[k]}`).join(' ');
}
