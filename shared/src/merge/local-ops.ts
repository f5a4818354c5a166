import { hlcDevice } from '../clock/hlc';
import type { HlcClock } from '../clock/hlc-clock';
import type { DeleteDraftOp, FieldValue, SetFieldOp } from '../protocol/operation';
import { registerOf, type DraftState } from './draft-state';
import { headsOf, type FieldRegister } from './register';

/** The part of a clock the op builders use. */
export type StampClock = Pick<HlcClock, 'deviceId' | 'tick' | 'receive'>;

/** What a local edit knows beyond its value. */
export interface LocalSetOptions {
  /** SHA-256 of an attachment the value references. */
  readonly blob?: string;
  /**
   * The field's register as it was on screen when the person started this edit (undefined: as it is now;
   * null: the field was empty). A value that arrived from elsewhere while the person was typing was not
   * seen, so the edit does not overwrite it knowingly: if the two differ, both stay as a conflict.
   */
  readonly seen?: FieldRegister | null;
}

/**
 * The operation for a person's edit of `field`, to apply locally and push. Its `prev` names the
 * write whose value was on screen, so the edit overwrites that write knowingly; writes shown as
 * conflicts stay conflicts (settle them with `resolveConflictOps`).
 */
export function localSetOp(
  state: DraftState,
  field: string,
  value: FieldValue,
  clock: StampClock,
  opts: LocalSetOptions = {},
): SetFieldOp {
  const seen = opts.seen === undefined ? registerOf(state, field) : opts.seen;
  foldIn(state, clock);
  return {
    kind: 'set',
    hlc: clock.tick(),
    draftId: state.draftId,
    field,
    value,
    prev: seen ? shownPrev(seen, clock.deviceId) : null,
    ...(opts.blob === undefined ? {} : { blob: opts.blob }),
  };
}

/**
 * The operations that record a person's choice of `value` for a conflicted field (one of the
 * values, or a new one). Each names one head of another device as `prev` (the device's own heads
 * are overwritten as its own older writes), so together they overwrite every head on screen.
 * With two devices writing, that is a single operation. Push all of them, in order.
 */
export function resolveConflictOps(
  state: DraftState,
  field: string,
  value: FieldValue,
  clock: StampClock,
): SetFieldOp[] {
  const reg = registerOf(state, field);
  if (!reg) return [localSetOp(state, field, value, clock)];
  foldIn(state, clock);
  const foreign = headsOf(reg)
    .map((h) => h.hlc)
    .filter((hlc) => hlcDevice(hlc) !== clock.deviceId);
  return (foreign.length ? foreign : [reg.hlc]).map((prev) => ({
    kind: 'set',
    hlc: clock.tick(),
    draftId: state.draftId,
    field,
    value,
    prev,
  }));
}

/** The operation that deletes the draft, stamped after every write this replica holds. */
export function localDeleteOp(state: DraftState, clock: StampClock): DeleteDraftOp {
  foldIn(state, clock);
  return { kind: 'delete', hlc: clock.tick(), draftId: state.draftId };
}

/**
 * Folds the draft's latest stamp into the clock, so a local operation sorts after everything this
 * replica holds even if the caller forgot to fold in what it pulled: an edit after the value it
 * replaces, a row removal or a delete after every write it hides.
 */
function foldIn(state: DraftState, clock: StampClock): void {
  let latest = state.createdHlc ?? '';
  if (state.deletedHlc !== null && state.deletedHlc > latest) latest = state.deletedHlc;
  for (const reg of Object.values(state.fields)) if (reg.hlc > latest) latest = reg.hlc;
  if (latest) clock.receive(latest);
}

/**
 * The write a person saw: the shown head, or rather a head of another device with the same value
 * (the device's own heads are overwritten anyway), so that agreeing heads do not surface later.
 */
function shownPrev(reg: FieldRegister, deviceId: string): string {
  const foreign = [{ hlc: reg.hlc }, ...(reg.agreeing ?? [])]
    .map((h) => h.hlc)
    .filter((hlc) => hlcDevice(hlc) !== deviceId)
    .sort();
  return foreign.at(-1) ?? reg.hlc;
}
