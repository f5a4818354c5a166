import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { expireLeases } from '../leases/lease-store';
import type { LiveBus } from '../live/bus';

/** A partial upload untouched for this long is abandoned. */
export const ABANDONED_UPLOAD_MS = 24 * 60 * 60 * 1000;

export interface HousekeepingResult {
  uploadsRemoved: number;
  leasesExpired: number;
}

async function lastTouched(paths: string[]): Promise<number | undefined> {
  let latest: number | undefined;
  for (const p of paths) {
    try {
      latest = Math.max(latest ?? 0, (await stat(p)).mtimeMs);
    } catch {
      // One of the pair may be missing (an interrupted create or cleanup).
    }
  }
  return latest;
}

/**
 * Removes partial uploads (the tus file store's `<id>` + `<id>.json`) not written to for `olderThanMs`.
 * Judged by the last write rather than the creation, so a slow upload that keeps resuming is left alone.
 */
export async function sweepAbandonedUploads(
  uploadDir: string,
  now: number = Date.now(),
  olderThanMs: number = ABANDONED_UPLOAD_MS,
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(uploadDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const ids = new Set(names.map((n) => (n.endsWith('.json') ? n.slice(0, -'.json'.length) : n)));
  let removed = 0;
  for (const id of ids) {
    const pair = [join(uploadDir, id), join(uploadDir, `${id}.json`)];
    const touched = await lastTouched(pair);
    if (touched === undefined || now - touched <= olderThanMs) continue;
    await Promise.all(pair.map((p) => rm(p, { force: true })));
    removed++;
  }
  return removed;
}

/** Deletes expired leases and tells their points (when a bus is given) that the drafts are free. */
export async function expireLeasesAndAnnounce(
  db: Kysely<Schema>,
  live: LiveBus | undefined,
  now: number = Date.now(),
): Promise<number> {
  const expired = await expireLeases(db, now);
  for (const { pointId, lease } of expired) live?.publish({ type: 'lease', pointId, lease });
  return expired.length;
}

export interface HousekeepingDeps {
  db: Kysely<Schema>;
  uploadDir: string;
  live?: LiveBus;
}

/** One round of everything the server tidies (also `cli.ts housekeeping`). */
export async function runHousekeeping(
  deps: HousekeepingDeps,
  now: number = Date.now(),
): Promise<HousekeepingResult> {
  return {
    uploadsRemoved: await sweepAbandonedUploads(deps.uploadDir, now),
    leasesExpired: await expireLeasesAndAnnounce(deps.db, deps.live, now),
  };
}

export interface Schedule {
  /** Stops the timers and waits for a round in progress, so nothing touches the database after. */
  stop(): Promise<void>;
}

/**
 * Expires leases every `leaseEveryMs` (so the other PC hears soon that a draft is free) and sweeps uploads
 * every `uploadsEveryMs` (0 = never). Rounds never overlap; failures are logged and retried next round.
 */
export function scheduleHousekeeping(
  deps: HousekeepingDeps & {
    leaseEveryMs: number;
    uploadsEveryMs: number;
    log: { warn(obj: object, msg: string): void };
  },
): Schedule {
  const timers: NodeJS.Timeout[] = [];
  const rounds = new Set<Promise<void>>();
  const every = (ms: number, job: () => Promise<unknown>, what: string) => {
    if (ms <= 0) return;
    let running: Promise<void> | undefined;
    const timer = setInterval(() => {
      if (running) return;
      const round = job().then(
        () => undefined,
        (err: unknown) => deps.log.warn({ err: { message: (err as Error).message } }, `${what} failed`),
      );
      running = round;
      rounds.add(round);
      void round.finally(() => {
        running = undefined;
        rounds.delete(round);
      });
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  every(deps.leaseEveryMs, () => expireLeasesAndAnnounce(deps.db, deps.live), 'lease expiry');
  every(deps.uploadsEveryMs, () => sweepAbandonedUploads(deps.uploadDir), 'upload sweep');
  return {
    async stop() {
      for (const t of timers.splice(0)) clearInterval(t);
      await Promise.all(rounds);
    },
  };
}
