import { canTransition, STATUS_RANK, type Status } from './status';

/** What the kiosk does with a pending status change the server refused as stale. */
export type RebaseDecision<T> =
  | { readonly action: 'drop' }
  | { readonly action: 'retry'; readonly change: T }
  | { readonly action: 'ask'; readonly local: Status; readonly server: Status };

/**
 * Re-bases a pending change (`expected` → `next`) on the status the server holds. A status records
 * what happened in the world (filed, taken in, asked for more), so the kiosk changes it on its own
 * only when nothing another device recorded is lost:
 * - drop when the wanted status already holds, or when it was `ready` and the dossier has gone past
 *   ready (being "ready" is the kiosk's own marker);
 * - retry from the server's status when the edge exists and moves the dossier forward;
 * - otherwise ask a person, showing both statuses (e.g. "edit again" while another PC submitted).
 */
export function rebase<T extends { readonly expected: Status; readonly next: Status }>(
  pending: T,
  current: Status,
): RebaseDecision<T> {
  const { next } = pending;
  if (current === next) return { action: 'drop' };
  if (next === 'ready' && STATUS_RANK[current] > STATUS_RANK.ready) return { action: 'drop' };
  if (canTransition(current, next) && STATUS_RANK[next] > STATUS_RANK[current]) {
    return { action: 'retry', change: { ...pending, expected: current } };
  }
  return { action: 'ask', local: next, server: current };
}
