import type { Scope } from '#shared/entities/scopes';

/** What the sync steps remember between cycles (in memory: after a restart everything is checked afresh). */
export interface SyncHealth {
  /** When the server's config was last fetched (ms, this device's clock). */
  configFetchedAt: number | null;
  /** When each scope's drift digest was last compared (ms, this device's clock). */
  readonly digestCheckedAt: Map<Scope, number>;
  /** How many times drift was found and healed by a re-pull since start. */
  heals: number;
  /** Each scope's cursor as last stored, so a poke that brings nothing new is dropped without a read. */
  readonly cursors: Map<Scope, number>;
  /** The highest seq the server has told of per scope (pokes, push answers). */
  readonly serverSeq: Map<Scope, number>;
  /** When each scope was last pulled (ms, this device's clock). */
  readonly pulledAt: Map<Scope, number>;
}

export const newSyncHealth = (): SyncHealth => ({
  configFetchedAt: null,
  digestCheckedAt: new Map(),
  heals: 0,
  cursors: new Map(),
  serverSeq: new Map(),
  pulledAt: new Map(),
});

/** Notes a seq the server told of; the highest is kept. */
export function noteServerSeq(health: SyncHealth, scope: Scope, seq: number): void {
  if (seq > (health.serverSeq.get(scope) ?? 0)) health.serverSeq.set(scope, seq);
}

/** Whether the server is known to hold more of a scope than this device has applied. */
export function knownBehind(health: SyncHealth, scope: Scope): boolean {
  const cursor = health.cursors.get(scope);
  return cursor === undefined ? health.serverSeq.has(scope) : (health.serverSeq.get(scope) ?? 0) > cursor;
}
