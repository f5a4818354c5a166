import { HlcClock } from '#shared/clock/hlc-clock';
import type {
  CreateDraftOp,
  DeleteDraftOp,
  FieldValue,
  LogOperation,
  Operation,
  SetFieldOp,
} from '#shared/protocol/operation';
import { applyOp, emptyDraft, isDeleted, visibleValues, type DraftState } from '#shared/merge/draft-state';
import { rowsByGroup } from '#shared/merge/group-rows';
import type { DraftSnapshot } from '#shared/protocol/sync';

/**
 * A device's local editing state as a test sees it: a real HLC, the drafts merged so far, and the ops
 * it made. Edits apply locally first (offline-first); syncing is the caller's business.
 */
export class EditingDevice {
  readonly clock: HlcClock;
  readonly drafts = new Map<string, DraftState>();

  constructor(
    readonly deviceId: string,
    now: () => number = () => Date.now(),
  ) {
    this.clock = new HlcClock(deviceId, now);
  }

  create(draftId: string, procedureId: string): CreateDraftOp {
    return this.local({ kind: 'create', hlc: this.clock.tick(), draftId, procedureId });
  }

  /** Sets a field, with `prev` = the register this device has seen, as the kiosk does. */
  set(draftId: string, field: string, value: FieldValue): SetFieldOp {
    const prev = this.drafts.get(draftId)?.fields[field]?.hlc ?? null;
    return this.local({ kind: 'set', hlc: this.clock.tick(), draftId, field, value, prev });
  }

  delete(draftId: string): DeleteDraftOp {
    return this.local({ kind: 'delete', hlc: this.clock.tick(), draftId });
  }

  /** Merges an op pulled from the log (another device's, or a server-written status) and folds in its stamp. */
  receive(op: LogOperation): void {
    this.clock.receive(op.hlc);
    this.merge(op);
  }

  private local<T extends Operation>(op: T): T {
    this.merge(op);
    return op;
  }

  private merge(op: LogOperation): void {
    this.drafts.set(op.draftId, applyOp(this.drafts.get(op.draftId) ?? emptyDraft(op.draftId), op));
  }
}

/**
 * A merged draft as GET /drafts/:id shows it: no conflict lists; a deleted draft (by the shared rule,
 * `isDeleted`) shows no fields, any other shows every field as merged, and the rows that exist.
 */
export function toSnapshot(state: DraftState): DraftSnapshot {
  const deleted = isDeleted(state);
  return {
    draftId: state.draftId,
    procedureId: state.procedureId ?? '',
    deleted,
    fields: deleted
      ? {}
      : Object.fromEntries(
          Object.entries(state.fields).map(([field, reg]) => [field, { value: reg.value, hlc: reg.hlc }]),
        ),
    rows: rowsByGroup(visibleValues(state)),
  };
}

/** Folds a log of ops into merged drafts, as a fresh device would after pulling everything. */
export function mergeAll(ops: Iterable<LogOperation>): Map<string, DraftState> {
  const out = new Map<string, DraftState>();
  for (const op of ops) out.set(op.draftId, applyOp(out.get(op.draftId) ?? emptyDraft(op.draftId), op));
  return out;
}
