import type { z } from 'zod';
import { StatusOp } from '../protocol/operation';

/** A dossier's status. It changes only by compare-and-set on the server (see `decideStatusChange`). */
export const Status = StatusOp.shape.status;
export type Status = z.infer<typeof Status>;

/**
 * The edges the domain allows:
 * - draft → ready: the volunteer has checked the dossier; ready → draft: edit it again;
 * - ready → submitted: filed on the national portal;
 * - submitted → received: the authority took it in; submitted/received → needs-more: it asked for
 *   more (bổ sung hồ sơ), before or after taking it in;
 * - needs-more → ready (extra papers prepared) or → submitted (sent at once);
 * - received → done: the result is out. done is final.
 */
const EDGES: Readonly<Record<Status, readonly Status[]>> = {
  draft: ['ready'],
  ready: ['draft', 'submitted'],
  submitted: ['received', 'needs-more'],
  received: ['needs-more', 'done'],
  'needs-more': ['ready', 'submitted'],
  done: [],
};

export function canTransition(from: Status, to: Status): boolean {
  return EDGES[from].includes(to);
}

export function nextStatuses(from: Status): readonly Status[] {
  return EDGES[from];
}

/** Position in a dossier's life, used to tell whether the server moved past a change or away from it. */
export const STATUS_RANK: Readonly<Record<Status, number>> = {
  draft: 0,
  ready: 1,
  submitted: 2,
  received: 3,
  'needs-more': 4,
  done: 5,
};
