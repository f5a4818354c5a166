import { describe, expect, it } from 'vitest';
import { hlcDevice } from '#shared/clock/hlc';
import { HlcClock } from '#shared/clock/hlc-clock';
import { applyOps, emptyDraft, hasConflicts } from '#shared/merge/draft-state';
import { localSetOp, resolveConflictOps } from '#shared/merge/local-ops';
import { Operation } from '#shared/protocol/operation';

const DRAFT = '6f1c2a44-8f4b-4c3e-9a55-1d2e3f4a5b6c';
const T0 = Date.UTC(2025, 5, 3, 17, 30);
const SHA = 'a'.repeat(64);

describe('op builders', () => {
  it('builds valid operations: prev null for a new field, the shown write otherwise', () => {
    const clock = new HlcClock('pc1', () => T0);
    const first = localSetOp(emptyDraft(DRAFT), 'photo', SHA, clock, { blob: SHA });
    expect(Operation.parse(first)).toEqual({
      kind: 'set',
      hlc: first.hlc,
      draftId: DRAFT,
      field: 'photo',
      value: SHA,
      prev: null,
      blob: SHA,
    });
    const second = localSetOp(applyOps(emptyDraft(DRAFT), [first]), 'photo', null, clock);
    expect(second.prev).toBe(first.hlc);
    expect(second.hlc > first.hlc).toBe(true);
    expect(second).not.toHaveProperty('blob');
  });

  it('stamps after the shown write even when the caller never folded it into the clock', () => {
    const ahead = new HlcClock('pc2', () => T0 + 24 * 3_600_000);
    const behind = new HlcClock('pc1', () => T0);
    const theirs = localSetOp(emptyDraft(DRAFT), 'phone', '1', ahead);
    const mine = localSetOp(applyOps(emptyDraft(DRAFT), [theirs]), 'phone', '2', behind);
    expect(mine.hlc > theirs.hlc).toBe(true);
    expect(hlcDevice(mine.hlc)).toBe('pc1');
  });

  it("an edit started before another PC's value arrived keeps both: the unseen value is not overwritten", () => {
    const pc1 = new HlcClock('pc1', () => T0);
    const pc2 = new HlcClock('pc2', () => T0 + 1);
    // PC 1 starts typing in the empty name; PC 2's name arrives before PC 1 commits.
    const theirs = localSetOp(emptyDraft(DRAFT), 'fullName', 'Châu Ngô Yến', pc2);
    const arrived = applyOps(emptyDraft(DRAFT), [theirs]);
    const mine = localSetOp(arrived, 'fullName', 'Sơn Tâm', pc1, { seen: null });
    expect(mine.prev).toBeNull();
    const both = applyOps(arrived, [mine]);
    expect(both.fields.fullName?.value).toBe('Sơn Tâm');
    expect(both.fields.fullName?.conflicts).toEqual([{ value: 'Châu Ngô Yến', hlc: theirs.hlc }]);
    // Had PC 1 seen it (the default: the register as it is now), the edit would overwrite it knowingly.
    expect(hasConflicts(applyOps(arrived, [localSetOp(arrived, 'fullName', 'Sơn Tâm', pc1)]))).toBe(false);
  });

  it('a third PC settling a conflict of two others pushes one operation per other PC, ending on the chosen value', () => {
    const clocks = ['pc1', 'pc2', 'pc3'].map((id, i) => new HlcClock(id, () => T0 + i));
    const [a, b] = [
      localSetOp(emptyDraft(DRAFT), 'phone', '1', clocks[0]!),
      localSetOp(emptyDraft(DRAFT), 'phone', '2', clocks[1]!),
    ];
    const s = applyOps(emptyDraft(DRAFT), [a, b]);
    expect(hasConflicts(s)).toBe(true);
    const ops = resolveConflictOps(s, 'phone', '1', clocks[2]!);
    expect(ops.map((o) => o.prev)).toEqual([a.hlc, b.hlc]);
    const settled = applyOps(s, ops);
    expect(hasConflicts(settled)).toBe(false);
    expect(settled.fields.phone?.value).toBe('1');
  });
});
