import type { StatusChangeRecord } from '../db/kiosk-db';
import type { Repositories } from '../repo/open-repositories';
import { isRetryableCode } from './api-error';
import type { SyncSnapshot } from './sync-engine';

/** What a volunteer sees about one draft's way to the server. */
export type DraftSyncView = 'waiting' | 'syncing' | 'synced' | 'conflict' | 'attachment-pending' | 'error';

/** Attachments of a draft that the server does not hold yet: none, on their way, or refused (needs a person). */
export type AttachmentsWaiting = 'none' | 'pending' | 'refused';

export interface DraftSyncFacts {
  readonly attachments: AttachmentsWaiting;
  /** Status changes asked for here, not yet confirmed by a pull. */
  readonly statusChanges: readonly StatusChangeRecord[];
}

export const NO_FACTS: DraftSyncFacts = { attachments: 'none', statusChanges: [] };

/**
 * The one state shown for a draft. What needs a person comes first (a conflict to settle, a refused photo,
 * an error the kiosk cannot retry away), then work still on its way.
 */
export function draftSyncView(
  draft: { readonly syncState: 'pending' | 'synced'; readonly conflicted: boolean },
  facts: DraftSyncFacts,
  engine: Pick<SyncSnapshot, 'phase' | 'error'>,
): DraftSyncView {
  if (draft.conflicted || facts.statusChanges.some((c) => c.state === 'ask')) return 'conflict';
  if (facts.attachments === 'refused') return 'error';
  const waiting = draft.syncState === 'pending' || facts.statusChanges.some((c) => c.state === 'pending');
  if (!waiting) return 'synced';
  if (facts.attachments === 'pending') return 'attachment-pending';
  if (engine.error && !isRetryableCode(engine.error)) return 'error';
  return engine.phase === 'syncing' ? 'syncing' : 'waiting';
}

/** The facts of every draft that has any, read without decrypting a draft. */
export async function loadSyncFacts(repos: Repositories): Promise<Map<string, DraftSyncFacts>> {
  const [referenced, statuses] = await Promise.all([
    repos.outbox.referencedBlobs(),
    repos.statuses.byDraft(),
  ]);
  const states = await repos.attachments.states(referenced.keys());
  const out = new Map<string, DraftSyncFacts>();
  for (const [draftId, changes] of statuses)
    out.set(draftId, { attachments: 'none', statusChanges: changes });
  for (const [sha, draftIds] of referenced) {
    const state = states.get(sha);
    if (state === 'uploaded') continue;
    const waiting: AttachmentsWaiting = state === 'too-large' || state === 'failed' ? 'refused' : 'pending';
    for (const draftId of draftIds) {
      const facts = out.get(draftId) ?? NO_FACTS;
      if (facts.attachments !== 'refused') out.set(draftId, { ...facts, attachments: waiting });
    }
  }
  return out;
}
