import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOps,
  conflictsOf,
  emptyDraft,
  hasConflicts,
  registerOf,
  visibleValues,
  type DraftState,
} from '#shared/merge/draft-state';
import { headsOf } from '#shared/merge/register';
import type { FieldValue, Operation, SetFieldOp } from '#shared/protocol/operation';
import { actionArb, DEVICES, DRAFT, FIELDS, sessionArb, skewsArb, VALUES, World, type Action } from './sim';

const devPair = fc
  .tuple(fc.nat(DEVICES.length - 1), fc.nat(DEVICES.length - 2))
  .map(([x, k]) => [x, (x + 1 + k) % DEVICES.length] as const);
const fieldIdx = fc.nat(FIELDS.length - 1);
const valueIdxs = fc.array(fc.nat(VALUES.length - 1), { minLength: 1, maxLength: 3 });
const noFlagActions = (actions: Action[]) => actions.filter((a) => a.t === 'time' || a.t === 'jump');

/** What a person should see, from the plain definition: LWW per field, removals later than every write they hide. */
function expectedVisible(ops: readonly Operation[]): Record<string, FieldValue> {
  const sets = ops.filter((o): o is SetFieldOp => o.kind === 'set');
  const latestWrite = [...sets, ...ops.filter((o) => o.kind === 'create')].reduce(
    (m, o) => (o.hlc > m ? o.hlc : m),
    '',
  );
  const latestDelete = ops.filter((o) => o.kind === 'delete').reduce((m, o) => (o.hlc > m ? o.hlc : m), '');
  if (latestDelete > latestWrite) return {};
  const lww = new Map<string, SetFieldOp>();
  for (const o of sets) if (o.hlc > (lww.get(o.field)?.hlc ?? '')) lww.set(o.field, o);
  const rowOf = (f: string) => f.split('.').slice(0, 2).join('.');
  const removed = (row: string) => {
    const marker = lww.get(`${row}._deleted`);
    if (marker?.value !== true) return false;
    return sets.every((o) => o.field.endsWith('._deleted') || rowOf(o.field) !== row || o.hlc < marker.hlc);
  };
  const out: Record<string, FieldValue> = {};
  for (const [field, o] of lww) {
    if (field.split('.').length === 3 && removed(rowOf(field))) continue;
    // A live row shows its marker as false, whatever its last write (a later edit revives a removed row).
    out[field] = field.endsWith('._deleted') ? false : o.value;
  }
  return out;
}

function expectConverged(w: World): DraftState {
  const [first, ...rest] = w.devices.map((d) => d.state);
  for (const s of rest) expect(s).toEqual(first);
  expect(applyOps(emptyDraft(DRAFT), [...w.log].reverse())).toEqual(first);
  expect(applyOps(emptyDraft(DRAFT), w.allOps())).toEqual(first);
  expect(w.clockFaults).toEqual([]);
  return first!;
}

describe('merge of three devices (properties)', () => {
  it('any interleaving, duplication and reordering converges on every replica, and no write is lost', () => {
    fc.assert(
      fc.property(skewsArb, sessionArb(), fc.nat(), (skews, actions, seed) => {
        const w = new World(skews);
        for (const a of actions) w.run(a);
        w.settle(seed);
        const state = expectConverged(w);
        expect(visibleValues(state)).toEqual(expectedVisible(w.allOps()));

        const written = [...w.written.values()];
        for (const { op } of written) {
          if (op.kind !== 'set') continue;
          const reg = registerOf(state, op.field)!;
          if (headsOf(reg).some((h) => h.hlc === op.hlc)) {
            // Still standing: shown, or kept as a conflict when its value differs.
            if (op.value !== reg.value) expect(reg.conflicts?.map((c) => c.hlc)).toContain(op.hlc);
          } else {
            const by = written.some(
              (o) => o.op.kind === 'set' && o.op.field === op.field && o.knew.has(op.hlc),
            );
            expect(by, `${op.field} = ${String(op.value)} (${op.hlc}) lost without being seen`).toBe(true);
          }
        }
      }),
      { numRuns: 600 },
    );
  });

  it('concurrent writes of one field by two devices always flag, on every replica', () => {
    fc.assert(
      fc.property(
        skewsArb,
        sessionArb(40),
        devPair,
        fieldIdx,
        valueIdxs,
        valueIdxs,
        fc.nat(),
        (skews, prefix, [x, y], field, xs, ys, seed) => {
          fc.pre(xs.at(-1) !== ys.at(-1));
          const w = new World(skews);
          for (const a of prefix) w.run(a);
          w.syncFully(w.devices[x]!, seed);
          w.syncFully(w.devices[y]!, seed + 1);
          const mine = xs.map((value) => ({ t: 'write', dev: x, field, value }) as const);
          const theirs = ys.map((value) => ({ t: 'write', dev: y, field, value }) as const);
          // The two devices type in turns, but neither sees the other's writes before settling.
          for (let i = 0; i < Math.max(mine.length, theirs.length); i++) {
            if (mine[i]) w.run(mine[i]!);
            if (theirs[i]) w.run(theirs[i]!);
          }
          w.settle(seed + 2);
          const state = expectConverged(w);
          const standing = headsOf(registerOf(state, FIELDS[field]!)!).map((h) => h.value);
          expect(standing).toContain(VALUES[xs.at(-1)!]);
          expect(standing).toContain(VALUES[ys.at(-1)!]);
          expect(conflictsOf(state).map((c) => c.field)).toContain(FIELDS[field]);
          expect(hasConflicts(state)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('writes made each after seeing every earlier one never flag', () => {
    const step = actionArb.filter((a) => ['write', 'row', 'delete', 'time', 'jump'].includes(a.t));
    fc.assert(
      fc.property(
        skewsArb,
        fc.array(step, { minLength: 10, maxLength: 40 }),
        fc.nat(),
        (skews, steps, seed) => {
          const w = new World(skews);
          steps.forEach((a, i) => {
            if ('dev' in a) w.syncFully(w.devices[a.dev]!, seed + i);
            w.run(a);
          });
          w.settle(seed);
          const state = expectConverged(w);
          expect(Object.values(state.fields).filter((r) => r.conflicts)).toEqual([]);
          expect(hasConflicts(state)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('concurrent writes of different fields merge without a flag', () => {
    fc.assert(
      fc.property(
        skewsArb,
        sessionArb(20),
        devPair,
        fc.uniqueArray(fc.tuple(fieldIdx, fc.nat(VALUES.length - 1)), {
          selector: ([f]) => f,
          minLength: 2,
          maxLength: 4,
        }),
        fc.nat(),
        (skews, noise, [x, y], writes, seed) => {
          const w = new World(skews);
          for (const a of noFlagActions(noise)) w.run(a);
          const half = Math.ceil(writes.length / 2);
          writes.forEach(([field, value], i) => w.run({ t: 'write', dev: i < half ? x : y, field, value }));
          w.settle(seed);
          const state = expectConverged(w);
          expect(hasConflicts(state)).toBe(false);
          expect(visibleValues(state)).toEqual(
            Object.fromEntries(writes.map(([f, v]) => [FIELDS[f], VALUES[v]])),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a confirmed value clears the conflicts its author saw, on every replica', () => {
    fc.assert(
      fc.property(
        skewsArb,
        sessionArb(40),
        devPair,
        fc.nat(DEVICES.length - 1),
        fieldIdx,
        fc.tuple(fc.nat(VALUES.length - 1), fc.nat(VALUES.length - 1), fc.nat(VALUES.length - 1)),
        fc.nat(),
        (skews, history, [x, y], resolver, field, [vx, vy, chosen], seed) => {
          fc.pre(vx !== vy);
          const w = new World(skews);
          for (const a of history) w.run(a);
          w.run({ t: 'write', dev: x, field, value: vx });
          w.run({ t: 'write', dev: y, field, value: vy });
          const r = w.devices[resolver]!;
          w.syncFully(r, seed);
          expect(registerOf(r.state, FIELDS[field]!)?.conflicts).toBeDefined();
          w.run({ t: 'resolve', dev: resolver, field, value: chosen });
          w.settle(seed + 1);
          const state = expectConverged(w);
          const reg = registerOf(state, FIELDS[field]!)!;
          expect(reg.value).toBe(VALUES[chosen]);
          expect(reg.conflicts).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});
