import { MAX_PUSH_BATCH } from '#shared/protocol/limits';
import { blobOf, type Operation } from '#shared/entities/registry';
import type { PushResponse } from '#shared/protocol/sync';
import type { OutboxRepository } from '../repo/outbox-repository';
import type { OwnRange } from '../repo/sync-state-repository';
import { noteServerSeq } from './sync-health';
import { ApiError } from './api-error';
import type { SyncContext, SyncStep } from './sync-steps';

/** Acknowledged operations leave the outbox at least this often, or after this many, during a long push. */
export const ACK_FLUSH_MS = 1_000;
export const ACK_FLUSH_OPS = 2_000;
/**
 * Batches on the wire at once: one is uploaded while the server commits the other. The server commits a
 * device's batches one after another; their order does not matter to the merge.
 */
export const PUSHES_IN_FLIGHT = 2;

/**
 * Sends the outbox oldest first in batches of at most MAX_PUSH_BATCH, and removes only what the server
 * acknowledged. Operations whose blob the server does not hold yet stay behind (a draft never leaves the
 * outbox before its attachments are safe); the others go. A batch the server finds too large is split; what
 * a batch's answer leaves unacknowledged waits for the next cycle rather than being resent in a tight loop.
 */
export const pushOutbox: SyncStep = async (ctx, plan) => {
  if (!plan.push) return true;
  const referenced = await ctx.outbox.referencedBlobs();
  const safe = await ctx.attachments.acknowledged(referenced.keys());
  const held = new Set([...referenced.keys()].filter((sha) => !safe.has(sha)));
  const acks = new AckBuffer(ctx.outbox, ctx.now);
  const own: OwnRange[] = [];
  let batchSize = MAX_PUSH_BATCH;
  try {
    for (;;) {
      const outcome = await pushAll(ctx, held, batchSize, acks, own);
      if (outcome !== 'too-large') return outcome;
      // Start again from what is still unacknowledged, in smaller batches.
      await acks.flush();
      batchSize = Math.ceil(batchSize / 2);
    }
  } finally {
    await acks.flush();
    if (own.length) {
      // The server placed these right after what this device had pulled: no need to pull them back.
      const { cursor } = await ctx.syncState.advanceOverOwn(own);
      ctx.health.cursors.set('point', cursor);
    }
  }
};

/** The seqs a push answer gave this device's new operations, with their ids, for the cursor to move over. */
function ownRange(ops: readonly Operation[], res: PushResponse): OwnRange | null {
  if (!res.log) return null;
  const known = new Set(res.known ?? []);
  const acked = new Set(res.acked);
  const hlcs = [...new Set(ops.map((op) => op.hlc))].filter((hlc) => acked.has(hlc) && !known.has(hlc));
  return { first: res.log.first, last: res.log.last, hlcs };
}

/**
 * One pass over the outbox: the next batch is read and decrypted while others are on the wire, and batches
 * follow one another by HLC, so none is read twice. True when every batch was fully acknowledged.
 */
async function pushAll(
  ctx: SyncContext,
  held: ReadonlySet<string>,
  batchSize: number,
  acks: AckBuffer,
  own: OwnRange[],
): Promise<boolean | 'too-large'> {
  let complete = true;
  let failure: { error: unknown; ops: readonly Operation[] } | undefined;
  const send = async (ops: readonly Operation[]): Promise<void> => {
    try {
      const res = await ctx.api.push(ops);
      const range = ownRange(ops, res);
      if (range) {
        own.push(range);
        noteServerSeq(ctx.health, 'point', range.last);
      }
      ctx.clock.receive(res.serverTime);
      ctx.onServerTime?.(res.serverTime);
      // What the server did not acknowledge stays in the outbox for the next cycle.
      if (!acks.add(ops, res.acked)) complete = false;
    } catch (error) {
      failure ??= { error, ops };
    }
  };
  const inFlight: Promise<void>[] = [];
  let next = ctx.outbox.peek(batchSize, held);
  try {
    for (;;) {
      const ops = await next;
      if (ops.length === 0 || failure) break;
      next = ctx.outbox.peek(batchSize, held, ops[ops.length - 1]!.hlc);
      inFlight.push(send(ops));
      if (inFlight.length >= PUSHES_IN_FLIGHT) await inFlight.shift();
    }
  } finally {
    await next.catch(() => undefined);
    await Promise.all(inFlight);
  }
  if (!failure) return complete;
  const { error, ops } = failure;
  if (
    error instanceof ApiError &&
    (error.code === 'BATCH_TOO_LARGE' || error.code === 'PAYLOAD_TOO_LARGE') &&
    batchSize > 1
  )
    return 'too-large';
  if (error instanceof ApiError && error.code === 'BLOB_MISSING') {
    await recheckBlobs(
      ctx,
      ops.flatMap((op) => blobOf(op) ?? []),
    );
    return false;
  }
  throw error;
}

/** The server lacks a blob this device thought safe: upload again whichever it does not hold. */
async function recheckBlobs(ctx: SyncContext, shas: readonly string[]): Promise<void> {
  for (const sha of new Set(shas)) {
    if (!(await ctx.api.hasBlob(sha))) await ctx.attachments.setState(sha, 'local');
  }
}

/**
 * Acknowledged operations leave the outbox in a few larger transactions rather than one per batch: a read
 * waits for a write on the same store, and each strict write waits for the disk. Until then they would only
 * be resent after a crash, which the server ignores. Flushes run behind the pushes that follow.
 */
class AckBuffer {
  private hlcs: string[] = [];
  private drafts = new Set<string>();
  private flushedAt: number;
  private flushing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly outbox: Pick<OutboxRepository, 'ack'>,
    private readonly now: () => number,
  ) {
    this.flushedAt = now();
  }

  /** Notes what the server acknowledged of `ops`; false when it left some out. */
  add(ops: readonly Operation[], acked: readonly string[]): boolean {
    const committed = new Set(acked);
    let all = true;
    for (const op of ops) {
      if (!committed.has(op.hlc)) {
        all = false;
        continue;
      }
      this.hlcs.push(op.hlc);
      if (op.type === 'dossier') this.drafts.add(op.id);
    }
    if (this.hlcs.length >= ACK_FLUSH_OPS || this.now() - this.flushedAt >= ACK_FLUSH_MS)
      // A failed acknowledgement surfaces at the final flush.
      this.flush().catch(() => undefined);
    return all;
  }

  flush(): Promise<unknown> {
    const [hlcs, drafts] = [this.hlcs, this.drafts];
    [this.hlcs, this.drafts] = [[], new Set()];
    this.flushedAt = this.now();
    this.flushing = this.flushing.then(() => (hlcs.length ? this.outbox.ack(hlcs, drafts) : 0));
    return this.flushing;
  }
}
