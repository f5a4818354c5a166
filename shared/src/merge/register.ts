import { hlcDevice } from '../clock/hlc';
import type { FieldValue } from '../protocol/operation';

/** One write of a field: its value and its stamp, which is also its operation id. */
export interface FieldWrite {
  readonly value: FieldValue;
  readonly hlc: string;
}

/** A write as it arrives: `prev` names the write its author saw for the field (null if none). */
export interface IncomingWrite extends FieldWrite {
  readonly prev: string | null;
}

/**
 * One field: a last-writer-wins register that never drops a write silently.
 *
 * A write overwrites *knowingly* the write its `prev` names and the older writes of its own device
 * (a device always saw its own writes). The writes nobody overwrote knowingly are the heads — at most
 * one per device. The latest head is shown (`value`, `hlc`, `prev`: plain LWW by HLC, as the latest
 * write can never have been seen by another); other heads with another value are `conflicts` for a
 * person to confirm. The state depends only on the set of writes applied, not on their order or
 * repetition, which is what lets every replica converge.
 */
export interface FieldRegister {
  readonly value: FieldValue;
  readonly hlc: string;
  readonly prev: string | null;
  /** Heads with another value than `value`, oldest first. */
  readonly conflicts?: readonly FieldWrite[];
  /**
   * Heads with the same value as `value`, oldest first: no conflict today, but a later write that
   * overwrites only the shown head leaves them standing, and then they conflict.
   */
  readonly agreeing?: readonly FieldWrite[];
  /**
   * For each device whose latest write was overwritten, that write's stamp. With the heads it gives
   * every device's latest write, so an older or repeated write is recognised on arrival.
   */
  readonly overwritten?: readonly string[];
  /** Stamps named by a `prev` before they arrived: they arrive already overwritten. */
  readonly awaited?: readonly string[];
}

/** Every head of a register, the shown one included, oldest first. */
export function headsOf(reg: FieldRegister): FieldWrite[] {
  return [{ value: reg.value, hlc: reg.hlc }, ...(reg.conflicts ?? []), ...(reg.agreeing ?? [])].sort(byHlc);
}

/**
 * Merges one write into a register. Returns `reg` itself when the write changes nothing (a repeat,
 * or an older write of a device whose newer write is already in).
 */
export function mergeWrite(reg: FieldRegister | undefined, write: IncomingWrite): FieldRegister {
  let heads = reg ? headsOf(reg) : [];
  let overwritten = [...(reg?.overwritten ?? [])];
  let awaited = [...(reg?.awaited ?? [])];
  let changed = false;
  const latestOf = (device: string) =>
    heads.find((h) => hlcDevice(h.hlc) === device)?.hlc ?? overwritten.find((s) => hlcDevice(s) === device);

  // The write its author saw is overwritten now, or on arrival. A `prev` that is not older than
  // the write itself cannot be true (the author's clock had folded it in) and is ignored, so a
  // forged pair of writes naming each other cannot hide both.
  const device = hlcDevice(write.hlc);
  const seen = write.prev;
  if (seen !== null && seen < write.hlc && hlcDevice(seen) !== device) {
    const head = heads.find((h) => h.hlc === seen);
    if (head) {
      heads = heads.filter((h) => h !== head);
      overwritten.push(seen);
      changed = true;
    } else {
      const latest = latestOf(hlcDevice(seen));
      if ((latest === undefined || seen > latest) && !awaited.includes(seen)) {
        awaited.push(seen);
        changed = true;
      }
    }
  }

  const latest = latestOf(device);
  if (latest === undefined || write.hlc > latest) {
    heads = heads.filter((h) => hlcDevice(h.hlc) !== device);
    overwritten = overwritten.filter((s) => hlcDevice(s) !== device);
    const wasAwaited = awaited.includes(write.hlc);
    awaited = awaited.filter((s) => hlcDevice(s) !== device || s > write.hlc);
    if (wasAwaited) overwritten.push(write.hlc);
    else heads.push({ value: write.value, hlc: write.hlc });
    changed = true;
  }

  if (reg && !changed) return reg;
  return build(heads, overwritten, awaited, reg, write);
}

function build(
  heads: FieldWrite[],
  overwritten: string[],
  awaited: string[],
  reg: FieldRegister | undefined,
  write: IncomingWrite,
): FieldRegister {
  // The latest write overall is always a head: only a later write can name it or follow it.
  const shown = heads.reduce((a, b) => (b.hlc > a.hlc ? b : a));
  const prev = shown.hlc === write.hlc ? write.prev : (reg?.prev ?? null);
  const others = heads.filter((h) => h !== shown).sort(byHlc);
  const conflicts = others.filter((h) => h.value !== shown.value);
  const agreeing = others.filter((h) => h.value === shown.value);
  return {
    value: shown.value,
    hlc: shown.hlc,
    prev,
    ...(conflicts.length ? { conflicts } : {}),
    ...(agreeing.length ? { agreeing } : {}),
    ...(overwritten.length ? { overwritten: overwritten.sort() } : {}),
    ...(awaited.length ? { awaited: awaited.sort() } : {}),
  };
}

function byHlc(a: FieldWrite, b: FieldWrite): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0;
}
