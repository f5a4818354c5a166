import fc from 'fast-check';
import { HlcClock } from '#shared/clock/hlc-clock';
import { applyOp, emptyDraft, registerOf, type DraftState } from '#shared/merge/draft-state';
import { localDeleteOp, localSetOp, resolveConflictOps } from '#shared/merge/local-ops';
import type { DraftOp } from '#shared/protocol/operation';

/**
 * A point in miniature: three devices with skewed clocks editing one draft offline, and a server
 * that keeps the log, loses acknowledgements and re-delivers in any order. Every operation records
 * which operations its writer's replica held when it was written, so tests can tell "overwritten
 * knowingly" from "lost".
 */

export const DRAFT = '6f1c2a44-8f4b-4c3e-9a55-1d2e3f4a5b6c';
export const T0 = Date.UTC(2025, 5, 3, 17, 30);
export const HOUR = 3_600_000;
export const DEVICES = ['pc1', 'pc2', 'pc3'] as const;
export const FIELDS = ['fullName', 'phone', 'members.r1.name', 'members.r2.name'] as const;
export const ROWS = ['members.r1', 'members.r2'] as const;
export const VALUES = ['An', 'Bình', 'Chi', 'Dũng'] as const;

export type Action =
  | { t: 'write'; dev: number; field: number; value: number }
  | { t: 'resolve'; dev: number; field: number; value: number }
  | { t: 'row'; dev: number; row: number; removed: boolean }
  | { t: 'delete'; dev: number }
  | { t: 'push'; dev: number; pick: number[]; ackLost: boolean }
  | { t: 'pull'; dev: number; pick: number[] }
  | { t: 'time'; ms: number }
  | { t: 'jump'; dev: number; ms: number };

const dev = fc.integer({ min: 0, max: DEVICES.length - 1 });
const pick = fc.array(fc.nat(), { maxLength: 24 });

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('write' as const),
      dev,
      field: fc.nat(FIELDS.length - 1),
      value: fc.nat(VALUES.length - 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('resolve' as const),
      dev,
      field: fc.nat(FIELDS.length - 1),
      value: fc.nat(VALUES.length - 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('row' as const),
      dev,
      row: fc.nat(ROWS.length - 1),
      removed: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('delete' as const), dev }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('push' as const), dev, pick, ackLost: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('pull' as const), dev, pick }) },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 10 * 60_000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('jump' as const), dev, ms: fc.integer({ min: -HOUR, max: HOUR }) }),
  },
);

/** A working session: long enough for devices to drift apart and sync several times. */
export const sessionArb = (maxLength = 80) =>
  fc.array(actionArb, { minLength: Math.min(20, maxLength), maxLength });

/** Clock skews of the three devices, within a day either way. */
export const skewsArb = fc.tuple(...DEVICES.map(() => fc.integer({ min: -24 * HOUR, max: 24 * HOUR })));

interface Device {
  readonly id: string;
  readonly clock: HlcClock;
  state: DraftState;
  readonly known: Set<string>;
  outbox: DraftOp[];
  lastCurrent: string;
  lastStamp: string;
}

/** Deterministic shuffles and duplicates from a seed (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random order of `ops`, with some of them repeated. */
export function scramble<T>(ops: readonly T[], random: () => number): T[] {
  const out = [...ops, ...ops.filter(() => random() < 0.3)];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export class World {
  trueNow = T0;
  /** Each device's wall clock minus the true time. */
  readonly skews: number[];
  readonly devices: Device[];
  readonly log: DraftOp[] = [];
  private readonly logged = new Set<string>();
  /** Every operation written, by id, with the ids its writer's replica held at the time. */
  readonly written = new Map<string, { op: DraftOp; knew: ReadonlySet<string> }>();
  /** Broken invariants of the clocks, as text (empty when all is well). */
  readonly clockFaults: string[] = [];

  constructor(skews: readonly number[]) {
    this.skews = DEVICES.map((_, i) => skews[i] ?? 0);
    this.devices = DEVICES.map((id, i) => ({
      id,
      clock: new HlcClock(id, () => this.trueNow + this.skews[i]!),
      state: emptyDraft(DRAFT),
      known: new Set(),
      outbox: [],
      lastCurrent: '',
      lastStamp: '',
    }));
    const creator = this.devices[0]!;
    this.record(creator, [
      { kind: 'create', hlc: creator.clock.tick(), draftId: DRAFT, procedureId: 'khai-sinh' },
    ]);
  }

  run(a: Action): void {
    const d = this.devices['dev' in a ? a.dev : 0]!;
    switch (a.t) {
      case 'write': {
        const field = FIELDS[a.field]!;
        this.record(d, [localSetOp(d.state, field, VALUES[a.value]!, d.clock)]);
        break;
      }
      case 'resolve': {
        const field = FIELDS[a.field]!;
        if (registerOf(d.state, field)?.conflicts?.length) {
          this.record(d, resolveConflictOps(d.state, field, VALUES[a.value]!, d.clock));
        }
        break;
      }
      case 'row':
        this.record(d, [localSetOp(d.state, `${ROWS[a.row]!}._deleted`, a.removed, d.clock)]);
        break;
      case 'delete':
        this.record(d, [localDeleteOp(d.state, d.clock)]);
        break;
      case 'push':
        this.push(
          d,
          a.pick.length ? a.pick.map((i) => d.outbox[i % d.outbox.length]).filter((o) => !!o) : [],
          a.ackLost,
        );
        break;
      case 'pull':
        if (this.log.length)
          this.deliver(
            d,
            a.pick.map((i) => this.log[i % this.log.length]!),
          );
        d.clock.receive(this.trueNow);
        break;
      case 'time':
        this.trueNow += a.ms;
        break;
      case 'jump':
        this.skews[a.dev] = Math.max(-24 * HOUR, Math.min(24 * HOUR, this.skews[a.dev]! + a.ms));
        break;
    }
    this.checkClocks();
  }

  /** Ends the session: every outbox reaches the server, then every device gets the whole log, scrambled. */
  settle(seed: number): void {
    const random = rng(seed);
    for (const d of this.devices) this.push(d, d.outbox, false);
    for (const d of this.devices) this.deliver(d, scramble(this.log, random));
    this.checkClocks();
  }

  /** Makes `d` hold every operation the server has, as a full sync would. */
  syncFully(d: Device, seed: number): void {
    for (const o of this.devices) this.push(o, o.outbox, false);
    this.deliver(d, scramble(this.log, rng(seed)));
    d.clock.receive(this.trueNow);
  }

  allOps(): DraftOp[] {
    return [...this.written.values()].map((w) => w.op);
  }

  private record(d: Device, ops: DraftOp[]): void {
    for (const op of ops) {
      if (op.hlc <= d.lastStamp) this.clockFaults.push(`${d.id} stamped ${op.hlc} after ${d.lastStamp}`);
      for (const k of d.known) {
        if (op.hlc <= k) this.clockFaults.push(`${d.id} stamped ${op.hlc}, not after seen ${k}`);
      }
      d.lastStamp = op.hlc;
      this.written.set(op.hlc, { op, knew: new Set(d.known) });
      this.apply(d, op);
      d.outbox.push(op);
    }
  }

  private push(d: Device, ops: readonly DraftOp[], ackLost: boolean): void {
    for (const op of ops) {
      if (!this.logged.has(op.hlc)) {
        this.logged.add(op.hlc);
        this.log.push(op);
      }
    }
    if (!ackLost) d.outbox = d.outbox.filter((o) => !ops.includes(o));
  }

  private deliver(d: Device, ops: readonly DraftOp[]): void {
    for (const op of ops) {
      d.clock.receive(op.hlc);
      this.apply(d, op);
    }
  }

  private apply(d: Device, op: DraftOp): void {
    d.state = applyOp(d.state, op);
    d.known.add(op.hlc);
  }

  private checkClocks(): void {
    for (const d of this.devices) {
      const cur = d.clock.current;
      if (cur < d.lastCurrent) this.clockFaults.push(`${d.id} went back from ${d.lastCurrent} to ${cur}`);
      d.lastCurrent = cur;
    }
  }
}
