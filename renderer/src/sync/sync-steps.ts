import { addToDigest, sameDigest } from '#shared/digest/digest';
import { DEFAULT_PULL_PAGE } from '#shared/protocol/limits';
import type { ServerConfig } from '#shared/protocol/server-config';
import { rebase } from '#shared/status/rebase';
import type { AttachmentRepository } from '../repo/attachment-repository';
import type { ClockStore } from '../repo/clock-store';
import type { DraftRepository } from '../repo/draft-repository';
import type { OutboxRepository } from '../repo/outbox-repository';
import type { StatusRepository } from '../repo/status-repository';
import type { SyncStateRepository } from '../repo/sync-state-repository';
import type { ApiClient } from './api-client';
import { ApiError } from './api-error';
import { UploadError, type BlobUploader } from './blob-uploader';
import { pushOutbox } from './push-outbox';
import type { SyncHealth } from './sync-health';
import type { UploadActivity } from './upload-activity';

/** What the sync steps need: the API, the repositories, the uploader and a little memory between cycles. */
export interface SyncContext {
  readonly api: Pick<ApiClient, 'push' | 'pull' | 'digest' | 'config' | 'changeStatus' | 'hasBlob'>;
  readonly outbox: Pick<OutboxRepository, 'peek' | 'ack' | 'referencedBlobs'>;
  readonly drafts: Pick<DraftRepository, 'applyRemote'>;
  readonly syncState: Pick<
    SyncStateRepository,
    'position' | 'resetPull' | 'serverConfig' | 'saveServerConfig'
  >;
  readonly clock: Pick<ClockStore, 'receive'>;
  readonly attachments: Pick<AttachmentRepository, 'toUpload' | 'open' | 'acknowledged' | 'setState'>;
  readonly statuses: Pick<StatusRepository, 'pending' | 'settle'>;
  readonly uploader: BlobUploader;
  readonly uploadActivity: UploadActivity;
  readonly health: SyncHealth;
  readonly now: () => number;
  /** Told of every config the server sends (the UI shows limits; leases need its clock). */
  readonly onConfig?: (config: ServerConfig) => void;
  /** Told of every server time seen, to estimate the server's clock. */
  readonly onServerTime?: (serverTime: number) => void;
}

/** One stage of a sync cycle. Returns false when it left work for a later cycle (retried with backoff). */
export type SyncStep = (ctx: SyncContext) => Promise<boolean>;

/** How long the server's config is trusted before it is asked again. */
export const CONFIG_MAX_AGE_MS = 10 * 60_000;
/** How often the drift digest is compared when nothing new was pulled. */
export const DIGEST_EVERY_MS = 60_000;

/** Asks the server for its rules (upload limit, retention, lease time) now and then, and keeps them for offline use. */
export const refreshConfig: SyncStep = async (ctx) => {
  const { health } = ctx;
  if (health.configFetchedAt !== null && ctx.now() - health.configFetchedAt < CONFIG_MAX_AGE_MS) return true;
  let config: ServerConfig;
  try {
    config = await ctx.api.config();
  } catch (e) {
    // A server without the endpoint keeps the cached (or no) limits; anything else fails the cycle.
    if (e instanceof ApiError && e.code === 'NOT_FOUND') {
      health.configFetchedAt = ctx.now();
      return true;
    }
    throw e;
  }
  health.configFetchedAt = ctx.now();
  await ctx.syncState.saveServerConfig(config);
  ctx.clock.receive(config.serverTime);
  ctx.onServerTime?.(config.serverTime);
  ctx.onConfig?.(config);
  return true;
};

/**
 * Uploads the attachments that waiting operations reference, before those operations are pushed. A blob the
 * server already has is only marked; one over the server's limit is marked too-large and never sent. Every
 * attachment is tried; a retryable failure leaves the cycle incomplete (backoff) but lets the push go on with
 * every operation that does not need the missing blob.
 */
export const uploadAttachments: SyncStep = async (ctx) => {
  const referenced = await ctx.outbox.referencedBlobs();
  if (referenced.size === 0) return true;
  const limit = (await ctx.syncState.serverConfig())?.maxUploadBytes;
  let complete = true;
  for (const att of await ctx.attachments.toUpload()) {
    const draftIds = referenced.get(att.sha256);
    if (!draftIds) continue;
    if (limit !== undefined && att.size > limit) {
      await ctx.attachments.setState(att.sha256, 'too-large');
      continue;
    }
    try {
      if (await ctx.api.hasBlob(att.sha256)) {
        await ctx.attachments.setState(att.sha256, 'uploaded');
        continue;
      }
      const blob = await ctx.attachments.open(att.sha256);
      if (!blob) continue;
      ctx.uploadActivity.progress(att.sha256, 0);
      try {
        await ctx.uploader.upload({
          blob,
          sha256: att.sha256,
          draftId: [...draftIds][0] ?? att.draftIds[0]!,
          contentType: att.contentType,
          onProgress: (sent, total) => ctx.uploadActivity.progress(att.sha256, total > 0 ? sent / total : 0),
        });
      } finally {
        ctx.uploadActivity.done(att.sha256);
      }
      await ctx.attachments.setState(att.sha256, 'uploaded');
    } catch (e) {
      if (e instanceof UploadError && e.failure === 'too-large')
        await ctx.attachments.setState(att.sha256, 'too-large');
      else if (e instanceof UploadError && e.failure === 'refused')
        await ctx.attachments.setState(att.sha256, 'failed');
      else if (e instanceof UploadError || (e instanceof ApiError && e.retryable)) complete = false;
      else throw e;
    }
  }
  return complete;
};

/** At most this many re-based retries of one status change per cycle (each answer may be stale again). */
const STATUS_ATTEMPTS = 3;

/**
 * Sends queued status changes (compare-and-set). A change refused as stale is re-based on the status the
 * server holds: dropped, retried with the new expected status, or left for a person to decide.
 */
export const sendStatusChanges: SyncStep = async (ctx) => {
  let complete = true;
  for (let change of await ctx.statuses.pending()) {
    for (let attempt = 1; ; attempt++) {
      let res;
      try {
        res = await ctx.api.changeStatus({
          draftId: change.draftId,
          expected: change.expected,
          next: change.next,
          hlc: change.hlc,
        });
      } catch (e) {
        // The draft's own operations have not reached the server yet: try after the next push.
        if (e instanceof ApiError && e.code === 'NOT_FOUND') {
          complete = false;
          break;
        }
        throw e;
      }
      if (res.ok) {
        await ctx.statuses.settle(change, { kind: res.changed ? 'accepted' : 'drop' });
        break;
      }
      const decision = rebase(change, res.current);
      if (decision.action === 'drop') {
        await ctx.statuses.settle(change, { kind: 'drop' });
        break;
      }
      if (decision.action === 'ask' || attempt >= STATUS_ATTEMPTS) {
        await ctx.statuses.settle(change, { kind: 'ask', server: res.current });
        break;
      }
      await ctx.statuses.settle(change, { kind: 'retry', expected: decision.change.expected });
      change = { ...change, expected: decision.change.expected };
    }
  }
  return complete;
};

/** Pulls page after page from `cursor`; each page, its cursor and the running digest are stored together. */
async function pullFromStored(ctx: SyncContext): Promise<{ moved: boolean; complete: boolean }> {
  const { api, drafts, clock } = ctx;
  let { cursor, digest } = await ctx.syncState.position();
  const start = cursor;
  for (;;) {
    const page = await api.pull(cursor, DEFAULT_PULL_PAGE);
    for (const { op } of page.ops) digest = addToDigest(digest, op.hlc);
    await drafts.applyRemote(
      page.ops.map((p) => p.op),
      { cursor: page.cursor, digest },
    );
    clock.receive(page.serverTime);
    ctx.onServerTime?.(page.serverTime);
    // A server that says "more" without moving the cursor would keep us here forever.
    const stuck = page.hasMore && page.cursor <= cursor;
    cursor = page.cursor;
    if (!page.hasMore || stuck) return { moved: cursor !== start, complete: !stuck };
  }
}

/** Whether this device's digest up to its cursor equals the server's (null: the server cannot tell). */
async function digestMatches(ctx: SyncContext): Promise<boolean | null> {
  const { cursor, digest } = await ctx.syncState.position();
  let server;
  try {
    server = await ctx.api.digest(cursor);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
  ctx.health.digestCheckedAt = ctx.now();
  if (server.cursor !== cursor) return null;
  return sameDigest(digest, server);
}

/**
 * Pulls the point's changes page by page from the stored cursor, so an interrupted pull resumes without
 * skipping anything. Then compares the drift digest (after every pull that brought something, else once a
 * minute); on a difference it re-pulls the whole log from 0 and merges it again, which is harmless as the
 * merge is idempotent. This is the only repair there is, and no person ever has to start it.
 */
export const pullChanges: SyncStep = async (ctx) => {
  const first = await pullFromStored(ctx);
  if (!first.complete) return false;
  const due =
    ctx.health.digestCheckedAt === null || ctx.now() - ctx.health.digestCheckedAt >= DIGEST_EVERY_MS;
  if (!first.moved && !due) return true;
  if ((await digestMatches(ctx)) !== false) return true;
  ctx.health.heals += 1;
  await ctx.syncState.resetPull();
  const again = await pullFromStored(ctx);
  if (!again.complete) return false;
  if ((await digestMatches(ctx)) === false) {
    console.warn('sync: the log digest still differs after a full re-pull; checking again later');
  }
  return true;
};

export const DEFAULT_SYNC_STEPS: readonly SyncStep[] = [
  refreshConfig,
  uploadAttachments,
  pushOutbox,
  sendStatusChanges,
  pullChanges,
];
