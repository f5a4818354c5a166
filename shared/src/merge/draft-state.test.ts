import { describe, expect, it } from 'vitest';
import { HlcClock } from '#shared/clock/hlc-clock';
import {
  applyOp,
  applyOps,
  emptyDraft,
  hasConflicts,
  registerOf,
  visibleValues,
} from '#shared/merge/draft-state';
import { localSetOp, resolveConflictOps } from '#shared/merge/local-ops';
import type { FieldValue, DraftOp } from '#shared/protocol/operation';

const DRAFT = '6f1c2a44-8f4b-4c3e-9a55-1d2e3f4a5b6c';
const T0 = Date.UTC(2025, 5, 3, 17, 30);

/** One PC of a point: its clock (advancing a second per reading) and its replica of the draft. */
class Pc {
  state = emptyDraft(DRAFT);
  readonly clock: HlcClock;
  constructor(id: string, skewMs = 0) {
    let t = T0 + skewMs;
    this.clock = new HlcClock(id, () => (t += 1000));
  }
  write(field: string, value: FieldValue): DraftOp {
    const op = localSetOp(this.state, field, value, this.clock);
    this.apply(op);
    return op;
  }
  apply(...ops: DraftOp[]): void {
    for (const op of ops) {
      this.clock.receive(op.hlc);
      this.state = applyOp(this.state, op);
    }
  }
}

const permutations = <T>(xs: T[]): T[][] =>
  xs.length <= 1
    ? [xs]
    : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));

describe('draft merge', () => {
  it('two PCs editing different fields offline both keep their edits, without a flag', () => {
    const pc1 = new Pc('pc1');
    const pc2 = new Pc('pc2');
    const a = pc1.write('fullName', 'Nguyễn Văn An');
    const b = pc2.write('phone', '0903123456');
    pc1.apply(b);
    pc2.apply(a);
    expect(pc1.state).toEqual(pc2.state);
    expect(visibleValues(pc1.state)).toEqual({ fullName: 'Nguyễn Văn An', phone: '0903123456' });
    expect(hasConflicts(pc1.state)).toBe(false);
  });

  it('two PCs editing the same field offline: the later value shows, the other is kept and the draft flagged', () => {
    const pc1 = new Pc('pc1');
    const pc2 = new Pc('pc2', 5000);
    const a = pc1.write('fullName', 'Trần Thị Bình');
    const b = pc2.write('fullName', 'Trần Thị Bính');
    for (const order of permutations([a, b])) {
      const s = applyOps(emptyDraft(DRAFT), order);
      expect(visibleValues(s)).toEqual({ fullName: 'Trần Thị Bính' });
      expect(registerOf(s, 'fullName')?.conflicts).toEqual([{ value: 'Trần Thị Bình', hlc: a.hlc }]);
      expect(hasConflicts(s)).toBe(true);
    }
  });

  it('keeps the other PC value when one PC types on in several saves without having seen it', () => {
    const pc1 = new Pc('pc1');
    const pc2 = new Pc('pc2', 5000);
    const theirs = pc1.write('address', '12 Phan Đăng Lưu');
    const mine = [
      pc2.write('address', '1'),
      pc2.write('address', '14 Ph'),
      pc2.write('address', '14 Phan Xích Long'),
    ];
    const states = permutations([theirs, ...mine]).map((order) => applyOps(emptyDraft(DRAFT), order));
    for (const s of states) expect(s).toEqual(states[0]);
    expect(visibleValues(states[0]!)).toEqual({ address: '14 Phan Xích Long' });
    expect(registerOf(states[0]!, 'address')?.conflicts).toEqual([
      { value: '12 Phan Đăng Lưu', hlc: theirs.hlc },
    ]);
  });

  it('an edit made after seeing the other PC value replaces it without a flag, whatever the delivery order', () => {
    const pc1 = new Pc('pc1');
    const pc2 = new Pc('pc2');
    const a = pc1.write('phone', '0903000000');
    pc2.apply(a);
    const b = pc2.write('phone', '0903111111');
    for (const order of permutations([a, b, a])) {
      const s = applyOps(emptyDraft(DRAFT), order);
      expect(visibleValues(s)).toEqual({ phone: '0903111111' });
      expect(hasConflicts(s)).toBe(false);
    }
  });

  it('an edit on a flagged field keeps the flag until a person confirms a value', () => {
    const pc1 = new Pc('pc1');
    const pc2 = new Pc('pc2');
    const a = pc1.write('fullName', 'Lê Văn Cường');
    const b = pc2.write('fullName', 'Lê Văn Cuong');
    pc1.apply(b);
    pc2.apply(a);
    const c = pc2.write('fullName', 'Lê Văn Cườn');
    pc1.apply(c);
    expect(hasConflicts(pc1.state)).toBe(true);

    const confirm = resolveConflictOps(pc1.state, 'fullName', 'Lê Văn Cường', pc1.clock);
    expect(confirm).toHaveLength(1);
    pc1.apply(...confirm);
    pc2.apply(...confirm);
    for (const s of [pc1.state, pc2.state, applyOps(emptyDraft(DRAFT), [...confirm, c, b, a])]) {
      expect(visibleValues(s)).toEqual({ fullName: 'Lê Văn Cường' });
      expect(hasConflicts(s)).toBe(false);
    }
  });

  it('a write made during the confirmation by the other PC is flagged again', () => {
    const pc1 = new Pc('pc1');
    const pc2 = new Pc('pc2');
    const a = pc1.write('phone', '1');
    const b = pc2.write('phone', '2');
    pc1.apply(b);
    const confirm = resolveConflictOps(pc1.state, 'phone', '1', pc1.clock);
    const late = pc2.write('phone', '3');
    const s = applyOps(emptyDraft(DRAFT), [late, ...confirm, b, a]);
    expect(hasConflicts(s)).toBe(true);
    expect(
      new Set([s.fields.phone?.value, ...(s.fields.phone?.conflicts ?? []).map((c) => c.value)]),
    ).toEqual(new Set(['1', '3']));
  });

  it('the same value typed on both PCs is not a conflict, and the next edit does not make it one', () => {
    const pc1 = new Pc('pc1');
    const pc2 = new Pc('pc2', 5000);
    const a = pc1.write('ward', 'Phường Đức Nhuận');
    const b = pc2.write('ward', 'Phường Đức Nhuận');
    pc1.apply(b);
    pc2.apply(a);
    expect(hasConflicts(pc2.state)).toBe(false);
    const c = pc2.write('ward', 'Phường Cầu Kiệu');
    for (const order of permutations([a, b, c]))
      expect(hasConflicts(applyOps(emptyDraft(DRAFT), order))).toBe(false);
  });

  it('counts an edit whose seen value arrives later as having seen it', () => {
    const pc1 = new Pc('pc1');
    const pc2 = new Pc('pc2');
    const a = pc1.write('phone', 'a');
    pc2.apply(a);
    const b = pc2.write('phone', 'b');
    const s = applyOps(emptyDraft(DRAFT), [b]);
    expect(s.fields.phone?.awaited).toEqual([a.hlc]);
    const after = applyOp(s, a);
    expect(visibleValues(after)).toEqual({ phone: 'b' });
    expect(after.fields.phone?.conflicts).toBeUndefined();
  });

  it('returns the same state object for a repeated or older operation', () => {
    const pc1 = new Pc('pc1');
    const a = pc1.write('phone', 'a');
    const b = pc1.write('phone', 'b');
    const s = applyOps(emptyDraft(DRAFT), [a, b]);
    expect(applyOp(s, b)).toBe(s);
    expect(applyOp(s, a)).toBe(s);
  });

  it('accepts field names that are also names of Object.prototype members', () => {
    const pc1 = new Pc('pc1');
    pc1.write('constructor', 'x');
    pc1.write('toString', 'y');
    expect(visibleValues(pc1.state)).toEqual({ constructor: 'x', toString: 'y' });
    expect(registerOf(emptyDraft(DRAFT), 'constructor')).toBeUndefined();
  });

  it('keeps the procedure of the earliest create, whatever the order', () => {
    const early = {
      kind: 'create',
      hlc: '1749000000000:0000:pc2',
      draftId: DRAFT,
      procedureId: 'khai-sinh',
    } as const;
    const late = {
      kind: 'create',
      hlc: '1749000000000:0001:pc1',
      draftId: DRAFT,
      procedureId: 'ket-hon',
    } as const;
    expect(applyOps(emptyDraft(DRAFT), [late, early])).toEqual(
      applyOps(emptyDraft(DRAFT), [early, late, early]),
    );
    expect(applyOps(emptyDraft(DRAFT), [late, early]).procedureId).toBe('khai-sinh');
  });

  it('refuses an operation of another draft', () => {
    const op = {
      kind: 'delete',
      hlc: '1749000000000:0000:pc1',
      draftId: '00000000-0000-4000-8000-000000000000',
    } as const;
    expect(() => applyOp(emptyDraft(DRAFT), op)).toThrow(/another draft/);
  });
});

describe('server status changes in the log', () => {
  const id = '0b7e4c1a-2f43-4c55-9a51-7d1f0e6b2a10';
  const s1 = {
    kind: 'status',
    hlc: '0000000001000:0000:srv',
    draftId: id,
    status: 'ready',
    version: 1,
  } as const;
  const s2 = {
    kind: 'status',
    hlc: '0000000000900:0000:pc2',
    draftId: id,
    status: 'submitted',
    version: 2,
  } as const;

  it('keeps the highest accepted version whatever the delivery order', () => {
    const a = applyOps(emptyDraft(id), [s1, s2, s1]);
    const b = applyOps(emptyDraft(id), [s2, s1]);
    expect(a).toEqual(b);
    expect(a.status).toEqual({ value: 'submitted', version: 2 });
  });
});
