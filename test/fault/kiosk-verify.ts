import { isDeepStrictEqual } from 'node:util';
import { hlcDevice } from '#shared/clock/hlc';
import { sameDigest } from '#shared/digest/digest';
import {
  conflictsOf,
  hasConflicts,
  isDeleted,
  registerOf,
  removedRows,
  type DraftState,
} from '#shared/merge/draft-state';
import { headsOf } from '#shared/merge/register';
import type { DossierOp, DraftOp, SetFieldOp } from '#shared/protocol/operation';
import { ApiClient } from '../../renderer/src/sync/api-client';
import { asDossierOp, mergeAll, toSnapshot } from '../support/ops';
import { SyncClient } from '../support/protocol-client';
import type { KioskReplica } from './kiosk-replica';

const MAX_PAGES = 200;

/** What a trial saw besides broken invariants. */
export interface KioskObservations {
  /** Drafts flagged on every PC at the end (same-field writes made apart). */
  conflictedDrafts: number;
  /** Writes of a field made while the other PC's write of it was unseen, and the other way round. */
  concurrentWrites: number;
  /**
   * A PC's last write to a field of a row that the other PC removed without having seen that write, so the
   * row (and the write) is hidden. The merge's documented rule (docs/sync.md §2), counted, not a failure.
   */
  hiddenByUnseenRemoval: number;
}

/**
 * Checks, with the network healed, what the server holds against what the kiosks made and show: every
 * operation on the server exactly once, the log without gaps, each kiosk's drafts (in memory and decrypted
 * afresh from its database) equal to a fresh merge of the log and to the server's snapshots, conflicts
 * flagged alike, and no kiosk's last value of a field lost without the other PC having seen it.
 */
export async function verifyKioskTrial(
  replicas: readonly KioskReplica[],
  serverUrl: string,
  failures: string[],
): Promise<KioskObservations> {
  const direct = new SyncClient(serverUrl, replicas[0]!.token);
  const log = await wholeLog(direct);
  log.forEach(({ seq }, i) => {
    if (seq !== i + 1) failures.push(`log position ${i} has seq ${seq}`);
  });
  const lastSeq = log.at(-1)?.seq ?? 0;

  const made = new Map<string, { op: DraftOp; by: KioskReplica }>();
  const lastWrites = new Map<KioskReplica, Map<string, SetFieldOp>>();
  for (const r of replicas) {
    const last = new Map<string, SetFieldOp>();
    for (const op of await r.made()) {
      if (hlcDevice(op.hlc) !== r.deviceId)
        failures.push(`${r.name} stamped ${op.hlc} with another device id`);
      made.set(op.hlc, { op, by: r });
      if (op.kind === 'set') last.set(`${op.draftId} ${op.field}`, op);
    }
    lastWrites.set(r, last);
  }
  checkLogAgainstMade(log, made, replicas, failures);

  const fresh = mergeAll(log.map((p) => p.op));
  for (const [draftId, state] of fresh) {
    const snapshot = await direct.getDraft(draftId);
    if (!isDeepStrictEqual(snapshot, toSnapshot(state))) {
      failures.push(
        `draft ${draftId}: server shows ${brief(snapshot)}, the log merges to ${brief(toSnapshot(state))}`,
      );
    }
  }
  const flags = new Map<KioskReplica, Map<string, string[]>>();
  for (const r of replicas) flags.set(r, await checkReplica(r, fresh, lastSeq, serverUrl, failures));
  checkConflictsAlike(flags, fresh, failures);

  const sets = log.flatMap(({ op }) => (op.kind === 'set' ? [op] : []));
  const authors = new Map(replicas.map((r) => [r.deviceId, r]));
  let hidden = 0;
  for (const r of replicas) {
    for (const write of lastWrites.get(r)!.values()) {
      const state = fresh.get(write.draftId);
      const verdict = state ? fateOf(write, state, sets, authors) : 'lost';
      if (verdict === 'hidden') hidden++;
      else if (verdict === 'lost') {
        const by = sets.filter(
          (w) => w.draftId === write.draftId && w.field === write.field && w.prev === write.hlc,
        );
        failures.push(
          `${r.name}'s last ${write.field} = ${JSON.stringify(write.value)} (${write.hlc}) in draft ${write.draftId} ` +
            `is gone, overwritten by [${by.map((w) => w.hlc).join(', ')}] whose authors had not seen it`,
        );
      }
    }
  }
  return {
    conflictedDrafts: [...fresh.values()].filter(hasConflicts).length,
    concurrentWrites: concurrentPairs(sets, authors),
    hiddenByUnseenRemoval: hidden,
  };
}

/** A pulled operation of the point's log, as the dossier operation it carries (trials make nothing else). */
interface PulledDossierOp {
  seq: number;
  op: DossierOp;
}

async function wholeLog(direct: SyncClient): Promise<PulledDossierOp[]> {
  const log: PulledDossierOp[] = [];
  let cursor = 0;
  for (let p = 0; p < MAX_PAGES; p++) {
    const page = await direct.pull(cursor, 500);
    log.push(...page.ops.map(({ seq, op }) => ({ seq, op: asDossierOp(op) })));
    cursor = page.cursor;
    if (!page.hasMore) return log;
  }
  throw new Error(`the log did not end within ${MAX_PAGES} pages`);
}

function checkLogAgainstMade(
  log: readonly PulledDossierOp[],
  made: ReadonlyMap<string, { op: DraftOp }>,
  replicas: readonly KioskReplica[],
  failures: string[],
): void {
  const asked = new Set(replicas.flatMap((r) => r.statusRequests.map((c) => c.hlc)));
  const times = new Map<string, number>();
  const versions = new Map<string, number>();
  for (const { op } of log) {
    times.set(op.hlc, (times.get(op.hlc) ?? 0) + 1);
    if (op.kind === 'status') {
      // The server stamps an accepted change with the request's own stamp: a retry must not log it twice.
      if (!asked.has(op.hlc))
        failures.push(`server logged status ${op.status} (${op.hlc}) that no kiosk asked for`);
      const expected = (versions.get(op.draftId) ?? 0) + 1;
      if (op.version !== expected)
        failures.push(
          `draft ${op.draftId}: status version ${op.version} in the log where ${expected} was due`,
        );
      versions.set(op.draftId, op.version);
      continue;
    }
    const mine = made.get(op.hlc);
    if (!mine) failures.push(`server has ${op.hlc}, which no kiosk made`);
    else if (!isDeepStrictEqual(mine.op, op))
      failures.push(`server's ${op.hlc} is ${brief(op)}, the kiosk made ${brief(mine.op)}`);
  }
  for (const [hlc, n] of times) if (n !== 1) failures.push(`${hlc} is on the server ${n} times`);
  for (const hlc of made.keys())
    if (!times.has(hlc)) failures.push(`${hlc} was made but never reached the server`);
}

/**
 * One kiosk, once settled: drafts, list, outbox, status queue, pull position and digest. Returns the fields
 * it flags per draft.
 */
async function checkReplica(
  r: KioskReplica,
  fresh: ReadonlyMap<string, DraftState>,
  lastSeq: number,
  serverUrl: string,
  failures: string[],
): Promise<Map<string, string[]>> {
  const flags = new Map<string, string[]>();
  const reopened = await r.reopen();
  const listed = new Map((await r.repos.drafts.list()).map((s) => [s.id, s]));
  for (const [draftId, state] of fresh) {
    const shown = (await r.repos.drafts.load(draftId))?.state;
    const stored = (await reopened.drafts.load(draftId))?.state;
    if (shown)
      flags.set(
        draftId,
        conflictsOf(shown).map((c) => c.field),
      );
    for (const [where, view] of [
      ['in memory', shown],
      ['decrypted from its database', stored],
    ] as const) {
      if (!view) failures.push(`${r.name} does not have draft ${draftId} (${where})`);
      else if (!isDeepStrictEqual(view, state))
        failures.push(
          `${r.name} draft ${draftId} ${where} differs from the log's merge: ${stateDiff(view, state)}`,
        );
    }
    const summary = listed.get(draftId);
    if (isDeleted(state)) {
      if (summary) failures.push(`${r.name} lists draft ${draftId}, which is deleted`);
      continue;
    }
    const want = {
      procedureId: state.procedureId,
      status: state.status?.value ?? 'draft',
      syncState: 'synced',
      conflicted: hasConflicts(state),
    };
    const got = summary && {
      procedureId: summary.procedureId,
      status: summary.status,
      syncState: summary.syncState,
      conflicted: summary.conflicted,
    };
    if (!isDeepStrictEqual(got, want))
      failures.push(`${r.name} lists draft ${draftId} as ${brief(got)}, expected ${brief(want)}`);
  }
  for (const id of listed.keys())
    if (!fresh.has(id)) failures.push(`${r.name} lists ${id}, which the log lacks`);

  const waiting = await r.repos.outbox.count();
  if (waiting) failures.push(`${r.name} still has ${waiting} operations in its outbox`);
  const unsettled = [...(await r.repos.statuses.byDraft()).values()].flat().filter((c) => c.state !== 'ask');
  if (unsettled.length) failures.push(`${r.name} still has status changes ${brief(unsettled)}`);

  const { cursor, digest } = await r.repos.syncState.position();
  if (cursor !== lastSeq) failures.push(`${r.name} stopped pulling at ${cursor}, the log ends at ${lastSeq}`);
  const server = await new ApiClient({ baseUrl: serverUrl, token: r.token }).digest('point', cursor);
  if (!sameDigest(digest, server))
    failures.push(`${r.name} digest ${brief(digest)} at ${cursor}, the server's ${brief(server)}`);
  // The drift heal is a safety net: through a network that only loses, cuts and repeats, it must never fire.
  if (r.heals > 0) failures.push(`${r.name} found drift and re-pulled the log ${r.heals} times`);
  return flags;
}

/** The flags a person sees per draft (field names), on each PC and in a fresh merge of the log. */
function checkConflictsAlike(
  flags: ReadonlyMap<KioskReplica, ReadonlyMap<string, string[]>>,
  fresh: ReadonlyMap<string, DraftState>,
  failures: string[],
): void {
  for (const [draftId, state] of fresh) {
    const want = conflictsOf(state).map((c) => c.field);
    for (const [r, byDraft] of flags) {
      const got = byDraft.get(draftId);
      if (got && !isDeepStrictEqual(got, want))
        failures.push(
          `draft ${draftId}: ${r.name} flags [${got.join(', ')}], the log's merge [${want.join(', ')}]`,
        );
    }
  }
}

/**
 * What became of a kiosk's last write of a field: still standing (shown, or kept as a conflict), hidden with
 * its row by a removal that had not seen it, overwritten by a write whose author had seen it, or lost.
 */
function fateOf(
  write: SetFieldOp,
  state: DraftState,
  sets: readonly SetFieldOp[],
  authors: ReadonlyMap<string, KioskReplica>,
): 'standing' | 'hidden' | 'overwritten' | 'lost' {
  const reg = registerOf(state, write.field);
  if (!reg) return 'lost';
  if (headsOf(reg).some((h) => h.hlc === write.hlc)) {
    if (write.value !== reg.value && !reg.conflicts?.some((c) => c.hlc === write.hlc)) return 'lost';
    const row = write.field.split('.').slice(0, 2).join('.');
    if (write.field.split('.').length !== 3 || write.field.endsWith('._deleted')) return 'standing';
    if (!removedRows(state).has(row)) return 'standing';
    const removal = registerOf(state, `${row}._deleted`)!;
    return authors.get(hlcDevice(removal.hlc))?.knewBefore(write.hlc, removal.hlc) ? 'standing' : 'hidden';
  }
  const seen = sets.some(
    (w) =>
      w.draftId === write.draftId &&
      w.field === write.field &&
      w.prev === write.hlc &&
      authors.get(hlcDevice(w.hlc))?.knewBefore(write.hlc, w.hlc),
  );
  return seen ? 'overwritten' : 'lost';
}

/** Pairs of writes of one field by two PCs where neither author had seen the other's write. */
function concurrentPairs(sets: readonly SetFieldOp[], authors: ReadonlyMap<string, KioskReplica>): number {
  const byField = new Map<string, SetFieldOp[]>();
  for (const w of sets)
    byField.set(`${w.draftId} ${w.field}`, [...(byField.get(`${w.draftId} ${w.field}`) ?? []), w]);
  let n = 0;
  for (const writes of byField.values()) {
    for (const a of writes) {
      for (const b of writes) {
        const [ra, rb] = [authors.get(hlcDevice(a.hlc)), authors.get(hlcDevice(b.hlc))];
        if (a.hlc < b.hlc && ra !== rb && !ra?.knewBefore(b.hlc, a.hlc) && !rb?.knewBefore(a.hlc, b.hlc)) n++;
      }
    }
  }
  return n;
}

/** The parts of two draft states that differ, as `key: got … want …`. */
function stateDiff(got: DraftState, want: DraftState): string {
  const parts: string[] = [];
  const { fields: gotFields, ...gotRest } = got;
  const { fields: wantFields, ...wantRest } = want;
  if (!isDeepStrictEqual(gotRest, wantRest))
    parts.push(`draft: got ${brief(gotRest)} want ${brief(wantRest)}`);
  for (const field of new Set([...Object.keys(gotFields), ...Object.keys(wantFields)])) {
    const [a, b] = [registerOf(got, field), registerOf(want, field)];
    if (!isDeepStrictEqual(a, b)) parts.push(`${field}: got ${brief(a)} want ${brief(b)}`);
  }
  return parts.join('; ');
}

function brief(value: unknown): string {
  const s = JSON.stringify(value) ?? 'nothing';
  return s.length > 600 ? `${s.slice(0, 600)}…` : s;
}
