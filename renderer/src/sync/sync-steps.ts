import { DEFAULT_PULL_PAGE, MAX_PUSH_BATCH } from '#shared/protocol/limits';
import type { ClockStore } from '../repo/clock-store';
import type { DraftRepository } from '../repo/draft-repository';
import type { OutboxRepository } from '../repo/outbox-repository';
import type { SyncStateRepository } from '../repo/sync-state-repository';
import type { ApiClient } from './api-client';
import { ApiError } from './api-error';

/** What one sync step needs; attachments (uploaded before the push) will add their own repository here. */
export interface SyncContext {
  readonly api: Pick<ApiClient, 'push' | 'pull'>;
  readonly outbox: Pick<OutboxRepository, 'peek' | 'ack'>;
  readonly drafts: Pick<DraftRepository, 'applyRemote'>;
  readonly syncState: Pick<SyncStateRepository, 'cursor'>;
  readonly clock: Pick<ClockStore, 'receive'>;
}

/** One stage of a sync cycle. Returns false when it left work for a later cycle (retried with backoff). */
export type SyncStep = (ctx: SyncContext) => Promise<boolean>;

/**
 * Sends the outbox oldest first in batches of at most MAX_PUSH_BATCH, and removes only what the server
 * acknowledged. A batch the server finds too large is split; a partly acknowledged batch ends the push
 * for this cycle rather than resending in a tight loop.
 */
export const pushOutbox: SyncStep = async ({ api, outbox, clock }) => {
  let batchSize = MAX_PUSH_BATCH;
  for (;;) {
    const ops = await outbox.peek(batchSize);
    if (ops.length === 0) return true;
    let acked: readonly string[];
    try {
      const res = await api.push(ops);
      clock.receive(res.serverTime);
      acked = res.acked;
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'BATCH_TOO_LARGE' || e.code === 'PAYLOAD_TOO_LARGE') && batchSize > 1) {
        batchSize = Math.ceil(batchSize / 2);
        continue;
      }
      throw e;
    }
    const sent = new Set(ops.map((op) => op.hlc));
    const removed = await outbox.ack(acked.filter((hlc) => sent.has(hlc)));
    if (removed < ops.length) return false;
  }
};

/**
 * Pulls the point's changes page by page from the stored cursor. Each page is merged and its cursor
 * stored in the same transaction, so an interrupted pull resumes without skipping anything.
 */
export const pullChanges: SyncStep = async ({ api, drafts, syncState, clock }) => {
  let cursor = await syncState.cursor();
  for (;;) {
    const page = await api.pull(cursor, DEFAULT_PULL_PAGE);
    await drafts.applyRemote(
      page.ops.map((p) => p.op),
      { cursor: page.cursor },
    );
    clock.receive(page.serverTime);
    if (!page.hasMore) return true;
    // A server that says "more" without moving the cursor would keep us here forever.
    if (page.cursor <= cursor) return false;
    cursor = page.cursor;
  }
};

export const DEFAULT_SYNC_STEPS: readonly SyncStep[] = [pushOutbox, pullChanges];
