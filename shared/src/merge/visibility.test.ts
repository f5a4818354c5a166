import { describe, expect, it } from 'vitest';
import { HlcClock } from '#shared/clock/hlc-clock';
import {
  applyOps,
  conflictsOf,
  emptyDraft,
  isDeleted,
  removedRows,
  visibleValues,
} from '#shared/merge/draft-state';
import { localDeleteOp, localSetOp } from '#shared/merge/local-ops';
import type { Operation } from '#shared/protocol/operation';

const DRAFT = '6f1c2a44-8f4b-4c3e-9a55-1d2e3f4a5b6c';
const T0 = Date.UTC(2025, 5, 3, 17, 30);

function clockOf(id: string, skewMs = 0): HlcClock {
  let t = T0 + skewMs;
  return new HlcClock(id, () => (t += 1000));
}

/** Writes `entries` one after another on one device, each op applied before the next is made. */
function writes(
  clock: HlcClock,
  entries: [string, string | boolean][],
  from = emptyDraft(DRAFT),
): Operation[] {
  let s = from;
  return entries.map(([field, value]) => {
    const op = localSetOp(s, field, value, clock);
    s = applyOps(s, [op]);
    return op;
  });
}

describe('draft delete', () => {
  it('hides every field once deleted', () => {
    const pc1 = clockOf('pc1');
    const ops = writes(pc1, [
      ['fullName', 'An'],
      ['phone', '0903'],
    ]);
    const s = applyOps(emptyDraft(DRAFT), ops);
    const deleted = applyOps(s, [localDeleteOp(s, pc1)]);
    expect(isDeleted(deleted)).toBe(true);
    expect(visibleValues(deleted)).toEqual({});
  });

  it('a delete stamped by a PC whose clock is behind still comes after every write it saw', () => {
    const ahead = clockOf('pc1', 24 * 3_600_000);
    const behind = clockOf('pc2', -24 * 3_600_000);
    const s = applyOps(emptyDraft(DRAFT), writes(ahead, [['fullName', 'An']]));
    expect(isDeleted(applyOps(s, [localDeleteOp(s, behind)]))).toBe(true);
  });

  it('an edit the deleting PC had not seen revives the whole draft, whatever the order', () => {
    const pc1 = clockOf('pc1');
    const pc2 = clockOf('pc2', 10_000);
    const base = writes(pc1, [
      ['fullName', 'An'],
      ['phone', '0903'],
    ]);
    const shared = applyOps(emptyDraft(DRAFT), base);
    const del = localDeleteOp(shared, pc1);
    const [edit] = writes(pc2, [['phone', '0904']], shared);
    for (const order of [
      [...base, del, edit!],
      [edit!, del, ...base],
      [del, ...base, edit!],
    ]) {
      const s = applyOps(emptyDraft(DRAFT), order);
      expect(isDeleted(s)).toBe(false);
      expect(visibleValues(s)).toEqual({ fullName: 'An', phone: '0904' });
    }
  });
});

describe('repeating-group rows', () => {
  it('a removed row disappears with all its fields', () => {
    const pc1 = clockOf('pc1');
    const s = applyOps(
      emptyDraft(DRAFT),
      writes(pc1, [
        ['members.r1.fullName', 'Bình'],
        ['members.r2.fullName', 'Chi'],
        ['members.r1._deleted', true],
      ]),
    );
    expect(removedRows(s)).toEqual(new Set(['members.r1']));
    expect(visibleValues(s)).toEqual({ 'members.r2.fullName': 'Chi' });
  });

  it('an edit of a row made without seeing its removal brings the row back; a removal after the edit wins', () => {
    const pc1 = clockOf('pc1');
    const pc2 = clockOf('pc2', 10_000);
    const base = writes(pc1, [
      ['members.r1.fullName', 'Bình'],
      ['members.r1.relation', 'con'],
    ]);
    const shared = applyOps(emptyDraft(DRAFT), base);
    const [removal] = writes(pc1, [['members.r1._deleted', true]], shared);
    const [edit] = writes(pc2, [['members.r1.relation', 'cháu']], shared);
    const s = applyOps(emptyDraft(DRAFT), [edit!, removal!, ...base]);
    // The revived row is live: its marker shows as false though the removal is its latest value.
    expect(visibleValues(s)).toEqual({
      'members.r1.fullName': 'Bình',
      'members.r1.relation': 'cháu',
      'members.r1._deleted': false,
    });

    const [again] = writes(pc1, [['members.r1._deleted', true]], s);
    expect(visibleValues(applyOps(s, [again!]))).toEqual({});
  });

  it('restoring a row is a write of _deleted = false', () => {
    const pc1 = clockOf('pc1');
    const s = applyOps(
      emptyDraft(DRAFT),
      writes(pc1, [
        ['members.r1.fullName', 'Bình'],
        ['members.r1._deleted', true],
        ['members.r1._deleted', false],
      ]),
    );
    expect(visibleValues(s)).toEqual({ 'members.r1.fullName': 'Bình', 'members.r1._deleted': false });
  });

  it('flags a disputed removal but not conflicts inside a removed row', () => {
    const pc1 = clockOf('pc1');
    const pc2 = clockOf('pc2', 10_000);
    const name1 = writes(pc1, [['members.r1.fullName', 'Bình']]);
    const name2 = writes(pc2, [['members.r1.fullName', 'Binh']]);
    const both = applyOps(emptyDraft(DRAFT), [...name1, ...name2]);
    expect(conflictsOf(both).map((c) => c.field)).toEqual(['members.r1.fullName']);

    const [removal] = writes(pc2, [['members.r1._deleted', true]], both);
    const removed = applyOps(both, [removal!]);
    expect(conflictsOf(removed)).toEqual([]);

    const [keep] = writes(pc1, [['members.r1._deleted', false]], both);
    const disputed = applyOps(removed, [keep!]);
    expect(conflictsOf(disputed).map((c) => c.field)).toEqual(['members.r1._deleted']);
  });
});
