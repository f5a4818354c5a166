import type { Status } from '#shared/status/status';
import type { DraftSummary } from '../repo/draft-repository';
import type { Repositories } from '../repo/open-repositories';

/** Statuses after which the kiosk's part is over: the dossier is with the authority. */
export const FINAL_STATUSES: ReadonlySet<Status | 'deleted'> = new Set<Status>([
  'submitted',
  'received',
  'done',
]);

const DAY_MS = 86_400_000;

export interface HousekeepingPlan {
  /** Synced, final, and final for longer than the retention period: erased from this device. */
  readonly erase: readonly string[];
  /** Synced and final, still kept: only their leftover sync bookkeeping goes. */
  readonly compact: readonly string[];
}

/**
 * Decides what housekeeping does. Only a draft with nothing waiting (no outbox operation, no status change
 * queued here) is touched; `now` and `statusAt` are server times, so a kiosk with a wrong clock erases on time.
 * Without a known retention period (never reached the server) nothing is erased.
 */
export function planHousekeeping(
  drafts: readonly DraftSummary[],
  queuedStatus: ReadonlySet<string>,
  now: number,
  retentionDays: number | null,
): HousekeepingPlan {
  const erase: string[] = [];
  const compact: string[] = [];
  for (const d of drafts) {
    if (d.syncState !== 'synced' || !FINAL_STATUSES.has(d.status) || queuedStatus.has(d.id)) continue;
    const expired =
      retentionDays !== null && d.statusAt !== undefined && now - d.statusAt > retentionDays * DAY_MS;
    (expired ? erase : compact).push(d.id);
  }
  return { erase, compact };
}

/**
 * Erases what retention allows and compacts what stays (see docs/kiosk-sync.md for why a final draft's merge
 * registers are kept whole). Run at start and whenever the volunteer is back at the draft list.
 */
export async function runHousekeeping(repos: Repositories, serverNow: number): Promise<HousekeepingPlan> {
  const [drafts, statuses, config] = await Promise.all([
    repos.drafts.list(),
    repos.statuses.byDraft(),
    repos.syncState.serverConfig(),
  ]);
  const plan = planHousekeeping(drafts, new Set(statuses.keys()), serverNow, config?.retentionDays ?? null);
  await repos.drafts.erase(plan.erase, serverNow);
  await repos.attachments.dropUploadRecords(plan.compact);
  repos.drafts.forget(plan.compact);
  return plan;
}
