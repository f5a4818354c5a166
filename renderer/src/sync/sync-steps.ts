import { hlcDevice } from '#shared/clock/hlc';
import { addToDigest, sameDigest, type Digest } from '#shared/digest/digest';
import { dossierOpOf } from '#shared/entities/dossier';
import { authorOf, type Operation, type OperationOf } from '#shared/entities/registry';
import { PUBLISHED_SCOPES, SCOPES, type Scope } from '#shared/entities/scopes';
import { DEFAULT_PULL_PAGE } from '#shared/protocol/limits';
import type { ServerConfig } from '#shared/protocol/server-config';
import { rebase } from '#shared/status/rebase';
import type { AttachmentRepository } from '../repo/attachment-repository';
import type { ClockStore } from '../repo/clock-store';
import type { DraftRepository } from '../repo/draft-repository';
import type { OutboxRepository } from '../repo/outbox-repository';
import type { PublishedRepository } from '../repo/published-repository';
import type { RecordRepository } from '../repo/record-repository';
import type { StatusRepository } from '../repo/status-repository';
import type { SyncStateRepository } from '../repo/sync-state-repository';
import type { ApiClient } from './api-client';
import { ApiError } from './api-error';
import { UploadError, type BlobUploader } from './blob-uploader';
import { pushOutbox } from './push-outbox';
import { knownBehind, noteServerSeq, type SyncHealth } from './sync-health';
import type { UploadActivity } from './upload-activity';

/** What the sync steps need: the API, the repositories, the uploader and a little memory between cycles. */
export interface SyncContext {
  readonly api: Pick<ApiClient, 'push' | 'pull' | 'digest' | 'config' | 'changeStatus' | 'hasBlob'>;
  readonly outbox: Pick<OutboxRepository, 'peek' | 'ack' | 'referencedBlobs'>;
  readonly drafts: Pick<DraftRepository, 'applyRemote'>;
  readonly records: Pick<RecordRepository, 'applyRemote'>;
  readonly published: Pick<PublishedRepository, 'applyPulled'>;
  readonly syncState: Pick<
    SyncStateRepository,
    'position' | 'resetPull' | 'advanceOverOwn' | 'serverConfig' | 'saveServerConfig'
  >;
  /** This device: its own operations are never applied again when a pull brings them back. */
  readonly deviceId: string;
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

/**
 * What one cycle does. `push`: the push steps (config, attachments, outbox, status changes). `pull`: the
 * scopes poked; like any scope, one is pulled only if, when the cycle runs, the server is known to hold more
 * of it than the cursor (a poke that arrived before the push answer moving the cursor costs nothing). `due`:
 * a scheduled cycle, which also pulls each scope whose time has come. `drift`: compare the digests that are due.
 */
export interface CyclePlan {
  readonly push: boolean;
  readonly pull: ReadonlySet<Scope>;
  readonly due: boolean;
  readonly drift: boolean;
}

/** One stage of a sync cycle. Returns false when it left work for a later cycle (retried with backoff). */
export type SyncStep = (ctx: SyncContext, plan: CyclePlan) => Promise<boolean>;

/** How long the server's config is trusted before it is asked again. */
export const CONFIG_MAX_AGE_MS = 10 * 60_000;
/** How often the drift digest of the point's log is compared (on scheduled cycles only). */
export const DIGEST_EVERY_MS = 60_000;
/** Published scopes change seldom and are poked when they do: their digest and timed pull are rarer. */
export const PUBLISHED_DIGEST_EVERY_MS = 10 * 60_000;
export const PUBLISHED_PULL_EVERY_MS = 5 * 60_000;

/** Asks the server for its rules (upload limit, retention, lease time) now and then, and keeps them for offline use. */
export const refreshConfig: SyncStep = async (ctx, plan) => {
  const { health } = ctx;
  if (!plan.push) return true;
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
export const uploadAttachments: SyncStep = async (ctx, plan) => {
  if (!plan.push) return true;
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
export const sendStatusChanges: SyncStep = async (ctx, plan) => {
  if (!plan.push) return true;
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

/** Whether this device wrote the operation and so applied it already (a server-written one it only asked for). */
function isOwn(ctx: SyncContext, op: Operation): boolean {
  return authorOf(op) === 'device' && hlcDevice(op.hlc) === ctx.deviceId;
}

/**
 * Applies one pulled page of a scope with its position: published records, or the point's records and
 * dossiers (dossiers last, as their repository writes the cursor with its last transaction, so the cursor
 * never runs ahead of what is applied). This device's own operations only count in the digest.
 */
async function applyPage(
  ctx: SyncContext,
  scope: Scope,
  ops: readonly Operation[],
  position: { cursor: number; digest: Digest },
): Promise<void> {
  const foreign = ops.filter((op) => !isOwn(ctx, op));
  if (scope !== 'point') {
    await ctx.published.applyPulled(scope, foreign, position);
    return;
  }
  await ctx.records.applyRemote(foreign.filter((op) => op.type !== 'dossier'));
  const dossiers = foreign.filter((op): op is OperationOf<'dossier'> => op.type === 'dossier');
  await ctx.drafts.applyRemote(dossiers.map(dossierOpOf), position);
}

/** Pulls a scope page after page from its stored cursor; each page, its cursor and the digest are stored together. */
async function pullScope(ctx: SyncContext, scope: Scope): Promise<boolean> {
  let { cursor, digest } = await ctx.syncState.position(scope);
  for (;;) {
    const page = await ctx.api.pull(scope, cursor, DEFAULT_PULL_PAGE);
    for (const { op } of page.ops) digest = addToDigest(digest, op.hlc);
    await applyPage(
      ctx,
      scope,
      page.ops.map((p) => p.op),
      { cursor: page.cursor, digest },
    );
    ctx.clock.receive(page.serverTime);
    ctx.onServerTime?.(page.serverTime);
    ctx.health.cursors.set(scope, page.cursor);
    noteServerSeq(ctx.health, scope, page.cursor);
    ctx.health.pulledAt.set(scope, ctx.now());
    // A server that says "more" without moving the cursor would keep us here forever.
    const stuck = page.hasMore && page.cursor <= cursor;
    cursor = page.cursor;
    if (!page.hasMore || stuck) return !stuck;
  }
}

/** Whether a scheduled cycle pulls the scope now: the point's log always, a published one now and then. */
function pullDue(ctx: SyncContext, scope: Scope): boolean {
  if (scope === 'point') return true;
  const at = ctx.health.pulledAt.get(scope);
  return at === undefined || ctx.now() - at >= PUBLISHED_PULL_EVERY_MS;
}

/**
 * Pulls the scopes the plan names (a poke whose seq is past the cursor), the ones the server is known to hold
 * more of (a poke, or a push answer showing another device's operations in between), and on a scheduled
 * cycle the ones that are due. A scope with nothing new is not asked: a poke repeating the cursor costs
 * nothing.
 */
export const pullChanges: SyncStep = async (ctx, plan) => {
  let complete = true;
  for (const scope of SCOPES) {
    if (!ctx.health.cursors.has(scope))
      ctx.health.cursors.set(scope, (await ctx.syncState.position(scope)).cursor);
    const wanted = knownBehind(ctx.health, scope) || (plan.due && pullDue(ctx, scope));
    if (wanted) complete = (await pullScope(ctx, scope)) && complete;
  }
  return complete;
};

/** Whether this device's digest of a scope up to its cursor equals the server's (null: the server cannot tell). */
async function digestMatches(ctx: SyncContext, scope: Scope): Promise<boolean | null> {
  const { cursor, digest } = await ctx.syncState.position(scope);
  let server;
  try {
    server = await ctx.api.digest(scope, cursor);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
  ctx.health.digestCheckedAt.set(scope, ctx.now());
  if (server.cursor !== cursor) return null;
  return sameDigest(digest, server);
}

/**
 * The drift check, on scheduled cycles only and at most every DIGEST_EVERY_MS per scope (published scopes:
 * PUBLISHED_DIGEST_EVERY_MS), never because a pull happened. On a difference it re-pulls the scope from 0 and
 * merges it again, which is harmless as every merge is idempotent. This is the only repair there is, and no
 * person ever has to start it.
 */
export const checkDrift: SyncStep = async (ctx, plan) => {
  if (!plan.drift) return true;
  let complete = true;
  for (const scope of SCOPES) {
    const every = (PUBLISHED_SCOPES as readonly Scope[]).includes(scope)
      ? PUBLISHED_DIGEST_EVERY_MS
      : DIGEST_EVERY_MS;
    const at = ctx.health.digestCheckedAt.get(scope);
    if (at !== undefined && ctx.now() - at < every) continue;
    if ((await digestMatches(ctx, scope)) !== false) continue;
    ctx.health.heals += 1;
    await ctx.syncState.resetPull(scope);
    ctx.health.cursors.set(scope, 0);
    if (!(await pullScope(ctx, scope))) {
      complete = false;
      continue;
    }
    if ((await digestMatches(ctx, scope)) === false) {
      console.warn(`sync: the ${scope} digest still differs after a full re-pull; checking again later`);
    }
  }
  return complete;
};

export const DEFAULT_SYNC_STEPS: readonly SyncStep[] = [
  refreshConfig,
  uploadAttachments,
  pushOutbox,
  sendStatusChanges,
  pullChanges,
  checkDrift,
];
