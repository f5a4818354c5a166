import type { EntityOp, Merge } from '../entities/entity-type';

/** The body of a server-written record: its content and how many times the server has written it. */
export interface RecordBody {
  readonly version: number;
}

/** The latest version of a server-written record, or nothing yet. */
export interface RecordState<B extends RecordBody> {
  readonly id: string;
  readonly latest: { readonly hlc: string; readonly body: B } | null;
}

/**
 * Records only the server writes (review notes, published catalog entries, ...), like a dossier's status:
 * the highest `version` wins whatever the order of arrival; equal versions (never written by one server)
 * fall back to the later stamp so the rule stays order-independent.
 */
export function serverRecordMerge<B extends RecordBody>(): Merge<B, RecordState<B>> {
  return {
    rule: 'server-record',
    empty: (id) => ({ id, latest: null }),
    apply(state, op: EntityOp<B>) {
      if (op.id !== state.id) throw new Error('record for another entity');
      const cur = state.latest;
      const newer =
        cur === null ||
        op.body.version > cur.body.version ||
        (op.body.version === cur.body.version && op.hlc > cur.hlc);
      return newer ? { id: state.id, latest: { hlc: op.hlc, body: op.body } } : state;
    },
  };
}
