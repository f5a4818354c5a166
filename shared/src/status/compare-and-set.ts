import type { StatusChangeRequest, StatusChangeResponse } from './messages';
import { canTransition, type Status } from './status';

/**
 * The server's compare-and-set rule, to run inside the transaction that reads `current` and writes
 * the answer's `status` back. A request whose wanted status already holds succeeds without change,
 * so a retry after a lost answer is harmless.
 */
export function decideStatusChange(
  current: Status,
  req: Pick<StatusChangeRequest, 'expected' | 'next'>,
): StatusChangeResponse {
  if (current === req.next) return { ok: true, status: current, changed: false };
  if (current === req.expected && canTransition(current, req.next)) {
    return { ok: true, status: req.next, changed: true };
  }
  return {
    ok: false,
    code: 'STATUS_CONFLICT',
    current,
    reason:
      current === req.expected
        ? `transition ${current} -> ${req.next} not allowed`
        : `expected status ${req.expected}, but it is ${current}`,
  };
}
