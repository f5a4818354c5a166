import type { Scope } from '#shared/entities/scopes';

/** Keys of the `syncState` table. */
export const SYNC_KEYS = {
  /** The HLC last issued or seen, so a restart never stamps an edit earlier than one already made. */
  clock: 'clock',
  /** Position in the point's log up to which pulled operations have been applied (`positionKeys`). */
  cursor: 'cursor:point',
  /** Digest of the ids of the operations pulled up to `cursor`, written with it (anti-entropy). */
  digest: 'digest:point',
  /** The server's last /config answer (upload limit, retention, lease time), for offline use. */
  serverConfig: 'serverConfig',
} as const;

/** The position keys of a scope's log (the point's are `SYNC_KEYS.cursor` and `SYNC_KEYS.digest`). */
export function positionKeys(scope: Scope): { cursor: string; digest: string } {
  return { cursor: `cursor:${scope}`, digest: `digest:${scope}` };
}
