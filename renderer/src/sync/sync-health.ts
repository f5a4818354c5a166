/** What the sync steps remember between cycles (in memory: after a restart everything is checked afresh). */
export interface SyncHealth {
  /** When the server's config was last fetched (ms, this device's clock). */
  configFetchedAt: number | null;
  /** When the drift digest was last compared (ms, this device's clock). */
  digestCheckedAt: number | null;
  /** How many times drift was found and healed by a re-pull since start. */
  heals: number;
}

export const newSyncHealth = (): SyncHealth => ({ configFetchedAt: null, digestCheckedAt: null, heals: 0 });
