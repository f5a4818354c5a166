import type { Scope } from '#shared/entities/scopes';
import type { LeaseState } from '#shared/protocol/live';

/**
 * Something kiosks should hear about at once: a scope's log grew to `seq` (for a point, or with `pointId`
 * null for every point: a scope published for all), or a lease changed.
 */
export type LiveEvent =
  | { type: 'poke'; pointId: string | null; scope: Scope; seq: number }
  | { type: 'lease'; pointId: string; lease: LeaseState };

export type LiveListener = (event: LiveEvent) => void;

/** Point-scoped publish/subscribe between the request handlers and the open event streams. */
export interface LiveBus {
  /** Delivers to this process's subscribers of the point (and, for a shared bus, to other processes'). */
  publish(event: LiveEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(pointId: string, listener: LiveListener): () => void;
  close(): Promise<void>;
}

/** The bus of one process: enough for one server over SQLite. */
export function createLocalBus(): LiveBus {
  const byPoint = new Map<string, Set<LiveListener>>();
  return {
    publish(event) {
      const listeners =
        event.pointId === null
          ? [...byPoint.values()].flatMap((set) => [...set])
          : [...(byPoint.get(event.pointId) ?? [])];
      for (const listener of listeners) listener(event);
    },
    subscribe(pointId, listener) {
      const set = byPoint.get(pointId) ?? new Set<LiveListener>();
      set.add(listener);
      byPoint.set(pointId, set);
      return () => {
        set.delete(listener);
        if (!set.size && byPoint.get(pointId) === set) byPoint.delete(pointId);
      };
    },
    async close() {
      byPoint.clear();
    },
  };
}
